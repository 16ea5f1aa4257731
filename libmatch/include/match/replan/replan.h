// Re-planning on the day: a new schedule after cancellations, no-shows, late arrivals,
// walk-ins and stand changes (changes.h), that fills freed places and moves as few
// people as possible. docs/changes.md states the semantics in full.
//
// MODEL. Meetings starting before `now` are history and never change, except their
// status: held, or no_show for the meeting a no_show change names (schedule.h). A future meeting
// is CANCELLED when its supplier cancelled or did not show or the organiser cancelled
// it; it is DISPLACED when one of the two is no longer available in its slot, or its
// stand has fewer tables than meetings in that slot (locked meetings keep their table
// first, then lower tables); every other future meeting is KEPT at its slot and table.
// The participants a change concerns (a new window or table count, a walk-in, a freed
// meeting) are TOUCHED; the waiting list is every scored pair with a touched
// participant that is not met, not cancelled and shares a future slot. Then:
//   1. selection (selection.h) with history and kept meetings as forced candidates and
//      the waiting list as the other candidates, capacities counted from now on;
//   2. placement: the selected new meetings go, most constrained first, into a future
//      slot where both are free around the kept meetings (which hold their slots),
//      the slot next to the most of the two participants' meetings (fewer breaks),
//      the earliest on ties; pairs that fit nowhere are excluded and the selection runs
//      again (as BuildSchedule does). A greedy placement rather than the TimetableSolver:
//      with a few hundred new meetings among thousands of fixed ones its search took
//      0.5-4 s per round on the 2,000-supplier forum, the greedy takes milliseconds;
//   3. repair: each remaining waiting pair, best first (must, then score), whose
//      supplier has budget left is placed in a slot where one of its two participants
//      is busy by moving that participant's meeting (one for the supplier, one for the
//      stand) to another free slot, but only within
//      rules.replan.max_moves_per_participant: a kept meeting moved away from its
//      original slot counts one move for each of its two participants; meetings added
//      by this re-plan move free of charge. Every repair lets one more meeting in, so a
//      kept meeting moves only when that strictly adds value.
//   4. tables: kept meetings keep their table where it still exists, others take the
//      lowest free one; FinishSchedule computes unmet pairs and metrics.
// NOTICE. No meeting is added to, or moved into, a slot that starts sooner than now
// plus rules.replan.min_notice_minutes (ReplanStats::first_open_slot); kept meetings in
// those slots stay where they are.
// A pair of two untouched participants is not reconsidered (nothing changed for
// either), so with no change the result is the input schedule, byte for byte once
// written.
//
// COMPLEXITY. One scoring of the changed event, then per round (at most 25) one
// selection (network simplex on all participants) and a placement in O(N x S) for N new
// meetings and S slots; the repair costs O(W x S^2 x T) for W waiting pairs and T
// tables per stand. The 2,000-supplier forum re-plans in about 0.1 s
// (benchmarks/bench_replan.cpp).
//
// DETERMINISM. No clock, no randomness, ties broken by index: the same inputs give
// the same schedule, diff and files, byte for byte.
//
// OWNERSHIP AND THREADS. Replan copies what it needs; a ReplanResult is a plain value.
// The functions are thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "match/base/status.h"
#include "match/io/rules.h"
#include "match/replan/changes.h"
#include "match/replan/schedule_diff.h"
#include "match/schedule/schedule.h"
#include "match/score/scoring.h"

namespace match {

struct ReplanOptions {
  // The moment of the re-plan; overrides ChangeSet::now. With neither, nothing is
  // history (a re-plan before the first slot).
  std::optional<Minute> now;
  // Suppliers to reconsider though no change names them: those a newer revision of the
  // event added (RebaseSchedule). They are touched, so they go on the waiting list.
  std::vector<SupplierIndex> added_suppliers;
};

struct ReplanStats {
  Minute now = 0;
  int first_future_slot = 0;
  // The first slot starting at least rules.replan.min_notice_minutes after now: no
  // meeting is added to or moved into a slot before it (first_future_slot when no
  // `now` was given).
  int first_open_slot = 0;
  int history = 0;    // meetings before now, unchanged
  int kept = 0;       // future meetings neither cancelled nor displaced
  int cancelled = 0;  // future meetings cancelled by the changes
  int displaced = 0;  // future meetings the changes pushed out of their slot
  int waiting = 0;    // pairs on the waiting list
  int added = 0;      // meetings of pairs that had none
  int repairs = 0;    // waiting pairs placed by moving other meetings
  int moves = 0;      // kept meetings moved by the repair (churn)
  int max_moves = 0;  // the most any participant was charged
  int rounds = 0;     // selection/timetable rounds
};

struct ReplanResult {
  ChangedEvent changed;  // changed.event: the event as changed, to check the schedule against
  ScoreTable scores;     // of changed.event
  Schedule schedule;     // the new schedule (meetings carry their ICS sequence)
  ScheduleDiff diff;     // from the input schedule, with reasons
  // Repair moves charged to each participant (<= rules.replan.max_moves_per_participant).
  std::vector<int> supplier_moves, stand_moves;
  ReplanStats stats;
};

// Re-plans SCHEDULE (of EVENT) after CHANGES (read against both). InvalidInput when a
// change contradicts history or a meeting refers to no participant or slot.
Result<ReplanResult> Replan(const Event& event, const Rules& rules, const Schedule& schedule, const ChangeSet& changes,
                            const ReplanOptions& options = {});

// What an organiser should see before publishing a re-plan (the console's warnings):
//   "short_notice": a meeting moved or cancelled whose slot (before or after) starts
//     less than kShortNoticeMinutes after now;
//   "no_meeting": a participant that had meetings and has none left (a cancelled or
//     absent supplier excepted).
struct ReplanWarning {
  std::string kind;             // "short_notice" or "no_meeting"
  SupplierIndex supplier = -1;  // -1 when the warning names a stand only
  StandIndex stand = -1;        // -1 when it names a supplier only
  int minutes = 0;              // short_notice: minutes between now and the slot
  std::string text;             // for people, in French
};
inline constexpr int kShortNoticeMinutes = 30;
std::vector<ReplanWarning> ReplanWarnings(const Schedule& before, const ReplanResult& result);

}  // namespace match
