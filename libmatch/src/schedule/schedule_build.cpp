// BuildSchedule: selection -> timetable -> tables, repeated until every selected
// meeting has a slot.
#include <algorithm>
#include <chrono>
#include <set>

#include "match/schedule/schedule.h"
#include "match/solve/selection.h"
#include "match/solve/timetable.h"
#include "schedule/rounds.h"
#include "schedule/rules_selection.h"
#include "schedule/unmet.h"

namespace match {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int CountTrue(const std::vector<bool>& v) { return static_cast<int>(std::count(v.begin(), v.end(), true)); }

bool ShareSlot(const std::vector<bool>& a, const std::vector<bool>& b) {
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] && b[i]) return true;
  return false;
}

}  // namespace

Result<Schedule> BuildSchedule(const Event& event, const Rules& rules, const ScoreTable& scores,
                               const Progress& progress) {
  auto report = [&](double fraction, std::string_view step) {
    if (progress) progress(fraction, step);
  };
  const int num_suppliers = static_cast<int>(event.suppliers.size());
  const int num_stands = static_cast<int>(event.stands.size());

  SelectionProblem selection;
  selection.num_suppliers = num_suppliers;
  selection.num_stands = num_stands;
  for (const auto& s : event.suppliers)
    selection.supplier_capacity.push_back(
        std::min(s.max_meetings.value_or(rules.default_max_meetings), CountTrue(s.slots)));
  for (const auto& t : event.stands) selection.stand_capacity.push_back(t.tables * CountTrue(t.slots));
  std::vector<const PairScore*> candidate_pair;  // candidate -> its scored pair
  for (const auto& p : scores.pairs()) {
    if (!ShareSlot(event.suppliers[p.supplier].slots, event.stands[p.stand].slots)) continue;
    SelectionProblem::Candidate c;
    c.supplier = p.supplier;
    c.stand = p.stand;
    c.score = static_cast<int64_t>(p.score * static_cast<double>(rules.selection.score_scale) + 0.5);
    c.must = p.wish == Level::kMust || p.invitation == Level::kMust;
    selection.candidates.push_back(c);
    candidate_pair.push_back(&p);
  }
  AddRuleQuotas(event, rules, selection);

  // Timetable participants: suppliers 0..S-1, then stands.
  TimetableProblem timetable;
  timetable.num_slots = static_cast<int>(event.slots.size());
  for (const auto& s : event.suppliers) {
    timetable.capacity.push_back(1);
    timetable.available.push_back(s.slots);
  }
  for (const auto& t : event.stands) {
    timetable.capacity.push_back(t.tables);
    timetable.available.push_back(t.slots);
  }
  TimetableOptions timetable_options;
  timetable_options.fairness = rules.timetable.fairness;

  Schedule::Stats stats;
  std::vector<char> excluded(selection.candidates.size(), 0);
  RoundsHooks hooks;
  hooks.on_step = [&](int round, std::string_view step) {
    report(0.1 + 0.8 * (1 - 1.0 / (round + (step == "selection" ? 1.0 : 1.5))), step);
  };
  hooks.place = [&](const std::vector<int>& chosen) -> Result<std::vector<int>> {
    timetable.meetings.clear();
    for (int c : chosen) {
      TimetableProblem::Meeting m;
      m.a = selection.candidates[c].supplier;
      m.b = num_suppliers + selection.candidates[c].stand;
      timetable.meetings.push_back(m);
    }
    TimetableSolver placer(timetable, timetable_options);
    if (Status st = placer.Solve(); !st.ok()) return st;
    return placer.slots();
  };
  auto rounds = SelectAndPlaceRounds(selection, rules, excluded, hooks);
  if (!rounds.ok()) return rounds.status();
  const std::vector<int>& chosen = rounds->chosen;
  const std::vector<int>& slot_of = rounds->slot_of;
  stats.rounds = rounds->rounds;
  stats.selection_seconds = rounds->selection_seconds;
  stats.timetable_seconds = rounds->placement_seconds;

  Schedule schedule;
  schedule.event_id = event.id;
  schedule.rules_name = rules.name;
  schedule.slots = event.slots;
  for (size_t m = 0; m < chosen.size(); ++m) {
    const PairScore& p = *candidate_pair[chosen[m]];
    Meeting meeting;
    meeting.supplier = p.supplier;
    meeting.stand = p.stand;
    meeting.slot = slot_of[m];
    meeting.score = p.score;
    meeting.need = p.need;
    meeting.table = 0;  // FinishSchedule assigns tables
    schedule.meetings.push_back(meeting);
  }
  std::set<std::pair<SupplierIndex, StandIndex>> not_placed;
  for (size_t c = 0; c < excluded.size(); ++c)
    if (excluded[c]) not_placed.insert({selection.candidates[c].supplier, selection.candidates[c].stand});
  report(0.95, "finishing");
  auto finish_start = std::chrono::steady_clock::now();
  FinishSchedule(event, rules, scores, schedule);
  MarkNotPlaced(schedule.unmet, not_placed);
  stats.finish_seconds = SecondsSince(finish_start);
  schedule.stats = stats;
  report(1.0, "done");
  return schedule;
}

}  // namespace match
