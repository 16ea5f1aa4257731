// Fuzz target: the CSV import (match::ImportCsv). The input is the stands sheet, a NUL
// byte, then the suppliers sheet (no NUL: both sheets are the whole input). An import
// that succeeds must give JSON the event loader can read (it may reject values the
// import leaves to it, such as CPV codes, but it must not fail to parse). First, the
// tokenizer under it must read the whole input alike with and without its plain-line
// path (lines without quotes split outside libcsv).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/csv_reader.h"

#include "match/io/csv_import.h"
#include "match/io/event_io.h"

namespace {

// Every record with its line, then the error's line and message (or "ok").
std::vector<std::pair<int, std::vector<std::string>>> Records(std::string_view text, char separator, bool plain) {
  std::vector<std::pair<int, std::vector<std::string>>> records;
  match::csv::CsvProblem error;
  const bool ok = match::csv::ForEachRecord(
      text, separator,
      [&](int line, const std::vector<std::string_view>& fields) {
        records.emplace_back(line, std::vector<std::string>(fields.begin(), fields.end()));
      },
      &error, plain);
  records.emplace_back(error.line, std::vector<std::string>{ok ? "ok" : error.message});
  return records;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (char separator : {',', ';', '\t'})
    if (Records(text, separator, true) != Records(text, separator, false)) std::abort();
  const size_t nul = text.find('\0');
  match::CsvImportInput input;
  input.stands = {"stands.csv", std::string(text.substr(0, nul))};
  input.suppliers = {"suppliers.csv", std::string(nul == std::string_view::npos ? text : text.substr(nul + 1))};
  input.options.id = "fuzz";
  input.options.name = "Fuzz forum";
  input.options.date = "2025-03-28";
  input.options.sessions = {"10:00-12:00"};
  input.options.slot_minutes = "10";
  auto imported = match::ImportCsv(input);
  if (!imported.ok()) {
    if (imported.status().messages().empty()) std::abort();
    return 0;
  }
  auto event = match::ParseEvent(imported->event_json, "imported.json");
  if (!event.ok()) {
    for (const auto& message : event.status().messages())
      if (message.find("not valid JSON") != std::string::npos) std::abort();
    // Every message about an element the sheets made (a buyer, stand, need, invitation
    // or supplier) points back at a spreadsheet row: "stands.csv:LINE: PATH: ...".
    for (const auto& message : event.status().messages()) {
      const std::string located = match::LocateInCsv(*imported, "imported.json", message);
      bool from_sheet = false;
      for (std::string_view element : {"buyers[", "stands[", "invitations[", "suppliers["})
        from_sheet |= message.rfind("imported.json: " + std::string(element), 0) == 0;
      if (!from_sheet) continue;
      const std::string rest = message.substr(std::string_view("imported.json: ").size());
      const bool stands_row = located.rfind("stands.csv:", 0) == 0;
      const bool suppliers_row = located.rfind("suppliers.csv:", 0) == 0;
      if (!stands_row && !suppliers_row) std::abort();
      // The row is followed by the message itself, JSON path included.
      if (located.size() < rest.size() || located.compare(located.size() - rest.size(), rest.size(), rest) != 0)
        std::abort();
    }
  }
  return 0;
}
