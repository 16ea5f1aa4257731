// The pairs that got no meeting and why. Internal to the schedule module.
#pragma once

#include <functional>
#include <set>
#include <utility>
#include <vector>

#include "match/schedule/schedule.h"

namespace match {

// Calls visit(stand, gate, reason) for each stand SUPPLIER has no scored pair with, in
// stand order: the gate the scorer recorded for it (or null) and the reason the unmet
// list gives (refused, reserved, low relevance). No texts: cheap enough for every pair.
void ForEachUnscoredStand(const Event& event, const Rules& rules, const ScoreTable& scores, SupplierIndex supplier,
                          const std::function<void(StandIndex, const GatedPair*, UnmetPair::Reason)>& visit);

// Wished or invited pairs (must, want) and each supplier's best pairs (rules.unmet_best_pairs)
// without a meeting, sorted by (supplier, stand), each with its reason.
std::vector<UnmetPair> FindUnmet(const Event& event, const Rules& rules, const ScoreTable& scores,
                                 const std::vector<Meeting>& meetings);

// Gives the pairs of NOT_PLACED (those the timetable could not place) that reason
// (not_placed), unless the supplier is at its maximum of meetings.
void MarkNotPlaced(std::vector<UnmetPair>& unmet, const std::set<std::pair<SupplierIndex, StandIndex>>& not_placed);

}  // namespace match
