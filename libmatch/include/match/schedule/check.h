// The independent schedule checker: does a schedule.json (standmatch.schedule/1,
// interfaces.md §2) respect its event and rules?
//
// The checker shares no code with the engine that builds schedules (no selection,
// timetable or schedule parsing code): it reads the JSON itself and checks every
// meeting against the event as loaded (event_io.h) and the legal facts (legal.h), so a
// bug in the engine cannot hide itself. It checks:
//   - the format "standmatch.schedule/1" and the event id;
//   - the slot grid: the event's slots (sessions cut into slot_minutes, breaks removed),
//     same indices, starts and ends, in order;
//   - each meeting: an existing supplier and stand, a table in 1..tables, a slot index of
//     the grid with that slot's start and end, the supplier available and the stand
//     staffed in that slot, no `no` wish or invitation between the two, the supplier
//     legally allowed to meet the stand (when every need of the stand is reserved and
//     the rules enforce reservations, the supplier must be eligible for one of them),
//     a score in [0, 1], and, when the meeting names its `need`, a need of that stand
//     the supplier may hold (its reservation); `locked`, when present, true or false;
//   - across meetings: no supplier twice in one slot, no stand table twice in one slot,
//     a pair at most once, a supplier's meetings within its max_meetings (default: the
//     rules' default_max_meetings);
//   - `unmet` a list and `metrics` an object when present (their content is not checked).
// Unknown fields are ignored. Each violation is a sentence naming the file, the JSON
// path and the facts, e.g.
//   schedule.json: meetings[4]: supplier "f001" is not available in slot 3 (11:10-11:20)
// Violations come in file order (format, event, slots, then meeting by meeting).
// Pure functions over immutable inputs: thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "match/base/status.h"
#include "match/domain/model.h"
#include "match/io/rules.h"

namespace match {

struct ScheduleCheck {
  // Every violation found, in file order; empty when the schedule is valid.
  std::vector<std::string> violations;
  // The number of entries in `meetings`.
  int meetings = 0;

  bool valid() const { return violations.empty(); }
};

// Checks SCHEDULE_JSON against EVENT and RULES. FILE_NAME names the schedule in
// messages. The Status is an error only when the text cannot be read as a schedule at
// all (not JSON, or not a JSON object); every other problem is a violation.
Result<ScheduleCheck> CheckSchedule(const Event& event, const Rules& rules, std::string_view schedule_json,
                                    const std::string& file_name);
// Reads the file at PATH (an IoError when it cannot be read) and checks it; messages
// name PATH.
Result<ScheduleCheck> CheckScheduleFile(const Event& event, const Rules& rules, const std::string& path);

}  // namespace match
