// standmatch import: the organiser's CSV exports -> an event file (standmatch.event/1).
#include <memory>

#include "command.h"
#include "match/io/csv_import.h"
#include "inputs.h"
#include "match/base/files.h"
#include "match/io/event_io.h"

namespace standmatch_cli {
namespace {

struct Opts {
  std::string stands, suppliers, header, out;
  std::string id, name, date, commune, slot_minutes;
  std::vector<std::string> territory, sessions, breaks;
  std::string cpv_list;
};

REGISTER_COMMAND("import", [](CLI::App& app) {
  auto opts = std::make_shared<Opts>();
  auto* sub = app.add_subcommand(
      "import", "converts the organiser's CSV files (stands and needs, suppliers) into an event file");
  sub->add_option("--stands", opts->stands, "CSV of stands and needs, one row per need")
      ->required();
  sub->add_option("--suppliers", opts->suppliers, "CSV of supplier registrations, one row each")
      ->required();
  sub->add_option("--header", opts->header, "JSON file holding the event object (interfaces §1)");
  sub->add_option("--out", opts->out, "event file to write (default: standard output)");
  sub->add_option("--id", opts->id, "event id");
  sub->add_option("--name", opts->name, "event name");
  sub->add_option("--date", opts->date, "event date, YYYY-MM-DD");
  sub->add_option("--commune", opts->commune, "INSEE code of the hosting commune");
  sub->add_option("--territory", opts->territory, "INSEE codes of the organising territory")
      ->delimiter(',');
  sub->add_option("--session", opts->sessions, "meeting window HH:MM-HH:MM (repeatable)");
  sub->add_option("--slot-minutes", opts->slot_minutes, "meeting length in minutes");
  sub->add_option("--break", opts->breaks, "break HH:MM-HH:MM[:label] (repeatable)");
  AddCpvListOption(sub, opts->cpv_list);
  return std::function<int()>([opts, sub] {
    auto cpv_list = match::CpvList::LoadOptional(opts->cpv_list);
    if (!cpv_list.ok()) return Fail(cpv_list.status());
    match::CsvImportInput input;
    input.cpv_list = cpv_list->get();
    input.stands.name = opts->stands;
    input.suppliers.name = opts->suppliers;
    if (!opts->header.empty()) input.header = match::NamedText{opts->header, ""};
    match::EventHeaderOptions& o = input.options;
    auto given = [sub](const char* option) { return sub->count(option) > 0; };
    if (given("--id")) o.id = opts->id;
    if (given("--name")) o.name = opts->name;
    if (given("--date")) o.date = opts->date;
    if (given("--commune")) o.commune = opts->commune;
    if (given("--slot-minutes")) o.slot_minutes = opts->slot_minutes;
    o.territory = opts->territory;
    o.sessions = opts->sessions;
    o.breaks = opts->breaks;

    if (auto status = match::ReadCsvImportFiles(&input); !status.ok()) return Fail(status);
    auto imported = match::ImportCsv(input);
    if (!imported.ok()) return Fail(imported.status());
    for (const auto& w : imported->warnings) std::cerr << w << "\n";
    // The import only writes events the loader accepts.
    std::vector<std::string> warnings;
    match::LoadOptions load;
    load.warnings = &warnings;
    load.cpv_list = cpv_list->get();
    std::string label = opts->out.empty() ? "imported event" : opts->out;
    auto event = match::ParseEvent(imported->event_json, label, load);
    if (!event.ok()) {
      // Name the spreadsheet row each problem comes from.
      std::vector<std::string> located;
      for (const auto& m : event.status().messages()) {
        located.push_back(match::LocateInCsv(*imported, label, m));
      }
      return Fail(match::Status(event.status().code(), std::move(located)));
    }
    for (const auto& w : warnings) std::cerr << "warning: " << w << "\n";
    if (opts->out.empty()) {
      std::cout << imported->event_json;
      return kExitOk;
    }
    if (auto status = match::WriteFileAtomic(opts->out, imported->event_json); !status.ok()) {
      return Fail(status);
    }
    return kExitOk;
  });
});

}  // namespace
}  // namespace standmatch_cli
