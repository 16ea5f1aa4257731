// standmatch schedule EVENT [--out DIR]: the organiser's timetable.
#include <chrono>
#include <cstdio>

#include "command.h"
#include "inputs.h"
#include "match/export/outputs.h"
#include "match/schedule/early_warnings.h"
#include "match/schedule/schedule.h"
#include "match/score/ranking.h"

namespace standmatch_cli {
namespace {

struct ScheduleOptions {
  InputOptions inputs;
  std::string out;
  bool json = false;
  bool quiet = false;
  bool stats = false;
  match::Lang lang = match::Lang::kFr;
};

double Since(std::chrono::steady_clock::time_point& mark) {
  auto now = std::chrono::steady_clock::now();
  double seconds = std::chrono::duration<double>(now - mark).count();
  mark = now;
  return seconds;
}

REGISTER_COMMAND("schedule", [](CLI::App& app) {
  auto opts = std::make_shared<ScheduleOptions>();
  auto* sub =
      app.add_subcommand("schedule", "select the meetings and build the timetable, agendas and printable pages");
  AddInputOptions(sub, opts->inputs);
  sub->add_option("--out", opts->out, "directory for schedule.json, agendas (CSV, ICS) and timetable.html");
  sub->add_flag("--json", opts->json, "print schedule.json on stdout instead of the summary");
  sub->add_flag("--quiet", opts->quiet, "no progress line on stderr");
  sub->add_flag("--stats", opts->stats, "print the time of each stage on stderr");
  AddLangOption(sub, opts->lang, "the agendas' calendars and printable pages");
  return std::function<int()>([opts] {
    auto started = std::chrono::steady_clock::now();
    auto mark = started;
    auto inputs = LoadInputs(opts->inputs);
    double load_seconds = Since(mark);
    if (!inputs.ok()) return Fail(inputs.status());
    for (const auto& w : inputs->warnings) std::cerr << "warning: " << w << "\n";
    const auto& event = inputs->event;
    auto scores = match::Score(event, inputs->rules);
    double score_seconds = Since(mark);
    bool show_progress = !opts->quiet && event.suppliers.size() * event.stands.size() > 100000;
    auto progress = [&](double fraction, std::string_view step) {
      if (!show_progress) return;
      std::fprintf(stderr, "\rschedule: %3.0f%% %-12.*s", fraction * 100, static_cast<int>(step.size()), step.data());
      if (fraction >= 1) std::fprintf(stderr, "\n");
    };
    auto schedule = match::BuildSchedule(event, inputs->rules, scores, progress);
    if (!schedule.ok()) return Fail(schedule.status());
    Since(mark);  // the build itself: schedule->stats breaks it down
    std::string json = match::ScheduleToJson(event, *schedule);
    if (!opts->out.empty()) {
      if (auto st = match::WriteScheduleOutputs(event, *schedule, opts->out, json, Outputs(opts->lang)); !st.ok())
        return Fail(st);
    }
    double write_seconds = Since(mark);
    if (opts->stats) {
      const auto& st = schedule->stats;
      std::fprintf(stderr,
                   "stats: load %.3f s, score %.3f s (%zu pairs), selection %.3f s, timetable %.3f s (%d rounds), "
                   "finish %.3f s, write %.3f s\n",
                   load_seconds, score_seconds, scores.pairs().size(), st.selection_seconds, st.timetable_seconds,
                   st.rounds, st.finish_seconds, write_seconds);
    }
    if (opts->json) {
      std::cout << json;
      return kExitOk;
    }
    const auto& m = schedule->metrics;
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf(
        "%s: %d meetings for %d of %d suppliers (%.1f%% of the %d with an eligible stand), %zu stands, %zu slots\n",
        event.id.c_str(), m.meetings, m.suppliers_met, m.suppliers, m.coverage * 100, m.suppliers_with_candidate,
        event.stands.size(), event.slots.size());
    std::printf(
        "score: total %.2f, mean %s; stand fill %.1f%%; breaks: %d for suppliers (max %d), %d for stands (max %d)\n",
        m.total_score, match::FormatScore(m.mean_score).c_str(), m.stand_fill_rate * 100, m.supplier_breaks,
        m.max_supplier_breaks, m.stand_breaks, m.max_stand_breaks);
    std::printf(
        "wishes met: must %d/%d, want %d/%d; invitations met: must %d/%d, want %d/%d; unmet pairs listed: %zu\n",
        m.wishes_must_met, m.wishes_must, m.wishes_want_met, m.wishes_want, m.invitations_must_met, m.invitations_must,
        m.invitations_want_met, m.invitations_want, schedule->unmet.size());
    std::printf("shares of meetings (of registrants):");
    for (const auto& s : m.shares)
      std::printf(" %s %.0f%% (%.0f%%)", s.category.c_str(), s.meetings * 100, s.registrants * 100);
    std::printf("\n");
    for (const auto& q : m.quotas) {
      std::printf("quota %s: target %.1f%%, reached %.1f%% (%d of %d meetings)%s%s\n", q.category.c_str(),
                  q.target * 100, q.reached * 100, q.member_meetings, m.meetings,
                  q.met ? "" : ", not met: ", q.why.c_str());
    }
    for (const auto& line : match::EarlyWarningLines(event, match::FindEarlyWarnings(event, inputs->rules, scores)))
      std::printf("early warning: %s\n", line.c_str());
    if (!opts->out.empty())
      std::printf("written to %s/ (schedule.json, timetable.html, agendas/)\n", opts->out.c_str());
    std::fflush(stdout);
    std::fprintf(stderr, "schedule: %.3f s\n", seconds);
    return kExitOk;
  });
});

}  // namespace
}  // namespace standmatch_cli
