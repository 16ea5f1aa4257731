// standmatch b2b INSTANCE.dzn [--fairness D] [--json]: solves a Girona B2B
// meeting-scheduling instance with the timetable solver. Exits 1 with the reason when a
// count proves that no timetable places every meeting (or meets the fairness bound).
#include <chrono>
#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "command.h"
#include "match/solve/timetable.h"
#include "match/tools/b2b.h"

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

// The reasons are the library's ASCII sentences: quotes and backslashes are all there is to escape.
std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

int Run(const Opts& opts) {
  const auto start = std::chrono::steady_clock::now();
  match::Result<match::B2bInstance> instance = match::ReadDzn(opts.file);
  if (!instance.ok()) return Fail(instance.status());
  // Counting proofs first: they name the participant or meeting at fault.
  const match::B2bFeasibility feasibility = match::CheckB2bFeasibility(*instance, opts.fairness);
  match::TimetableOptions options;
  options.fairness = opts.fairness;
  options.seed = opts.seed;
  options.effort = opts.effort;
  match::TimetableSolver solver(match::ToTimetableProblem(*instance), options);
  if (match::Status status = solver.Solve(); !status.ok()) return Fail(status);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const int meetings = static_cast<int>(solver.slots().size());
  std::vector<int> unplaced;
  for (int m = 0; m < meetings; ++m)
    if (solver.slot(m) < 0) unplaced.push_back(m);
  for (const std::string& reason : feasibility.placement) std::cerr << opts.file << ": infeasible: " << reason << "\n";
  if (!feasibility.fairness.empty()) std::cerr << opts.file << ": infeasible: " << feasibility.fairness << "\n";
  if (!unplaced.empty()) {
    std::cerr << opts.file << ": " << unplaced.size() << " meetings could not be placed (meetings";
    for (size_t i = 0; i < unplaced.size() && i < 20; ++i) std::cerr << " " << unplaced[i] + 1;
    std::cerr << (unplaced.size() > 20 ? " ...)" : ")")
              << (feasibility.placement_possible() ? "; no simple count proves the instance infeasible" : "") << "\n";
  }
  if (!solver.fairness_met() && feasibility.fairness.empty()) {
    std::cerr << opts.file << ": spread " << solver.spread() << " exceeds the fairness bound " << opts.fairness << "\n";
  }
  // "feasible": true when every meeting is placed within the fairness bound, false when
  // a count proves it impossible, null when the search fell short without a proof.
  const bool proved = !feasibility.placement.empty() || !feasibility.fairness.empty();
  const bool solved = unplaced.empty() && solver.fairness_met();
  if (opts.json) {
    std::ostringstream out;
    out << "{\"feasible\": "
        << (proved   ? "false"
            : solved ? "true"
                     : "null")
        << ", \"breaks\": " << solver.total_breaks() << ", \"spread\": " << solver.spread()
        << ", \"seconds\": " << Seconds(seconds) << ", \"slots\": [";
    for (int m = 0; m < meetings; ++m) {
      out << (m ? ", " : "");
      if (solver.slot(m) < 0)
        out << "null";
      else
        out << solver.slot(m) + 1;
    }
    out << "], \"unplaced\": [";
    for (size_t i = 0; i < unplaced.size(); ++i) out << (i ? ", " : "") << unplaced[i] + 1;
    out << "], \"reasons\": [";
    std::vector<std::string> reasons = feasibility.placement;
    if (!feasibility.fairness.empty()) reasons.push_back(feasibility.fairness);
    for (size_t i = 0; i < reasons.size(); ++i) out << (i ? ", " : "") << JsonString(reasons[i]);
    out << "]}\n";
    std::cout << out.str();
  } else {
    std::cout << "breaks: " << solver.total_breaks() << " (lower bound " << solver.lower_bound()
              << ")\nspread: " << solver.spread() << "\nplaced: " << solver.placed() << "/" << meetings
              << "\nseconds: " << Seconds(seconds) << "\n";
  }
  if (proved) return kExitBadInput;
  return kExitOk;
}

REGISTER_COMMAND("b2b", [](CLI::App& app) {
  auto opts = std::make_shared<Opts>();
  auto* sub = app.add_subcommand("b2b", "solve a Girona B2B meeting-scheduling instance (.dzn)");
  sub->add_option("INSTANCE", opts->file, "the instance, MiniZinc data (.dzn)")->required();
  sub->add_option("--fairness", opts->fairness, "max - min breaks per participant (<0: none)")->capture_default_str();
  sub->add_flag("--json", opts->json,
                "print {\"feasible\", \"breaks\", \"spread\", \"seconds\", \"slots\", \"unplaced\", \"reasons\"}");
  sub->add_option("--seed", opts->seed, "seed of the search")->capture_default_str();
  sub->add_option("--effort", opts->effort, "search moves per meeting (0: default)")->capture_default_str();
  return std::function<int()>([opts] { return Run(*opts); });
});

}  // namespace
}  // namespace standmatch_cli
