// Re-planning: history and kept meetings stay, the waiting list back-fills freed
// places, and a bounded repair moves kept meetings only to let one more meeting in.
#include "match/replan/replan.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "match/base/files.h"
#include "match/schedule/metrics.h"
#include "match/solve/selection.h"
#include "schedule/rounds.h"
#include "schedule/rules_selection.h"
#include "schedule/unmet.h"

namespace match {
namespace {

using Pair = std::pair<SupplierIndex, StandIndex>;

// A future meeting during the re-plan.
struct Item {
  Meeting meeting;         // current slot; table is the preferred one (0: none)
  int original_slot = -1;  // slot in the input schedule; -1 when added by this re-plan
  bool locked = false;
};

class Replanner {
 public:
  Replanner(const Rules& rules, const Schedule& schedule, const ChangeSet& changes, const ReplanOptions& options,
            ReplanResult& out)
      : rules_(rules),
        input_(schedule),
        changes_(changes),
        options_(options),
        out_(out),
        e_(out.changed.event),
        first_(out.changed.first_future_slot),
        first_open_(std::max(first_, out.stats.first_open_slot)),
        num_slots_(static_cast<int>(e_.slots.size())),
        num_suppliers_(static_cast<int>(e_.suppliers.size())),
        num_stands_(static_cast<int>(e_.stands.size())) {}

  Status Run() {
    for (size_t i = 0; i < input_.meetings.size(); ++i) {
      const Meeting& m = input_.meetings[i];
      if (m.supplier < 0 || m.supplier >= num_suppliers_ || m.stand < 0 || m.stand >= num_stands_ || m.slot < 0 ||
          m.slot >= num_slots_)
        return Status::Invalid("schedule: meetings[" + std::to_string(i) + "] refers to no participant or slot");
    }
    touched_supplier_ = out_.changed.supplier_touched;
    touched_stand_ = out_.changed.stand_touched;
    for (SupplierIndex s : options_.added_suppliers)
      if (s >= 0 && s < num_suppliers_) touched_supplier_[s] = 1;
    Classify();
    BuildSelection();
    if (Status st = SelectAndPlace(); !st.ok()) return st;
    Repair();
    Assemble();
    Explain();
    return Status();
  }

 private:
  const std::vector<int>& future_tables() const { return out_.changed.future_tables; }
  bool SupplierFree(SupplierIndex s, int slot) const { return slot >= first_ && e_.suppliers[s].slots[slot]; }
  bool StandOpen(StandIndex t, int slot) const { return slot >= first_ && e_.stands[t].slots[slot]; }

  // The meeting with its score and need as the changed event scores them.
  Meeting Rescored(Meeting m) const {
    if (const PairScore* p = out_.scores.Find(m.supplier, m.stand)) {
      m.score = p->score;
      m.need = p->need;
    }
    return m;
  }

  std::string ChangeRef(int change) const {
    return change < 0 ? std::string() : " (" + changes_.changes[change].path + ")";
  }

  // History stays; future meetings are cancelled, displaced or kept.
  void Classify() {
    const ChangedEvent& c = out_.changed;
    std::map<Pair, int> cancel_change;
    for (size_t i = 0; i < changes_.changes.size(); ++i) {
      const Change& ch = changes_.changes[i];
      if (ch.kind == Change::Kind::kCancelMeeting) cancel_change[{ch.supplier, ch.stand}] = static_cast<int>(i);
    }
    std::set<Pair> missed;  // the meetings no_show changes name
    for (const Change& ch : changes_.changes)
      if (ch.kind == Change::Kind::kNoShow && ch.stand >= 0) missed.insert({ch.supplier, ch.stand});
    std::vector<Item> kept;
    for (const Meeting& m : input_.meetings) {
      const Pair pair{m.supplier, m.stand};
      if (m.slot < first_) {
        // History: held, unless a no_show names it (a status once recorded stays).
        Meeting held = Rescored(m);
        if (missed.count(pair))
          held.status = Attendance::kNoShow;
        else if (held.status == Attendance::kPlanned)
          held.status = Attendance::kHeld;
        history_.push_back(held);
        continue;
      }
      std::string cancelled, displaced;
      if (c.gone[m.supplier]) {
        const int k = c.supplier_change[m.supplier];
        const bool no_show = k >= 0 && changes_.changes[k].kind == Change::Kind::kNoShow;
        cancelled = (no_show ? "supplier absent from now on" : "supplier cancelled") + ChangeRef(k);
      } else if (c.cancelled_pairs.count(pair)) {
        cancelled = "meeting cancelled" + ChangeRef(cancel_change[pair]);
      } else if (!SupplierFree(m.supplier, m.slot)) {
        displaced = "supplier no longer available then" + ChangeRef(c.supplier_change[m.supplier]);
      } else if (!StandOpen(m.stand, m.slot)) {
        displaced = "stand no longer staffed then" + ChangeRef(c.stand_change[m.stand]);
      }
      if (!cancelled.empty() || !displaced.empty()) {
        reason_[pair] = cancelled.empty() ? displaced : cancelled;
        if (!displaced.empty()) {
          displaced_.insert(pair);
          ++out_.stats.displaced;
        }
        if (!cancelled.empty()) ++out_.stats.cancelled;
        touched_supplier_[m.supplier] = touched_stand_[m.stand] = 1;
        continue;
      }
      Item item;
      item.meeting = Rescored(m);
      item.original_slot = m.slot;
      item.locked = m.locked || c.locked_pairs.count(pair);
      kept.push_back(item);
    }
    // A stand with fewer tables than meetings in a slot keeps its locked meetings, then
    // the lower tables.
    std::sort(kept.begin(), kept.end(), [](const Item& a, const Item& b) {
      return std::make_tuple(a.meeting.stand, a.meeting.slot, !a.locked, a.meeting.table, a.meeting.supplier) <
             std::make_tuple(b.meeting.stand, b.meeting.slot, !b.locked, b.meeting.table, b.meeting.supplier);
    });
    for (size_t i = 0; i < kept.size();) {
      size_t end = i;
      while (end < kept.size() && kept[end].meeting.stand == kept[i].meeting.stand &&
             kept[end].meeting.slot == kept[i].meeting.slot)
        ++end;
      const StandIndex t = kept[i].meeting.stand;
      for (size_t k = i; k < end; ++k) {
        if (static_cast<int>(k - i) < future_tables()[t]) {
          items_.push_back(kept[k]);
          continue;
        }
        const Meeting& m = kept[k].meeting;
        reason_[{m.supplier, t}] =
            "stand down to " + std::to_string(future_tables()[t]) + " tables" + ChangeRef(out_.changed.stand_change[t]);
        displaced_.insert({m.supplier, t});
        ++out_.stats.displaced;
        touched_supplier_[m.supplier] = touched_stand_[t] = 1;
      }
      i = end;
    }
    std::sort(items_.begin(), items_.end(), [](const Item& a, const Item& b) {
      return std::tie(a.meeting.supplier, a.meeting.stand) < std::tie(b.meeting.supplier, b.meeting.stand);
    });
    num_kept_ = static_cast<int>(items_.size());
    out_.stats.history = static_cast<int>(history_.size());
    out_.stats.kept = num_kept_;
  }

  int CountFuture(const std::vector<bool>& slots) const {
    int n = 0;
    for (int s = first_; s < num_slots_; ++s) n += slots[s] ? 1 : 0;
    return n;
  }

  // Selection over all participants: history and kept meetings forced, the waiting list
  // free; capacities count history plus what the future slots allow.
  void BuildSelection() {
    SelectionProblem& p = selection_;
    p.num_suppliers = num_suppliers_;
    p.num_stands = num_stands_;
    std::vector<int> forced_supplier(num_suppliers_, 0), forced_stand(num_stands_, 0);
    std::vector<int> history_supplier(num_suppliers_, 0), history_stand(num_stands_, 0);
    std::map<Pair, const Meeting*> held;
    for (const Meeting& m : history_) {
      held[{m.supplier, m.stand}] = &m;
      ++history_supplier[m.supplier];
      ++history_stand[m.stand];
    }
    for (const Item& item : items_) held[{item.meeting.supplier, item.meeting.stand}] = &item.meeting;
    for (const auto& [pair, m] : held) {
      ++forced_supplier[pair.first];
      ++forced_stand[pair.second];
    }
    for (SupplierIndex s = 0; s < num_suppliers_; ++s) {
      const Supplier& supplier = e_.suppliers[s];
      const int budget = supplier.max_meetings.value_or(rules_.default_max_meetings);
      p.supplier_capacity.push_back(
          std::max(forced_supplier[s], std::min(budget, history_supplier[s] + CountFuture(supplier.slots))));
    }
    for (StandIndex t = 0; t < num_stands_; ++t)
      p.stand_capacity.push_back(
          std::max(forced_stand[t], history_stand[t] + future_tables()[t] * CountFuture(e_.stands[t].slots)));

    const double scale = static_cast<double>(rules_.selection.score_scale);
    auto add = [&](SupplierIndex s, StandIndex t, double score, bool forced) {
      SelectionProblem::Candidate c;
      c.supplier = s;
      c.stand = t;
      c.score = static_cast<int64_t>(score * scale + 0.5);
      c.must = e_.WishLevel(s, t) == Level::kMust || e_.InvitationLevel(s, t) == Level::kMust;
      c.forced = forced;
      p.candidates.push_back(c);
    };
    std::set<Pair> scored;
    for (const PairScore& ps : out_.scores.pairs()) {
      const Pair pair{ps.supplier, ps.stand};
      scored.insert(pair);
      if (held.count(pair)) {
        add(ps.supplier, ps.stand, ps.score, true);
        continue;
      }
      if (!touched_supplier_[ps.supplier] && !touched_stand_[ps.stand]) continue;
      if (out_.changed.gone[ps.supplier] || out_.changed.cancelled_pairs.count(pair)) continue;
      bool common = false;
      for (int s = first_open_; s < num_slots_ && !common; ++s)
        common = SupplierFree(ps.supplier, s) && StandOpen(ps.stand, s);
      if (!common) continue;
      add(ps.supplier, ps.stand, ps.score, false);
      ++out_.stats.waiting;
    }
    for (const auto& [pair, m] : held)
      if (!scored.count(pair)) add(pair.first, pair.second, m->score, true);

    AddRuleQuotas(e_, rules_, p);
  }

  // Rounds of selection and placement until every selected new meeting has a slot.
  Status SelectAndPlace() {
    const auto& candidates = selection_.candidates;
    excluded_.assign(candidates.size(), 0);
    selected_.assign(candidates.size(), 0);
    if (out_.stats.waiting == 0) return Status();
    RoundsHooks hooks;
    hooks.to_place = [&](int c) { return !candidates[c].forced; };
    hooks.place = [&](const std::vector<int>& chosen) -> Result<std::vector<int>> { return PlaceNew(chosen); };
    auto rounds = SelectAndPlaceRounds(selection_, rules_, excluded_, hooks);
    if (!rounds.ok()) return rounds.status();
    out_.stats.rounds = rounds->rounds;
    const std::vector<int>& chosen = rounds->chosen;
    const std::vector<int>& slot_of = rounds->slot_of;
    for (size_t k = 0; k < chosen.size(); ++k) {
      selected_[chosen[k]] = 1;
      AddItem(candidates[chosen[k]].supplier, candidates[chosen[k]].stand, slot_of[k]);
    }
    return Status();
  }

  // Slots for the CHOSEN candidates around the kept meetings (-1: no slot free for
  // both): most constrained first, each in the free slot next to the most of its two
  // participants' meetings (fewer breaks), the earliest on ties.
  std::vector<int> PlaceNew(const std::vector<int>& chosen) const {
    const auto& candidates = selection_.candidates;
    std::vector<char> supplier_busy(static_cast<size_t>(num_suppliers_) * num_slots_, 0);
    std::vector<int> stand_load(static_cast<size_t>(num_stands_) * num_slots_, 0);
    auto busy = [&](SupplierIndex s, int slot) -> char& {
      return supplier_busy[static_cast<size_t>(s) * num_slots_ + slot];
    };
    auto load = [&](StandIndex t, int slot) -> int& { return stand_load[static_cast<size_t>(t) * num_slots_ + slot]; };
    for (const Item& item : items_) {
      busy(item.meeting.supplier, item.meeting.slot) = 1;
      ++load(item.meeting.stand, item.meeting.slot);
    }
    auto feasible = [&](SupplierIndex s, StandIndex t, int slot) {
      return slot >= first_open_ && SupplierFree(s, slot) && StandOpen(t, slot) && !busy(s, slot) &&
             load(t, slot) < future_tables()[t];
    };
    std::vector<std::pair<int, int>> order;  // (feasible slots, k)
    for (size_t k = 0; k < chosen.size(); ++k) {
      int n = 0;
      for (int slot = first_; slot < num_slots_; ++slot)
        n += feasible(candidates[chosen[k]].supplier, candidates[chosen[k]].stand, slot) ? 1 : 0;
      order.emplace_back(n, static_cast<int>(k));
    }
    std::sort(order.begin(), order.end());
    std::vector<int> slot_of(chosen.size(), -1);
    for (const auto& [n, k] : order) {
      const SupplierIndex s = candidates[chosen[k]].supplier;
      const StandIndex t = candidates[chosen[k]].stand;
      int best = -1, best_neighbours = -1;
      for (int slot = first_; slot < num_slots_; ++slot) {
        if (!feasible(s, t, slot)) continue;
        int neighbours = 0;
        for (int next : {slot - 1, slot + 1}) {
          if (next < 0 || next >= num_slots_) continue;
          neighbours += busy(s, next) ? 1 : 0;
          neighbours += load(t, next) > 0 ? 1 : 0;
        }
        if (neighbours > best_neighbours) {
          best = slot;
          best_neighbours = neighbours;
        }
      }
      if (best < 0) continue;
      slot_of[k] = best;
      busy(s, best) = 1;
      ++load(t, best);
    }
    return slot_of;
  }

  void AddItem(SupplierIndex s, StandIndex t, int slot) {
    Item item;
    item.meeting.supplier = s;
    item.meeting.stand = t;
    item.meeting.slot = slot;
    item.meeting.table = 0;
    item.meeting = Rescored(item.meeting);
    items_.push_back(item);
  }

  // --- Repair: one more meeting for at most one move on each side. ---

  struct Move {
    int item = -1;
    int to = -1;
    int charge = 0;
  };

  int& SupplierAt(SupplierIndex s, int slot) { return supplier_at_[static_cast<size_t>(s) * num_slots_ + slot]; }
  std::vector<int>& StandAt(StandIndex t, int slot) { return stand_at_[static_cast<size_t>(t) * num_slots_ + slot]; }
  bool StandHasTable(StandIndex t, int slot) {
    return StandOpen(t, slot) && static_cast<int>(StandAt(t, slot).size()) < future_tables()[t];
  }

  // Moves a kept meeting charges its participants when it leaves its original slot.
  int Charge(const Item& item, int to) const {
    if (item.original_slot < 0) return 0;
    return (to != item.original_slot ? 1 : 0) - (item.meeting.slot != item.original_slot ? 1 : 0);
  }

  // The cheapest other slot for item K, within both participants' move budgets.
  Move BestMove(int k) {
    const Item& item = items_[k];
    Move best;
    if (item.locked) return best;
    const SupplierIndex x = item.meeting.supplier;
    const StandIndex y = item.meeting.stand;
    const int limit = rules_.replan.max_moves_per_participant;
    for (int to = first_open_; to < num_slots_; ++to) {
      if (to == item.meeting.slot || !SupplierFree(x, to) || SupplierAt(x, to) >= 0 || !StandHasTable(y, to)) continue;
      const int charge = Charge(item, to);
      if (charge > 0 && (out_.supplier_moves[x] + charge > limit || out_.stand_moves[y] + charge > limit)) continue;
      if (best.item < 0 || charge < best.charge) best = {k, to, charge};
    }
    return best;
  }

  void Place(int k, int to) {
    Item& item = items_[k];
    const int from = item.meeting.slot;
    if (from >= 0) {
      SupplierAt(item.meeting.supplier, from) = -1;
      auto& at = StandAt(item.meeting.stand, from);
      at.erase(std::find(at.begin(), at.end(), k));
    }
    item.meeting.slot = to;
    SupplierAt(item.meeting.supplier, to) = k;
    auto& at = StandAt(item.meeting.stand, to);
    at.insert(std::lower_bound(at.begin(), at.end(), k), k);
  }

  void Apply(const Move& move) {
    if (move.item < 0) return;
    const Meeting& m = items_[move.item].meeting;
    out_.supplier_moves[m.supplier] += move.charge;
    out_.stand_moves[m.stand] += move.charge;
    Place(move.item, move.to);
  }

  void Repair() {
    out_.supplier_moves.assign(num_suppliers_, 0);
    out_.stand_moves.assign(num_stands_, 0);
    supplier_at_.assign(static_cast<size_t>(num_suppliers_) * num_slots_, -1);
    stand_at_.assign(static_cast<size_t>(num_stands_) * num_slots_, {});
    std::vector<int> meetings(num_suppliers_, 0);
    for (const Meeting& m : history_) ++meetings[m.supplier];
    for (size_t k = 0; k < items_.size(); ++k) {
      const int slot = items_[k].meeting.slot;
      items_[k].meeting.slot = -1;
      Place(static_cast<int>(k), slot);
      ++meetings[items_[k].meeting.supplier];
    }
    const auto& candidates = selection_.candidates;
    std::vector<int> waiting;
    for (size_t c = 0; c < candidates.size(); ++c)
      if (!candidates[c].forced && !selected_[c]) waiting.push_back(static_cast<int>(c));
    std::stable_sort(waiting.begin(), waiting.end(), [&](int a, int b) {
      return std::make_tuple(!candidates[a].must, -candidates[a].score) <
             std::make_tuple(!candidates[b].must, -candidates[b].score);
    });
    for (int c : waiting) {
      const SupplierIndex a = candidates[c].supplier;
      const StandIndex b = candidates[c].stand;
      if (meetings[a] >= selection_.supplier_capacity[a]) continue;
      int best_slot = -1, best_cost = 0;
      Move best_supplier, best_stand;
      for (int t = first_open_; t < num_slots_; ++t) {
        if (!SupplierFree(a, t) || !StandOpen(b, t)) continue;
        Move for_supplier, for_stand;
        if (SupplierAt(a, t) >= 0) {
          for_supplier = BestMove(SupplierAt(a, t));
          if (for_supplier.item < 0) continue;
        }
        if (static_cast<int>(StandAt(b, t).size()) >= future_tables()[b]) {
          for (int k : StandAt(b, t)) {
            Move move = BestMove(k);
            if (move.item >= 0 && (for_stand.item < 0 || move.charge < for_stand.charge)) for_stand = move;
          }
          if (for_stand.item < 0) continue;
        }
        const int cost = for_supplier.charge + for_stand.charge;
        if (best_slot < 0 || cost < best_cost) {
          best_slot = t;
          best_cost = cost;
          best_supplier = for_supplier;
          best_stand = for_stand;
        }
        if (cost <= 0) break;
      }
      if (best_slot < 0) continue;
      Apply(best_supplier);
      Apply(best_stand);
      AddItem(a, b, -1);
      Place(static_cast<int>(items_.size()) - 1, best_slot);
      ++meetings[a];
      selected_[c] = 1;
      ++out_.stats.repairs;
      if (best_supplier.item >= 0 || best_stand.item >= 0) {
        const std::string why = "moved to let " + e_.suppliers[a].id + " meet " + e_.stands[b].id;
        for (const Move& mv : {best_supplier, best_stand})
          if (mv.item >= 0) moved_for_[{items_[mv.item].meeting.supplier, items_[mv.item].meeting.stand}] = why;
      }
    }
  }

  // --- The new schedule ---

  void Assemble() {
    Schedule& schedule = out_.schedule;
    schedule.event_id = e_.id;
    schedule.rules_name = input_.rules_name.empty() ? rules_.name : input_.rules_name;
    schedule.slots = e_.slots;
    std::vector<std::tuple<Meeting, int>> future;  // meeting, rank within its (slot, stand)
    for (const Item& item : items_) {
      Meeting m = item.meeting;
      m.locked = item.locked && m.slot == item.original_slot;
      // Rank: locked, unmoved with a table, moved with a table, then the rest.
      const int rank = m.locked ? 0 : (item.original_slot == m.slot ? 1 : (m.table > 0 ? 2 : 3));
      future.emplace_back(m, rank);
    }
    std::sort(future.begin(), future.end(), [](const auto& a, const auto& b) {
      const Meeting& x = std::get<0>(a);
      const Meeting& y = std::get<0>(b);
      return std::make_tuple(x.slot, x.stand, std::get<1>(a), x.supplier) <
             std::make_tuple(y.slot, y.stand, std::get<1>(b), y.supplier);
    });
    for (size_t i = 0; i < future.size();) {
      size_t end = i;
      const int slot = std::get<0>(future[i]).slot;
      const StandIndex t = std::get<0>(future[i]).stand;
      while (end < future.size() && std::get<0>(future[end]).slot == slot && std::get<0>(future[end]).stand == t) ++end;
      const int tables = future_tables()[t];
      std::vector<bool> used(tables + 1, false);
      for (size_t k = i; k < end; ++k) {
        int& table = std::get<0>(future[k]).table;
        if (table >= 1 && table <= tables && !used[table])
          used[table] = true;
        else
          table = 0;
      }
      int next = 1;
      for (size_t k = i; k < end; ++k) {
        int& table = std::get<0>(future[k]).table;
        if (table != 0) continue;
        while (next <= tables && used[next]) ++next;
        table = next;
        used[std::min(next, tables)] = true;
      }
      i = end;
    }
    schedule.meetings = history_;
    for (auto& [m, rank] : future) schedule.meetings.push_back(m);
    // ICS sequence: raised for a meeting that moved, kept otherwise, 0 for a new pair.
    std::map<Pair, const Meeting*> before;
    for (const Meeting& m : input_.meetings) before[{m.supplier, m.stand}] = &m;
    for (Meeting& m : schedule.meetings) {
      auto it = before.find({m.supplier, m.stand});
      if (it == before.end()) continue;
      const Meeting& old = *it->second;
      m.sequence = old.sequence + (old.slot != m.slot || old.table != m.table ? 1 : 0);
    }
    FinishSchedule(e_, rules_, out_.scores, schedule);

    // Pairs the timetable could not place keep that reason, as in BuildSchedule.
    std::set<Pair> not_placed;
    for (size_t c = 0; c < excluded_.size(); ++c)
      if (excluded_[c] && !selected_[c])
        not_placed.insert({selection_.candidates[c].supplier, selection_.candidates[c].stand});
    for (const UnmetPair& u : input_.unmet)
      if (u.reason == UnmetPair::Reason::kNotPlaced && u.supplier < num_suppliers_ && u.stand < num_stands_ &&
          !touched_supplier_[u.supplier] && !touched_stand_[u.stand])
        not_placed.insert({u.supplier, u.stand});
    MarkNotPlaced(schedule.unmet, not_placed);
  }

  void Explain() {
    ScheduleDiff& diff = out_.diff;
    diff = DiffSchedules(input_, out_.schedule);
    const int walk_in_start = num_suppliers_ - static_cast<int>(changes_.walk_ins.size());
    for (MeetingChange& c : diff.changes) {
      const Pair pair{c.supplier, c.stand};
      switch (c.kind) {
        case MeetingChange::Kind::kCancelled:
          if (reason_.count(pair))
            c.reason = reason_[pair] + (displaced_.count(pair) ? ", and no other slot was free for both" : "");
          break;
        case MeetingChange::Kind::kMoved:
          if (reason_.count(pair))
            c.reason = reason_[pair];
          else if (moved_for_.count(pair))
            c.reason = moved_for_[pair];
          else if (c.after.slot == c.before.slot)
            c.reason = "stand down to " + std::to_string(future_tables()[c.stand]) + " tables" +
                       ChangeRef(out_.changed.stand_change[c.stand]);
          break;
        case MeetingChange::Kind::kAdded:
          c.reason = c.supplier >= walk_in_start ? "walk-in" : "from the waiting list";
          break;
      }
    }
    ReplanStats& st = out_.stats;
    st.added = diff.Count(MeetingChange::Kind::kAdded);
    for (int moves : out_.supplier_moves) {
      st.moves += moves;
      st.max_moves = std::max(st.max_moves, moves);
    }
    for (int moves : out_.stand_moves) st.max_moves = std::max(st.max_moves, moves);
  }

  const Rules& rules_;
  const Schedule& input_;
  const ChangeSet& changes_;
  const ReplanOptions& options_;
  ReplanResult& out_;
  const Event& e_;
  // first_: the first future slot; first_open_: the first one that starts at least
  // rules.replan.min_notice_minutes after now (no meeting is added or moved before it).
  const int first_, first_open_, num_slots_, num_suppliers_, num_stands_;

  std::vector<char> touched_supplier_, touched_stand_;
  std::vector<Meeting> history_;
  std::vector<Item> items_;  // future meetings: kept first, then new
  int num_kept_ = 0;
  std::map<Pair, std::string> reason_;     // why a meeting was cancelled or displaced
  std::set<Pair> displaced_;               // meetings pushed out of their slot by a change
  std::map<Pair, std::string> moved_for_;  // why a kept meeting was moved by the repair
  SelectionProblem selection_;
  std::vector<char> excluded_, selected_;   // per candidate
  std::vector<int> supplier_at_;            // item per (supplier, slot), -1 when free
  std::vector<std::vector<int>> stand_at_;  // items per (stand, slot), increasing
};

}  // namespace

std::vector<ReplanWarning> ReplanWarnings(const Schedule& before, const ReplanResult& result) {
  const Event& e = result.changed.event;
  const Minute now = result.stats.now;
  std::vector<ReplanWarning> warnings;
  auto minutes_to = [&](int slot) {
    return slot >= 0 && slot < static_cast<int>(e.slots.size()) ? e.slots[slot].start - now : 1 << 20;
  };
  for (const MeetingChange& c : result.diff.changes) {
    if (c.kind == MeetingChange::Kind::kAdded) continue;
    int minutes = minutes_to(c.before.slot);
    if (c.kind == MeetingChange::Kind::kMoved) minutes = std::min(minutes, minutes_to(c.after.slot));
    if (minutes >= kShortNoticeMinutes) continue;
    ReplanWarning w;
    w.kind = "short_notice";
    w.supplier = c.supplier;
    w.stand = c.stand;
    w.minutes = minutes;
    const std::string who = e.suppliers[c.supplier].name + " / " + e.stands[c.stand].title;
    w.text =
        c.kind == MeetingChange::Kind::kMoved
            ? who + " : déplacé de " + FormatTime(e.slots[c.before.slot].start) + " à " +
                  FormatTime(e.slots[c.after.slot].start) + ", prévenu " + std::to_string(minutes) + " min avant"
            : who + " : annulé " + std::to_string(minutes) + " min avant " + FormatTime(e.slots[c.before.slot].start);
    warnings.push_back(std::move(w));
  }
  std::vector<int> supplier_before(e.suppliers.size(), 0), supplier_after(e.suppliers.size(), 0);
  std::vector<int> stand_before(e.stands.size(), 0), stand_after(e.stands.size(), 0);
  for (const Meeting& m : before.meetings) {
    if (m.supplier < static_cast<int>(e.suppliers.size())) ++supplier_before[m.supplier];
    if (m.stand < static_cast<int>(e.stands.size())) ++stand_before[m.stand];
  }
  for (const Meeting& m : result.schedule.meetings) {
    ++supplier_after[m.supplier];
    ++stand_after[m.stand];
  }
  for (size_t s = 0; s < e.suppliers.size(); ++s) {
    if (supplier_before[s] == 0 || supplier_after[s] > 0 || result.changed.gone[s]) continue;
    ReplanWarning w;
    w.kind = "no_meeting";
    w.supplier = static_cast<SupplierIndex>(s);
    w.text = e.suppliers[s].name + " (" + e.suppliers[s].id + ") n'a plus aucun rendez-vous";
    warnings.push_back(std::move(w));
  }
  for (size_t t = 0; t < e.stands.size(); ++t) {
    if (stand_before[t] == 0 || stand_after[t] > 0) continue;
    ReplanWarning w;
    w.kind = "no_meeting";
    w.stand = static_cast<StandIndex>(t);
    w.text = "Le stand " + e.stands[t].title + " (" + e.stands[t].id + ") n'a plus aucun rendez-vous";
    warnings.push_back(std::move(w));
  }
  return warnings;
}

Result<ReplanResult> Replan(const Event& event, const Rules& rules, const Schedule& schedule, const ChangeSet& changes,
                            const ReplanOptions& options) {
  Minute now = options.now   ? *options.now
               : changes.now ? *changes.now
                             : (event.slots.empty() ? 0 : event.slots.front().start);
  auto changed = ApplyChanges(event, schedule, changes, now);
  if (!changed.ok()) return changed.status();
  ReplanResult out;
  out.changed = std::move(changed).value();
  out.scores = Score(out.changed.event, rules);
  out.stats.now = now;
  out.stats.first_future_slot = out.changed.first_future_slot;
  // Short notice applies to a re-plan at a given moment only (not before the day).
  const bool timed = options.now || changes.now;
  out.stats.first_open_slot = timed ? FirstFutureSlot(out.changed.event.slots, now + rules.replan.min_notice_minutes)
                                    : out.stats.first_future_slot;
  Replanner replanner(rules, schedule, changes, options, out);
  if (Status st = replanner.Run(); !st.ok()) return st;
  return out;
}

}  // namespace match
