#include "match/domain/cpv.h"

#include <array>
#include <cstdlib>
#include <sstream>

#include "base/csv_reader.h"
#include "base/embedded.h"
#include "match/base/files.h"

namespace match {

std::optional<CpvCode> CpvCode::Parse(std::string_view text) {
  if (text.size() != 8 && text.size() != 10) return std::nullopt;
  uint32_t digits = 0;
  for (int i = 0; i < 8; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    digits = digits * 10 + static_cast<uint32_t>(text[i] - '0');
  }
  CpvCode code;
  code.digits_ = digits;
  if (text.size() == 10) {
    if (text[8] != '-' || text[9] < '0' || text[9] > '9') return std::nullopt;
    code.check_ = static_cast<int8_t>(text[9] - '0');
  }
  if (code.Prefix(2) == 0) return std::nullopt;  // no division 00
  int level = 8;
  while (level > 2 && (digits / kPow10[8 - level]) % 10 == 0) --level;
  code.level_ = static_cast<int8_t>(level);
  return code;
}

std::string CpvCode::ToString() const {
  std::string s(8, '0');
  uint32_t d = digits_;
  for (int i = 7; i >= 0; --i, d /= 10) s[i] = static_cast<char>('0' + d % 10);
  return s;
}

std::string_view CpvLevelName(int depth) {
  switch (depth) {
    case 2:
      return "division";
    case 3:
      return "group";
    case 4:
      return "class";
    case 5:
      return "category";
    default:
      return depth > 5 ? "subcategory" : "none";
  }
}

Result<std::shared_ptr<const CpvList>> CpvList::LoadOptional(const std::string& path) {
  std::string file = path;
  if (file.empty()) {
    if (const char* env = std::getenv("STANDMATCH_CPV_LIST")) file = env;
  }
  if (file.empty()) return std::shared_ptr<const CpvList>();
  auto list = Load(file);
  if (!list.ok()) return list.status();
  return std::shared_ptr<const CpvList>(std::make_shared<CpvList>(std::move(list).value()));
}

Result<CpvList> CpvList::Load(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  return Parse(*text, path);
}

const CpvList& CpvList::Builtin() {
  static const CpvList& list = embedded::KeepBuiltin(Parse(embedded::CpvFrCsv(), "cpv_fr.csv (built in)"));
  return list;
}

Result<CpvList> CpvList::Parse(std::string_view text, const std::string& path) {
  Diagnostics diag(path);
  std::vector<csv::CsvProblem> errors, warnings;
  csv::CsvTable table = csv::ReadCsvTable(text, &errors, &warnings);
  for (const auto& e : errors) diag.Error("line " + std::to_string(e.line), e.message);
  int label_column = -1;
  for (const char* name : {"fr", "FR", "label", "en", "EN"}) {
    for (size_t i = 1; i < table.header.size() && label_column < 0; ++i)
      if (table.header[i] == name) label_column = static_cast<int>(i);
  }
  if (label_column < 0) {
    diag.Error("line 1", "no label column (fr, FR, label or en) in the header");
    return diag.ToStatus();
  }
  CpvList list;
  for (const auto& row : table.rows) {
    auto code = CpvCode::Parse(row.fields[0]);
    if (!code) {
      diag.Error("line " + std::to_string(row.line), "\"" + row.fields[0] + "\" is not a CPV code");
      continue;
    }
    std::string label = static_cast<size_t>(label_column) < row.fields.size() ? row.fields[label_column] : "";
    list.labels_[code->digits()] = {std::move(label), code->check_digit().value_or(-1)};
  }
  if (!diag.ok()) return diag.ToStatus();
  if (list.labels_.empty()) return Status::Invalid(path + ": no CPV code in the file");
  return list;
}

std::string_view CpvList::Label(CpvCode code) const {
  auto it = labels_.find(code.digits());
  return it == labels_.end() ? std::string_view() : std::string_view(it->second.first);
}

std::optional<int> CpvList::CheckDigit(CpvCode code) const {
  auto it = labels_.find(code.digits());
  if (it == labels_.end() || it->second.second < 0) return std::nullopt;
  return it->second.second;
}

}  // namespace match
