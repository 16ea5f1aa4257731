// Re-planning the 2,000-supplier forum on the day, next to a re-solve from scratch.
//
//   bench_replan [--suppliers N] [--stands M] [--slots S] [--repeat R] [--seed X]
//
// Generates the forum (match/tools/generate.h: N suppliers, M stands, S slots, partial
// availability), schedules it, then at `now` = the start of the middle slot cancels 5 %
// of the suppliers and makes another 5 % arrive late (from three slots after now), and
// re-plans. Prints the re-plan time (best of R runs; parsing the changes and scoring the
// changed event included) and the meetings it moves, next to what BuildSchedule on the
// changed event would move, in the same run.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "match/io/event_io.h"
#include "match/replan/changes.h"
#include "match/replan/replan.h"
#include "match/replan/schedule_diff.h"
#include "match/schedule/check.h"
#include "match/schedule/schedule.h"
#include "match/tools/generate.h"

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

int Fail(const match::Status& status) {
  std::fprintf(stderr, "%s\n", status.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  match::GenerateOptions generate;
  generate.suppliers = 2000;
  generate.stands = 300;
  generate.slots = 16;
  generate.partial_availability = 0.2;
  int repeat = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    const long value = std::strtol(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--suppliers"))
      generate.suppliers = static_cast<int>(value);
    else if (!std::strcmp(argv[i], "--stands"))
      generate.stands = static_cast<int>(value);
    else if (!std::strcmp(argv[i], "--slots"))
      generate.slots = static_cast<int>(value);
    else if (!std::strcmp(argv[i], "--repeat"))
      repeat = std::max(1, static_cast<int>(value));
    else if (!std::strcmp(argv[i], "--seed"))
      generate.seed = static_cast<uint64_t>(value);
    else {
      std::fprintf(stderr, "usage: bench_replan [--suppliers N] [--stands M] [--slots S] [--repeat R] [--seed X]\n");
      return 2;
    }
  }
  auto event = match::ParseEvent(match::GenerateEvent(generate), "generated.json");
  if (!event.ok()) return Fail(event.status());
  const match::Rules& rules = match::Rules::Default();

  auto started = std::chrono::steady_clock::now();
  auto built = match::BuildSchedule(*event, rules, match::Score(*event, rules));
  if (!built.ok()) return Fail(built.status());
  const double schedule_seconds = Seconds(started);
  const std::string schedule_json = match::ScheduleToJson(*event, *built);
  auto schedule = match::ParseSchedule(schedule_json, "schedule.json", *event);
  if (!schedule.ok()) return Fail(schedule.status());

  // 5 % cancellations, 5 % late arrivals, deterministic: suppliers 0, 20, 40, ... cancel,
  // suppliers 10, 30, 50, ... arrive three slots after now.
  const int middle = static_cast<int>(event->slots.size()) / 2;
  const int late = std::min(middle + 3, static_cast<int>(event->slots.size()) - 1);
  nlohmann::json list = nlohmann::json::array();
  for (size_t s = 0; s < event->suppliers.size(); ++s) {
    const std::string& id = event->suppliers[s].id;
    if (s % 20 == 0) list.push_back({{"kind", "cancel_supplier"}, {"supplier", id}});
    if (s % 20 == 10)
      list.push_back({{"kind", "availability"},
                      {"supplier", id},
                      {"available", {{{"start", match::FormatTime(event->slots[late].start)}, {"end", "23:59"}}}}});
  }
  nlohmann::json doc = {
      {"format", "standmatch.changes/1"}, {"now", match::FormatTime(event->slots[middle].start)}, {"changes", list}};
  const std::string changes_text = doc.dump();

  double best = 1e9, first = 0;
  match::Result<match::ReplanResult> result = match::Status::Internal("not run");
  for (int r = 0; r < repeat; ++r) {
    started = std::chrono::steady_clock::now();
    auto changes = match::ParseChanges(changes_text, "changes.json", *event, *schedule);
    if (!changes.ok()) return Fail(changes.status());
    result = match::Replan(*event, rules, *schedule, *changes);
    if (!result.ok()) return Fail(result.status());
    const double seconds = Seconds(started);
    if (r == 0) first = seconds;
    best = std::min(best, seconds);
  }
  const match::ReplanResult& replan = *result;
  const match::Event& changed = replan.changed.event;
  auto check = match::CheckSchedule(changed, rules, match::ScheduleToJson(changed, replan.schedule), "replan.json");
  if (!check.ok()) return Fail(check.status());

  // A re-solve from scratch on the changed event, in the same run.
  started = std::chrono::steady_clock::now();
  auto resolved = match::BuildSchedule(changed, rules, match::Score(changed, rules));
  if (!resolved.ok()) return Fail(resolved.status());
  const double resolve_seconds = Seconds(started);
  match::ScheduleDiff scratch = match::DiffSchedules(*schedule, *resolved);
  int history_changed = 0;
  for (const auto& c : scratch.changes)
    if (c.kind != match::MeetingChange::Kind::kAdded && c.before.slot < replan.changed.first_future_slot)
      ++history_changed;

  using K = match::MeetingChange::Kind;
  const auto& st = replan.stats;
  std::printf("forum: %d suppliers, %d stands, %zu slots; %zu meetings scheduled in %.3f s\n", generate.suppliers,
              generate.stands, event->slots.size(), schedule->meetings.size(), schedule_seconds);
  std::printf("changes at %s (slot %d): %d cancellations, %d late arrivals (from %s)\n",
              match::FormatTime(st.now).c_str(), middle, (generate.suppliers + 19) / 20, (generate.suppliers + 9) / 20,
              match::FormatTime(event->slots[late].start).c_str());
  std::printf("replan: %.1f ms (best of %d; first %.1f ms), valid: %s\n", best * 1000, repeat, first * 1000,
              check->valid() ? "yes" : "NO");
  std::printf("  history %d, kept %d, cancelled %d, displaced %d, waiting pairs %d, rounds %d, repairs %d\n",
              st.history, st.kept, st.cancelled, st.displaced, st.waiting, st.rounds, st.repairs);
  std::printf("  diff: %d moved, %d added, %d cancelled, %d unchanged; meetings %zu -> %zu\n",
              replan.diff.Count(K::kMoved), replan.diff.Count(K::kAdded), replan.diff.Count(K::kCancelled),
              replan.diff.unchanged, schedule->meetings.size(), replan.schedule.meetings.size());
  std::printf(
      "re-solve from scratch: %.1f ms; %d moved (%d of them history), %d added, %d cancelled, %d unchanged; "
      "meetings %zu\n",
      resolve_seconds * 1000, scratch.Count(K::kMoved), history_changed, scratch.Count(K::kAdded),
      scratch.Count(K::kCancelled), scratch.unchanged, resolved->meetings.size());
  return check->valid() ? 0 : 1;
}
