// The import input of a small forum for CSV tests: the two sheets' texts and the
// event header options every such test gives (id fad, one morning of 10-minute slots).
#pragma once

#include <string>
#include <utility>

#include "match/io/csv_import.h"

inline match::CsvImportInput CsvInput(std::string stands, std::string suppliers) {
  match::CsvImportInput input;
  input.stands = {"stands.csv", std::move(stands)};
  input.suppliers = {"suppliers.csv", std::move(suppliers)};
  input.options.id = "fad";
  input.options.name = "Forum";
  input.options.date = "2025-03-28";
  input.options.sessions = {"10:40-12:20"};
  input.options.slot_minutes = "10";
  return input;
}
