// Synthetic events: realistic standmatch.event/1 documents of any size, for tests,
// benchmarks and demonstrations.
//
// A generated event looks like an EPT's reverse-stand morning (or a full business day)
// scaled to the requested size: buyers (communes, the EPT, other public bodies) hold
// stands presenting needs on sustainable-procurement themes (printing, reused furniture,
// refurbished IT, bio-waste, works, cleaning, green spaces, catering, ...), with real CPV
// codes drawn from a built-in pool that spans supplies (03-44), works (45) and services
// (50-98) at several hierarchy levels, so that suppliers match some needs at division,
// group or class level and not others. Suppliers have the mix of a real forum: micro
// firms, PME, a few ETI/GE; ESS (associations, SCOP, SCIC); inclusion structures (EI,
// ETTI, AI, ACI, EA, ESAT, and GEIQ, which is not an SIAE); real INSEE communes,
// Île-de-France heavy; reuse practices; partial availability, meeting budgets, wishes
// and invitations. Names are coined (no real company), SIRETs are random with a valid
// Luhn key. Every document says `"synthetic": true` in its `event`.
//
// Determinism: the output is a pure function of the options: std::mt19937_64 (fully
// specified by the C++ standard) with hand-written distributions, no floating-point
// output, no clock, so the same options give the same bytes on every platform.
// Cost: O(suppliers + needs + wishes) time and memory; 20,000 suppliers x 2,000 needs
// take well under a second.
//
// Thread-safety: the functions are pure and may be called concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "match/base/status.h"

namespace match {

struct GenerateOptions {
  // --- Size ---
  // Number of suppliers.
  int suppliers = 150;
  // Number of stands; buyers hold one to three stands each.
  int stands = 20;
  // Each stand presents between 1 and this many needs (uniformly).
  int needs_per_stand_max = 3;
  // Each stand staffs between 1 and this many tables (1 is the most common).
  int tables_max = 3;

  // --- Time grid ---
  // 1: a morning; 2: a morning and an afternoon.
  int sessions = 1;
  // Meeting slots per session, not counting the coffee break.
  int slots = 12;
  // Length of a slot, in minutes.
  int slot_minutes = 10;
  // Adds a one-slot coffee break in the middle of each session of 6 slots or more
  // (the session is one slot longer).
  bool coffee_break = true;

  // --- Behaviour of the participants (shares in [0, 1]) ---
  // Share of suppliers, and of stands, present only part of the time.
  double partial_availability = 0.2;
  // Share of suppliers who state wishes (1 to wishes_max stands; a few are `no`).
  double wish_share = 0.5;
  int wishes_max = 3;
  // Share of suppliers with a meeting budget (`max_meetings` between 2 and 6).
  double max_meetings_share = 0.25;
  // Invitations from stands, as a share of the number of suppliers.
  double invitation_share = 0.05;

  // --- Randomness ---
  // Same seed, same options: same bytes.
  uint64_t seed = 1;
};

// OK, or kInvalidInput naming the first field out of range (counts must be positive,
// shares in [0, 1], and the sessions must fit in the day).
Status CheckGenerateOptions(const GenerateOptions& options);

// The JSON text (UTF-8, one record per line, ending in a newline) of a synthetic
// standmatch.event/1 event. OPTIONS must pass CheckGenerateOptions; out-of-range
// values are clamped to the nearest valid one.
std::string GenerateEvent(const GenerateOptions& options);

// The CPV codes (with check digit, e.g. "39130000-2") the generator draws from,
// sorted; every one is in the official CPV 2008 list.
std::vector<std::string> GeneratorCpvCodes();

// The INSEE commune codes the generator draws from, sorted; all real.
std::vector<std::string> GeneratorCommuneCodes();

}  // namespace match
