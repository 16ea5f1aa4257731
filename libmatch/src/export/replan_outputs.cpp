// WriteReplanOutputs: the published files of a re-plan (outputs.h).
#include <filesystem>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "match/base/files.h"
#include "match/export/outputs.h"

namespace match {

using Pair = std::pair<SupplierIndex, StandIndex>;

Status WriteReplanOutputs(const ReplanResult& result, const std::string& dir, const std::string& schedule_json,
                          OutputOptions options) {
  const Event& event = result.changed.event;
  std::map<Pair, int> sequence, cancel_sequence;
  for (const Meeting& m : result.schedule.meetings) sequence[{m.supplier, m.stand}] = m.sequence;
  std::vector<Meeting> cancelled;
  for (const MeetingChange& c : result.diff.changes) {
    if (c.kind != MeetingChange::Kind::kCancelled) continue;
    cancelled.push_back(c.before);
    cancel_sequence[{c.supplier, c.stand}] = c.before.sequence + 1;
  }
  options.ics.sequence = [&sequence](SupplierIndex s, StandIndex t) {
    auto it = sequence.find({s, t});
    return it == sequence.end() ? 0 : it->second;
  };
  if (Status st = WriteScheduleOutputs(event, result.schedule, dir, schedule_json, options); !st.ok()) return st;

  IcsOptions cancel_options = options.ics;
  cancel_options.sequence = [&cancel_sequence](SupplierIndex s, StandIndex t) {
    auto it = cancel_sequence.find({s, t});
    return it == cancel_sequence.end() ? 1 : it->second;
  };
  const std::filesystem::path root(dir);
  std::set<std::pair<int, int>> owners;  // (0 supplier / 1 stand, index)
  for (const Meeting& m : cancelled) {
    owners.insert({0, m.supplier});
    owners.insert({1, m.stand});
  }
  for (const auto& [kind, index] : owners) {
    const bool supplier = kind == 0;
    const AgendaOwner owner = supplier ? AgendaOwner::Supplier(index) : AgendaOwner::Stand(index);
    auto ics = CancellationIcs(event, result.schedule.slots, cancelled, owner, cancel_options);
    if (!ics.ok()) return ics.status();
    const std::filesystem::path folder = root / "cancellations" / (supplier ? "suppliers" : "stands");
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error) return Status::IoError(folder.string() + ": cannot create the directory: " + error.message());
    const std::string id = supplier ? event.suppliers[index].id : event.stands[index].id;
    if (Status st = WriteFileAtomic((folder / (AgendaFileName(id) + ".ics")).string(), *ics); !st.ok()) return st;
  }
  return WriteFileAtomic((root / "replan.json").string(), DiffToJson(event, result.diff));
}

}  // namespace match
