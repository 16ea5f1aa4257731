// The re-plan use case: an event file, its schedule and a changes file -> the
// re-planned schedule, the changed event file and the diff, as `standmatch replan`
// and standmatchd's POST /events/{id}/replan both need them.
//
// ReplanEventFile reads the changes against the event and the schedule (changes.h),
// re-plans (replan.h), writes the changed event as an event file (ChangedEventJson:
// the event text as written, with the changed windows and tables and the walk-ins)
// and the new schedule as schedule JSON (ScheduleToJson of the changed event). The
// first failing step's Status is returned as it is.
//
// Plain values; pure and thread-safe; the same inputs give the same bytes.
#pragma once

#include <string>
#include <string_view>

#include "match/base/status.h"
#include "match/domain/model.h"
#include "match/io/event_io.h"
#include "match/io/rules.h"
#include "match/replan/changes.h"
#include "match/replan/replan.h"
#include "match/schedule/schedule.h"

namespace match {

struct ReplanEventInput {
  // The event file's text (EVENT was read from it) and its name in messages.
  std::string_view event_json;
  std::string event_file;
  const Event* event = nullptr;        // required
  const Rules* rules = nullptr;        // required
  const Schedule* schedule = nullptr;  // required: the published schedule of EVENT
  // The changes file's text and its name in messages.
  std::string_view changes_json;
  std::string changes_file;
  LoadOptions load;  // walk-ins' CPV codes are checked as the event loader does
  ReplanOptions options;
};

struct ReplanEventOutput {
  ChangeSet changes;
  ReplanResult result;             // result.changed.event: the changed event
  std::string changed_event_json;  // standmatch.event/1
  std::string schedule_json;       // the new schedule, of the changed event
};

Result<ReplanEventOutput> ReplanEventFile(const ReplanEventInput& input);

// A schedule of an earlier revision of the event (SCHEDULE_JSON, written against
// EARLIER) read against EVENT, a later revision (a corrected name, contact or an added
// supplier), for re-planning onto EVENT: meetings keep their slot, table and status.
// ADDED receives the suppliers EVENT has and EARLIER had not. Fails with InvalidInput
// when the slot grid differs, or a meeting names a participant EVENT no longer has
// (the message names it: cancel it with a re-plan first).
Result<Schedule> RebaseSchedule(std::string_view schedule_json, const Event& earlier, const Event& event,
                                std::vector<SupplierIndex>* added);

}  // namespace match
