// Award history: the public contracts a supplier has won (DECP, données essentielles de
// la commande publique), as a profile that scoring reads next to the registration.
//
// An Award is one (contract, awardee) pair, cleaned by the loader (io/awards_io.h).
// AttachAwards gives each supplier of an event the awards of its company: an award
// names its awardee by SIRET or SIREN and a supplier by SIRET; they meet on the SIREN
// (the first 9 digits), so all establishments of a company share one history. After
// attaching, an AwardHistory is immutable and shared (safe for concurrent readers).
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "match/domain/cpv.h"
#include "match/domain/model.h"

namespace match {

struct Award {
  int contract = 0;     // the contract's number in its file: the awards of one contract share it
  std::string awardee;  // SIREN (9 digits) of the awardee
  std::string buyer;    // the buyer's SIRET (14 digits) or another id as published
  CpvCode cpv;
  std::string commune;      // INSEE code of the place of execution, when known
  std::string departement;  // its département ("94", "2A", "974"), when known
  std::optional<double> amount_eur;
  int year = 0;        // of the notification date (0: unknown)
  std::string date;    // "YYYY-MM-DD" or empty
  std::string object;  // the contract's object, as published
};

// One company's past awards, with what the criteria read of them.
struct AwardHistory {
  std::vector<Award> awards;                // by date, then as loaded
  std::optional<double> median_amount_eur;  // of the awards with an amount
  int first_year = 0;                       // earliest known notification year (0: none known)
};

// The SIREN of a SIRET or SIREN (the first 9 digits), or "" when ID is neither.
std::string SirenOf(std::string_view id);

// Gives each supplier of EVENT whose SIRET (or SIREN) matches an awardee the history
// of its company (Supplier::history); returns how many suppliers got one. A supplier
// with no SIRET, or none matching, keeps no history.
int AttachAwards(Event& event, std::span<const Award> awards);

// True when some supplier of EVENT has a history (the history criteria count only then).
bool HasAwardHistory(const Event& event);

}  // namespace match
