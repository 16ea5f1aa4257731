// Fuzz target: the changes file (match::ParseChanges) read against a fixed event and
// the schedule the engine builds for it (tests/data/check/event.json). Accepted changes
// are re-planned: the result must pass the independent checker against the changed
// event, keep every meeting before `now` as it was, and the changed event must write
// out as an event file the loader reads back.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <tuple>

#include "match/base/files.h"
#include "match/io/event_io.h"
#include "match/io/rules.h"
#include "match/replan/changes.h"
#include "match/replan/replan.h"
#include "match/schedule/check.h"
#include "match/schedule/schedule.h"
#include "match/score/scoring.h"

namespace {

struct Fixture {
  std::string event_json;
  match::Event event;
  match::Schedule schedule;
};

const Fixture& GetFixture() {
  static const Fixture* fixture = [] {
    auto* f = new Fixture;
    auto text = match::ReadFile(STANDMATCH_SOURCE_DIR "/tests/data/check/event.json");
    if (!text.ok()) std::abort();
    f->event_json = *text;
    auto event = match::ParseEvent(f->event_json, "event.json");
    if (!event.ok()) std::abort();
    f->event = std::move(event).value();
    const match::Rules& rules = match::Rules::Default();
    auto schedule = match::BuildSchedule(f->event, rules, match::Score(f->event, rules));
    if (!schedule.ok()) std::abort();
    f->schedule = std::move(schedule).value();
    return f;
  }();
  return *fixture;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Fixture& f = GetFixture();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto changes = match::ParseChanges(text, "changes.json", f.event, f.schedule);
  if (!changes.ok()) {
    if (changes.status().messages().empty()) std::abort();
    return 0;
  }
  const match::Rules& rules = match::Rules::Default();
  auto result = match::Replan(f.event, rules, f.schedule, *changes);
  if (!result.ok()) return 0;  // e.g. a change that contradicts history: a Status
  const auto& changed = result->changed;
  auto check = match::CheckSchedule(changed.event, rules, match::ScheduleToJson(changed.event, result->schedule),
                                    "replanned.json");
  if (!check.ok() || !check->valid()) std::abort();
  // History: the meetings before the first future slot, unchanged.
  auto history = [&](const match::Schedule& s) {
    std::vector<std::tuple<int, int, int, int>> out;
    for (const auto& m : s.meetings)
      if (m.slot < changed.first_future_slot) out.emplace_back(m.slot, m.stand, m.table, m.supplier);
    std::sort(out.begin(), out.end());
    return out;
  };
  if (history(f.schedule) != history(result->schedule)) std::abort();
  auto written = match::ChangedEventJson(f.event_json, "event.json", f.event, *changes, changed);
  if (!written.ok() || !match::ParseEvent(*written, "changed.json").ok()) std::abort();
  return 0;
}
