// Meeting selection: which supplier-stand meetings happen, as an exact weighted
// bipartite b-matching solved by min-cost flow.
//
// The solver knows nothing of events: suppliers, stands and candidate meetings are
// plain indices. A SelectionProblem is a plain value the caller fills in; the
// SelectionSolver copies it, so the problem may be discarded after construction.
// A solver is thread-compatible (one thread at a time); distinct solvers may run
// concurrently.
//
// MODEL. Supplier i may hold at most supplier_capacity[i] meetings, stand j at most
// stand_capacity[j] (tables x staffed slots). Each candidate (i, j) is selected or not,
// at most one candidate per pair. Forced candidates (meetings kept by a re-plan) are
// always selected and consume capacity. Among the selections that respect the
// capacities, the solver returns one that maximises, lexicographically:
//   1. quota: the sum over quotas q of min(meetings of q's members, required(q));
//   2. must: the number of selected candidates marked `must`;
//   3. covered: the number of suppliers with at least one meeting (when
//      SelectionOptions::cover_suppliers; otherwise this level is not optimised);
//   4. score: the sum of the selected candidates' scores.
// Forced candidates count in every level.
//
// QUOTAS. A quota asks that the members of a supplier category (micro firms, ESS,
// inclusion structures, local firms) hold at least
//   required(q) = ceil(min_share(q) x T_max)
// meetings, where T_max is the largest number of meetings any selection respecting the
// capacities and the forced meetings can hold (a max-flow value, unique). Since every
// selection has at most T_max meetings, a met quota also guarantees that the members
// hold at least min_share of the meetings actually selected. Quotas rank above every
// other level: a quota is met whenever some selection can meet it; otherwise the
// solver minimises the total shortfall, Solve() still returns OK, and the shortfall is
// reported in quota_reports() and warnings() (never silently). Quota member sets must
// form a laminar family (any two are disjoint or nested, e.g. "inclusion" inside
// "ess"), which keeps the problem a network flow: each quota becomes a category node
// between the source and its members. Overlapping, non-nested quotas are rejected
// with kInvalidInput.
//
// NETWORK. source -> [quota nodes, nested] -> supplier i: a first unit with a coverage
// bonus and the rest at cost 0 (convex costs, so the first unit fills first); a quota
// arc likewise splits into required(q) units with a quota bonus and the rest;
// supplier -> stand: capacity 1, cost -(score + must bonus); stand -> sink: capacity
// stand_capacity; sink -> source closes a circulation with zero supplies, solved by
// LEMON's primal network simplex (block-search pivoting).
//
// COST SCALING. Scores are non-negative integers (scale real scores before, e.g.
// round(score x 10^4)). The level weights are chosen so that no change at a lower
// level can outweigh one unit at a higher level; see selection.cpp for the bound. The
// solver uses int64 costs when the potentials of the network simplex provably fit,
// 128-bit costs otherwise, and reports kInvalidInput only when even those would
// overflow.
//
// COMPLEXITY. O(n + m) memory for n suppliers + stands and m candidates. The network
// simplex has no polynomial worst-case bound but is the fastest min-cost flow method
// in practice on such networks; quotas add one max-flow (push-relabel, O(V^2 sqrt(E))).
//
// DETERMINISM. Arcs are created in index order and the network simplex is
// deterministic, so the same problem gives the same selection, byte for byte, on every
// run. Among equally good selections the one returned is a fixed function of the input
// (including the order of the candidates), not necessarily the lowest-index one.
//
// REFERENCES. R. K. Ahuja, T. L. Magnanti, J. B. Orlin, Network Flows (1993), ch. 9-11;
// P. Kovacs, Minimum-cost flow algorithms: an experimental evaluation, Optimization
// Methods & Software 30(1), 2015 (the LEMON implementation).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "match/base/status.h"

namespace match {

struct SelectionProblem {
  int num_suppliers = 0;
  int num_stands = 0;
  // Meetings each supplier may hold (its max_meetings bounded by its free slots).
  std::vector<int> supplier_capacity;
  // Meetings each stand may hold (tables x staffed slots).
  std::vector<int> stand_capacity;

  struct Candidate {
    int supplier = 0;
    int stand = 0;
    int64_t score = 0;    // >= 0, integer-scaled
    bool must = false;    // a `must` wish or invitation
    bool forced = false;  // always selected (a meeting kept by a re-plan)
  };
  // At most one candidate per (supplier, stand).
  std::vector<Candidate> candidates;

  struct Quota {
    std::string name;          // for reports, e.g. "micro"
    std::vector<char> member;  // per supplier: non-zero when in the category
    double min_share = 0;      // in [0, 1]
  };
  std::vector<Quota> quotas;  // optional; member sets laminar (disjoint or nested)
};

struct SelectionOptions {
  // Maximise the number of suppliers with a meeting before the total score.
  bool cover_suppliers = true;
};

class SelectionSolver {
 public:
  explicit SelectionSolver(const SelectionProblem& problem, SelectionOptions options = {});
  SelectionSolver(const SelectionSolver&) = delete;
  SelectionSolver& operator=(const SelectionSolver&) = delete;

  // Validates the problem and solves it. kInvalidInput names the offending field and
  // value (candidates[4].stand: 12 is out of range [0, 10)); kInfeasible when the
  // forced candidates alone exceed a capacity. An unmet quota is not an error.
  Status Solve();

  // The results below are valid after Solve() returned OK.
  bool selected(int candidate) const { return selected_[candidate] != 0; }
  // Indices of the selected candidates, increasing.
  std::vector<int> selected_candidates() const;

  struct Objective {
    int64_t quota = 0;     // sum over quotas of min(member meetings, required)
    int64_t must = 0;      // selected must candidates
    int64_t covered = 0;   // suppliers with at least one meeting
    int64_t score = 0;     // total score of the selected candidates
    int64_t meetings = 0;  // selected candidates (not optimised; for reports)
    // Compares the optimised levels (quota, must, covered, score) lexicographically.
    auto operator<=>(const Objective& o) const {
      if (auto c = quota <=> o.quota; c != 0) return c;
      if (auto c = must <=> o.must; c != 0) return c;
      if (auto c = covered <=> o.covered; c != 0) return c;
      return score <=> o.score;
    }
    bool operator==(const Objective& o) const { return (*this <=> o) == 0; }
  };
  const Objective& objective() const { return objective_; }

  struct QuotaReport {
    std::string name;
    int required = 0;  // ceil(min_share x max_meetings())
    int achieved = 0;  // meetings of the members in the selection
    bool met() const { return achieved >= required; }
  };
  const std::vector<QuotaReport>& quota_reports() const { return quota_reports_; }
  // T_max: the most meetings any selection can hold (computed only with quotas; -1
  // otherwise).
  int max_meetings() const { return max_meetings_; }
  // Sentences for people, e.g. about an unmet quota; empty when all is well.
  const std::vector<std::string>& warnings() const { return warnings_; }
  // True when the costs needed 128-bit arithmetic (for statistics).
  bool wide_costs() const { return wide_costs_; }

  // ceil(share x total), robust to binary rounding (0.3 x 10 gives 3).
  static int QuotaRequirement(double share, int total);

 private:
  Status Validate() const;
  Status CheckLaminar() const;
  void ComputeObjective();

  SelectionProblem problem_;
  SelectionOptions options_;
  std::vector<char> selected_;
  Objective objective_;
  std::vector<QuotaReport> quota_reports_;
  std::vector<std::string> warnings_;
  int max_meetings_ = -1;
  bool wide_costs_ = false;
};

}  // namespace match
