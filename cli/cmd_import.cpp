// standmatch import: the organiser's CSV exports -> an event file (standmatch.event/1).
#include <memory>

#include "command.h"
#include "inputs.h"
#include "match/base/files.h"
#include "match/io/csv_event_import.h"

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
  auto* sub = app.add_subcommand("import",
                                 "converts the organiser's CSV files (stands and needs, suppliers) into an event file");
  sub->add_option("--stands", opts->stands, "CSV of stands and needs, one row per need")->required();
  sub->add_option("--suppliers", opts->suppliers, "CSV of supplier registrations, one row each")->required();
  sub->add_option("--header", opts->header, "JSON file holding the event object (interfaces §1)");
  sub->add_option("--out", opts->out, "event file to write (default: standard output)");
  sub->add_option("--id", opts->id, "event id");
  sub->add_option("--name", opts->name, "event name");
  sub->add_option("--date", opts->date, "event date, YYYY-MM-DD");
  sub->add_option("--commune", opts->commune, "INSEE code of the hosting commune");
  sub->add_option("--territory", opts->territory, "INSEE codes of the organising territory")->delimiter(',');
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
    // The import only writes events the loader accepts; its messages name the CSV rows.
    match::LoadOptions load;
    load.cpv_list = cpv_list->get();
    auto imported = match::ImportCsvEvent(input, opts->out.empty() ? "imported event" : opts->out, load);
    if (!imported.ok()) return Fail(imported.status());
    for (const auto& w : imported->csv.warnings) std::cerr << w << "\n";
    for (const auto& w : imported->load_warnings) std::cerr << "warning: " << w << "\n";
    if (opts->out.empty()) {
      std::cout << imported->csv.event_json;
      return kExitOk;
    }
    if (auto status = match::WriteFileAtomic(opts->out, imported->csv.event_json); !status.ok()) {
      return Fail(status);
    }
    return kExitOk;
  });
});

}  // namespace
}  // namespace standmatch_cli
