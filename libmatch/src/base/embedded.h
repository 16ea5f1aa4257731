// Data files compiled into the library, so the tools need no data path at run time.
#pragma once

#include <string_view>

namespace match::embedded {

// datasets/territory/communes.csv
std::string_view TerritoryCsv();
// datasets/rules/default.json
std::string_view DefaultRulesJson();

}  // namespace match::embedded
