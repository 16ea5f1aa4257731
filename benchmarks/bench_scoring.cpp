// Scoring throughput: the indexed scorer against a naive all-pairs loop, on the same
// generated event, in the same run.
//
//   build/benchmarks/bench_scoring [SUPPLIERS] [NEEDS] [--indexed-only]   (default 20000 2000)
//
// --indexed-only times the indexed scorer alone (for a profiler: perf record ... --indexed-only).
//
// Prints wall and CPU seconds (best of 3, the two scorers alternating, one core), pairs evaluated, (supplier, need)
// pairs per second over the full cross product, and the speed-up; checks both give the same table.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string_view>

#include "match/io/event_io.h"
#include "match/score/ranking.h"
#include "match/score/scoring.h"
#include "match/tools/generate.h"

using namespace match;

struct Timing {
  double wall = 1e9, cpu = 1e9;
};

// Runs F once and keeps the best wall clock and this thread's CPU time so far in BEST
// (CPU time is what one core costs when the machine is shared).
template <class F>
void TimeOnce(Timing& best, F&& f) {
  timespec c0, c1;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
  auto t0 = std::chrono::steady_clock::now();
  f();
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
  best.wall = std::min(best.wall, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  best.cpu = std::min(best.cpu, (c1.tv_sec - c0.tv_sec) + 1e-9 * (c1.tv_nsec - c0.tv_nsec));
}

int main(int argc, char** argv) {
  int suppliers = argc > 1 ? std::atoi(argv[1]) : 20000;
  int needs = argc > 2 ? std::atoi(argv[2]) : 2000;
  const bool indexed_only = argc > 3 && std::string_view(argv[3]) == "--indexed-only";
  GenerateOptions options;
  options.suppliers = suppliers;
  options.needs_per_stand_max = 3;  // 2 needs per stand on average
  options.stands = needs / 2;
  options.seed = 42;
  auto t0 = std::chrono::steady_clock::now();
  auto event = ParseEvent(GenerateEvent(options), "generated");
  if (!event.ok()) {
    std::fprintf(stderr, "%s\n", event.status().ToString().c_str());
    return 1;
  }
  double load = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cross = static_cast<double>(event->suppliers.size()) * static_cast<double>(event->needs.size());
  std::printf("event: %zu suppliers x %zu needs (%zu stands), generated and loaded in %.2f s\n",
              event->suppliers.size(), event->needs.size(), event->stands.size(), load);

  const Rules& rules = Rules::Default();
  ScoreTable indexed, naive;
  // Best of 3 each, the two scorers alternating: this machine's speed drifts over seconds,
  // and both then see the same drift.
  Timing t_index, t_naive;
  for (int i = 0; i < 3; ++i) {
    TimeOnce(t_index, [&] { indexed = Score(*event, rules); });
    if (!indexed_only) TimeOnce(t_naive, [&] { naive = ScoreAllPairs(*event, rules); });
  }
  if (indexed_only) {
    std::printf("indexed (standmatch): %.3f s wall, %.3f s cpu, %zu eligible pairs\n", t_index.wall, t_index.cpu,
                indexed.pairs().size());
    return 0;
  }
  bool same = ScoresCsv(*event, indexed) == ScoresCsv(*event, naive);
  std::printf("%-22s %9s %9s %14s %16s %16s\n", "scorer", "wall s", "cpu s", "needs scored", "eligible pairs",
              "SxN pairs/cpu s");
  std::printf("%-22s %9.3f %9.3f %14lld %16zu %16.3g\n", "indexed (standmatch)", t_index.wall, t_index.cpu,
              static_cast<long long>(indexed.evaluated()), indexed.pairs().size(), cross / t_index.cpu);
  std::printf("%-22s %9.3f %9.3f %14lld %16zu %16.3g\n", "naive all-pairs loop", t_naive.wall, t_naive.cpu,
              static_cast<long long>(naive.evaluated()), naive.pairs().size(), cross / t_naive.cpu);
  std::printf("speed-up (cpu): %.1fx; identical tables: %s\n", t_naive.cpu / t_index.cpu, same ? "yes" : "NO");
  return same ? 0 : 1;
}
