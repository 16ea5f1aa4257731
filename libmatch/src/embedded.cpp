#include "embedded.h"

// The GNU assembler's .incbin places each file's bytes in the read-only data section;
// the CMake target lists the files as dependencies of this source so edits rebuild it.
#define STANDMATCH_STR2(x) #x
#define STANDMATCH_STR(x) STANDMATCH_STR2(x)
#define STANDMATCH_EMBED(name, file)                                                   \
  __asm__(".section .rodata\n.global " #name "_begin\n.global " #name "_end\n" #name \
          "_begin:\n.incbin \"" STANDMATCH_DATASETS_DIR "/" file "\"\n" #name        \
          "_end:\n.byte 0\n.previous\n");                                               \
  extern "C" const char name##_begin[];                                                 \
  extern "C" const char name##_end[];

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
