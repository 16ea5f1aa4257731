#include "match/domain/naf_trades.h"

#include "base/csv_reader.h"
#include "base/embedded.h"

namespace match {

Result<NafTrades> NafTrades::Parse(std::string_view text, const std::string& name) {
  Diagnostics diag(name);
  NafTrades out;
  csv::CsvProblem error;
  bool header = true;
  bool parsed = csv::ForEachRecord(
      text, ',',
      [&](int line, const std::vector<std::string_view>& fields) {
        if (header) {
          header = false;
          if (fields.size() < 2 || fields[0] != "naf" || fields[1] != "cpv")
            diag.ErrorAt(line, "", "the header is not naf,cpv");
          return;
        }
        if (fields.size() < 2 || fields[0].empty() || fields[1].empty()) {
          diag.ErrorAt(line, "", "a NAF code and its CPV codes are expected");
          return;
        }
        auto& codes = out.cpv_[std::string(fields[0])];
        for (std::string_view rest = fields[1]; !rest.empty();) {
          size_t blank = rest.find(' ');
          std::string_view item = rest.substr(0, blank);
          if (auto code = CpvCode::Parse(item))
            codes.push_back(*code);
          else
            diag.ErrorAt(line, "", "\"" + std::string(item) + "\" is not a CPV code");
          rest = blank == std::string_view::npos ? std::string_view() : rest.substr(blank + 1);
        }
      },
      &error);
  if (!parsed) diag.ErrorAt(error.line, "", error.message);
  if (!diag.ok()) return diag.ToStatus();
  return out;
}

const NafTrades& NafTrades::Builtin() {
  static const NafTrades& table = embedded::KeepBuiltin(Parse(embedded::NafCpvCsv(), "naf_cpv.csv (built in)"));
  return table;
}

const std::vector<CpvCode>& NafTrades::Cpv(std::string_view naf) const {
  static const std::vector<CpvCode> kNone;
  auto it = cpv_.find(naf);
  return it == cpv_.end() ? kNone : it->second;
}

}  // namespace match
