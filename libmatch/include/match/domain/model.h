// The event: buyers, their stands and needs, suppliers, wishes and invitations, and the
// grid of meeting slots (interfaces.md §1, format standmatch.event/1).
//
// An Event is built by the loader (event_io.h), which validates everything, resolves
// references to indices and cuts the sessions into slots. After loading it is an
// immutable value: safe to share between threads for reading. Participants refer to
// each other by index into the Event's vectors (SupplierIndex, StandIndex, NeedIndex);
// ids are the strings of the file.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "match/domain/cpv.h"

namespace match {

using SupplierIndex = int;
using StandIndex = int;
using NeedIndex = int;
using BuyerIndex = int;

// Minutes since midnight, event-local.
using Minute = int;
// "10:40" -> 640; nullopt when not HH:MM with HH < 24 and MM < 60.
std::optional<Minute> ParseTime(std::string_view text);
// 640 -> "10:40"
std::string FormatTime(Minute minute);
// An ISO 8601 date-time, "2025-03-20T18:00" with optional seconds (":00") and offset
// ("Z", "+01:00"), -> Unix seconds. Without an offset the time is French metropolitan
// time (Europe/Paris: UTC+1, UTC+2 from the last Sunday of March to the last Sunday of
// October, both at 01:00 UTC). nullopt when malformed.
std::optional<int64_t> ParseDateTime(std::string_view text);

struct Window {
  Minute start = 0;
  Minute end = 0;
};

struct Slot {
  int index = 0;
  Minute start = 0;
  Minute end = 0;
};

// Company size class, Décret 2008-1354 art. 3 (DeriveSize in legal.h derives it).
enum class Size { kUnknown, kMicro, kPme, kEti, kGe };
// Inclusion structure kind: SIAE (EI, ETTI, AI, ACI, EITI), disability (EA, ESAT), GEIQ.
enum class Structure { kNone, kEI, kETTI, kAI, kACI, kEITI, kEA, kESAT, kGEIQ };
// Reserved contracts: L2113-12 (disability), L2113-13 (insertion), L2113-14 (both), L2113-15 (ESS).
enum class Reserved { kNone, kDisability, kInsertion, kDisabilityOrInsertion, kEss };
enum class Level : uint8_t { kNone, kMust, kWant, kNo };

std::string_view SizeName(Size size);                 // "micro", "pme", "eti", "ge", "unknown"
std::string_view StructureName(Structure structure);  // "EI", ..., "" for none
std::string_view ReservedName(Reserved reserved);     // "none", "disability", ...
std::string_view LevelName(Level level);              // "must", "want", "no", ""
bool IsSiae(Structure structure);                     // EI, ETTI, AI, ACI, EITI (not GEIQ)
bool IsDisabilityStructure(Structure structure);      // EA, ESAT

struct AwardHistory;  // awards.h

struct Buyer {
  std::string id, name, kind, commune, siret;
  std::string departement;  // given when the commune is not known ("94", "2A", "974")
  // Where it is for locality (Territory::Tier): the commune, else the département.
  const std::string& place() const { return commune.empty() ? departement : commune; }
};

struct Need {
  std::string id, title;
  std::string description;  // free text, optional: what is bought, in the buyer's words
  StandIndex stand = 0;
  std::vector<CpvCode> cpv;
  std::optional<double> amount_eur;
  std::string quarter;
  Reserved reserved = Reserved::kNone;
  bool reuse = false;
  double insertion_clause_pct = 0;
};

struct Stand {
  std::string id, title;
  BuyerIndex buyer = 0;
  int tables = 1;
  std::vector<Window> available;  // as given; empty = all sessions
  std::vector<NeedIndex> needs;
  std::vector<bool> slots;  // per event slot: staffed
};

struct Supplier {
  std::string id, name, siret, commune, legal_form, naf;
  std::string departement;  // given when the commune is not known ("94", "2A", "974")
  const std::string& place() const { return commune.empty() ? departement : commune; }  // as Buyer's
  std::string activity;  // free text, optional: what the supplier does, as on a registration form
  std::optional<int64_t> employees;
  std::optional<double> turnover_eur;
  Size size = Size::kUnknown;  // given, or derived from employees and turnover
  bool ess = false;            // given, or derived from the legal form
  Structure structure = Structure::kNone;
  std::vector<CpvCode> cpv;
  std::vector<std::string> reuse;  // reemploi, reconditionnement, recyclage, location
  std::vector<std::string> labels;
  std::optional<double> lat, lon;  // optional coordinates
  std::vector<Window> available;   // as given; empty = all sessions
  std::optional<int> max_meetings;
  std::vector<bool> slots;  // per event slot: available
  // Past public contracts of the company (AttachAwards, awards.h); null when none.
  std::shared_ptr<const AwardHistory> history;
};

// A supplier's wish for a stand, or a stand's invitation of a supplier.
struct Interest {
  SupplierIndex supplier = 0;
  StandIndex stand = 0;
  Level level = Level::kNone;
};

struct Event {
  std::string format = "standmatch.event/1";
  std::string id, name, date, commune;
  std::vector<std::string> territory;  // INSEE codes of the organising territory
  std::vector<Window> sessions;
  int slot_minutes = 10;
  struct Break {
    Window window;
    std::string label;
  };
  std::vector<Break> breaks;
  std::vector<Slot> slots;  // meeting slots, in time order
  // event.wishes_close (optional): after it, participants may no longer change their
  // wishes and invitations. As given, and as Unix seconds (ParseDateTime).
  std::string wishes_close;
  std::optional<int64_t> wishes_close_at;

  std::vector<Buyer> buyers;
  std::vector<Stand> stands;
  std::vector<Need> needs;  // all stands' needs, stand by stand
  std::vector<Supplier> suppliers;
  std::vector<Interest> wishes;       // from suppliers
  std::vector<Interest> invitations;  // from stands

  std::map<std::string, SupplierIndex, std::less<>> supplier_index;
  std::map<std::string, StandIndex, std::less<>> stand_index;

  // Wish and invitation levels by pair (key: PairKey(supplier, stand)).
  std::unordered_map<int64_t, Level> wish_levels, invitation_levels;
  static int64_t PairKey(SupplierIndex supplier, StandIndex stand) {
    return (static_cast<int64_t>(supplier) << 32) | static_cast<uint32_t>(stand);
  }

  std::optional<SupplierIndex> FindSupplier(std::string_view id) const;
  std::optional<StandIndex> FindStand(std::string_view id) const;
  // The supplier's wish level for the stand and the stand's invitation level.
  Level WishLevel(SupplierIndex supplier, StandIndex stand) const;
  Level InvitationLevel(SupplierIndex supplier, StandIndex stand) const;
};

// Cuts the sessions into slots and marks each participant's available slots.
// A slot is usable when it overlaps no break; a participant can meet in a slot lying
// entirely inside one of its windows (all sessions when it gives none).
void BuildSlots(Event& event);
std::vector<bool> SlotsWithin(const Event& event, const std::vector<Window>& windows);

}  // namespace match
