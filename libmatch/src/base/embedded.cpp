#include "base/embedded.h"

#include "base/embed_file.h"

// Each file is compiled in (libmatch/src/base/embed_file.h); the CMake target lists them as
// dependencies of this source so edits rebuild it.
#define STANDMATCH_EMBED(name, file) STANDMATCH_EMBED_FILE(name, STANDMATCH_DATASETS_DIR "/" file)

STANDMATCH_EMBED(standmatch_territory_csv, "territory/communes.csv")
STANDMATCH_EMBED(standmatch_default_rules, "rules/default.json")

namespace match::embedded {

std::string_view TerritoryCsv() {
  return {standmatch_territory_csv_begin,
          static_cast<size_t>(standmatch_territory_csv_end - standmatch_territory_csv_begin)};
}

std::string_view DefaultRulesJson() {
  return {standmatch_default_rules_begin,
          static_cast<size_t>(standmatch_default_rules_end - standmatch_default_rules_begin)};
}

}  // namespace match::embedded
