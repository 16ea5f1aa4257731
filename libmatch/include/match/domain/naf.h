// NAF codes (INSEE's Nomenclature d'activités française, rév. 2): a supplier's main
// activity as a sub-class, "31.01Z", and its French label.
//
// The built-in table (datasets/naf/naf.csv, derived from @socialgouv/codes-naf) names
// every sub-class; standmatch uses the label as text describing the supplier's trade.
// Immutable after loading, safe for concurrent readers.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "match/base/status.h"

namespace match {

class NafTable {
 public:
  // A CSV with header naf,label: one sub-class a row; NAME names it in messages.
  static Result<NafTable> Parse(std::string_view text, const std::string& name);
  // The table compiled into the library.
  static const NafTable& Builtin();

  size_t size() const { return labels_.size(); }
  // The label of a sub-class ("31.01Z"), or an empty view when unknown.
  std::string_view Label(std::string_view code) const;

 private:
  std::map<std::string, std::string, std::less<>> labels_;
};

}  // namespace match
