// Fuzz target: the Girona B2B .dzn reader (match::ParseDzn) on arbitrary bytes; an
// accepted instance must convert into a timetable problem whose indices are in range.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "match/tools/b2b.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto instance = match::ParseDzn(text, "fuzz.dzn");
  if (!instance.ok()) {
    if (instance.status().messages().empty()) std::abort();
    return 0;
  }
  for (const auto& m : instance->meetings)
    if (m.a < 0 || m.b < 0 || m.a >= instance->num_participants || m.b >= instance->num_participants) std::abort();
  for (int slot : instance->fixed)
    if (slot < -1 || slot >= instance->num_slots) std::abort();
  // Large instances are valid input but too slow to convert on every run.
  if (instance->meetings.size() <= 10000 && instance->num_participants <= 10000)
    (void)match::ToTimetableProblem(*instance);
  return 0;
}
