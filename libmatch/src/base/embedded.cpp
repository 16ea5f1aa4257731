#include "base/embedded.h"

#include "base/embed_file.h"

// Each file is compiled in (libmatch/src/base/embed_file.h); the CMake target lists them as
// dependencies of this source so edits rebuild it.
#define STANDMATCH_EMBED(name, file) STANDMATCH_EMBED_FILE(name, STANDMATCH_DATASETS_DIR "/" file)

STANDMATCH_EMBED(standmatch_territory_csv, "territory/communes.csv")
STANDMATCH_EMBED(standmatch_default_rules, "rules/default.json")
STANDMATCH_EMBED(standmatch_cpv_fr_csv, "cpv/cpv_fr.csv")
STANDMATCH_EMBED(standmatch_naf_csv, "naf/naf.csv")
STANDMATCH_EMBED(standmatch_naf_cpv_csv, "naf/naf_cpv.csv")
STANDMATCH_EMBED(standmatch_postal_codes_csv, "postal/postal_codes.csv")
STANDMATCH_EMBED(standmatch_text_families, "text/families.txt")

namespace match::embedded {

std::string_view TerritoryCsv() {
  return {standmatch_territory_csv_begin,
          static_cast<size_t>(standmatch_territory_csv_end - standmatch_territory_csv_begin)};
}

std::string_view DefaultRulesJson() {
  return {standmatch_default_rules_begin,
          static_cast<size_t>(standmatch_default_rules_end - standmatch_default_rules_begin)};
}

std::string_view CpvFrCsv() {
  return {standmatch_cpv_fr_csv_begin, static_cast<size_t>(standmatch_cpv_fr_csv_end - standmatch_cpv_fr_csv_begin)};
}

std::string_view NafCsv() {
  return {standmatch_naf_csv_begin, static_cast<size_t>(standmatch_naf_csv_end - standmatch_naf_csv_begin)};
}

std::string_view NafCpvCsv() {
  return {standmatch_naf_cpv_csv_begin, static_cast<size_t>(standmatch_naf_cpv_csv_end - standmatch_naf_cpv_csv_begin)};
}

std::string_view PostalCodesCsv() {
  return {standmatch_postal_codes_csv_begin,
          static_cast<size_t>(standmatch_postal_codes_csv_end - standmatch_postal_codes_csv_begin)};
}

std::string_view TextFamilies() {
  return {standmatch_text_families_begin,
          static_cast<size_t>(standmatch_text_families_end - standmatch_text_families_begin)};
}

}  // namespace match::embedded
