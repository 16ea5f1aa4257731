// How the rules drive the selection solver, shared by the first schedule and by
// re-planning. Internal.
#pragma once

#include <vector>

#include "match/domain/model.h"
#include "match/io/rules.h"
#include "match/solve/selection.h"

namespace match {

// Adds the rules' category quotas (micro, ESS, inclusion, local) with a share > 0.
void AddRuleQuotas(const Event& event, const Rules& rules, SelectionProblem& problem);

// Solves PROBLEM without the candidates marked in EXCLUDED, with the rules' options;
// returns the selected candidates as indices into PROBLEM.candidates, increasing.
Result<std::vector<int>> SelectWithout(const SelectionProblem& problem, const std::vector<char>& excluded,
                                       const Rules& rules);

}  // namespace match
