// Data files compiled into the library, so the tools need no data path at run time.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <utility>

#include "match/base/status.h"

namespace match::embedded {

// datasets/territory/communes.csv
std::string_view TerritoryCsv();
// datasets/rules/default.json
std::string_view DefaultRulesJson();
// datasets/cpv/cpv_fr.csv
std::string_view CpvFrCsv();
// datasets/naf/naf.csv
std::string_view NafCsv();
// datasets/naf/naf_cpv.csv
std::string_view NafCpvCsv();
// datasets/postal/postal_codes.csv
std::string_view PostalCodesCsv();
// datasets/text/families.txt
std::string_view TextFamilies();

// A table parsed from embedded data, kept for the life of the process (never destroyed,
// so it outlives every static user). The tests parse each table: a failure here is a
// broken build, printed before aborting.
template <class T>
const T& KeepBuiltin(Result<T> parsed) {
  if (!parsed.ok()) {
    std::fprintf(stderr, "standmatch: %s\n", parsed.status().ToString().c_str());
    std::abort();
  }
  return *new T(std::move(parsed).value());
}

}  // namespace match::embedded
