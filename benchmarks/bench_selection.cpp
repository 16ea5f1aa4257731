// Times SelectionSolver on an instance file written by benchmarks/selection/generate.py
// (format: benchmarks/selection/FORMAT.md) and prints one JSON line:
//   {"solver": "standmatch", "seconds": S, "must": M, "covered": C, "score": X, ...}
// `seconds` (wall) and `cpu_seconds` (process CPU) are the best of --repeat runs of
// Solve() (building the network included, reading the file not). benchmarks/selection/run compares it with HiGHS and
// networkx.
//
//   bench_selection INSTANCE [--repeat N] [--quota SHARE]
// --quota adds a category holding every fourth supplier with that minimum share.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "match/base/files.h"
#include "match/solve/selection.h"

namespace {

// Reads whitespace-separated integers; false at the end of the text or on junk.
class Tokens {
 public:
  explicit Tokens(const std::string& text) : p_(text.c_str()) {}
  bool Next(long long* value) {
    while (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t') ++p_;
    if (*p_ == '\0') return false;
    char* end = nullptr;
    *value = std::strtoll(p_, &end, 10);
    if (end == p_) return false;
    p_ = end;
    return true;
  }

 private:
  const char* p_;
};

match::Result<match::SelectionProblem> ReadInstance(const std::string& path) {
  auto text = match::ReadFile(path);
  if (!text.ok()) return text.status();
  const std::string kMagic = "standmatch-selection/1\n";
  if (text->compare(0, kMagic.size(), kMagic) != 0) {
    return match::Status::Invalid(path + ":1: expected \"standmatch-selection/1\"");
  }
  const std::string body = text->substr(kMagic.size());
  Tokens tokens(body);
  long long n = 0, m = 0, k = 0;
  if (!tokens.Next(&n) || !tokens.Next(&m) || !tokens.Next(&k) || n < 0 || m < 0 || k < 0) {
    return match::Status::Invalid(path + ":2: expected the counts of suppliers, stands, candidates");
  }
  match::SelectionProblem p;
  p.num_suppliers = static_cast<int>(n);
  p.num_stands = static_cast<int>(m);
  long long v = 0;
  for (long long i = 0; i < n; ++i) {
    if (!tokens.Next(&v))
      return match::Status::Invalid(path + ":3: expected " + std::to_string(n) + " supplier capacities");
    p.supplier_capacity.push_back(static_cast<int>(v));
  }
  for (long long j = 0; j < m; ++j) {
    if (!tokens.Next(&v))
      return match::Status::Invalid(path + ":4: expected " + std::to_string(m) + " stand capacities");
    p.stand_capacity.push_back(static_cast<int>(v));
  }
  p.candidates.reserve(k);
  for (long long c = 0; c < k; ++c) {
    long long f[5];
    for (auto& x : f) {
      if (!tokens.Next(&x)) {
        return match::Status::Invalid(path + ":" + std::to_string(c + 5) +
                                      ": expected supplier stand score must forced");
      }
    }
    p.candidates.push_back({static_cast<int>(f[0]), static_cast<int>(f[1]), f[2], f[3] != 0, f[4] != 0});
  }
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path;
  int repeat = 1;
  double quota = -1;
  for (int a = 1; a < argc; ++a) {
    if (!std::strcmp(argv[a], "--repeat") && a + 1 < argc) {
      repeat = std::atoi(argv[++a]);
    } else if (!std::strcmp(argv[a], "--quota") && a + 1 < argc) {
      quota = std::atof(argv[++a]);
    } else if (argv[a][0] != '-' && path.empty()) {
      path = argv[a];
    } else {
      std::fprintf(stderr, "usage: bench_selection INSTANCE [--repeat N] [--quota SHARE]\n");
      return 2;
    }
  }
  if (path.empty() || repeat < 1) {
    std::fprintf(stderr, "usage: bench_selection INSTANCE [--repeat N] [--quota SHARE]\n");
    return 2;
  }
  auto problem = ReadInstance(path);
  if (!problem.ok()) {
    std::fprintf(stderr, "%s\n", problem.status().ToString().c_str());
    return 1;
  }
  if (quota >= 0) {
    match::SelectionProblem::Quota q{"micro", std::vector<char>(problem->num_suppliers, 0), quota};
    for (int i = 0; i < problem->num_suppliers; i += 4) q.member[i] = 1;
    problem->quotas.push_back(q);
  }
  double best = 1e100, best_cpu = 1e100;
  match::SelectionSolver::Objective objective;
  bool wide = false;
  std::string quota_text;
  for (int r = 0; r < repeat; ++r) {
    match::SelectionSolver solver(*problem);
    auto start = std::chrono::steady_clock::now();
    std::clock_t cpu_start = std::clock();
    match::Status status = solver.Solve();
    double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!status.ok()) {
      std::fprintf(stderr, "%s: %s\n", path.c_str(), status.ToString().c_str());
      return 1;
    }
    best = std::min(best, seconds);
    best_cpu = std::min(best_cpu, cpu);
    objective = solver.objective();
    wide = solver.wide_costs();
    quota_text.clear();
    for (const auto& report : solver.quota_reports()) {
      quota_text += ", \"quota_required\": " + std::to_string(report.required) +
                    ", \"quota_achieved\": " + std::to_string(report.achieved);
    }
  }
  std::printf(
      "{\"solver\": \"standmatch\", \"seconds\": %.4f, \"cpu_seconds\": %.4f, \"must\": %lld, \"covered\": %lld, "
      "\"score\": %lld, \"meetings\": %lld, \"candidates\": %zu, \"wide_costs\": %s%s}\n",
      best, best_cpu, static_cast<long long>(objective.must), static_cast<long long>(objective.covered),
      static_cast<long long>(objective.score), static_cast<long long>(objective.meetings), problem->candidates.size(),
      wide ? "true" : "false", quota_text.c_str());
  return 0;
}
