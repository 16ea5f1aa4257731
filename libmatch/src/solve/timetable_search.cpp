// TimetableSolver: greedy placement with Kempe-chain insertion, tabu repair of the
// meetings left out, then simulated annealing over Kempe-chain moves: the fast one of
// timetable_polish.cpp for days of at most 64 slots, the general one here otherwise.
// See match/solve/timetable.h for the model and the guarantees.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <numeric>
#include <tuple>
#include <utility>
#include <vector>

#include "match/solve/timetable.h"
#include "solve/timetable_internal.h"

namespace match {
namespace {

using timetable_internal::Instance;
using timetable_internal::Rng;

// Kuhn's augmenting paths: can MEETINGS (with their domains) be put into the slots
// marked in OPEN, at most CAP per slot?
bool FitsIn(const Instance& in, const std::vector<int>& meetings, const std::vector<char>& open, int cap) {
  std::vector<std::vector<int>> holders(in.num_slots);  // meeting positions per slot
  std::vector<char> seen(in.num_slots);
  std::function<bool(int)> augment = [&](int i) {
    for (const int s : in.domain[meetings[i]]) {
      if (!open[s] || seen[s]) continue;
      seen[s] = 1;
      if (static_cast<int>(holders[s].size()) < cap) {
        holders[s].push_back(i);
        return true;
      }
      for (auto& j : holders[s]) {
        const int previous = j;
        j = i;
        if (augment(previous)) return true;
        j = previous;
      }
    }
    return false;
  };
  for (size_t i = 0; i < meetings.size(); ++i) {
    std::fill(seen.begin(), seen.end(), 0);
    if (!augment(static_cast<int>(i))) return false;
  }
  return true;
}

// The fewest breaks participant P can have given only its own meetings' domains:
// 0 if they fit in one run of slots, 1 if in two runs, else 2 (a bound, not exact).
int ParticipantLowerBound(const Instance& in, int p) {
  const auto& meetings = in.of[p];
  const int n = static_cast<int>(meetings.size());
  const int slots = in.num_slots;
  if (n <= 1) return 0;
  const int cap = in.capacity[p];
  std::vector<char> open(slots);
  const int one = std::min(n, slots);
  for (int start = 0; start + one <= slots; ++start) {
    std::fill(open.begin(), open.end(), 0);
    std::fill(open.begin() + start, open.begin() + start + one, 1);
    if (FitsIn(in, meetings, open, cap)) return 0;
  }
  const int two = std::min(n, slots - 1);
  for (int first = 1; first < two; ++first) {
    const int second = two - first;
    for (int s1 = 0; s1 + first < slots; ++s1) {
      for (int s2 = s1 + first + 1; s2 + second <= slots; ++s2) {
        std::fill(open.begin(), open.end(), 0);
        std::fill(open.begin() + s1, open.begin() + s1 + first, 1);
        std::fill(open.begin() + s2, open.begin() + s2 + second, 1);
        if (FitsIn(in, meetings, open, cap)) return 1;
      }
    }
  }
  return 2;
}

// The incremental search state and its moves.
class Search {
 public:
  Search(const Instance& in, const TimetableOptions& options)
      : in_(in),
        fairness_(options.fairness),
        fairness_weight_(std::max(1, options.fairness_weight)),
        rng_(options.seed * 0x2545F4914F6CDD1DULL + 0x9E3779B97F4A7C15ULL),
        slot_(in.num_meetings, -1),
        load_(static_cast<size_t>(in.num_participants) * in.num_slots, 0),
        count_(in.num_slots, 0),
        members_(in.num_slots),
        position_(in.num_meetings, -1),
        breaks_(in.num_participants, 0),
        histogram_(in.num_slots + 2, 0),
        idle_(in.num_participants, 0),
        meeting_mark_(in.num_meetings, 0),
        participant_mark_(in.num_participants, 0) {
    histogram_[0] = in.num_participants;
    unplaced_ = in.num_meetings;
  }

  // --- Phase 1: greedy placement with Kempe-chain insertion. ---
  void Construct() {
    std::vector<int> order(in_.num_meetings);
    std::iota(order.begin(), order.end(), 0);
    auto degree = [&](int m) { return static_cast<int>(in_.of[in_.a[m]].size() + in_.of[in_.b[m]].size()); };
    std::stable_sort(order.begin(), order.end(), [&](int x, int y) {
      if (in_.fixed[x] != in_.fixed[y]) return in_.fixed[x] > in_.fixed[y];
      if (in_.domain[x].size() != in_.domain[y].size()) {
        return in_.domain[x].size() < in_.domain[y].size();
      }
      return degree(x) > degree(y);
    });
    for (const int m : order) {
      if (!PlaceGreedily(m)) Insert(m);
    }
  }

  // Tries to put unplaced meeting M into a free slot, the one adding the fewest breaks.
  bool PlaceGreedily(int m) {
    int best_slot = -1;
    int best_cost = 0;
    for (const int s : in_.domain[m]) {
      if (!Fits(m, s)) continue;
      Place(m, s);
      const int cost = Recount(in_.a[m]) + Recount(in_.b[m]);
      Remove(m);
      Recount(in_.a[m]);
      Recount(in_.b[m]);
      if (best_slot < 0 || cost < best_cost) {
        best_slot = s;
        best_cost = cost;
      }
    }
    if (best_slot < 0) return false;
    Place(m, best_slot);
    Recount(in_.a[m]);
    Recount(in_.b[m]);
    return true;
  }

  // Tries every pair of slots (t, u) for a Kempe chain that puts unplaced M into t.
  bool Insert(int m) {
    for (const int t : in_.domain[m]) {
      for (const int u : in_.domain[m]) {
        if (u == t) continue;
        if (Chain(m, t, u)) {
          CommitBreaks();
          return true;
        }
      }
    }
    return false;
  }

  // --- Phase 2: tabu search on violations for the meetings left out. ---
  void Repair(int64_t iterations) {
    // Put every unplaced meeting with a non-empty domain somewhere, violations allowed.
    for (int m = 0; m < in_.num_meetings; ++m) {
      if (slot_[m] >= 0 || in_.domain[m].empty()) continue;
      int best = -1, best_delta = 0;
      for (const int s : in_.domain[m]) {
        const int delta = ViolationDelta(m, s);
        if (best < 0 || delta < best_delta) best = s, best_delta = delta;
      }
      Place(m, best);
    }
    int violations = Violations();
    std::vector<int> best_slot = slot_;
    int best_violations = violations;
    std::vector<int64_t> tabu(static_cast<size_t>(in_.num_meetings) * in_.num_slots, 0);
    std::vector<int> conflicting;
    for (int64_t it = 1; it <= iterations && violations > 0; ++it) {
      conflicting.clear();
      for (int m = 0; m < in_.num_meetings; ++m) {
        if (slot_[m] >= 0 && !in_.fixed[m] && InViolation(m)) conflicting.push_back(m);
      }
      int move_m = -1, move_s = -1, move_delta = 0, ties = 0;
      for (const int m : conflicting) {
        for (const int s : in_.domain[m]) {
          if (s == slot_[m]) continue;
          const int delta = ViolationDelta(m, s);
          const bool is_tabu = tabu[static_cast<size_t>(m) * in_.num_slots + s] > it;
          if (is_tabu && violations + delta >= best_violations) continue;
          if (move_m < 0 || delta < move_delta) {
            move_m = m, move_s = s, move_delta = delta, ties = 1;
          } else if (delta == move_delta && rng_.Below(++ties) == 0) {
            move_m = m, move_s = s;
          }
        }
      }
      if (move_m < 0) continue;
      const int from = slot_[move_m];
      Remove(move_m);
      Place(move_m, move_s);
      violations += move_delta;
      tabu[static_cast<size_t>(move_m) * in_.num_slots + from] =
          it + 5 + rng_.Below(10) + static_cast<int64_t>(conflicting.size()) / 2;
      if (violations < best_violations) {
        best_violations = violations;
        best_slot = slot_;
      }
    }
    // Back to the best assignment; unplace meetings in violation until none is left.
    Load(best_slot);
    while (true) {
      int worst = -1, worst_count = 0;
      for (int m = 0; m < in_.num_meetings; ++m) {
        if (slot_[m] < 0 || in_.fixed[m] != 0 || !InViolation(m)) continue;
        const int c = -ViolationDelta(m, -1);
        if (c > worst_count) worst = m, worst_count = c;
      }
      if (worst < 0) {  // only fixed meetings left in violation
        for (int m = 0; m < in_.num_meetings; ++m) {
          if (slot_[m] >= 0 && InViolation(m)) {
            worst = m;
            break;
          }
        }
      }
      if (worst < 0) break;
      Remove(worst);
    }
    for (int p = 0; p < in_.num_participants; ++p) Recount(p);
    for (int m = 0; m < in_.num_meetings; ++m) {
      if (slot_[m] < 0 && !PlaceGreedily(m)) Insert(m);
    }
  }

  // --- Phase 3: simulated annealing over Kempe-chain moves. ---
  // Returns true when it stopped at LOWER_BOUND.
  bool Anneal(int64_t moves, int lower_bound, int64_t* moves_done) {
    std::vector<int> movable;
    for (int m = 0; m < in_.num_meetings; ++m) {
      if (!in_.fixed[m] && in_.domain[m].size() >= 2) movable.push_back(m);
    }
    best_ = slot_;
    best_key_ = Key();
    if (Optimal(lower_bound)) return true;
    if (movable.empty()) return false;
    const int rounds = 2;
    const double hot = 0.5, cold = 0.05;
    const int64_t per_round = std::max<int64_t>(1, moves / rounds);
    for (int round = 0; round < rounds; ++round) {
      if (round > 0) Load(best_);
      const double start = round == 0 ? hot : hot * 0.5;
      const double ratio = std::log(cold / start);
      int cost = Cost();
      for (int64_t it = 0; it < per_round; ++it) {
        ++*moves_done;
        if ((it & 1023) == 0 && unplaced_ > 0) {
          TryInsertions();
          cost = Cost();
          if (Key() < best_key_) {
            best_key_ = Key();
            best_ = slot_;
          }
        }
        const double temperature = start * std::exp(ratio * static_cast<double>(it) / per_round);
        if (rng_.Below(16) == 0) {
          if (!Rotate(rng_.Below(in_.num_slots), rng_.Below(in_.num_slots))) continue;
        } else {
          const int m = movable[rng_.Below(static_cast<int>(movable.size()))];
          const int from = slot_[m];
          if (from < 0) continue;
          const int to = PickTarget(m, from);
          if (to < 0) continue;
          if (!Chain(m, to, from, rng_.Below(2) == 0)) continue;
        }
        const int delta = Cost() - cost;
        if (delta <= 0 || rng_.Unit() < std::exp(-delta / (kScale * temperature))) {
          CommitBreaks();
          cost += delta;
          if (Key() < best_key_) {
            best_key_ = Key();
            best_ = slot_;
            if (Optimal(lower_bound)) return true;
          }
        } else {
          Undo();
        }
      }
    }
    Load(best_);
    return false;
  }

  const std::vector<int>& slots() const { return slot_; }

 private:
  // A slot for M (now in FROM): half of the time one next to a slot where one of
  // its participants is busy (the moves that can close a gap), else any slot.
  int PickTarget(int m, int from) {
    const auto& dom = in_.domain[m];
    if (rng_.Below(2) == 0) {
      candidates_.clear();
      for (const int t : dom) {
        if (t == from) continue;
        for (const int p : {in_.a[m], in_.b[m]}) {
          if ((t > 0 && t - 1 != from && Load(p, t - 1) > 0) ||
              (t + 1 < in_.num_slots && t + 1 != from && Load(p, t + 1) > 0)) {
            candidates_.push_back(t);
            break;
          }
        }
      }
      if (!candidates_.empty()) return candidates_[rng_.Below(static_cast<int>(candidates_.size()))];
    }
    const int to = dom[rng_.Below(static_cast<int>(dom.size()))];
    return to == from ? -1 : to;
  }

  struct Key3 {
    int overflow, unplaced, excess, breaks;
    bool operator<(const Key3& o) const {
      if (overflow != o.overflow) return overflow < o.overflow;
      if (unplaced != o.unplaced) return unplaced < o.unplaced;
      if (excess != o.excess) return excess < o.excess;
      return breaks < o.breaks;
    }
  };
  Key3 Key() const { return {overflow_, unplaced_, Excess(), total_breaks_}; }
  bool Optimal(int lower_bound) const {
    return overflow_ == 0 && unplaced_ == 0 && Excess() == 0 && total_breaks_ <= lower_bound;
  }
  // Slot overflow is allowed during the annealing, at a price.
  // Idle slots inside a participant's day guide the search towards fewer breaks.
  int Cost() const {
    return kScale * (kOverflowWeight * overflow_ + fairness_weight_ * Excess() + total_breaks_) +
           total_idle_ * kIdleWeight;
  }
  static constexpr int kScale = 8;
  static constexpr int kOverflowWeight = 2;

  int Excess() const { return timetable_internal::SpreadExcess(histogram_, fairness_); }

  int& Load(int p, int s) { return load_[static_cast<size_t>(p) * in_.num_slots + s]; }
  int Load(int p, int s) const { return load_[static_cast<size_t>(p) * in_.num_slots + s]; }

  void Place(int m, int s) {
    slot_[m] = s;
    position_[m] = static_cast<int>(members_[s].size());
    members_[s].push_back(m);
    ++Load(in_.a[m], s);
    ++Load(in_.b[m], s);
    if (++count_[s] > in_.slot_capacity && in_.slot_capacity > 0) ++overflow_;
    --unplaced_;
  }
  void Remove(int m) {
    const int s = slot_[m];
    auto& members = members_[s];
    const int last = members.back();
    members[position_[m]] = last;
    position_[last] = position_[m];
    members.pop_back();
    --Load(in_.a[m], s);
    --Load(in_.b[m], s);
    if (count_[s]-- > in_.slot_capacity && in_.slot_capacity > 0) --overflow_;
    slot_[m] = -1;
    ++unplaced_;
  }
  void Load(const std::vector<int>& slots) {
    for (int m = 0; m < in_.num_meetings; ++m) {
      if (slot_[m] >= 0) Remove(m);
    }
    for (int m = 0; m < in_.num_meetings; ++m) {
      if (slots[m] >= 0) Place(m, slots[m]);
    }
    for (int p = 0; p < in_.num_participants; ++p) Recount(p);
  }

  // Recomputes participant P's breaks, updating the histogram and the total; returns them.
  int Recount(int p) {
    int runs = 0, busy = 0, first = -1, last = -1;
    bool previous = false;
    const int* row = &load_[static_cast<size_t>(p) * in_.num_slots];
    for (int s = 0; s < in_.num_slots; ++s) {
      const bool now = row[s] > 0;
      runs += now && !previous;
      previous = now;
      if (now) {
        ++busy;
        if (first < 0) first = s;
        last = s;
      }
    }
    const int breaks = std::max(0, runs - 1);
    const int idle = busy == 0 ? 0 : last - first + 1 - busy;
    total_idle_ += idle - idle_[p];
    idle_[p] = idle;
    --histogram_[breaks_[p]];
    ++histogram_[breaks];
    total_breaks_ += breaks - breaks_[p];
    breaks_[p] = breaks;
    return breaks;
  }

  bool PrecedencesHold(int m) const { return timetable_internal::PrecedencesHold(in_, slot_, m); }

  // Whether unplaced M fits in slot S without breaking anything.
  bool Fits(int m, int s) const {
    if (Load(in_.a[m], s) >= in_.capacity[in_.a[m]]) return false;
    if (Load(in_.b[m], s) >= in_.capacity[in_.b[m]]) return false;
    if (in_.slot_capacity > 0 && count_[s] >= in_.slot_capacity) return false;
    for (const int x : in_.before[m]) {
      if (slot_[x] >= 0 && slot_[x] >= s) return false;
    }
    for (const int y : in_.after[m]) {
      if (slot_[y] >= 0 && slot_[y] <= s) return false;
    }
    return true;
  }

  // Moves M to slot TO (from its slot or from unplaced) and lets the meetings it
  // displaces alternate between TO and OTHER until nobody is over capacity. Applies
  // the moves and recounts breaks of the participants touched; on failure undoes
  // everything and returns false. On success the caller must CommitBreaks() or Undo().
  bool Chain(int m, int to, int other, bool eject = true) {
    journal_.clear();
    touched_.clear();
    ++stamp_;
    pending_.clear();
    auto move = [&](int x, int s) {
      journal_.emplace_back(x, slot_[x]);
      if (slot_[x] >= 0) Remove(x);
      Place(x, s);
      meeting_mark_[x] = stamp_;
      if (eject && in_.slot_capacity > 0) pending_.emplace_back(-1, s);
      pending_.emplace_back(in_.a[x], s);
      pending_.emplace_back(in_.b[x], s);
    };
    move(m, to);
    bool ok = true;
    while (ok && !pending_.empty()) {
      const auto [p, s] = pending_.back();
      pending_.pop_back();
      const int dest = s == to ? other : to;
      int pick = -1;
      if (p < 0) {  // the slot itself is over capacity: move out a random meeting
        if (count_[s] <= in_.slot_capacity) continue;
        const auto& members = members_[s];
        for (int attempt = 0; attempt < 8 && pick < 0; ++attempt) {
          const int x = members[rng_.Below(static_cast<int>(members.size()))];
          if (meeting_mark_[x] != stamp_ && !in_.fixed[x] && in_.Allowed(x, dest)) pick = x;
        }
      } else {
        if (Load(p, s) <= in_.capacity[p]) continue;
        for (const int x : in_.of[p]) {
          if (slot_[x] == s && meeting_mark_[x] != stamp_) {
            pick = x;
            break;
          }
        }
      }
      if (pick < 0 || in_.fixed[pick] || !in_.Allowed(pick, dest)) {
        ok = false;
        break;
      }
      move(pick, dest);
    }
    for (size_t i = 0; ok && i < journal_.size(); ++i) ok = PrecedencesHold(journal_[i].first);
    if (!ok) {
      UndoMoves();
      return false;
    }
    RecountJournal();
    return true;
  }

  // Moves the whole column of slot FROM to slot TO, shifting the slots in between by
  // one towards FROM. Same contract as Chain().
  bool Rotate(int from, int to) {
    if (from == to) return false;
    journal_.clear();
    touched_.clear();
    ++stamp_;
    const int lo = std::min(from, to), hi = std::max(from, to);
    auto target = [&](int s) {
      if (s == from) return to;
      return from < to ? s - 1 : s + 1;
    };
    moving_.clear();
    for (int s = lo; s <= hi; ++s) {
      for (const int x : members_[s]) {
        if (in_.fixed[x] || !in_.Allowed(x, target(s))) return false;
        moving_.push_back(x);
      }
    }
    if (moving_.empty()) return false;
    for (const int x : moving_) {
      journal_.emplace_back(x, slot_[x]);
      Remove(x);
    }
    for (const auto& [x, old] : journal_) Place(x, target(old));
    for (const auto& [x, old] : journal_) {
      if (!PrecedencesHold(x)) {
        UndoMoves();
        return false;
      }
    }
    RecountJournal();
    return true;
  }

  void RecountJournal() {
    for (const auto& [x, old] : journal_) {
      for (const int p : {in_.a[x], in_.b[x]}) {
        if (participant_mark_[p] == stamp_) continue;
        participant_mark_[p] = stamp_;
        touched_.emplace_back(p, breaks_[p], idle_[p]);
        Recount(p);
      }
    }
  }

  void CommitBreaks() {
    journal_.clear();
    touched_.clear();
  }

  void Undo() {
    UndoMoves();
    for (const auto& [p, old, old_idle] : touched_) {
      --histogram_[breaks_[p]];
      ++histogram_[old];
      total_breaks_ += old - breaks_[p];
      breaks_[p] = old;
      total_idle_ += old_idle - idle_[p];
      idle_[p] = old_idle;
    }
    touched_.clear();
  }

  void UndoMoves() {
    for (auto it = journal_.rbegin(); it != journal_.rend(); ++it) {
      Remove(it->first);
      if (it->second >= 0) Place(it->first, it->second);
    }
    journal_.clear();
  }

  void TryInsertions() {
    for (int m = 0; m < in_.num_meetings; ++m) {
      if (slot_[m] < 0 && !in_.domain[m].empty() && !PlaceGreedily(m)) Insert(m);
    }
  }

  // --- Violation bookkeeping for the tabu repair (all meetings placed). ---
  int Violations() const {
    int v = 0;
    for (int p = 0; p < in_.num_participants; ++p) {
      for (int s = 0; s < in_.num_slots; ++s) v += std::max(0, Load(p, s) - in_.capacity[p]);
    }
    for (int s = 0; s < in_.num_slots && in_.slot_capacity > 0; ++s) {
      v += std::max(0, count_[s] - in_.slot_capacity);
    }
    for (int m = 0; m < in_.num_meetings; ++m) {
      for (const int y : in_.after[m]) v += slot_[m] >= 0 && slot_[y] >= 0 && slot_[m] >= slot_[y];
    }
    return v;
  }

  bool InViolation(int m) const {
    const int s = slot_[m];
    if (Load(in_.a[m], s) > in_.capacity[in_.a[m]]) return true;
    if (Load(in_.b[m], s) > in_.capacity[in_.b[m]]) return true;
    if (in_.slot_capacity > 0 && count_[s] > in_.slot_capacity) return true;
    return !PrecedencesHold(m);
  }

  // Change in Violations() when M moves from its slot (or unplaced) to S (or -1).
  int ViolationDelta(int m, int s) const {
    const int from = slot_[m];
    int delta = 0;
    for (const int p : {in_.a[m], in_.b[m]}) {
      if (from >= 0 && Load(p, from) > in_.capacity[p]) --delta;
      if (s >= 0 && Load(p, s) >= in_.capacity[p]) ++delta;
    }
    if (in_.slot_capacity > 0) {
      if (from >= 0 && count_[from] > in_.slot_capacity) --delta;
      if (s >= 0 && count_[s] >= in_.slot_capacity) ++delta;
    }
    for (const int x : in_.before[m]) {
      if (slot_[x] < 0) continue;
      delta += (s >= 0 && slot_[x] >= s) - (from >= 0 && slot_[x] >= from);
    }
    for (const int y : in_.after[m]) {
      if (slot_[y] < 0) continue;
      delta += (s >= 0 && slot_[y] <= s) - (from >= 0 && slot_[y] <= from);
    }
    return delta;
  }

  const Instance& in_;
  const int fairness_;
  const int fairness_weight_;
  Rng rng_;
  std::vector<int> slot_;
  std::vector<int> load_;
  std::vector<int> count_;
  std::vector<std::vector<int>> members_;  // meetings per slot
  std::vector<int> position_;              // of each meeting in members_
  std::vector<int> breaks_;
  std::vector<int> histogram_;  // participants per number of breaks
  int total_breaks_ = 0;
  std::vector<int> idle_;
  int total_idle_ = 0;
  static constexpr int kIdleWeight = 1;
  int unplaced_ = 0;
  int overflow_ = 0;  // meetings above slot_capacity, summed over slots
  std::vector<int> best_;
  std::vector<int> candidates_;
  std::vector<int> moving_;
  Key3 best_key_{0, 0, 0, 0};
  // Chain scratch space.
  std::vector<std::pair<int, int>> journal_;        // (meeting, previous slot)
  std::vector<std::tuple<int, int, int>> touched_;  // (participant, previous breaks, idle)
  std::vector<std::pair<int, int>> pending_;        // (participant, slot) to check
  std::vector<uint32_t> meeting_mark_;
  std::vector<uint32_t> participant_mark_;
  uint32_t stamp_ = 0;
};

// Default budget of the Kempe annealing (timetable_polish.cpp): moves per meeting, at
// most kPolishMaxMoves, and at most kPolishWork / meetings so that large events (whose
// moves cost more: longer chains, column rotations) stay well under a second.
constexpr int64_t kPolishMovesPerMeeting = 15000;
constexpr int64_t kPolishMaxMoves = 3000000;
constexpr int64_t kPolishWork = 2000000000;

}  // namespace

TimetableSolver::TimetableSolver(TimetableProblem problem, TimetableOptions options)
    : problem_(std::move(problem)), options_(options) {}

TimetableSolver::~TimetableSolver() = default;

int TimetableSolver::placed() const {
  return static_cast<int>(std::count_if(slots_.begin(), slots_.end(), [](int s) { return s >= 0; }));
}

int TimetableSolver::total_breaks() const { return std::accumulate(breaks_.begin(), breaks_.end(), 0); }

Status TimetableSolver::Solve() {
  if (Status status = ValidateTimetableProblem(problem_); !status.ok()) return status;
  const Instance instance(problem_);
  lower_bound_ = 0;
  for (int p = 0; p < instance.num_participants; ++p) {
    lower_bound_ += ParticipantLowerBound(instance, p);
  }
  Search search(instance, options_);
  search.Construct();
  const int64_t meetings = std::max(1, instance.num_meetings);
  if (std::count(search.slots().begin(), search.slots().end(), -1) > 0) {
    search.Repair(2000 + 200 * meetings);
  }
  moves_ = 0;
  if (timetable_internal::CanPolish(instance)) {
    timetable_internal::PolishOptions polish;
    polish.fairness = options_.fairness;
    polish.fairness_weight = options_.fairness_weight;
    polish.seed = options_.seed;
    polish.moves = options_.effort > 0
                       ? options_.effort * meetings
                       : std::min({kPolishMovesPerMeeting * meetings, kPolishMaxMoves, kPolishWork / meetings});
    polish.lower_bound = lower_bound_;
    std::vector<int> slots = search.slots();
    moves_ = timetable_internal::Polish(instance, polish, &slots).moves;
    slots_ = std::move(slots);
  } else {
    const int64_t effort = options_.effort > 0 ? options_.effort : 3000;
    search.Anneal(effort * meetings, lower_bound_, &moves_);
    slots_ = search.slots();
  }
  breaks_ = CountBreaks(problem_, slots_);
  return Status();
}

}  // namespace match
