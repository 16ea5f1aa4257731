// The output directory of a schedule (see outputs.h).
#include "match/outputs.h"

#include <filesystem>
#include <system_error>

#include "match/files.h"

namespace match {

namespace {

Status MakeDirectory(const std::filesystem::path& path) {
  std::error_code error;
  std::filesystem::create_directories(path, error);
  if (error) return Status::IoError(path.string() + ": cannot create the directory: " + error.message());
  if (!std::filesystem::is_directory(path, error)) {
    return Status::IoError(path.string() + ": cannot create the directory: a file is in the way");
  }
  return Status();
}

Status CheckMeetings(const Event& event, const Schedule& schedule) {
  std::vector<std::string> errors;
  for (size_t i = 0; i < schedule.meetings.size(); ++i) {
    const Meeting& m = schedule.meetings[i];
    std::string where = "schedule " + schedule.event_id + ": meetings[" + std::to_string(i) + "]: ";
    if (m.supplier < 0 || m.supplier >= static_cast<int>(event.suppliers.size())) {
      errors.push_back(where + "no supplier at index " + std::to_string(m.supplier));
    }
    if (m.stand < 0 || m.stand >= static_cast<int>(event.stands.size())) {
      errors.push_back(where + "no stand at index " + std::to_string(m.stand));
    }
    if (m.slot < 0 || m.slot >= static_cast<int>(schedule.slots.size())) {
      errors.push_back(where + "no slot at index " + std::to_string(m.slot));
    }
  }
  if (errors.empty()) return Status();
  return Status(Status::Code::kInvalidInput, std::move(errors));
}

// DIR/<id>.csv and DIR/<id>.ics of one participant.
Status WriteAgenda(const Event& event, const Schedule& schedule, AgendaOwner owner, const std::string& id,
                   const std::filesystem::path& dir, const OutputOptions& options) {
  std::string stem = (dir / AgendaFileName(id)).string();
  if (Status status = WriteFileAtomic(stem + ".csv", AgendaCsv(event, schedule, owner, options.csv));
      !status.ok()) {
    return status;
  }
  Result<std::string> ics = AgendaIcs(event, schedule, owner, options.ics);
  if (!ics.ok()) return ics.status();
  return WriteFileAtomic(stem + ".ics", *ics);
}

}  // namespace

Status WriteScheduleOutputs(const Event& event, const Schedule& schedule, const std::string& dir,
                            const std::string& schedule_json, const OutputOptions& options) {
  if (Status status = CheckMeetings(event, schedule); !status.ok()) return status;
  std::filesystem::path root(dir);
  std::filesystem::path suppliers = root / "agendas" / "suppliers";
  std::filesystem::path stands = root / "agendas" / "stands";
  for (const auto& path : {root, suppliers, stands}) {
    if (Status status = MakeDirectory(path); !status.ok()) return status;
  }
  if (Status status = WriteFileAtomic((root / "schedule.json").string(), schedule_json); !status.ok()) {
    return status;
  }
  if (Status status = WriteFileAtomic((root / "timetable.html").string(),
                                      TimetableHtml(event, schedule, options.html));
      !status.ok()) {
    return status;
  }
  for (SupplierIndex s = 0; s < static_cast<int>(event.suppliers.size()); ++s) {
    Status status = WriteAgenda(event, schedule, AgendaOwner::Supplier(s), event.suppliers[s].id, suppliers, options);
    if (!status.ok()) return status;
  }
  for (StandIndex t = 0; t < static_cast<int>(event.stands.size()); ++t) {
    Status status = WriteAgenda(event, schedule, AgendaOwner::Stand(t), event.stands[t].id, stands, options);
    if (!status.ok()) return status;
  }
  return Status();
}

}  // namespace match
