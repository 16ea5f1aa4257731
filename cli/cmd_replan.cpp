// standmatch replan EVENT SCHEDULE CHANGES [--now HH:MM] [--out DIR] [--json]: the
// day-of re-plan (interfaces.md §4, docs/changes.md).
#include <cstdio>

#include "command.h"
#include "inputs.h"
#include "match/base/files.h"
#include "match/export/outputs.h"
#include "match/replan/replan_event.h"
#include "match/replan/schedule_diff.h"
#include "match/schedule/schedule.h"

namespace standmatch_cli {
namespace {

struct ReplanOptions {
  InputOptions inputs;
  std::string schedule;
  std::string changes;
  std::string now;
  std::string out;
  bool json = false;
  match::Lang lang = match::Lang::kFr;
};

REGISTER_COMMAND("replan", [](CLI::App& app) {
  auto opts = std::make_shared<ReplanOptions>();
  auto* sub =
      app.add_subcommand("replan", "re-plan a schedule after the day's changes, keeping the meetings that still hold");
  AddInputOptions(sub, opts->inputs);
  sub->add_option("SCHEDULE", opts->schedule, "the published schedule.json")->required();
  sub->add_option("CHANGES", opts->changes, "the changes file (standmatch.changes/1)")->required();
  sub->add_option("--now", opts->now, "HH:MM: meetings starting before it are history (overrides the file's now)");
  sub->add_option("--out", opts->out,
                  "directory for the new schedule.json, agendas (ICS with raised SEQUENCE), cancellations, replan.json "
                  "and the changed event.json");
  sub->add_flag("--json", opts->json, "print the diff as JSON instead of text");
  AddLangOption(sub, opts->lang, "the agendas' calendars and printable pages");
  return std::function<int()>([opts] {
    match::ReplanOptions replan_options;
    if (!opts->now.empty()) {
      replan_options.now = match::ParseTime(opts->now);
      if (!replan_options.now) {
        std::cerr << "--now: \"" << opts->now << "\" is not a time (HH:MM)\n";
        return kExitUsage;
      }
    }
    auto inputs = LoadInputs(opts->inputs);
    if (!inputs.ok()) return Fail(inputs.status());
    for (const auto& w : inputs->warnings) std::cerr << "warning: " << w << "\n";
    const match::Event& event = inputs->event;
    auto schedule_text = match::ReadFile(opts->schedule);
    if (!schedule_text.ok()) return Fail(schedule_text.status());
    auto schedule = match::ParseSchedule(*schedule_text, opts->schedule, event);
    if (!schedule.ok()) return Fail(schedule.status());
    auto changes_text = match::ReadFile(opts->changes);
    if (!changes_text.ok()) return Fail(changes_text.status());
    auto event_text = match::ReadFile(opts->inputs.event_path);
    if (!event_text.ok()) return Fail(event_text.status());
    match::ReplanEventInput input;
    input.event_json = *event_text;
    input.event_file = opts->inputs.event_path;
    input.event = &event;
    input.rules = &inputs->rules;
    input.schedule = &*schedule;
    input.changes_json = *changes_text;
    input.changes_file = opts->changes;
    input.load.cpv_list = inputs->labels();
    input.options = replan_options;
    auto replanned = match::ReplanEventFile(input);
    if (!replanned.ok()) return Fail(replanned.status());
    const match::ReplanResult& result = replanned->result;
    const match::Event& changed = result.changed.event;
    if (!opts->out.empty()) {
      if (auto st = match::WriteReplanOutputs(result, opts->out, replanned->schedule_json, Outputs(opts->lang));
          !st.ok())
        return Fail(st);
      // The changed event, so that `standmatch check DIR/event.json DIR/schedule.json` holds.
      if (auto st = match::WriteFileAtomic(opts->out + "/event.json", replanned->changed_event_json); !st.ok())
        return Fail(st);
    }
    if (opts->json) {
      std::cout << match::DiffToJson(changed, result.diff);
      return kExitOk;
    }
    const auto& st = result.stats;
    std::printf(
        "replan at %s: %d history, %d kept, %d cancelled, %d displaced; %d waiting pairs, %d repairs moving %d "
        "meetings (at most %d per participant)\n",
        match::FormatTime(st.now).c_str(), st.history, st.kept, st.cancelled, st.displaced, st.waiting, st.repairs,
        st.moves, st.max_moves);
    std::cout << match::DiffText(changed, result.diff);
    if (!opts->out.empty())
      std::printf("written to %s/ (schedule.json, event.json, agendas/, cancellations/, replan.json)\n",
                  opts->out.c_str());
    return kExitOk;
  });
});

}  // namespace
}  // namespace standmatch_cli
