// The quota report: each category quota of the rules, the share the schedule reached
// and, when it falls short, why the rest was impossible. Kept apart from the metrics of
// the categories (metrics.cpp) and from the selection that pursues the quotas
// (rules_selection.cpp, selection.cpp): it reads the same quota definitions
// (AddRuleQuotas) and measures the schedule against two maximum flows.
#include <lemon/preflow.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <cstdio>

#include "match/schedule/schedule.h"
#include "match/solve/selection.h"
#include "schedule/rules_selection.h"

namespace match {
namespace {

using Graph = lemon::SmartDigraph;

std::string Percent(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", share * 100);
  return buffer;
}

// The most meetings a selection can hold among the candidates of suppliers with
// MEMBER set (all when MEMBER is empty), within the capacities of PROBLEM.
int MaxMeetings(const SelectionProblem& problem, const std::vector<char>& member) {
  Graph graph;
  Graph::Node source = graph.addNode(), sink = graph.addNode();
  std::vector<Graph::Node> supplier(problem.num_suppliers), stand(problem.num_stands);
  for (auto& n : supplier) n = graph.addNode();
  for (auto& n : stand) n = graph.addNode();
  Graph::ArcMap<int> capacity(graph);
  for (int i = 0; i < problem.num_suppliers; ++i)
    if (member.empty() || member[i]) capacity[graph.addArc(source, supplier[i])] = problem.supplier_capacity[i];
  for (const auto& c : problem.candidates)
    if (member.empty() || member[c.supplier]) capacity[graph.addArc(supplier[c.supplier], stand[c.stand])] = 1;
  for (int j = 0; j < problem.num_stands; ++j) capacity[graph.addArc(stand[j], sink)] = problem.stand_capacity[j];
  lemon::Preflow<Graph, Graph::ArcMap<int>> preflow(graph, capacity, source, sink);
  preflow.runMinCut();
  return preflow.flowValue();
}

int CountTrue(const std::vector<bool>& v) { return static_cast<int>(std::count(v.begin(), v.end(), true)); }

bool ShareSlot(const std::vector<bool>& a, const std::vector<bool>& b) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i)
    if (a[i] && b[i]) return true;
  return false;
}

}  // namespace

std::vector<Metrics::Quota> QuotaOutcomes(const Event& event, const Rules& rules, const ScoreTable& scores,
                                          const std::vector<Meeting>& meetings) {
  // The categories exactly as the selection sees them, with the same capacities.
  SelectionProblem problem;
  problem.num_suppliers = static_cast<int>(event.suppliers.size());
  problem.num_stands = static_cast<int>(event.stands.size());
  AddRuleQuotas(event, rules, problem);
  if (problem.quotas.empty()) return {};
  for (const auto& s : event.suppliers)
    problem.supplier_capacity.push_back(
        std::min(s.max_meetings.value_or(rules.default_max_meetings), CountTrue(s.slots)));
  for (const auto& t : event.stands) problem.stand_capacity.push_back(t.tables * CountTrue(t.slots));
  for (const auto& p : scores.pairs()) {
    if (!ShareSlot(event.suppliers[p.supplier].slots, event.stands[p.stand].slots)) continue;
    problem.candidates.push_back({p.supplier, p.stand, 0, false, false});
  }
  const int most = MaxMeetings(problem, {});
  const int total = static_cast<int>(meetings.size());

  std::vector<Metrics::Quota> out;
  for (const auto& quota : problem.quotas) {
    Metrics::Quota q;
    q.category = quota.name;
    q.target = quota.min_share;
    for (const Meeting& m : meetings) q.member_meetings += quota.member[m.supplier] ? 1 : 0;
    q.reached = total > 0 ? static_cast<double>(q.member_meetings) / total : 0;
    q.met = q.member_meetings >= SelectionSolver::QuotaRequirement(q.target, total);
    q.best = MaxMeetings(problem, quota.member);
    q.most_meetings = most;
    if (!q.met) {
      int members = 0;
      for (char c : quota.member) members += c ? 1 : 0;
      const int required_at_most = SelectionSolver::QuotaRequirement(q.target, most);
      const double best_share = most > 0 ? static_cast<double>(q.best) / most : 0;
      if (q.best < required_at_most) {
        q.why = "the " + std::to_string(members) + " " + q.category + " suppliers can hold at most " +
                std::to_string(q.best) +
                " meetings (their eligible stands with a common slot, their maximum of "
                "meetings and free slots, the stands' tables) of the " +
                std::to_string(most) + " the event allows: " + Percent(best_share) + " is the best share, " +
                std::to_string(required_at_most) + " meetings (" + Percent(q.target) + ") would be needed";
      } else {
        q.why = "the " + q.category + " suppliers could hold " + std::to_string(q.best) + " of the " +
                std::to_string(most) + " meetings the capacities allow (" + Percent(best_share) +
                "), but the timetable placed " + std::to_string(total) + " meetings, " +
                std::to_string(q.member_meetings) +
                " of them theirs: the others could not be given a common "
                "free slot (availability, breaks, tables)";
      }
    }
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace match
