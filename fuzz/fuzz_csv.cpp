// Fuzz target: the CSV import (match::ImportCsv). The input is the stands sheet, a NUL
// byte, then the suppliers sheet (no NUL: both sheets are the whole input). An import
// that succeeds must give JSON the event loader can read (it may reject values the
// import leaves to it, such as CPV codes, but it must not fail to parse).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "match/io/csv_import.h"
#include "match/io/event_io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
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
    // Every message about the imported event points back at a spreadsheet row.
    for (const auto& message : event.status().messages()) (void)match::LocateInCsv(*imported, "imported.json", message);
  }
  return 0;
}
