#include "match/domain/naf.h"

#include <vector>

#include "base/csv_reader.h"
#include "base/embedded.h"

namespace match {

Result<NafTable> NafTable::Parse(std::string_view text, const std::string& name) {
  Diagnostics diag(name);
  std::vector<csv::CsvProblem> errors, warnings;
  csv::CsvTable table = csv::ReadCsvTable(text, &errors, &warnings);
  for (const auto& e : errors) diag.Error("line " + std::to_string(e.line), e.message);
  if (table.header.size() < 2 || table.header[0] != "naf" || table.header[1] != "label")
    diag.Error("line 1", "the header is not naf,label");
  NafTable out;
  for (const auto& row : table.rows) {
    if (row.fields.size() < 2 || row.fields[0].empty() || row.fields[1].empty()) {
      diag.Error("line " + std::to_string(row.line), "a NAF code and its label are expected");
      continue;
    }
    out.labels_[row.fields[0]] = row.fields[1];
  }
  if (!diag.ok()) return diag.ToStatus();
  return out;
}

const NafTable& NafTable::Builtin() {
  static const NafTable& table = embedded::KeepBuiltin(Parse(embedded::NafCsv(), "naf.csv (built in)"));
  return table;
}

std::string_view NafTable::Label(std::string_view code) const {
  auto it = labels_.find(code);
  return it == labels_.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace match
