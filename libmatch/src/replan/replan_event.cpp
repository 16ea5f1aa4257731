// The re-plan use case (replan_event.h): changes -> re-plan -> changed event -> JSON.
#include "match/replan/replan_event.h"

#include <utility>

namespace match {

Result<ReplanEventOutput> ReplanEventFile(const ReplanEventInput& input) {
  if (!input.event || !input.rules || !input.schedule)
    return Status::Internal("ReplanEventFile: event, rules and schedule are required");
  const Event& event = *input.event;
  auto changes = ParseChanges(input.changes_json, input.changes_file, event, *input.schedule, input.load,
                              input.options.now);
  if (!changes.ok()) return changes.status();
  auto result = Replan(event, *input.rules, *input.schedule, *changes, input.options);
  if (!result.ok()) return result.status();
  ReplanEventOutput out;
  out.changes = std::move(changes).value();
  out.result = std::move(result).value();
  auto changed_json = ChangedEventJson(input.event_json, input.event_file, event, out.changes, out.result.changed);
  if (!changed_json.ok()) return changed_json.status();
  out.changed_event_json = std::move(changed_json).value();
  out.schedule_json = ScheduleToJson(out.result.changed.event, out.result.schedule);
  return out;
}

}  // namespace match
