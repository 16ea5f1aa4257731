// Sourcing: which structures of a directory to invite to an event's stands, and why.
//
// Before a forum, organisers and inclusion facilitators work from directories (the
// public SIAE export, the GEIQ list, a network's members: directory.h), not from
// registrations. Source scores every directory entry against every stand's needs as
// the event's own suppliers are scored (scoring.h: the NAF label's words against the
// needs' text, locality, ESS and inclusion status, reserved-contract eligibility as a
// gate) and keeps, for each stand, the K best entries, each with the reasons every
// ranking gives (ranking.h's Explain). An entry already among the event's suppliers
// (same SIRET) is left out, and a structure listed twice (one SIRET under two kinds)
// comes once per stand. The result can be written as invitations for the organiser to
// merge into the event (interfaces.md §6), all of them or the structures the organiser
// chose (SourceChosen). A Sourcing owns its data; pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "match/base/lang.h"
#include "match/base/status.h"
#include "match/domain/cpv.h"
#include "match/domain/model.h"
#include "match/io/directory.h"
#include "match/io/rules.h"
#include "match/score/scoring.h"

namespace match {

struct SourceOptions {
  int top = 10;                     // candidates per stand; <= 0: all
  std::optional<StandIndex> stand;  // one stand, else every stand
  // Reference for tests and benchmarks: score every (entry, need) pair (ScoreAllPairs)
  // instead of the candidates of the index; the same result.
  bool all_pairs = false;
};

struct Sourcing {
  // The event's buyers, stands and needs with the directory's entries as its suppliers
  // (no wishes, no invitations, no index of suppliers by id): what the pairs' indices
  // refer to.
  Event event;
  std::vector<int> lines;  // per supplier of `event`: its directory line
  ScoreTable table;
  struct StandCandidates {
    StandIndex stand = 0;
    std::vector<const PairScore*> candidates;  // best first, into `table`
  };
  std::vector<StandCandidates> stands;
  int already_suppliers = 0;  // directory entries left out: already suppliers of the event
};

// DIRECTORY's entries become the suppliers of the result's event: pass it with
// std::move when it is not needed afterwards (a directory of 10^5 entries copies in
// tens of milliseconds).
Sourcing Source(const Event& event, Directory directory, const Rules& rules, const Territory& territory,
                const SourceOptions& options = {});

// The organiser's choice among the candidates of one stand: Source for STAND with only
// the entries of DIRECTORY whose SIRET is in SIRETS, every one of them (no top), best
// first. An entry already a supplier of EVENT is kept: its invitation, merged, names
// that supplier (MergeInvitations). An empty choice, a SIRET of no entry, or one whose
// structure answers none of the stand's needs, is an error naming the SIRET and
// DIRECTORY (its name).
Result<Sourcing> SourceChosen(const Event& event, const Directory& directory, const Rules& rules,
                              const Territory& territory, StandIndex stand, const std::vector<std::string>& sirets);

// {"stands": [{"stand": ID, "candidates": [{"siret", "name", "naf", "commune", "score",
// "reasons"}]}]}, candidates best first, `commune` the INSEE code (or the département
// when only it is known), reasons in LANG.
std::string SourcingJson(const Sourcing& sourcing, const Territory& territory, const CpvList* labels = nullptr,
                         Lang lang = Lang::kFr);
// The same for a terminal: per stand, one line per candidate and its reasons.
std::string SourcingText(const Sourcing& sourcing, const Territory& territory, const CpvList* labels = nullptr,
                         Lang lang = Lang::kFr);
// The candidates as invitations at LEVEL (must or want): {"event": ID, "suppliers":
// [records of the event file's suppliers], "invitations": [{"stand", "supplier",
// "level"}]}, each supplier once, so both arrays append to the event file (§1).
std::string SourcingInvitationsJson(const Sourcing& sourcing, Level level);

}  // namespace match
