#include "schedule/rules_selection.h"

#include "match/domain/categories.h"

namespace match {

void AddRuleQuotas(const Event& event, const Rules& rules, SelectionProblem& problem) {
  const int num_suppliers = static_cast<int>(event.suppliers.size());
  auto add = [&](Category category, double share) {
    if (share <= 0) return;
    SelectionProblem::Quota q{std::string(CategoryName(category)), std::vector<char>(num_suppliers, 0), share};
    for (SupplierIndex s = 0; s < num_suppliers; ++s) q.member[s] = InCategory(event, s, category) ? 1 : 0;
    problem.quotas.push_back(std::move(q));
  };
  const auto& sel = rules.selection;
  add(Category::kMicro, sel.quota_micro);
  add(Category::kEss, sel.quota_ess);
  add(Category::kInclusion, sel.quota_inclusion);
  add(Category::kLocal, sel.quota_local);
}

Result<std::vector<int>> SelectWithout(const SelectionProblem& problem, const std::vector<char>& excluded,
                                       const Rules& rules) {
  SelectionProblem active = problem;
  active.candidates.clear();
  std::vector<int> to_candidate;
  for (size_t c = 0; c < problem.candidates.size(); ++c) {
    if (excluded[c]) continue;
    active.candidates.push_back(problem.candidates[c]);
    to_candidate.push_back(static_cast<int>(c));
  }
  SelectionOptions options;
  options.cover_suppliers = rules.selection.cover_suppliers;
  SelectionSolver solver(active, options);
  if (Status st = solver.Solve(); !st.ok()) return st;
  std::vector<int> chosen;
  for (int a : solver.selected_candidates()) chosen.push_back(to_candidate[a]);
  return chosen;
}

}  // namespace match
