// The CSV import use case: the organiser's spreadsheet exports -> a checked event.
//
// ImportCsvEvent is what `standmatch import` and standmatchd's PUT /events/{id}/csv
// both do: ImportCsv (csv_import.h) writes the event file, ParseEvent (event_io.h)
// checks it as any event file is checked, and every message of the check is pointed
// at the spreadsheet row it came from (LocateInCsv):
//   suppliers.csv:5: suppliers[3].siret: ...
// so that an organiser fixes the row, not a JSON file they never saw.
//
// CsvImportInputFromJson reads the daemon's request body, the same input as one JSON
// object (docs/daemon.md, PUT /events/{id}/csv):
//   {"stands": TEXT, "suppliers": TEXT, "header": TEXT?,
//    "options": {"name", "date", "commune", "slot_minutes": TEXT?,
//                "territory", "sessions", "breaks": [TEXT]?}?}
// Numbers are accepted where a text is expected (written as JSON writes them). Every
// problem is reported, each naming its JSON path under BODY_NAME ("body.options.date:
// expected a string"). The texts are named stands.csv, suppliers.csv and header.json
// in later messages.
//
// Plain values; the functions are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "match/base/status.h"
#include "match/domain/model.h"
#include "match/io/csv_import.h"
#include "match/io/event_io.h"

namespace match {

struct CsvEventImport {
  CsvImportOutput csv;                     // the event file, the import's warnings, the origins
  Event event;                             // csv.event_json, loaded
  std::vector<std::string> load_warnings;  // the loader's warnings ("... has no available slot")
};

// Imports INPUT and loads the result as EVENT_NAME (the name load messages give the
// event file before they are located). OPTIONS.cpv_list checks the codes; its
// `warnings` is not used (see load_warnings). Errors: ImportCsv's Status as it is, or
// the loader's with every message located in the CSV files.
Result<CsvEventImport> ImportCsvEvent(const CsvImportInput& input, const std::string& event_name,
                                      const LoadOptions& options = {});

// The import input held in the JSON text BODY (above); BODY_NAME names it in messages.
Result<CsvImportInput> CsvImportInputFromJson(std::string_view body, const std::string& body_name);

}  // namespace match
