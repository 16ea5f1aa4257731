// FinishSchedule: tables, order, unmet pairs and metrics.
#include <algorithm>
#include <tuple>

#include "match/schedule/schedule.h"
#include "schedule/unmet.h"

namespace match {

void FinishSchedule(const Event& event, const Rules& rules, const ScoreTable& scores, Schedule& schedule) {
  auto& meetings = schedule.meetings;
  // Locked meetings first, then meetings that already have a table (re-planning keeps
  // it when it is still free), then the rest in supplier order.
  std::sort(meetings.begin(), meetings.end(), [](const Meeting& a, const Meeting& b) {
    return std::make_tuple(a.slot, a.stand, !a.locked, a.table == 0, a.supplier) <
           std::make_tuple(b.slot, b.stand, !b.locked, b.table == 0, b.supplier);
  });
  for (size_t begin = 0; begin < meetings.size();) {
    size_t end = begin;
    while (end < meetings.size() && meetings[end].slot == meetings[begin].slot &&
           meetings[end].stand == meetings[begin].stand)
      ++end;
    const int tables = event.stands[meetings[begin].stand].tables;
    std::vector<bool> used(tables + 1, false);
    for (size_t i = begin; i < end; ++i) {
      int& table = meetings[i].table;
      if (table >= 1 && table <= tables && !used[table]) {
        used[table] = true;
      } else {
        table = 0;
      }
    }
    int next = 1;
    for (size_t i = begin; i < end; ++i) {
      if (meetings[i].table != 0) continue;
      while (next <= tables && used[next]) ++next;
      meetings[i].table = next;
      used[std::min(next, tables)] = true;
    }
    begin = end;
  }
  std::sort(meetings.begin(), meetings.end(), [](const Meeting& a, const Meeting& b) {
    return std::tie(a.slot, a.stand, a.table, a.supplier) < std::tie(b.slot, b.stand, b.table, b.supplier);
  });
  schedule.unmet = FindUnmet(event, rules, scores, meetings);
  std::vector<bool> with_candidate(event.suppliers.size(), false);
  for (const auto& p : scores.pairs()) with_candidate[p.supplier] = true;
  schedule.metrics = ComputeMetrics(event, meetings, with_candidate);
  schedule.metrics.quotas = QuotaOutcomes(event, rules, scores, meetings);
}

}  // namespace match
