// Selection: the min-cost flow solver against exhaustive enumeration on small random
// instances, plus validation, capacities, quotas and determinism.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "match/solve/selection.h"

namespace {

using match::SelectionOptions;
using match::SelectionProblem;
using match::SelectionSolver;
using Objective = SelectionSolver::Objective;

// Capacities respected and forced candidates included.
bool Feasible(const SelectionProblem& p, const std::vector<char>& chosen) {
  std::vector<int> supplier_load(p.num_suppliers, 0), stand_load(p.num_stands, 0);
  for (size_t c = 0; c < p.candidates.size(); ++c) {
    if (p.candidates[c].forced && !chosen[c]) return false;
    if (!chosen[c]) continue;
    if (++supplier_load[p.candidates[c].supplier] > p.supplier_capacity[p.candidates[c].supplier]) {
      return false;
    }
    if (++stand_load[p.candidates[c].stand] > p.stand_capacity[p.candidates[c].stand]) return false;
  }
  return true;
}

// The documented objective of one selection; REQUIRED holds each quota's requirement.
Objective Evaluate(const SelectionProblem& p, const std::vector<char>& chosen, const std::vector<int>& required,
                   bool cover) {
  Objective o;
  std::vector<int> meetings(p.num_suppliers, 0);
  for (size_t c = 0; c < p.candidates.size(); ++c) {
    if (!chosen[c]) continue;
    ++o.meetings;
    o.must += p.candidates[c].must;
    o.score += p.candidates[c].score;
    ++meetings[p.candidates[c].supplier];
  }
  for (int i = 0; i < p.num_suppliers; ++i) o.covered += cover && meetings[i] > 0;
  for (size_t q = 0; q < p.quotas.size(); ++q) {
    int members = 0;
    for (int i = 0; i < p.num_suppliers; ++i) members += p.quotas[q].member[i] ? meetings[i] : 0;
    o.quota += std::min(members, required[q]);
  }
  return o;
}

struct BruteForce {
  bool feasible = false;
  Objective best;
  int max_meetings = 0;
};

BruteForce Enumerate(const SelectionProblem& p, bool cover) {
  const int m = static_cast<int>(p.candidates.size());
  BruteForce out;
  std::vector<char> chosen(m);
  std::vector<uint32_t> feasible_masks;
  for (uint32_t mask = 0; mask < (1u << m); ++mask) {
    for (int c = 0; c < m; ++c) chosen[c] = (mask >> c) & 1;
    if (!Feasible(p, chosen)) continue;
    feasible_masks.push_back(mask);
    out.max_meetings = std::max(out.max_meetings, __builtin_popcount(mask));
  }
  if (feasible_masks.empty()) return out;
  out.feasible = true;
  std::vector<int> required;
  for (const auto& q : p.quotas) {
    required.push_back(SelectionSolver::QuotaRequirement(q.min_share, out.max_meetings));
  }
  bool first = true;
  for (uint32_t mask : feasible_masks) {
    for (int c = 0; c < m; ++c) chosen[c] = (mask >> c) & 1;
    Objective o = Evaluate(p, chosen, required, cover);
    if (first || o > out.best) out.best = o;
    first = false;
  }
  return out;
}

struct Shape {
  int max_suppliers = 5, max_stands = 4, max_candidates = 12;
  double must = 0, forced = 0;
  int max_quotas = 0;
  int64_t max_score = 20;
};

SelectionProblem RandomProblem(std::mt19937& rng, const Shape& shape) {
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto chance = [&](double pr) { return std::uniform_real_distribution<double>(0, 1)(rng) < pr; };
  SelectionProblem p;
  p.num_suppliers = uniform(1, shape.max_suppliers);
  p.num_stands = uniform(1, shape.max_stands);
  for (int i = 0; i < p.num_suppliers; ++i) p.supplier_capacity.push_back(uniform(0, 3));
  for (int j = 0; j < p.num_stands; ++j) p.stand_capacity.push_back(uniform(0, 3));
  std::vector<std::pair<int, int>> pairs;
  for (int i = 0; i < p.num_suppliers; ++i) {
    for (int j = 0; j < p.num_stands; ++j) pairs.push_back({i, j});
  }
  std::shuffle(pairs.begin(), pairs.end(), rng);
  int m = std::min<int>(pairs.size(), uniform(1, shape.max_candidates));
  for (int k = 0; k < m; ++k) {
    SelectionProblem::Candidate c;
    c.supplier = pairs[k].first;
    c.stand = pairs[k].second;
    c.score = std::uniform_int_distribution<int64_t>(0, shape.max_score)(rng);
    c.must = chance(shape.must);
    c.forced = chance(shape.forced);
    p.candidates.push_back(c);
  }
  int num_quotas = uniform(0, shape.max_quotas);
  const double shares[] = {0.2, 0.25, 1.0 / 3, 0.5, 0.7, 1.0};
  // A laminar family: each quota is a random subset of a random earlier quota (or of
  // everyone), kept only when it is disjoint from or nested with every earlier quota.
  for (int q = 0; q < num_quotas; ++q) {
    SelectionProblem::Quota quota;
    quota.name = "q" + std::to_string(q);
    quota.min_share = shares[uniform(0, 5)];
    quota.member.assign(p.num_suppliers, 0);
    int within = uniform(-1, static_cast<int>(p.quotas.size()) - 1);
    for (int i = 0; i < p.num_suppliers; ++i) {
      quota.member[i] = chance(0.5) && (within < 0 || p.quotas[within].member[i]);
    }
    bool laminar = true;
    for (const auto& other : p.quotas) {
      bool both = false, only_new = false, only_other = false;
      for (int i = 0; i < p.num_suppliers; ++i) {
        both |= quota.member[i] && other.member[i];
        only_new |= quota.member[i] && !other.member[i];
        only_other |= other.member[i] && !quota.member[i];
      }
      laminar = laminar && !(both && only_new && only_other);
    }
    if (laminar) p.quotas.push_back(quota);
  }
  return p;
}

bool ForcedFit(const SelectionProblem& p) {
  std::vector<char> forced(p.candidates.size());
  for (size_t c = 0; c < p.candidates.size(); ++c) forced[c] = p.candidates[c].forced;
  return Feasible(p, forced);
}

// Solves P and compares with enumeration; returns false when forced meetings do not fit.
void CheckAgainstBruteForce(const SelectionProblem& p, bool cover) {
  SelectionSolver solver(p, SelectionOptions{cover});
  match::Status status = solver.Solve();
  BruteForce brute = Enumerate(p, cover);
  if (!brute.feasible) {
    REQUIRE(status.code() == match::Status::Code::kInfeasible);
    return;
  }
  INFO(status.ToString());
  REQUIRE(status.ok());
  std::vector<char> chosen(p.candidates.size());
  for (size_t c = 0; c < chosen.size(); ++c) chosen[c] = solver.selected(static_cast<int>(c));
  REQUIRE(Feasible(p, chosen));
  Objective got = solver.objective();
  if (!cover) got.covered = 0;
  INFO("quota " << got.quota << " vs " << brute.best.quota << ", must " << got.must << " vs " << brute.best.must
                << ", covered " << got.covered << " vs " << brute.best.covered << ", score " << got.score << " vs "
                << brute.best.score);
  REQUIRE(got == brute.best);
  if (!p.quotas.empty()) {
    REQUIRE(solver.max_meetings() == brute.max_meetings);
    int unmet = 0;
    for (const auto& report : solver.quota_reports()) unmet += !report.met();
    REQUIRE(static_cast<int>(solver.warnings().size()) == unmet);
  }
}

SelectionProblem MakeProblem(std::vector<int> supplier_capacity, std::vector<int> stand_capacity,
                             std::vector<SelectionProblem::Candidate> candidates) {
  SelectionProblem p;
  p.num_suppliers = static_cast<int>(supplier_capacity.size());
  p.num_stands = static_cast<int>(stand_capacity.size());
  p.supplier_capacity = std::move(supplier_capacity);
  p.stand_capacity = std::move(stand_capacity);
  p.candidates = std::move(candidates);
  return p;
}

}  // namespace

TEST_CASE("selection matches brute force on plain b-matchings", "[selection]") {
  std::mt19937 rng(1);
  Shape shape;
  for (int run = 0; run < 150; ++run) {
    SelectionProblem p = RandomProblem(rng, shape);
    CheckAgainstBruteForce(p, /*cover=*/run % 3 != 0);
  }
}

TEST_CASE("selection matches brute force with must and forced candidates", "[selection]") {
  std::mt19937 rng(2);
  Shape shape;
  shape.must = 0.3;
  shape.forced = 0.12;
  int infeasible = 0;
  for (int run = 0; run < 150; ++run) {
    SelectionProblem p = RandomProblem(rng, shape);
    infeasible += !ForcedFit(p);
    CheckAgainstBruteForce(p, /*cover=*/run % 4 != 0);
  }
  CHECK(infeasible > 0);  // the infeasible branch was exercised
}

TEST_CASE("selection matches brute force with laminar quotas", "[selection]") {
  std::mt19937 rng(3);
  Shape shape;
  shape.must = 0.2;
  shape.forced = 0.05;
  shape.max_quotas = 3;
  int unmet = 0, with_quotas = 0;
  for (int run = 0; run < 200; ++run) {
    SelectionProblem p = RandomProblem(rng, shape);
    if (p.quotas.empty()) continue;
    ++with_quotas;
    CheckAgainstBruteForce(p, /*cover=*/true);
    SelectionSolver solver(p);
    if (solver.Solve().ok()) {
      for (const auto& r : solver.quota_reports()) unmet += !r.met();
    }
  }
  CHECK(with_quotas > 100);
  CHECK(unmet > 0);
}

TEST_CASE("selection uses 128-bit costs for huge scores and stays exact", "[selection]") {
  std::mt19937 rng(4);
  Shape shape;
  shape.must = 0.3;
  shape.max_quotas = 2;
  shape.max_score = int64_t{1} << 52;
  int wide = 0;
  for (int run = 0; run < 60; ++run) {
    SelectionProblem p = RandomProblem(rng, shape);
    CheckAgainstBruteForce(p, true);
    SelectionSolver solver(p);
    if (solver.Solve().ok()) wide += solver.wide_costs();
  }
  CHECK(wide > 0);
}

TEST_CASE("selection quota gives category members their share", "[selection]") {
  // Two stands of capacity 2; suppliers 0-3 score high, the micro firms 4-5 low.
  SelectionProblem p = MakeProblem({1, 1, 1, 1, 2, 2}, {2, 2}, {});
  for (int i = 0; i < 6; ++i) {
    for (int j = 0; j < 2; ++j) p.candidates.push_back({i, j, i < 4 ? 100 : 1});
  }
  SelectionSolver plain(p);
  REQUIRE(plain.Solve().ok());
  CHECK(plain.objective().score == 400);
  p.quotas.push_back({"micro", {0, 0, 0, 0, 1, 1}, 0.5});
  SelectionSolver solver(p);
  REQUIRE(solver.Solve().ok());
  REQUIRE(solver.max_meetings() == 4);
  REQUIRE(solver.quota_reports().size() == 1);
  CHECK(solver.quota_reports()[0].required == 2);
  CHECK(solver.quota_reports()[0].achieved == 2);
  CHECK(solver.warnings().empty());
  CHECK(solver.objective().score == 202);
  CHECK(solver.objective().covered == 4);
}

TEST_CASE("selection reports an unmet quota", "[selection]") {
  SelectionProblem p = MakeProblem({2, 2, 1}, {4}, {{0, 0, 5}, {1, 0, 5}, {2, 0, 1}});
  p.quotas.push_back({"ess", {0, 0, 1}, 0.5});
  SelectionSolver solver(p);
  REQUIRE(solver.Solve().ok());
  CHECK(solver.objective().meetings == 3);
  REQUIRE(solver.warnings().size() == 1);
  CHECK(solver.warnings()[0] ==
        "quota \"ess\" is not met: its members hold 1 meetings, 2 required (0.5 of the 3 "
        "meetings the capacities allow); no selection has a smaller total shortfall");
}

TEST_CASE("selection validates its input and names the field", "[selection]") {
  SelectionProblem p = MakeProblem({1, -1}, {1}, {{0, 0, 3}, {0, 4, 1}, {0, 0, 2}, {1, 0, -7}});
  SelectionSolver solver(p);
  match::Status status = solver.Solve();
  REQUIRE(status.code() == match::Status::Code::kInvalidInput);
  REQUIRE(status.messages() == std::vector<std::string>{
                                   "supplier_capacity[1]: -1 is negative",
                                   "candidates[1].stand: 4 is out of range [0, 1)",
                                   "candidates[3].score: -7 is negative",
                                   "candidates[2]: supplier 0 and stand 0 already form candidates[0]",
                               });
}

TEST_CASE("selection rejects overlapping quotas and infeasible forced meetings", "[selection]") {
  SelectionProblem p = MakeProblem({1, 1, 1}, {1}, {{0, 0, 1, false, true}, {1, 0, 1, false, true}});
  SelectionSolver infeasible(p);
  match::Status status = infeasible.Solve();
  REQUIRE(status.code() == match::Status::Code::kInfeasible);
  CHECK(status.ToString() == "stand 0: 2 forced meetings exceed its capacity 1");

  p.candidates[1].forced = false;
  p.quotas = {{"micro", {1, 1, 0}, 0.5}, {"ess", {0, 1, 1}, 0.5}};
  SelectionSolver overlapping(p);
  status = overlapping.Solve();
  REQUIRE(status.code() == match::Status::Code::kInvalidInput);
  CHECK(status.ToString() ==
        "quotas[1]: \"ess\" overlaps \"micro\" (quotas[0]) without being nested in it or "
        "containing it; such quotas are not a network flow: make them disjoint or nested");
}

TEST_CASE("selection is deterministic and respects capacities at scale", "[selection]") {
  // 400 suppliers x 40 stands with many equal scores, solved twice.
  std::mt19937 rng(5);
  SelectionProblem p;
  p.num_suppliers = 400;
  p.num_stands = 40;
  for (int i = 0; i < p.num_suppliers; ++i) p.supplier_capacity.push_back(2 + static_cast<int>(rng() % 5));
  for (int j = 0; j < p.num_stands; ++j) p.stand_capacity.push_back(16 * (1 + static_cast<int>(rng() % 3)));
  for (int i = 0; i < p.num_suppliers; ++i) {
    std::set<int> stands;
    int wanted = 5 + static_cast<int>(rng() % 15);
    while (static_cast<int>(stands.size()) < wanted) stands.insert(static_cast<int>(rng() % p.num_stands));
    for (int j : stands) {
      p.candidates.push_back({i, j, static_cast<int64_t>(rng() % 4) * 100, rng() % 20 == 0});
    }
  }
  p.quotas.push_back({"micro", std::vector<char>(p.num_suppliers, 0), 0.3});
  for (int i = 0; i < p.num_suppliers; i += 4) p.quotas[0].member[i] = 1;
  SelectionSolver a(p), b(p);
  REQUIRE(a.Solve().ok());
  REQUIRE(b.Solve().ok());
  CHECK(a.selected_candidates() == b.selected_candidates());
  CHECK(a.objective() == b.objective());
  std::vector<int> supplier_load(p.num_suppliers, 0), stand_load(p.num_stands, 0);
  for (int c : a.selected_candidates()) {
    ++supplier_load[p.candidates[c].supplier];
    ++stand_load[p.candidates[c].stand];
  }
  for (int i = 0; i < p.num_suppliers; ++i) REQUIRE(supplier_load[i] <= p.supplier_capacity[i]);
  for (int j = 0; j < p.num_stands; ++j) REQUIRE(stand_load[j] <= p.stand_capacity[j]);
  // The must level equals the largest must-only b-matching, and every supplier meets.
  SelectionProblem musts = p;
  musts.quotas.clear();
  musts.candidates.clear();
  for (const auto& c : p.candidates) {
    if (c.must) musts.candidates.push_back({c.supplier, c.stand, 0, true});
  }
  SelectionSolver must_only(musts, SelectionOptions{false});
  REQUIRE(must_only.Solve().ok());
  CHECK(must_only.objective().must == static_cast<int64_t>(must_only.selected_candidates().size()));
  CHECK(a.objective().must == must_only.objective().must);
  CHECK(a.objective().covered == p.num_suppliers);
  CHECK(a.quota_reports()[0].met());
}
