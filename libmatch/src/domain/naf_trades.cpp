#include "match/domain/naf_trades.h"

#include "base/csv_reader.h"
#include "base/embedded.h"

namespace match {

Result<NafTrades> NafTrades::Parse(std::string_view text, const std::string& name) {
  Diagnostics diag(name);
  NafTrades out;
  csv::ForEachListItem(text, "naf", "cpv", "a NAF code and its CPV codes", diag,
                       [&](int line, std::string_view naf, std::string_view item) {
                         if (auto code = CpvCode::Parse(item))
                           out.cpv_[std::string(naf)].push_back(*code);
                         else
                           diag.ErrorAt(line, "", "\"" + std::string(item) + "\" is not a CPV code");
                       });
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
