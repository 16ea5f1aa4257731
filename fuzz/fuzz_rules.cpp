// Fuzz target: the rules loader (match::Rules::Parse) on arbitrary bytes. Accepted
// rules must write themselves out (Rules::ToJson) and read back to the same rules.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "match/io/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto rules = match::Rules::Parse(text, "rules.json");
  if (!rules.ok()) {
    if (rules.status().messages().empty()) std::abort();
    return 0;
  }
  const std::string written = rules->ToJson();
  auto again = match::Rules::Parse(written, "written.json");
  if (!again.ok() || again->ToJson() != written) std::abort();
  return 0;
}
