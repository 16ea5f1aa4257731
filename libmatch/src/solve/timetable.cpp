// The timetable model: validation, breaks, spread and the hard-constraint check.
// The search itself is in timetable_search.cpp.
#include <algorithm>
#include <string>
#include <vector>

#include "match/solve/timetable.h"

namespace match {
namespace {

bool Allows(const std::vector<bool>& mask, int slot) { return mask.empty() || mask[static_cast<size_t>(slot)]; }

bool ParticipantAvailable(const TimetableProblem& problem, int participant, int slot) {
  if (participant >= static_cast<int>(problem.available.size())) return true;
  return Allows(problem.available[static_cast<size_t>(participant)], slot);
}

std::string Range(int count) { return "(0.." + std::to_string(count - 1) + ")"; }

}  // namespace

std::vector<int> CountBreaks(const TimetableProblem& problem, const std::vector<int>& slot) {
  const int num_participants = problem.num_participants();
  const int num_slots = problem.num_slots;
  std::vector<char> busy(static_cast<size_t>(num_participants) * num_slots, 0);
  for (size_t m = 0; m < problem.meetings.size() && m < slot.size(); ++m) {
    const int s = slot[m];
    if (s < 0 || s >= num_slots) continue;
    const auto& meeting = problem.meetings[m];
    busy[static_cast<size_t>(meeting.a) * num_slots + s] = 1;
    busy[static_cast<size_t>(meeting.b) * num_slots + s] = 1;
  }
  std::vector<int> breaks(static_cast<size_t>(num_participants), 0);
  for (int p = 0; p < num_participants; ++p) {
    int runs = 0;
    bool previous = false;
    for (int s = 0; s < num_slots; ++s) {
      const bool now = busy[static_cast<size_t>(p) * num_slots + s] != 0;
      if (now && !previous) ++runs;
      previous = now;
    }
    breaks[static_cast<size_t>(p)] = std::max(0, runs - 1);
  }
  return breaks;
}

int Spread(const std::vector<int>& breaks) {
  if (breaks.empty()) return 0;
  const auto [lo, hi] = std::minmax_element(breaks.begin(), breaks.end());
  return *hi - *lo;
}

Status ValidateTimetableProblem(const TimetableProblem& problem) {
  std::vector<std::string> errors;
  const int num_slots = problem.num_slots;
  const int num_participants = problem.num_participants();
  const int num_meetings = static_cast<int>(problem.meetings.size());
  if (num_slots < 0) errors.push_back("num_slots: " + std::to_string(num_slots) + " is negative");
  if (num_slots == 0 && num_meetings > 0) {
    errors.push_back("num_slots: 0 slots for " + std::to_string(num_meetings) + " meetings");
  }
  if (problem.slot_capacity < 0) {
    errors.push_back("slot_capacity: " + std::to_string(problem.slot_capacity) + " is negative");
  }
  for (int p = 0; p < num_participants; ++p) {
    if (problem.capacity[static_cast<size_t>(p)] < 1) {
      errors.push_back("capacity[" + std::to_string(p) +
                       "]: " + std::to_string(problem.capacity[static_cast<size_t>(p)]) +
                       " is not a positive number of meetings per slot");
    }
  }
  if (static_cast<int>(problem.available.size()) > num_participants) {
    errors.push_back("available: " + std::to_string(problem.available.size()) + " rows for " +
                     std::to_string(num_participants) + " participants");
  }
  for (size_t p = 0; p < problem.available.size(); ++p) {
    const size_t size = problem.available[p].size();
    if (size != 0 && size != static_cast<size_t>(num_slots)) {
      errors.push_back("available[" + std::to_string(p) + "]: " + std::to_string(size) + " entries for " +
                       std::to_string(num_slots) + " slots");
    }
  }
  for (int m = 0; m < num_meetings; ++m) {
    const auto& meeting = problem.meetings[static_cast<size_t>(m)];
    const std::string where = "meetings[" + std::to_string(m) + "]";
    for (const auto& [field, value] :
         {std::pair<const char*, int>{"a", meeting.a}, std::pair<const char*, int>{"b", meeting.b}}) {
      if (value < 0 || value >= num_participants) {
        errors.push_back(where + "." + field + ": " + std::to_string(value) + " is not a participant " +
                         Range(num_participants));
      }
    }
    if (meeting.a == meeting.b) {
      errors.push_back(where + ": participant " + std::to_string(meeting.a) + " cannot meet itself");
    }
    const size_t size = meeting.allowed.size();
    if (size != 0 && size != static_cast<size_t>(num_slots)) {
      errors.push_back(where + ".allowed: " + std::to_string(size) + " entries for " + std::to_string(num_slots) +
                       " slots");
    }
    if (meeting.fixed_slot < -1 || meeting.fixed_slot >= num_slots) {
      errors.push_back(where + ".fixed_slot: " + std::to_string(meeting.fixed_slot) + " is not a slot " +
                       Range(num_slots));
    }
  }
  for (size_t i = 0; i < problem.precedences.size(); ++i) {
    const auto [x, y] = problem.precedences[i];
    const std::string where = "precedences[" + std::to_string(i) + "]";
    if (x < 0 || x >= num_meetings || y < 0 || y >= num_meetings) {
      errors.push_back(where + ": (" + std::to_string(x) + ", " + std::to_string(y) + ") names a meeting outside " +
                       Range(num_meetings));
    } else if (x == y) {
      errors.push_back(where + ": meeting " + std::to_string(x) + " cannot precede itself");
    }
  }
  if (errors.empty()) return Status();
  return Status(Status::Code::kInvalidInput, std::move(errors));
}

std::vector<std::string> TimetableViolations(const TimetableProblem& problem, const std::vector<int>& slot) {
  std::vector<std::string> out;
  const int num_slots = problem.num_slots;
  const int num_meetings = static_cast<int>(problem.meetings.size());
  if (static_cast<int>(slot.size()) != num_meetings) {
    out.push_back(std::to_string(slot.size()) + " slots for " + std::to_string(num_meetings) + " meetings");
    return out;
  }
  std::vector<int> load(static_cast<size_t>(problem.num_participants()) * num_slots, 0);
  std::vector<int> count(static_cast<size_t>(num_slots), 0);
  for (int m = 0; m < num_meetings; ++m) {
    const int s = slot[static_cast<size_t>(m)];
    if (s == -1) continue;
    const auto& meeting = problem.meetings[static_cast<size_t>(m)];
    const std::string who = "meeting " + std::to_string(m);
    if (s < -1 || s >= num_slots) {
      out.push_back(who + ": slot " + std::to_string(s) + " does not exist");
      continue;
    }
    if (!Allows(meeting.allowed, s)) out.push_back(who + ": slot " + std::to_string(s) + " is not allowed");
    if (meeting.fixed_slot >= 0 && meeting.fixed_slot != s) {
      out.push_back(who + ": slot " + std::to_string(s) + " instead of its fixed slot " +
                    std::to_string(meeting.fixed_slot));
    }
    for (const int p : {meeting.a, meeting.b}) {
      if (!ParticipantAvailable(problem, p, s)) {
        out.push_back(who + ": participant " + std::to_string(p) + " is not available in slot " + std::to_string(s));
      }
      ++load[static_cast<size_t>(p) * num_slots + s];
    }
    ++count[static_cast<size_t>(s)];
  }
  for (int p = 0; p < problem.num_participants(); ++p) {
    for (int s = 0; s < num_slots; ++s) {
      const int l = load[static_cast<size_t>(p) * num_slots + s];
      if (l > problem.capacity[static_cast<size_t>(p)]) {
        out.push_back("participant " + std::to_string(p) + ": " + std::to_string(l) + " meetings in slot " +
                      std::to_string(s) + ", capacity " + std::to_string(problem.capacity[static_cast<size_t>(p)]));
      }
    }
  }
  for (int s = 0; s < num_slots && problem.slot_capacity > 0; ++s) {
    if (count[static_cast<size_t>(s)] > problem.slot_capacity) {
      out.push_back("slot " + std::to_string(s) + ": " + std::to_string(count[static_cast<size_t>(s)]) +
                    " meetings, slot capacity " + std::to_string(problem.slot_capacity));
    }
  }
  for (const auto& [x, y] : problem.precedences) {
    const int sx = slot[static_cast<size_t>(x)];
    const int sy = slot[static_cast<size_t>(y)];
    if (sx >= 0 && sy >= 0 && sx >= sy) {
      out.push_back("precedence: meeting " + std::to_string(x) + " (slot " + std::to_string(sx) +
                    ") is not before meeting " + std::to_string(y) + " (slot " + std::to_string(sy) + ")");
    }
  }
  return out;
}

}  // namespace match
