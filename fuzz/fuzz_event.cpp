// Fuzz target: the event loader (match::ParseEvent) on arbitrary bytes. Whatever it
// accepts must go through the whole pipeline: scoring, scheduling, and a schedule the
// independent checker (match/schedule/check.h) finds valid. Anything else aborts the run.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "match/io/event_io.h"
#include "match/io/rules.h"
#include "match/schedule/check.h"
#include "match/schedule/schedule.h"
#include "match/score/scoring.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> warnings;
  match::LoadOptions options;
  options.warnings = &warnings;
  auto event = match::ParseEvent(text, "event.json", options);
  if (!event.ok()) {
    if (event.status().messages().empty()) std::abort();  // an error says what it is
    return 0;
  }
  if (event->slots.empty() || event->slots.size() > 1440) std::abort();
  const match::Rules& rules = match::Rules::Default();
  match::ScoreTable scores = match::Score(*event, rules);
  for (const auto& pair : scores.pairs())
    if (!(pair.score >= 0 && pair.score <= 1.0 + 1e-9)) std::abort();
  auto schedule = match::BuildSchedule(*event, rules, scores);
  if (!schedule.ok()) return 0;  // e.g. infeasible: a Status, not a crash
  auto check = match::CheckSchedule(*event, rules, match::ScheduleToJson(*event, *schedule), "schedule.json");
  if (!check.ok() || !check->valid()) std::abort();
  return 0;
}
