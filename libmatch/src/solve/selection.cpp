// Meeting selection as a min-cost circulation (see match/solve/selection.h for the model).
//
// Lexicographic weights. Write the objective of a selection X as
//   W(X) = w_quota * quota(X) + w_must * must(X) + w_cov * covered(X) + score(X),
// counting only the non-forced part (forced meetings add a constant). Let S_max bound
// score(X) for every feasible X (the sum over suppliers of their best
// residual-capacity scores), N_cov the number of suppliers that can gain coverage and
// N_must the number of non-forced must candidates. With
//   w_cov   = S_max + 1                       (0 when cover_suppliers is off)
//   B_cov   = w_cov * N_cov + S_max           (bound of the two lowest levels)
//   w_must  = B_cov + 1
//   B_must  = w_must * N_must + B_cov
//   w_quota = B_must + 1,
// take X and Y equal on the levels above level L and with X one unit or more better at
// L. Every lower level contributes a value in [0, B_lower] to W, so
//   W(X) - W(Y) >= w_L - B_lower = 1 > 0.
// Hence the maximum of W is a lexicographic maximum. The flow value of a split arc
// (bonus units first, then the rest) equals the level count at an optimum because the
// bonus units are cheaper (convex costs), so the min-cost circulation maximises W.
//
// Overflow. With zero supplies LEMON's network simplex starts from zero potentials on a
// star of zero-cost artificial arcs; each potential is then a signed sum of the costs
// along a tree path of at most N + 1 arcs (N nodes), so |pi| <= (N + 1) K for K the
// largest |cost|, and every reduced cost c + pi(u) - pi(v) is bounded by (2N + 3) K.
// The solver uses int64 costs when (2N + 3) K < 2^63 and 128-bit costs when it is
// below 2^126; beyond, the problem is rejected.
#include "match/solve/selection.h"

#include <lemon/network_simplex.h>
#include <lemon/preflow.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <utility>

namespace match {
namespace {

__extension__ typedef __int128 Int128;
const Int128 kWideLimit = Int128(1) << 126;

using Graph = lemon::SmartDigraph;

// a * b and a + b, saturated at kWideLimit (all operands are non-negative).
Int128 SatMul(Int128 a, Int128 b) {
  if (a == 0 || b == 0) return 0;
  if (a > kWideLimit / b) return kWideLimit;
  return std::min(a * b, kWideLimit);
}
Int128 SatAdd(Int128 a, Int128 b) { return std::min(a + b, kWideLimit); }

// The circulation network in flat arrays, built once and solved with either cost type.
struct Network {
  int num_nodes = 0;
  std::vector<int> tail, head, upper;
  std::vector<Int128> cost;

  int AddArc(int u, int v, int cap, Int128 c) {
    tail.push_back(u);
    head.push_back(v);
    upper.push_back(cap);
    cost.push_back(c);
    return static_cast<int>(tail.size()) - 1;
  }
};

template <class Cost>
struct CostMap {
  using Key = Graph::Arc;
  using Value = Cost;
  const std::vector<Int128>* cost;
  Value operator[](Key arc) const { return static_cast<Cost>((*cost)[Graph::id(arc)]); }
};

struct UpperMap {
  using Key = Graph::Arc;
  using Value = int;
  const std::vector<int>* upper;
  Value operator[](Key arc) const { return (*upper)[Graph::id(arc)]; }
};

template <class Cost>
Status RunNetworkSimplex(const Network& net, std::vector<int>* flow) {
  Graph graph;
  graph.reserveNode(net.num_nodes);
  graph.reserveArc(static_cast<int>(net.tail.size()));
  for (int u = 0; u < net.num_nodes; ++u) graph.addNode();
  for (size_t a = 0; a < net.tail.size(); ++a) {
    graph.addArc(Graph::nodeFromId(net.tail[a]), Graph::nodeFromId(net.head[a]));
  }
  lemon::NetworkSimplex<Graph, int, Cost> simplex(graph);
  simplex.upperMap(UpperMap{&net.upper}).costMap(CostMap<Cost>{&net.cost});
  auto result = simplex.run();
  if (result != lemon::NetworkSimplex<Graph, int, Cost>::OPTIMAL) {
    return Status::Internal("selection: the network simplex did not reach an optimum (code " +
                            std::to_string(static_cast<int>(result)) + ")");
  }
  flow->assign(net.tail.size(), 0);
  for (size_t a = 0; a < net.tail.size(); ++a) {
    (*flow)[a] = simplex.flow(Graph::arcFromId(static_cast<int>(a)));
  }
  return Status();
}

std::string FormatShare(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", share);
  return buffer;
}

std::string Range(int value, int n) {
  return std::to_string(value) + " is out of range [0, " + std::to_string(n) + ")";
}

}  // namespace

SelectionSolver::SelectionSolver(const SelectionProblem& problem, SelectionOptions options)
    : problem_(problem), options_(options) {}

int SelectionSolver::QuotaRequirement(double share, int total) {
  double exact = share * static_cast<double>(total);
  return static_cast<int>(std::ceil(exact - 1e-9 * std::max(1.0, exact)));
}

std::vector<int> SelectionSolver::selected_candidates() const {
  std::vector<int> out;
  for (size_t c = 0; c < selected_.size(); ++c) {
    if (selected_[c]) out.push_back(static_cast<int>(c));
  }
  return out;
}

Status SelectionSolver::Validate() const {
  const SelectionProblem& p = problem_;
  std::vector<std::string> errors;
  if (p.num_suppliers < 0) errors.push_back("num_suppliers: " + std::to_string(p.num_suppliers) + " is negative");
  if (p.num_stands < 0) errors.push_back("num_stands: " + std::to_string(p.num_stands) + " is negative");
  if (!errors.empty()) return Status(Status::Code::kInvalidInput, errors);
  if (static_cast<int>(p.supplier_capacity.size()) != p.num_suppliers) {
    errors.push_back("supplier_capacity: has " + std::to_string(p.supplier_capacity.size()) +
                     " entries, expected num_suppliers = " + std::to_string(p.num_suppliers));
  }
  if (static_cast<int>(p.stand_capacity.size()) != p.num_stands) {
    errors.push_back("stand_capacity: has " + std::to_string(p.stand_capacity.size()) +
                     " entries, expected num_stands = " + std::to_string(p.num_stands));
  }
  if (!errors.empty()) return Status(Status::Code::kInvalidInput, errors);
  int64_t total_capacity = 0;
  for (int i = 0; i < p.num_suppliers; ++i) {
    if (p.supplier_capacity[i] < 0) {
      errors.push_back("supplier_capacity[" + std::to_string(i) + "]: " + std::to_string(p.supplier_capacity[i]) +
                       " is negative");
    } else {
      total_capacity += p.supplier_capacity[i];
    }
  }
  for (int j = 0; j < p.num_stands; ++j) {
    if (p.stand_capacity[j] < 0) {
      errors.push_back("stand_capacity[" + std::to_string(j) + "]: " + std::to_string(p.stand_capacity[j]) +
                       " is negative");
    }
  }
  if (total_capacity > INT_MAX / 4) {
    errors.push_back("supplier_capacity: the total " + std::to_string(total_capacity) + " is too large");
  }
  if (p.candidates.size() > static_cast<size_t>(INT_MAX / 4)) {
    errors.push_back("candidates: " + std::to_string(p.candidates.size()) + " are too many");
    return Status(Status::Code::kInvalidInput, errors);
  }
  // (supplier, stand) of each valid candidate, packed, with its index. Candidates usually
  // come sorted by (supplier, stand) (the score table's order): then no sort is needed to
  // find the duplicates.
  std::vector<std::pair<uint64_t, int>> pairs;
  pairs.reserve(p.candidates.size());
  bool sorted = true;
  Int128 score_sum = 0;
  for (size_t c = 0; c < p.candidates.size(); ++c) {
    const auto& cand = p.candidates[c];
    auto where = [c] { return "candidates[" + std::to_string(c) + "]"; };
    bool ok = true;
    if (cand.supplier < 0 || cand.supplier >= p.num_suppliers) {
      errors.push_back(where() + ".supplier: " + Range(cand.supplier, p.num_suppliers));
      ok = false;
    }
    if (cand.stand < 0 || cand.stand >= p.num_stands) {
      errors.push_back(where() + ".stand: " + Range(cand.stand, p.num_stands));
      ok = false;
    }
    if (cand.score < 0) {
      errors.push_back(where() + ".score: " + std::to_string(cand.score) + " is negative");
    } else {
      score_sum += cand.score;
    }
    if (!ok) continue;
    const uint64_t key = static_cast<uint64_t>(cand.supplier) << 32 | static_cast<uint32_t>(cand.stand);
    if (!pairs.empty() && pairs.back().first >= key) sorted = false;
    pairs.push_back({key, static_cast<int>(c)});
  }
  if (score_sum > std::numeric_limits<int64_t>::max()) {
    errors.push_back("candidates: the scores add up past 2^63; scale them down");
  }
  if (!sorted) std::sort(pairs.begin(), pairs.end());
  for (size_t k = 1; k < pairs.size(); ++k) {
    if (pairs[k].first == pairs[k - 1].first) {
      errors.push_back("candidates[" + std::to_string(pairs[k].second) + "]: supplier " +
                       std::to_string(pairs[k].first >> 32) + " and stand " +
                       std::to_string(static_cast<uint32_t>(pairs[k].first)) + " already form candidates[" +
                       std::to_string(pairs[k - 1].second) + "]");
    }
  }
  for (size_t q = 0; q < p.quotas.size(); ++q) {
    const auto& quota = p.quotas[q];
    std::string where = "quotas[" + std::to_string(q) + "]";
    if (static_cast<int>(quota.member.size()) != p.num_suppliers) {
      errors.push_back(where + ".member: has " + std::to_string(quota.member.size()) +
                       " entries, expected num_suppliers = " + std::to_string(p.num_suppliers));
    }
    if (!(quota.min_share >= 0 && quota.min_share <= 1)) {
      errors.push_back(where + ".min_share: " + std::to_string(quota.min_share) + " is not in [0, 1]");
    }
  }
  return errors.empty() ? Status() : Status(Status::Code::kInvalidInput, errors);
}

// Quotas must be disjoint or nested so that they form a tree of category nodes.
Status SelectionSolver::CheckLaminar() const {
  const auto& quotas = problem_.quotas;
  std::vector<std::string> errors;
  for (size_t q = 0; q < quotas.size(); ++q) {
    for (size_t r = q + 1; r < quotas.size(); ++r) {
      int only_q = 0, only_r = 0, both = 0;
      for (int i = 0; i < problem_.num_suppliers; ++i) {
        bool in_q = quotas[q].member[i] != 0, in_r = quotas[r].member[i] != 0;
        both += in_q && in_r;
        only_q += in_q && !in_r;
        only_r += in_r && !in_q;
      }
      if (both > 0 && only_q > 0 && only_r > 0) {
        errors.push_back("quotas[" + std::to_string(r) + "]: \"" + quotas[r].name + "\" overlaps \"" + quotas[q].name +
                         "\" (quotas[" + std::to_string(q) +
                         "]) without being nested in it or containing it; such quotas are not a "
                         "network flow: make them disjoint or nested");
      }
    }
  }
  return errors.empty() ? Status() : Status(Status::Code::kInvalidInput, errors);
}

Status SelectionSolver::Solve() {
  selected_.clear();
  quota_reports_.clear();
  warnings_.clear();
  max_meetings_ = -1;
  wide_costs_ = false;
  if (Status s = Validate(); !s.ok()) return s;
  if (Status s = CheckLaminar(); !s.ok()) return s;
  const SelectionProblem& p = problem_;
  const int num_candidates = static_cast<int>(p.candidates.size());
  const int num_quotas = static_cast<int>(p.quotas.size());

  // Forced meetings first: they consume capacity and may already cover a supplier.
  std::vector<int> supplier_left = p.supplier_capacity;
  std::vector<int> stand_left = p.stand_capacity;
  std::vector<char> covered_by_forced(p.num_suppliers, 0);
  selected_.assign(num_candidates, 0);
  int forced_count = 0;
  for (int c = 0; c < num_candidates; ++c) {
    const auto& cand = p.candidates[c];
    if (!cand.forced) continue;
    selected_[c] = 1;
    ++forced_count;
    --supplier_left[cand.supplier];
    --stand_left[cand.stand];
    covered_by_forced[cand.supplier] = 1;
  }
  std::vector<std::string> infeasible;
  auto check_forced = [&](const char* kind, const std::vector<int>& capacity, const std::vector<int>& left) {
    for (size_t k = 0; k < capacity.size(); ++k) {
      if (left[k] >= 0) continue;
      infeasible.push_back(std::string(kind) + " " + std::to_string(k) + ": " + std::to_string(capacity[k] - left[k]) +
                           " forced meetings exceed its capacity " + std::to_string(capacity[k]));
    }
  };
  check_forced("supplier", p.supplier_capacity, supplier_left);
  check_forced("stand", p.stand_capacity, stand_left);
  if (!infeasible.empty()) return Status(Status::Code::kInfeasible, infeasible);

  // The candidates the flow may still select.
  std::vector<int> open;
  std::vector<std::vector<int64_t>> open_scores(p.num_suppliers);
  for (int c = 0; c < num_candidates; ++c) {
    const auto& cand = p.candidates[c];
    if (cand.forced || supplier_left[cand.supplier] == 0 || stand_left[cand.stand] == 0) continue;
    open.push_back(c);
    open_scores[cand.supplier].push_back(cand.score);
  }

  // Quotas: the category tree, T_max and the required meetings.
  // "Deeper" = fewer members, then higher index (equal sets chain by index).
  std::vector<int> quota_size(num_quotas, 0);
  for (int q = 0; q < num_quotas; ++q) {
    for (int i = 0; i < p.num_suppliers; ++i) quota_size[q] += p.quotas[q].member[i] != 0;
  }
  auto deeper = [&](int a, int b) {  // is quota a deeper than quota b?
    return quota_size[a] != quota_size[b] ? quota_size[a] < quota_size[b] : a > b;
  };
  std::vector<int> quota_parent(num_quotas, -1);
  for (int q = 0; q < num_quotas; ++q) {
    for (int r = 0; r < num_quotas; ++r) {
      if (r == q || !deeper(q, r)) continue;
      bool contains = true;  // r contains q
      for (int i = 0; i < p.num_suppliers && contains; ++i) {
        if (p.quotas[q].member[i] && !p.quotas[r].member[i]) contains = false;
      }
      if (contains && (quota_parent[q] < 0 || deeper(r, quota_parent[q]))) quota_parent[q] = r;
    }
  }
  std::vector<int> supplier_quota(p.num_suppliers, -1);
  for (int i = 0; i < p.num_suppliers; ++i) {
    for (int q = 0; q < num_quotas; ++q) {
      if (p.quotas[q].member[i] && (supplier_quota[i] < 0 || deeper(q, supplier_quota[i]))) {
        supplier_quota[i] = q;
      }
    }
  }
  std::vector<int> quota_units(num_quotas, 0);  // bonus units left after forced meetings
  if (num_quotas > 0) {
    // T_max = forced meetings + max flow through the open candidates.
    Graph graph;
    Graph::Node source = graph.addNode(), sink = graph.addNode();
    std::vector<Graph::Node> supplier_node(p.num_suppliers), stand_node(p.num_stands);
    for (auto& n : supplier_node) n = graph.addNode();
    for (auto& n : stand_node) n = graph.addNode();
    Graph::ArcMap<int> capacity(graph);
    for (int i = 0; i < p.num_suppliers; ++i) {
      capacity[graph.addArc(source, supplier_node[i])] = supplier_left[i];
    }
    for (int c : open) {
      capacity[graph.addArc(supplier_node[p.candidates[c].supplier], stand_node[p.candidates[c].stand])] = 1;
    }
    for (int j = 0; j < p.num_stands; ++j) {
      capacity[graph.addArc(stand_node[j], sink)] = stand_left[j];
    }
    lemon::Preflow<Graph, Graph::ArcMap<int>> preflow(graph, capacity, source, sink);
    preflow.runMinCut();
    max_meetings_ = forced_count + preflow.flowValue();
    for (int q = 0; q < num_quotas; ++q) {
      int required = QuotaRequirement(p.quotas[q].min_share, max_meetings_);
      int forced_members = 0;
      for (int c = 0; c < num_candidates; ++c) {
        if (p.candidates[c].forced && p.quotas[q].member[p.candidates[c].supplier]) ++forced_members;
      }
      quota_units[q] = std::max(0, required - forced_members);
      quota_reports_.push_back({p.quotas[q].name, required, 0});
    }
  }

  // Level bounds and weights (proof at the top of this file).
  Int128 score_bound = 0;
  int64_t coverable = 0, open_must = 0;
  for (int i = 0; i < p.num_suppliers; ++i) {
    auto& scores = open_scores[i];
    if (scores.empty()) continue;
    if (!covered_by_forced[i]) ++coverable;
    size_t keep = std::min(scores.size(), static_cast<size_t>(supplier_left[i]));
    std::nth_element(scores.begin(), scores.begin() + (keep - 1), scores.end(), std::greater<>());
    for (size_t k = 0; k < keep; ++k) score_bound += scores[k];
  }
  for (int c : open) open_must += p.candidates[c].must;
  const Int128 w_cov = options_.cover_suppliers ? score_bound + 1 : 0;
  const Int128 b_cov = SatAdd(SatMul(w_cov, coverable), score_bound);
  const Int128 w_must = SatAdd(b_cov, 1);
  const Int128 b_must = SatAdd(SatMul(w_must, open_must), b_cov);
  const Int128 w_quota = SatAdd(b_must, 1);

  // The circulation network. Node ids: 0 source, 1 sink, quotas, suppliers, stands.
  Network net;
  const int kSource = 0, kSink = 1;
  const int quota_base = 2, supplier_base = quota_base + num_quotas;
  const int stand_base = supplier_base + p.num_suppliers;
  net.num_nodes = stand_base + p.num_stands;
  int total_left = 0;
  for (int i = 0; i < p.num_suppliers; ++i) {
    if (!open_scores[i].empty()) total_left += supplier_left[i];
  }
  net.AddArc(kSink, kSource, total_left, 0);
  Int128 max_cost = 0;
  for (int q = 0; q < num_quotas; ++q) {
    int from = quota_parent[q] < 0 ? kSource : quota_base + quota_parent[q];
    if (quota_units[q] > 0) {
      net.AddArc(from, quota_base + q, quota_units[q], -w_quota);
      max_cost = std::max(max_cost, w_quota);
    }
    net.AddArc(from, quota_base + q, total_left, 0);
  }
  for (int i = 0; i < p.num_suppliers; ++i) {
    if (open_scores[i].empty()) continue;
    int from = supplier_quota[i] < 0 ? kSource : quota_base + supplier_quota[i];
    int rest = supplier_left[i];
    if (!covered_by_forced[i] && w_cov > 0) {
      net.AddArc(from, supplier_base + i, 1, -w_cov);
      max_cost = std::max(max_cost, w_cov);
      --rest;
    }
    if (rest > 0) net.AddArc(from, supplier_base + i, rest, 0);
  }
  std::vector<int> open_arc(open.size());
  for (size_t k = 0; k < open.size(); ++k) {
    const auto& cand = p.candidates[open[k]];
    Int128 gain = SatAdd(cand.score, cand.must ? w_must : 0);
    open_arc[k] = net.AddArc(supplier_base + cand.supplier, stand_base + cand.stand, 1, -gain);
    max_cost = std::max(max_cost, gain);
  }
  for (int j = 0; j < p.num_stands; ++j) {
    if (stand_left[j] > 0) net.AddArc(stand_base + j, kSink, stand_left[j], 0);
  }

  const Int128 potential_bound = SatMul(max_cost, 2 * static_cast<Int128>(net.num_nodes) + 3);
  std::vector<int> flow;
  Status run;
  if (potential_bound < static_cast<Int128>(std::numeric_limits<int64_t>::max())) {
    run = RunNetworkSimplex<int64_t>(net, &flow);
  } else if (potential_bound < kWideLimit) {
    wide_costs_ = true;
    run = RunNetworkSimplex<Int128>(net, &flow);
  } else {
    return Status::Invalid("candidates: the scores are too large for exact lexicographic weights; scale them down");
  }
  if (!run.ok()) return run;
  for (size_t k = 0; k < open.size(); ++k) {
    if (flow[open_arc[k]] > 0) selected_[open[k]] = 1;
  }
  ComputeObjective();
  return Status();
}

void SelectionSolver::ComputeObjective() {
  const SelectionProblem& p = problem_;
  objective_ = Objective();
  std::vector<char> has_meeting(p.num_suppliers, 0);
  std::vector<int> meetings_of(p.num_suppliers, 0);
  for (size_t c = 0; c < p.candidates.size(); ++c) {
    if (!selected_[c]) continue;
    const auto& cand = p.candidates[c];
    ++objective_.meetings;
    objective_.must += cand.must;
    objective_.score += cand.score;
    has_meeting[cand.supplier] = 1;
    ++meetings_of[cand.supplier];
  }
  for (char h : has_meeting) objective_.covered += h;
  for (size_t q = 0; q < quota_reports_.size(); ++q) {
    auto& report = quota_reports_[q];
    for (int i = 0; i < p.num_suppliers; ++i) {
      if (p.quotas[q].member[i]) report.achieved += meetings_of[i];
    }
    objective_.quota += std::min(report.achieved, report.required);
    if (!report.met()) {
      warnings_.push_back("quota \"" + report.name + "\" is not met: its members hold " +
                          std::to_string(report.achieved) + " meetings, " + std::to_string(report.required) +
                          " required (" + FormatShare(p.quotas[q].min_share) + " of the " +
                          std::to_string(max_meetings_) +
                          " meetings the capacities allow); no selection has a smaller total shortfall");
    }
  }
}

}  // namespace match
