// B2B meeting-scheduling instances of the Girona business forums (Bofill et al., JAIR
// 2022), read from their MiniZinc data files (.dzn), and their conversion into a
// TimetableProblem.
//
// The .dzn holds: nBusiness, nMeetings, nTables (meetings per slot), nTotalSlots,
// nMorningSlots (slots 1..k are the morning, k+1.. the afternoon), requested (one row
// "p1, p2, session" per meeting; session 1 = morning, 2 = afternoon, 3 = any),
// meetingsxBusiness (per participant {1} U {m + 1}: meeting ids shifted by one, 1 is
// a dummy), nMeetingsBusiness, forbidden (per participant, forbidden slots; 0 is a
// dummy), fixed (slot or 0 per meeting) and precedences (per meeting, the meetings
// that must come strictly before it). Everything in the file is 1-based; a
// B2bInstance is 0-based. The redundant fields are checked against `requested`.
//
// Plain values, thread-compatible.
#pragma once

#include <string>
#include <vector>

#include "match/base/status.h"
#include "match/solve/timetable.h"

namespace match {

struct B2bInstance {
  enum class Session { kMorning = 1, kAfternoon = 2, kAny = 3 };
  struct Meeting {
    int a = 0;  // 0-based participant
    int b = 0;  // 0-based participant
    Session session = Session::kAny;
  };

  int num_participants = 0;
  int num_tables = 0;
  int num_slots = 0;
  int num_morning_slots = 0;  // == num_slots when the day has no afternoon
  std::vector<Meeting> meetings;
  std::vector<std::vector<int>> forbidden;    // per participant: 0-based slots
  std::vector<int> fixed;                     // per meeting: 0-based slot or -1
  std::vector<std::vector<int>> precedences;  // per meeting: 0-based meetings before it
};

// Parses TEXT, the content of a .dzn file named FILE (FILE only labels messages).
// Errors name the file, the line and the value:
//   "forum.dzn: line 7: requested[3]: participant 80 is not in 1..70".
Result<B2bInstance> ParseDzn(const std::string& text, const std::string& file);

// Reads and parses the .dzn file at PATH.
Result<B2bInstance> ReadDzn(const std::string& path);

// One participant per business (capacity 1), forbidden slots as unavailability,
// sessions as allowed slots, nTables as slot capacity, fixed slots and precedences.
TimetableProblem ToTimetableProblem(const B2bInstance& instance);

// What simple counts prove about an instance before any search. Participants and
// meetings are named 1-based, as in the .dzn file.
struct B2bFeasibility {
  // Reasons no timetable places every meeting, one sentence each, e.g.
  //   "participant 7 has 10 meetings but 9 usable slots (not forbidden, in their sessions)"
  //   "meeting 12 (participants 3 and 8, morning) has no allowed slot: ..."
  // Empty when no count proves it (the instance may still be infeasible).
  std::vector<std::string> placement;
  // The 0-based meetings those reasons name as unplaceable (no allowed slot).
  std::vector<int> unplaceable;
  // Why the fairness bound cannot be met with every meeting placed, when the fixed
  // meetings force more breaks on some participant than FAIRNESS allows over the
  // fewest breaks another participant can have; empty otherwise.
  std::string fairness;
  bool placement_possible() const { return placement.empty(); }
};
// FAIRNESS < 0: no bound (fairness is never reported).
B2bFeasibility CheckB2bFeasibility(const B2bInstance& instance, int fairness);

}  // namespace match
