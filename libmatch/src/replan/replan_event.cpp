// The re-plan use case (replan_event.h): changes -> re-plan -> changed event -> JSON.
#include "match/replan/replan_event.h"

#include <string>
#include <utility>
#include <vector>

namespace match {

Result<ReplanEventOutput> ReplanEventFile(const ReplanEventInput& input) {
  if (!input.event || !input.rules || !input.schedule)
    return Status::Internal("ReplanEventFile: event, rules and schedule are required");
  const Event& event = *input.event;
  auto changes =
      ParseChanges(input.changes_json, input.changes_file, event, *input.schedule, input.load, input.options.now);
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

Result<Schedule> RebaseSchedule(std::string_view schedule_json, const Event& earlier, const Event& event,
                                std::vector<SupplierIndex>* added) {
  bool same_grid = earlier.slots.size() == event.slots.size();
  for (size_t i = 0; same_grid && i < event.slots.size(); ++i)
    same_grid = earlier.slots[i].start == event.slots[i].start && earlier.slots[i].end == event.slots[i].end;
  if (!same_grid)
    return Status::Invalid(
        "event.json: the new revision changes the slot grid (sessions, slot_minutes or breaks) "
        "of the published schedule: re-planning cannot keep its history; "
        "restore the grid, or rebuild the schedule");
  auto schedule = ParseSchedule(schedule_json, "schedule.json", event);
  if (!schedule.ok()) {
    std::vector<std::string> messages;
    for (const std::string& m : schedule.status().messages())
      messages.push_back(m +
                         " in the new revision of the event: cancel its meetings with a re-plan "
                         "(cancel_supplier) before removing it");
    return Status(Status::Code::kInvalidInput, std::move(messages));
  }
  if (added) {
    added->clear();
    for (SupplierIndex s = 0; s < static_cast<SupplierIndex>(event.suppliers.size()); ++s)
      if (!earlier.FindSupplier(event.suppliers[s].id)) added->push_back(s);
  }
  return schedule;
}

}  // namespace match
