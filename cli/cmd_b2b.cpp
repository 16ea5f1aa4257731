// standmatch b2b INSTANCE.dzn [--fairness D] [--json]: solves a Girona B2B
// meeting-scheduling instance with the timetable solver.
#include <chrono>
#include <cstdio>
#include <memory>
#include <sstream>
#include <string>

#include "command.h"
#include "match/tools/b2b.h"
#include "match/solve/timetable.h"

namespace standmatch_cli {
namespace {

struct Opts {
  std::string file;
  int fairness = 2;
  bool json = false;
  uint64_t seed = 1;
  int64_t effort = 0;
};

std::string Seconds(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", seconds);
  return buffer;
}

int Run(const Opts& opts) {
  const auto start = std::chrono::steady_clock::now();
  match::Result<match::B2bInstance> instance = match::ReadDzn(opts.file);
  if (!instance.ok()) return Fail(instance.status());
  match::TimetableOptions options;
  options.fairness = opts.fairness;
  options.seed = opts.seed;
  options.effort = opts.effort;
  match::TimetableSolver solver(match::ToTimetableProblem(*instance), options);
  if (match::Status status = solver.Solve(); !status.ok()) return Fail(status);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const int meetings = static_cast<int>(solver.slots().size());
  if (solver.placed() < meetings) {
    std::cerr << opts.file << ": " << meetings - solver.placed()
              << " meetings could not be placed (slot 0 in the output)\n";
  }
  if (!solver.fairness_met()) {
    std::cerr << opts.file << ": spread " << solver.spread() << " exceeds the fairness bound "
              << opts.fairness << "\n";
  }
  if (opts.json) {
    std::ostringstream out;
    out << "{\"breaks\": " << solver.total_breaks() << ", \"spread\": " << solver.spread()
        << ", \"seconds\": " << Seconds(seconds) << ", \"slots\": [";
    for (int m = 0; m < meetings; ++m) out << (m ? ", " : "") << solver.slot(m) + 1;
    out << "]}\n";
    std::cout << out.str();
  } else {
    std::cout << "breaks: " << solver.total_breaks() << " (lower bound " << solver.lower_bound()
              << ")\nspread: " << solver.spread() << "\nplaced: " << solver.placed() << "/"
              << meetings << "\nseconds: " << Seconds(seconds) << "\n";
  }
  return kExitOk;
}

REGISTER_COMMAND("b2b", [](CLI::App& app) {
  auto opts = std::make_shared<Opts>();
  auto* sub = app.add_subcommand("b2b", "solve a Girona B2B meeting-scheduling instance (.dzn)");
  sub->add_option("INSTANCE", opts->file, "the instance, MiniZinc data (.dzn)")->required();
  sub->add_option("--fairness", opts->fairness, "max - min breaks per participant (<0: none)")
      ->capture_default_str();
  sub->add_flag("--json", opts->json, "print {\"breaks\", \"spread\", \"seconds\", \"slots\"}");
  sub->add_option("--seed", opts->seed, "seed of the search")->capture_default_str();
  sub->add_option("--effort", opts->effort, "search moves per meeting (0: default)")
      ->capture_default_str();
  return std::function<int()>([opts] { return Run(*opts); });
});

}  // namespace
}  // namespace standmatch_cli
