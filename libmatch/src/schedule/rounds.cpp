#include "schedule/rounds.h"

#include <chrono>

#include "schedule/rules_selection.h"

namespace match {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Result<RoundsResult> SelectAndPlaceRounds(const SelectionProblem& problem, const Rules& rules,
                                          std::vector<char>& excluded, const RoundsHooks& hooks) {
  RoundsResult out;
  std::vector<int> chosen, slot_of;
  for (int round = 0; round < kMaxRounds; ++round) {
    out.rounds = round + 1;
    if (hooks.on_step) hooks.on_step(round, "selection");
    auto selection_start = std::chrono::steady_clock::now();
    auto selected = SelectWithout(problem, excluded, rules);
    if (!selected.ok()) return selected.status();
    chosen.clear();
    for (int c : *selected)
      if (!hooks.to_place || hooks.to_place(c)) chosen.push_back(c);
    out.selection_seconds += SecondsSince(selection_start);

    if (hooks.on_step) hooks.on_step(round, "timetable");
    auto placement_start = std::chrono::steady_clock::now();
    auto placed = hooks.place(chosen);
    if (!placed.ok()) return placed.status();
    slot_of = std::move(placed).value();
    out.placement_seconds += SecondsSince(placement_start);
    bool all_placed = true;
    for (size_t k = 0; k < chosen.size(); ++k) {
      if (slot_of[k] >= 0) continue;
      excluded[chosen[k]] = 1;
      all_placed = false;
    }
    if (all_placed) break;
  }
  for (size_t k = 0; k < chosen.size(); ++k) {
    if (slot_of[k] < 0) continue;
    out.chosen.push_back(chosen[k]);
    out.slot_of.push_back(slot_of[k]);
  }
  return out;
}

}  // namespace match
