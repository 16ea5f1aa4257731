// The output directory of a schedule (see outputs.h).
#include "match/export/outputs.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <set>
#include <system_error>
#include <vector>

#include "match/base/files.h"

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

// The agenda files of one participant: DIR/<id>.csv and DIR/<id>.ics.
Status AddAgenda(const Event& event, const Schedule& schedule, AgendaOwner owner, const std::string& id,
                 const std::filesystem::path& dir, const OutputOptions& options, std::vector<FileContent>& files) {
  std::string stem = (dir / AgendaFileName(id)).string();
  files.push_back({stem + ".csv", AgendaCsv(event, schedule, owner, options.csv)});
  Result<std::string> ics = AgendaIcs(event, schedule, owner, options.ics);
  if (!ics.ok()) return ics.status();
  files.push_back({stem + ".ics", std::move(*ics)});
  return Status();
}

// Removes the agenda files (.csv, .ics) in DIR that this run did not write: those of
// participants removed since an earlier run. Other files are left alone.
Status RemoveStaleAgendas(const std::filesystem::path& dir, const std::set<std::string>& written) {
  std::error_code error;
  std::vector<std::filesystem::path> stale;
  for (std::filesystem::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    const std::filesystem::path& path = it->path();
    const std::string extension = path.extension().string();
    if ((extension == ".csv" || extension == ".ics") && it->is_regular_file() && !written.count(path.string())) {
      stale.push_back(path);
    }
  }
  if (error) return Status::IoError(dir.string() + ": cannot list the directory: " + error.message());
  for (const auto& path : stale) {
    if (!std::filesystem::remove(path, error) && error) {
      return Status::IoError(path.string() + ": cannot remove a stale agenda: " + error.message());
    }
  }
  return Status();
}

}  // namespace

Status WriteScheduleOutputs(const Event& event, const Schedule& schedule, const std::string& dir,
                            const std::string& schedule_json, const OutputOptions& options) {
  if (Status status = CheckMeetings(event, schedule); !status.ok()) return status;
  std::filesystem::path root(dir);
  std::filesystem::path suppliers = root / "agendas" / "suppliers";
  std::filesystem::path stands = root / "agendas" / "stands";
  std::vector<FileContent> files;
  files.push_back({(root / "schedule.json").string(), schedule_json});
  files.push_back({(root / "timetable.html").string(), TimetableHtml(event, schedule, options.html)});
  for (SupplierIndex s = 0; s < static_cast<int>(event.suppliers.size()); ++s) {
    Status status =
        AddAgenda(event, schedule, AgendaOwner::Supplier(s), event.suppliers[s].id, suppliers, options, files);
    if (!status.ok()) return status;
  }
  for (StandIndex t = 0; t < static_cast<int>(event.stands.size()); ++t) {
    Status status = AddAgenda(event, schedule, AgendaOwner::Stand(t), event.stands[t].id, stands, options, files);
    if (!status.ok()) return status;
  }
  for (const auto& path : {root, suppliers, stands}) {
    if (Status status = MakeDirectory(path); !status.ok()) return status;
  }
  if (Status status = WriteFilesAtomic(files); !status.ok()) return status;
  std::set<std::string> written;
  for (const auto& file : files) written.insert(file.path);
  for (const auto& path : {suppliers, stands}) {
    if (Status status = RemoveStaleAgendas(path, written); !status.ok()) return status;
  }
  return Status();
}

}  // namespace match
