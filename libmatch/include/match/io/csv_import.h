// CSV import: turns the organiser's spreadsheet exports into an event file.
//
// Organisers keep registrations in spreadsheets: one sheet of stands and needs (one
// row per need, the stand and buyer columns repeated on the rows of one stand) and
// one sheet of supplier registrations (one row per supplier). ImportCsv reads both
// CSV exports, plus the event header (a JSON header file and/or command-line values),
// and writes the `standmatch.event/1` JSON text of docs/interfaces.md §1. The layouts,
// the accepted spellings and every message are described in docs/csv-import.md.
//
// Every problem is reported, not just the first, each naming the file, the physical
// CSV line (header = line 1), the column as written in the file and the value, e.g.
//   suppliers.csv:12: column "employees": "douze" is not a number
// The output is deterministic: buyers and stands in order of first appearance, needs
// and suppliers in row order, keys in the order of §1, pretty-printed.
//
// ImportCsv works on texts already in memory (no file access); ReadCsvImportFiles
// fills the texts from paths. Plain values; the functions are thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "match/base/status.h"

namespace match {

class CpvList;

// Event header values given on the command line. Each overrides the header file's
// field of the same name; sessions and breaks replace the file's lists when non-empty.
struct EventHeaderOptions {
  std::optional<std::string> id;
  std::optional<std::string> name;
  std::optional<std::string> date;          // YYYY-MM-DD
  std::optional<std::string> commune;       // INSEE code
  std::vector<std::string> territory;       // INSEE codes
  std::vector<std::string> sessions;        // "HH:MM-HH:MM"
  std::optional<std::string> slot_minutes;  // text, checked like a CSV value
  std::vector<std::string> breaks;          // "HH:MM-HH:MM" or "HH:MM-HH:MM:label"
};

// One input text and the name messages give it (usually the path as typed).
struct NamedText {
  std::string name;
  std::string text;
};

struct CsvImportInput {
  NamedText stands;     // stands and needs, one row per need
  NamedText suppliers;  // supplier registrations, one row per supplier
  // The `event` object of §1 (or a whole event file, whose `event` object is used).
  // Absent: the header comes from `options` alone.
  std::optional<NamedText> header;
  EventHeaderOptions options;
  // The official CPV list (not owned), when given: codes must be in it, and a 7-digit
  // code gets its leading zero back only when the 8-digit result is in it. Without a
  // list, only when the result is in one of the groups CPV 2008 writes with a leading
  // zero (030-034, 090-093): "3915000" is never "03915000".
  const CpvList* cpv_list = nullptr;
};

struct CsvImportOutput {
  std::string event_json;             // standmatch.event/1, ends with a newline
  std::vector<std::string> warnings;  // e.g. unknown columns, which are ignored
  // Where each element of the event came from: JSON path ("suppliers[3]",
  // "stands[0].needs[1]", "event") -> "FILE:LINE" (or the header's name). See LocateInCsv.
  std::map<std::string, std::string> origins;
};

// The event file for INPUT, or an InvalidInput Status listing every error (followed by
// the warnings, marked "warning:"), ordered by file, then line.
Result<CsvImportOutput> ImportCsv(const CsvImportInput& input);

// Whether a message of ImportCsv's Status is a warning ("suppliers.csv:3: warning: ...")
// rather than an error.
bool IsCsvImportWarning(const std::string& message);

// Points a message about the imported event at the spreadsheet row it came from:
// "EVENT_NAME: suppliers[3].siret: ..." becomes "suppliers.csv:5: suppliers[3].siret: ...".
// Messages naming no imported element come back unchanged.
std::string LocateInCsv(const CsvImportOutput& output, const std::string& event_name, const std::string& message);

// Reads the files named in INPUT's `name` fields into their `text` fields (the header
// only when present). IoError naming the path when a file cannot be read.
Status ReadCsvImportFiles(CsvImportInput* input);

}  // namespace match
