// What a NAF trade supplies, in CPV codes: the bridge from a directory's NAF code to a
// buyer's needs.
//
// A directory gives a structure's NAF sub-class and no CPV code. For the trades that
// answer public purchases directly (cleaning 81.21Z, landscaping 81.30Z, waste
// collection 38.11Z, printing 18.12Z, furniture repair 95.24Z, computer repair 95.11Z,
// ...) the built-in table (datasets/naf/naf_cpv.csv, see datasets/naf/README.md) lists
// the CPV codes the trade supplies, so such a structure is scored through the CPV
// hierarchy like a registered supplier. Generic sub-classes that say nothing about what
// is sold (88.99B social action, 94.99Z associations, 78.30Z staff provision) are left
// out on purpose: only their label's words count. Immutable after loading, safe for
// concurrent readers.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "match/base/status.h"
#include "match/domain/cpv.h"

namespace match {

class NafTrades {
 public:
  // A CSV with header naf,cpv: a sub-class ("81.21Z") a row, its CPV codes separated by
  // blanks. NAME names it in messages.
  static Result<NafTrades> Parse(std::string_view text, const std::string& name);
  // The table compiled into the library.
  static const NafTrades& Builtin();

  size_t size() const { return cpv_.size(); }
  // The CPV codes the sub-class supplies; empty when the table has none for it.
  const std::vector<CpvCode>& Cpv(std::string_view naf) const;

 private:
  std::map<std::string, std::vector<CpvCode>, std::less<>> cpv_;
};

}  // namespace match
