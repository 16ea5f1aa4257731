// Timetable: the slot assignment of meetings between two participants.
//
// MODEL. A TimetableProblem has `num_slots` consecutive time slots, participants
// 0..P-1 and meetings; each meeting joins two participants and needs one slot. Hard
// constraints: a participant holds at most `capacity[p]` meetings per slot (1 for a
// person; k for a stand with k tables), only in its available slots and in the
// meeting's allowed slots; a fixed meeting takes its fixed slot; a precedence (x, y)
// puts meeting x strictly before meeting y; at most `slot_capacity` meetings share a
// slot (rooms or tables in total; 0 = unlimited). A participant is busy in a slot when
// it holds at least one meeting there. Its BREAKS are the maximal runs of idle slots
// between two busy slots (runs, not idle slots); 0 or 1 busy slot means 0 breaks. The
// SPREAD is max_p breaks(p) - min_p breaks(p) over all participants. The objective is
// lexicographic: (1) place as many meetings as possible, (2) keep the spread within
// TimetableOptions::fairness, (3) minimise the total number of breaks. This is the
// B2B meeting-scheduling problem of Bofill et al., "Constraint Solving Approaches to
// the Business-to-Business Meeting Scheduling Problem", JAIR 73 (2022), extended with
// participant capacities; without availability limits it is bipartite edge colouring.
//
// ALGORITHM. (1) A greedy placement, most constrained meeting first, with
// alternating-path (Kempe chain) insertion when no slot is free: for capacity-1
// participants without availability limits, slot_capacity or precedences and with
// degree <= num_slots every meeting is placed (König's edge-colouring theorem). (2) If
// meetings are left out, a tabu search on constraint violations (min-conflicts) tries
// to place them; meetings still in conflict at the end are left unplaced. (3)
// Simulated annealing over Kempe-chain moves (a meeting moves from slot s to t and the
// meetings it displaces alternate between t and s; a slot over slot_capacity is
// allowed at a price and may eject meetings into the other slot; one move in 16
// rotates a range of whole slot columns; with a slot_capacity, one move in 8 is a
// compound "park and fill": a participant idle inside its day in a full slot takes one
// of its meetings there while a meeting of that slot moves to a slot with room where
// both its participants are idle, priced as one move), on the cost fairness_weight *
// spread excess + breaks, guided by the idle slots inside each participant's day,
// restarted from the best solution at a lower temperature; meetings still unplaced are
// offered a Kempe insertion now and then. For days of at most 64 slots each
// participant's busy slots are a 64-bit mask, so a participant's breaks cost a few bit
// operations and a chain O(its length) (longer days use the older, slower annealing).
// It stops when the breaks reach a lower bound (the sum over participants of the
// fewest breaks its own meetings' slot domains allow), and a round ends early when its
// best stops improving (counted in moves). Default budget: 15,000 moves per meeting,
// at most 3 million and at most 2e9 / meetings (events of thousands of meetings stay
// well under a second); `effort` moves per meeting overrides it.
//
// DETERMINISM. The search uses its own seeded generator and counts moves, never the
// clock: the same problem and options give the same slots on every machine.
//
// OWNERSHIP AND THREADS. The solver copies the problem. A solver is not thread-safe;
// distinct solvers may run concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "match/base/status.h"

namespace match {

struct TimetableProblem {
  int num_slots = 0;
  // Per participant: meetings it can hold in one slot (>= 1).
  std::vector<int> capacity;
  // Per participant, per slot: whether it can meet then. An empty inner vector (or a
  // participant beyond the outer vector's size) means every slot.
  std::vector<std::vector<bool>> available;
  // Meetings per slot over everyone (locations, tables); 0 = unlimited.
  int slot_capacity = 0;

  struct Meeting {
    int a = 0;                  // participant index
    int b = 0;                  // participant index, != a
    std::vector<bool> allowed;  // per slot; empty = every slot
    int fixed_slot = -1;        // 0-based slot it must take, or -1
  };
  std::vector<Meeting> meetings;

  // (x, y): meeting x strictly before meeting y (both placed).
  std::vector<std::pair<int, int>> precedences;

  int num_participants() const { return static_cast<int>(capacity.size()); }
};

struct TimetableOptions {
  // Fairness bound: max - min breaks over participants; < 0 = unbounded.
  int fairness = 2;
  // Seed of the search's pseudo-random generator.
  uint64_t seed = 1;
  // Search budget in Kempe moves per meeting (deterministic, not wall-clock);
  // <= 0 takes the default (see ALGORITHM above).
  int64_t effort = 0;
  // Cost of one unit of spread above `fairness`, in breaks, during the annealing.
  int fairness_weight = 3;
};

// The breaks of each participant under SLOT (one 0-based slot or -1 per meeting).
std::vector<int> CountBreaks(const TimetableProblem& problem, const std::vector<int>& slot);

// Spread (max - min) of BREAKS; 0 when empty.
int Spread(const std::vector<int>& breaks);

// Checks the problem's shape: indices in range, vector sizes, capacities >= 1.
// Messages name the field, e.g. "meetings[3].b: 12 is not a participant (0..9)".
Status ValidateTimetableProblem(const TimetableProblem& problem);

// Every hard constraint broken by SLOT, one message each (empty = valid); unplaced
// meetings (-1) are allowed here.
std::vector<std::string> TimetableViolations(const TimetableProblem& problem, const std::vector<int>& slot);

class TimetableSolver {
 public:
  explicit TimetableSolver(TimetableProblem problem, TimetableOptions options = {});
  ~TimetableSolver();
  TimetableSolver(const TimetableSolver&) = delete;
  TimetableSolver& operator=(const TimetableSolver&) = delete;

  // Solves. Returns InvalidInput for a malformed problem; otherwise OK, even when some
  // meetings could not be placed (see placed()) or the spread exceeds the bound (see
  // fairness_met()). Accessors below are valid after an OK Solve().
  Status Solve();

  // The 0-based slot of MEETING, or -1 when it is unplaced.
  int slot(int meeting) const { return slots_[meeting]; }
  const std::vector<int>& slots() const { return slots_; }
  int placed() const;
  int total_breaks() const;
  int spread() const { return Spread(breaks_); }
  bool fairness_met() const { return options_.fairness < 0 || spread() <= options_.fairness; }
  const std::vector<int>& breaks() const { return breaks_; }
  // A lower bound on total_breaks() over all timetables placing every meeting; when
  // total_breaks() equals it and every meeting is placed, the result is optimal.
  int lower_bound() const { return lower_bound_; }
  // Kempe moves tried by the annealing (a measure of the work done).
  int64_t moves() const { return moves_; }

 private:
  TimetableProblem problem_;
  TimetableOptions options_;
  std::vector<int> slots_;
  std::vector<int> breaks_;
  int lower_bound_ = 0;
  int64_t moves_ = 0;
};

}  // namespace match
