// Internal to the timetable solver (not part of the public API): the problem in the
// shape the searches need, their random source, and the penalty annealing that
// timetable_search.cpp runs after its construction. See match/solve/timetable.h.
#pragma once

#include <cstdint>
#include <vector>

#include "base/random.h"
#include "match/solve/timetable.h"

namespace match {
namespace timetable_internal {

using match::Rng;

// The problem in the shape the search needs: per-meeting slot domains (allowed slots,
// both participants' availability and the fixed slot combined), meetings per
// participant, precedences per meeting.
struct Instance {
  int num_participants = 0;
  int num_slots = 0;
  int num_meetings = 0;
  int slot_capacity = 0;  // 0 = unlimited
  std::vector<int> capacity;
  std::vector<int> a, b;
  std::vector<char> fixed;
  std::vector<char> allowed;             // num_meetings * num_slots
  std::vector<std::vector<int>> domain;  // allowed slots, ascending
  std::vector<std::vector<int>> of;      // meetings of each participant, ascending
  std::vector<std::vector<int>> before;  // meetings that must come before m
  std::vector<std::vector<int>> after;   // meetings that must come after m

  explicit Instance(const TimetableProblem& problem) {
    num_participants = problem.num_participants();
    num_slots = problem.num_slots;
    num_meetings = static_cast<int>(problem.meetings.size());
    slot_capacity = problem.slot_capacity;
    capacity = problem.capacity;
    a.resize(num_meetings);
    b.resize(num_meetings);
    fixed.assign(num_meetings, 0);
    allowed.assign(static_cast<size_t>(num_meetings) * num_slots, 0);
    domain.resize(num_meetings);
    of.resize(num_participants);
    before.resize(num_meetings);
    after.resize(num_meetings);
    auto available = [&](int p, int s) {
      if (p >= static_cast<int>(problem.available.size())) return true;
      const auto& row = problem.available[p];
      return row.empty() || row[s];
    };
    for (int m = 0; m < num_meetings; ++m) {
      const auto& meeting = problem.meetings[m];
      a[m] = meeting.a;
      b[m] = meeting.b;
      fixed[m] = meeting.fixed_slot >= 0;
      of[meeting.a].push_back(m);
      of[meeting.b].push_back(m);
      for (int s = 0; s < num_slots; ++s) {
        const bool ok = (meeting.allowed.empty() || meeting.allowed[s]) && available(meeting.a, s) &&
                        available(meeting.b, s) && (meeting.fixed_slot < 0 || meeting.fixed_slot == s);
        if (ok) {
          allowed[static_cast<size_t>(m) * num_slots + s] = 1;
          domain[m].push_back(s);
        }
      }
    }
    for (const auto& [x, y] : problem.precedences) {
      after[x].push_back(y);
      before[y].push_back(x);
    }
  }

  bool Allowed(int m, int s) const { return allowed[static_cast<size_t>(m) * num_slots + s] != 0; }
  int Other(int m, int p) const { return a[m] == p ? b[m] : a[m]; }
};

// Whether meeting M, in SLOT[M], is strictly after every placed meeting that must
// precede it and before every placed meeting it must precede.
inline bool PrecedencesHold(const Instance& in, const std::vector<int>& slot, int m) {
  const int s = slot[m];
  for (const int x : in.before[m]) {
    if (slot[x] >= 0 && slot[x] >= s) return false;
  }
  for (const int y : in.after[m]) {
    if (slot[y] >= 0 && slot[y] <= s) return false;
  }
  return true;
}

// Spread above FAIRNESS (< 0: unbounded) given HISTOGRAM, the number of participants
// per number of breaks (at least one participant).
inline int SpreadExcess(const std::vector<int>& histogram, int fairness) {
  if (fairness < 0) return 0;
  int lo = 0, hi = static_cast<int>(histogram.size()) - 1;
  while (histogram[lo] == 0) ++lo;
  while (histogram[hi] == 0) --hi;
  return hi - lo > fairness ? hi - lo - fairness : 0;
}

// Options of Polish(); see timetable_polish.cpp.
struct PolishOptions {
  int fairness = 2;         // < 0: unbounded
  int fairness_weight = 3;  // breaks per unit of spread excess
  uint64_t seed = 1;
  int64_t moves = 0;    // budget
  int lower_bound = 0;  // stop when every meeting is placed and breaks reach it
};

struct PolishStats {
  int64_t moves = 0;     // moves tried
  bool optimal = false;  // stopped at the lower bound
};

// Whether Polish() handles the instance (it keeps one 64-bit mask per participant).
bool CanPolish(const Instance& in);

// Simulated annealing over single-meeting moves and swaps in the space of timetables
// that may break capacities (and precedences), at a price; see timetable_polish.cpp.
// SLOTS is a valid partial timetable on entry and on exit; on exit it is the best
// valid one visited: fewest unplaced meetings, then smallest spread excess, then
// fewest breaks. Deterministic for a given seed and budget.
PolishStats Polish(const Instance& in, const PolishOptions& options, std::vector<int>* slots);

}  // namespace timetable_internal
}  // namespace match
