// Fast Kempe-chain annealing on breaks: the last phase of TimetableSolver::Solve()
// for days of at most 64 slots.
//
// A move takes a meeting from slot s to slot t (half of the time a t next to a busy
// slot of one of its participants: the moves that can close a gap) and lets the
// meetings it pushes over a participant's capacity alternate between t and s (a
// Kempe chain); a chain that reaches a fixed meeting, a meeting not allowed in the
// other slot or a broken precedence is undone. A slot over `slot_capacity` is allowed
// at a price (kOverflowWeight); half of the chains eject random meetings of an
// overfull slot into the other one (with their own chains). The cost is
//   overflow, unplaced meetings, spread excess, breaks and idle slots (weighted);
// idle slots inside a participant's day (last - first + 1 - busy) guide the search
// towards fewer breaks. Each participant's busy slots are one 64-bit mask and each
// capacity-1 participant has a slot -> meeting index, so the breaks of a participant
// are a few bit operations and a chain costs O(length) (O(length * degree) for
// participants of capacity > 1). With a slot capacity, one move in kParkOdds is a
// compound "park and fill" (Park()): a full slot where a participant is idle inside
// its day parks one of its meetings elsewhere and takes a meeting of that participant
// (a Kempe chain), the two priced as one move. The temperature falls geometrically in
// each round; the later rounds restart from the best valid timetable at a lower
// temperature, each with its own random stream. A round ends early on stagnation,
// counted in moves (kStretch): the budget is spent where the best still improves.
// Unplaced meetings are offered a Kempe insertion every 4096 moves. Only valid
// timetables are kept as the best; the search stops at the lower bound.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>

#include "solve/timetable_internal.h"

namespace match {
namespace timetable_internal {
namespace {

// Cost weights (a break is worth kBreakWeight idle slots; a slot over its capacity
// costs two breaks) and the annealing schedule (temperatures in cost units).
constexpr int kOverflowWeight = 16;
constexpr int kUnplacedWeight = 40;
constexpr int kBreakWeight = 8;
constexpr int kIdleWeight = 1;
constexpr int kRounds = 2;
constexpr int kMaxEjections = 2;  // per chain
constexpr int kRotateOdds = 16;   // one move in 16 (per 400 meetings) is a Rotate()
constexpr int kParkOdds = 8;      // one move in 8 is a Park() when slots have a capacity
// Early stop on stagnation (counted in moves): the first round ends once it has run
// kStretch times as long as it took to reach its best (and at least kFloorShare of the
// round); a later round ends when its best has not improved for as many moves as the
// first round took to reach its best (at least kLaterFloorShare of a round).
constexpr double kStretch = 2.2, kFloorShare = 0.3, kLaterFloorShare = 0.125;
constexpr double kFirstHot = 4.0, kLaterHot = 2.0, kCold = 0.4;

// The generator's start of round ROUND: each round draws its own stream, so that the
// length of a round (see kStretch) does not change the draws of the next one. (Seeds
// s and s + 1 start the same stream one draw apart: distinct seeds often end alike.)
constexpr uint64_t kRoundStream = 12345;
uint64_t Stream(uint64_t seed, int round) {
  return seed * 0x9E3779B97F4A7C15ULL + 0xD1B54A32D192ED03ULL + static_cast<uint64_t>(round) * kRoundStream;
}

class Polisher {
 public:
  Polisher(const Instance& in, const PolishOptions& options)
      : in_(in),
        options_(options),
        excess_weight_(kBreakWeight * std::max(1, options.fairness_weight)),
        rotate_odds_(kRotateOdds * std::max(1, in.num_meetings / 400)),
        rng_(Stream(options.seed, 0)),
        slot_(in.num_meetings, -1),
        load_(Cells(), 0),
        at_(Cells(), -1),
        mask_(in.num_participants, 0),
        count_(in.num_slots, 0),
        breaks_(in.num_participants, 0),
        idle_(in.num_participants, 0),
        histogram_(in.num_slots + 1, 0),
        domain_(in.num_meetings, 0),
        meeting_mark_(in.num_meetings, 0),
        participant_mark_(in.num_participants, 0) {
    histogram_[0] = in.num_participants;
    unplaced_ = in.num_meetings;
    for (int m = 0; m < in.num_meetings; ++m) {
      for (const int s : in.domain[m]) domain_[m] |= uint64_t{1} << s;
      if (!in.fixed[m] && in.domain[m].size() >= 2) movable_.push_back(m);
      if (!in.before[m].empty()) has_precedences_ = true;
    }
  }

  PolishStats Run(std::vector<int>* slots) {
    PolishStats stats;
    for (int m = 0; m < in_.num_meetings; ++m) {
      if ((*slots)[m] >= 0) Add(m, (*slots)[m], false);
    }
    for (int p = 0; p < in_.num_participants; ++p) Refresh(p);
    // The start is valid (the caller's contract); anything better replaces it.
    best_ = *slots;
    best_key_ = Key();
    if (Optimal() || movable_.empty() || options_.moves <= 0) {
      stats.optimal = Optimal();
      return stats;
    }
    const int64_t per_round = std::max<int64_t>(1, options_.moves / kRounds);
    // Moves the first round took to reach its best: the patience of the later rounds.
    int64_t first_best = 0;
    for (int round = 0; round < kRounds && !stats.optimal; ++round) {
      if (round > 0) {
        Load(best_);
        rng_ = Rng(Stream(options_.seed, round));
      }
      const double hot = round == 0 ? kFirstHot : kLaterHot;
      const double ratio = std::log(kCold / hot);
      int cost = Cost();
      int64_t last_best = 0;  // the move of this round's last improvement of the best
      const int64_t patience = std::max<int64_t>(first_best, static_cast<int64_t>(kLaterFloorShare * per_round));
      for (int64_t it = 0; it < per_round; ++it) {
        if ((it & 255) == 0) {
          if (round == 0 ? it > kFloorShare * per_round && it > kStretch * last_best : it - last_best > patience) {
            break;
          }
          SetTemperature(hot * std::exp(ratio * static_cast<double>(it) / per_round));
          if ((it & 4095) == 0 && unplaced_ > 0) {
            TryInsertions();
            cost = Cost();
            if (Record()) last_best = it;
          }
        }
        ++stats.moves;
        const Proposal proposal = Propose();
        if (proposal == Proposal::kNone) continue;
        const int delta = Cost() - cost;
        if (proposal == Proposal::kAccepted || delta <= 0 || rng_.Unit() < Acceptance(delta)) {
          cost += delta;
          journal_.clear();
          if (Record()) {
            last_best = it;
            if (Optimal()) {
              stats.optimal = true;
              break;
            }
          }
        } else {
          Revert();
        }
      }
      if (round == 0) first_best = last_best;
    }
    *slots = best_;
    return stats;
  }

 private:
  enum class Proposal { kNone, kApplied, kAccepted };  // kAccepted: no acceptance test left

  struct Key3 {
    int unplaced, excess, breaks;
    bool operator<(const Key3& o) const {
      if (unplaced != o.unplaced) return unplaced < o.unplaced;
      if (excess != o.excess) return excess < o.excess;
      return breaks < o.breaks;
    }
  };
  Key3 Key() const { return {unplaced_, Excess(), total_breaks_}; }
  bool Optimal() const {
    return overflow_ == 0 && unplaced_ == 0 && Excess() == 0 && total_breaks_ <= options_.lower_bound;
  }
  // Keeps the current timetable when it is valid and better than the best; true then.
  bool Record() {
    if (overflow_ != 0 || !(Key() < best_key_)) return false;
    best_key_ = Key();
    best_ = slot_;
    return true;
  }
  int Cost() const {
    return kOverflowWeight * overflow_ + kUnplacedWeight * unplaced_ + excess_weight_ * Excess() +
           kBreakWeight * total_breaks_ + kIdleWeight * total_idle_;
  }
  int Excess() const { return timetable_internal::SpreadExcess(histogram_, options_.fairness); }

  // exp(-delta / T) for small deltas, recomputed when the temperature changes.
  void SetTemperature(double temperature) {
    for (size_t d = 0; d < acceptance_.size(); ++d) {
      acceptance_[d] = std::exp(-static_cast<double>(d) / temperature);
    }
  }
  double Acceptance(int delta) const { return delta < static_cast<int>(acceptance_.size()) ? acceptance_[delta] : 0.0; }

  size_t Cells() const { return static_cast<size_t>(in_.num_participants) * in_.num_slots; }
  size_t Cell(int p, int s) const { return static_cast<size_t>(p) * in_.num_slots + s; }

  // Places M in S. With COLLECT, a meeting that M pushes over a participant's capacity
  // is queued in conflicts_ (to leave S).
  void Add(int m, int s, bool collect) {
    for (const int p : {in_.a[m], in_.b[m]}) {
      const size_t cell = Cell(p, s);
      ++load_[cell];
      mask_[p] |= uint64_t{1} << s;
      if (in_.capacity[p] == 1) {
        if (collect && at_[cell] >= 0) conflicts_.push_back({at_[cell], s});
        at_[cell] = m;
      } else if (collect && load_[cell] > in_.capacity[p]) {
        // Another meeting of P leaves S; when all of them have moved already in this
        // chain, M itself is queued, which fails the chain.
        int leaving = m;
        for (const int y : in_.of[p]) {
          if (y != m && slot_[y] == s && meeting_mark_[y] != stamp_) {
            leaving = y;
            break;
          }
        }
        conflicts_.push_back({leaving, s});
      }
    }
    if (++count_[s] > in_.slot_capacity && in_.slot_capacity > 0) ++overflow_;
    slot_[m] = s;
    --unplaced_;
  }
  void Sub(int m) {
    const int s = slot_[m];
    slot_[m] = -1;
    for (const int p : {in_.a[m], in_.b[m]}) {
      const size_t cell = Cell(p, s);
      if (--load_[cell] == 0) mask_[p] &= ~(uint64_t{1} << s);
      if (at_[cell] == m) {  // another meeting may still be there (during a chain)
        at_[cell] = -1;
        if (load_[cell] > 0 && in_.capacity[p] == 1) {
          for (const int y : in_.of[p]) {
            if (slot_[y] == s) at_[cell] = y;
          }
        }
      }
    }
    if (count_[s]-- > in_.slot_capacity && in_.slot_capacity > 0) --overflow_;
    ++unplaced_;
  }
  // Breaks and idle slots (inside the day) of a participant busy in MASK.
  static int MaskBreaks(uint64_t mask) { return mask == 0 ? 0 : std::popcount(mask & ~(mask << 1)) - 1; }
  static int MaskIdle(uint64_t mask) {
    return mask == 0 ? 0 : 64 - std::countl_zero(mask) - std::countr_zero(mask) - std::popcount(mask);
  }
  // Recomputes P's breaks and idle slots from its mask.
  void Refresh(int p) {
    const int breaks = MaskBreaks(mask_[p]), idle = MaskIdle(mask_[p]);
    --histogram_[breaks_[p]];
    ++histogram_[breaks];
    total_breaks_ += breaks - breaks_[p];
    breaks_[p] = breaks;
    total_idle_ += idle - idle_[p];
    idle_[p] = idle;
  }
  void Load(const std::vector<int>& slots) {
    for (int m = 0; m < in_.num_meetings; ++m) {
      if (slot_[m] >= 0) Sub(m);
    }
    for (int m = 0; m < in_.num_meetings; ++m) {
      if (slots[m] >= 0) Add(m, slots[m], false);
    }
    for (int p = 0; p < in_.num_participants; ++p) Refresh(p);
  }

  // Moves M to S (from its slot or from unplaced), journalled for Revert().
  void Move(int m, int s) {
    journal_.push_back({m, slot_[m]});
    meeting_mark_[m] = stamp_;
    if (slot_[m] >= 0) Sub(m);
    Add(m, s, true);
  }
  void RefreshJournal() {
    for (const auto& [m, old] : journal_) {
      for (const int p : {in_.a[m], in_.b[m]}) {
        if (participant_mark_[p] == stamp_) continue;
        participant_mark_[p] = stamp_;
        Refresh(p);
      }
    }
  }
  void UndoMoves() {
    for (auto it = journal_.rbegin(); it != journal_.rend(); ++it) {
      Sub(it->meeting);
      if (it->slot >= 0) Add(it->meeting, it->slot, false);
    }
  }
  void Revert() {
    UndoMoves();
    ++stamp_;
    RefreshJournal();
    journal_.clear();
  }

  bool PrecedencesHold(int m) const { return timetable_internal::PrecedencesHold(in_, slot_, m); }

  // A random movable meeting in slot S, not moved yet, allowed in DEST; -1 if none found.
  int Ejectable(int s, int dest) {
    for (int attempt = 0; attempt < 4 * in_.num_slots; ++attempt) {
      const int x = movable_[rng_.Below(static_cast<int>(movable_.size()))];
      if (slot_[x] == s && meeting_mark_[x] != stamp_ && (domain_[x] >> dest & 1) != 0) return x;
    }
    return -1;
  }

  // Kempe chain: M moves to TO (from its slot or unplaced), and every meeting pushed
  // over a participant's capacity alternates between TO and OTHER. With EJECT, a slot
  // left over slot_capacity sends random meetings to the other slot (with their own
  // chains). On success the breaks are refreshed and the caller accepts (clearing
  // journal_) or calls Revert(); on failure everything is undone and false returned.
  bool Chain(int m, int to, int other, bool eject) {
    ++stamp_;
    journal_.clear();
    conflicts_.clear();
    return ChainMore(m, to, other, eject);
  }
  // The chain of Chain() inside a move already started: the moves journalled and
  // marked so far stay part of it (a compound move is undone as a whole).
  bool ChainMore(int m, int to, int other, bool eject) {
    Move(m, to);
    int ejections = 0;
    bool ok = true;
    while (ok) {
      if (conflicts_.empty()) {
        if (!eject || in_.slot_capacity == 0 || ejections >= kMaxEjections) break;
        const int full = count_[to] > in_.slot_capacity ? to : count_[other] > in_.slot_capacity ? other : -1;
        if (full < 0) break;
        const int dest = full == to ? other : to;
        const int x = Ejectable(full, dest);
        if (x < 0) break;
        ++ejections;
        Move(x, dest);
        continue;
      }
      const auto [y, s] = conflicts_.back();
      conflicts_.pop_back();
      if (slot_[y] != s) continue;
      const int dest = s == to ? other : to;
      if (meeting_mark_[y] == stamp_ || in_.fixed[y] || (domain_[y] >> dest & 1) == 0) {
        ok = false;
        break;
      }
      Move(y, dest);
    }
    return Finish(ok);
  }

  // Ends a move: if OK and the precedences hold, refreshes the breaks of the
  // participants touched and returns true; otherwise undoes the move.
  bool Finish(bool ok) {
    for (size_t i = 0; ok && i < journal_.size(); ++i) ok = PrecedencesHold(journal_[i].meeting);
    if (!ok) {
      UndoMoves();
      journal_.clear();
      return false;
    }
    RefreshJournal();
    return true;
  }

  int RandomBit(uint64_t mask) {
    int k = rng_.Below(std::popcount(mask));
    while (k-- > 0) mask &= mask - 1;
    return std::countr_zero(mask);
  }

  // Moves the whole column of slot FROM to slot TO, shifting the slots in between by
  // one towards FROM (nobody's load changes, only the order of the slots), when the
  // annealing accepts it. Without precedences the cost of the new order is computed
  // from the participants' masks first and only an accepted rotation moves meetings;
  // either way the outcome and the random draws are those of applying it and then
  // accepting or reverting it.
  Proposal Rotate(int from, int to) {
    if (from == to) return Proposal::kNone;
    const int lo = std::min(from, to), hi = std::max(from, to);
    auto target = [&](int s) { return s == from ? to : from < to ? s - 1 : s + 1; };
    ++stamp_;
    journal_.clear();
    moving_.clear();
    for (int m = 0; m < in_.num_meetings; ++m) {
      const int s = slot_[m];
      if (s < lo || s > hi) continue;
      if (in_.fixed[m] || (domain_[m] >> target(s) & 1) == 0) return Proposal::kNone;
      moving_.push_back(m);
    }
    if (moving_.empty()) return Proposal::kNone;
    if (!has_precedences_) {
      const int delta = RotationDelta(from, to);
      if (delta > 0 && !(rng_.Unit() < Acceptance(delta))) return Proposal::kNone;
    }
    for (const int m : moving_) {
      journal_.push_back({m, slot_[m]});
      meeting_mark_[m] = stamp_;
      Sub(m);
    }
    for (const auto& [m, old] : journal_) Add(m, target(old), false);
    if (!Finish(true)) return Proposal::kNone;
    return has_precedences_ ? Proposal::kApplied : Proposal::kAccepted;
  }

  // The change of Cost() if the columns FROM..TO rotated as in Rotate(): only breaks,
  // idle slots and the spread move (the slot counts are permuted).
  int RotationDelta(int from, int to) {
    const int lo = std::min(from, to), hi = std::max(from, to);
    const uint64_t range = (hi == 63 ? ~uint64_t{0} : (uint64_t{1} << (hi + 1)) - 1) & ~((uint64_t{1} << lo) - 1);
    const uint64_t from_bit = uint64_t{1} << from;
    const uint64_t rest = range & ~from_bit;  // the columns that shift by one
    const int old_excess = Excess();
    int delta = 0;
    changed_.clear();
    for (int p = 0; p < in_.num_participants; ++p) {
      const uint64_t mask = mask_[p];
      if ((mask & range) == 0) continue;
      const uint64_t shifted = from < to ? (mask & rest) >> 1 : (mask & rest) << 1;
      const uint64_t moved = (mask & from_bit) != 0 ? uint64_t{1} << to : 0;
      const uint64_t now = (mask & ~range) | shifted | moved;
      if (now == mask) continue;
      const int breaks = MaskBreaks(now), idle = MaskIdle(now);
      delta += kBreakWeight * (breaks - breaks_[p]) + kIdleWeight * (idle - idle_[p]);
      if (breaks != breaks_[p]) {
        --histogram_[breaks_[p]];
        ++histogram_[breaks];
        changed_.push_back({breaks_[p], breaks});
      }
    }
    delta += excess_weight_ * (Excess() - old_excess);
    for (const auto& [before, after] : changed_) {
      --histogram_[after];
      ++histogram_[before];
    }
    return delta;
  }

  // Compound move "park and fill", priced as one by the annealing. Q, a participant
  // of a random meeting with idle slots inside its day, is idle in a slot S that is
  // full (slot_capacity meetings). (1) Y: the meeting of Q allowed in S whose move
  // there leaves Q the cheapest day (breaks and idle slots). (2) Park: among the
  // meetings of S, the one X and the slot T with room where both of X's participants
  // are idle that cost X's participants least; X moves to T. (3) Y moves into S by a
  // Kempe chain between S and its slot (ejections allowed). This lets a participant
  // with few meetings take a break far from its other meetings so that a full slot
  // closes a busy participant's gap: a path the single chains only reach through
  // states with long idle runs.
  Proposal Park() {
    const int m0 = movable_[rng_.Below(static_cast<int>(movable_.size()))];
    int q = in_.a[m0];
    if (idle_[q] == 0 || (idle_[in_.b[m0]] > 0 && rng_.Below(2) == 0)) q = in_.b[m0];
    if (idle_[q] == 0) return Proposal::kNone;
    uint64_t full = 0;
    for (int s = 0; s < in_.num_slots; ++s) {
      if (count_[s] >= in_.slot_capacity) full |= uint64_t{1} << s;
    }
    const uint64_t mask = mask_[q];
    const int lo = std::countr_zero(mask), hi = 63 - std::countl_zero(mask);
    const uint64_t span = (hi == 63 ? ~uint64_t{0} : (uint64_t{1} << (hi + 1)) - 1) & ~((uint64_t{1} << lo) - 1);
    const uint64_t gaps = span & ~mask & full;
    if (gaps == 0) return Proposal::kNone;
    const int s = RandomBit(gaps);
    const uint64_t s_bit = uint64_t{1} << s;
    int y = -1, y_cost = 0, ties = 0;
    for (const int m : in_.of[q]) {
      if (in_.fixed[m] || (domain_[m] & s_bit) == 0 || slot_[m] < 0) continue;
      const uint64_t now = (mask & ~(uint64_t{1} << slot_[m])) | s_bit;
      const int c = kBreakWeight * MaskBreaks(now) + kIdleWeight * MaskIdle(now);
      if (y < 0 || c < y_cost) {
        y = m, y_cost = c, ties = 1;
      } else if (c == y_cost && rng_.Below(++ties) == 0) {
        y = m;
      }
    }
    if (y < 0) return Proposal::kNone;
    int x = -1, t = -1, x_cost = 0;
    ties = 0;
    for (const int m : movable_) {
      if (slot_[m] != s) continue;
      const int xa = in_.a[m], xb = in_.b[m];
      const uint64_t options = domain_[m] & ~mask_[xa] & ~mask_[xb] & ~full & ~s_bit;
      // Capacity-1 participants (the B2B case): X is their only meeting in S.
      const uint64_t ma = mask_[xa] & ~s_bit, mb = mask_[xb] & ~s_bit;
      const int before = kBreakWeight * (breaks_[xa] + breaks_[xb]) + kIdleWeight * (idle_[xa] + idle_[xb]);
      for (uint64_t o = options; o != 0; o &= o - 1) {
        const uint64_t bit = o & -o;
        const int c = kBreakWeight * (MaskBreaks(ma | bit) + MaskBreaks(mb | bit)) +
                      kIdleWeight * (MaskIdle(ma | bit) + MaskIdle(mb | bit)) - before;
        if (t < 0 || c < x_cost) {
          x = m, t = std::countr_zero(bit), x_cost = c, ties = 1;
        } else if (c == x_cost && rng_.Below(++ties) == 0) {
          x = m, t = std::countr_zero(bit);
        }
      }
    }
    if (x < 0) return Proposal::kNone;
    ++stamp_;
    journal_.clear();
    conflicts_.clear();
    Move(x, t);
    return ChainMore(y, s, slot_[y], true) ? Proposal::kApplied : Proposal::kNone;
  }

  // Applies one random move: kNone when the draw gave no move (or a rejected rotation).
  Proposal Propose() {
    if (rng_.Below(rotate_odds_) == 0) {
      return Rotate(rng_.Below(in_.num_slots), rng_.Below(in_.num_slots));
    }
    if (in_.slot_capacity > 0 && rng_.Below(kParkOdds) == 0) return Park();
    const int m = movable_[rng_.Below(static_cast<int>(movable_.size()))];
    const int from = slot_[m];
    if (from < 0) return Proposal::kNone;
    uint64_t options = domain_[m] & ~(uint64_t{1} << from);
    if (rng_.Below(2) == 0) {
      const uint64_t busy = mask_[in_.a[m]] | mask_[in_.b[m]];
      const uint64_t near = options & ((busy << 1) | (busy >> 1));
      if (near != 0) options = near;
    }
    if (options == 0) return Proposal::kNone;
    return Chain(m, RandomBit(options), from, rng_.Below(2) == 0) ? Proposal::kApplied : Proposal::kNone;
  }

  // Kempe insertion of each unplaced meeting, kept when no slot overflows.
  void TryInsertions() {
    for (int m = 0; m < in_.num_meetings; ++m) {
      if (slot_[m] >= 0 || in_.domain[m].empty()) continue;
      const auto& dom = in_.domain[m];
      bool done = false;
      for (size_t i = 0; i < dom.size() && !done; ++i) {
        for (size_t j = 0; j < dom.size() && !done; ++j) {
          if (j == i && dom.size() > 1) continue;
          if (!Chain(m, dom[i], dom[j], true)) continue;
          done = overflow_ == 0;
          if (done) {
            journal_.clear();
          } else {
            Revert();
          }
        }
      }
    }
  }

  const Instance& in_;
  const PolishOptions options_;
  const int excess_weight_;
  const int rotate_odds_;  // Rotate() is O(meetings): rarer on large events
  Rng rng_;
  std::vector<int> slot_;
  std::vector<int> load_;       // meetings per (participant, slot)
  std::vector<int> at_;         // the meeting of a capacity-1 participant in a slot, or -1
  std::vector<uint64_t> mask_;  // busy slots per participant
  std::vector<int> count_;      // meetings per slot
  std::vector<int> breaks_;
  std::vector<int> idle_;
  std::vector<int> histogram_;  // participants per number of breaks
  std::vector<uint64_t> domain_;
  std::vector<int> movable_;
  std::vector<int> moving_;                   // Rotate() scratch
  std::vector<std::pair<int, int>> changed_;  // RotationDelta() scratch: (breaks before, after)
  bool has_precedences_ = false;
  int overflow_ = 0;  // meetings above slot_capacity, summed over slots
  int unplaced_ = 0;
  int total_breaks_ = 0;
  int total_idle_ = 0;
  std::array<double, 96> acceptance_{};
  struct Change {
    int meeting, slot;  // the slot before the move
  };
  std::vector<Change> journal_;
  std::vector<std::pair<int, int>> conflicts_;  // (meeting, slot it must leave)
  std::vector<uint32_t> meeting_mark_;
  std::vector<uint32_t> participant_mark_;
  uint32_t stamp_ = 1;
  std::vector<int> best_;
  Key3 best_key_{0, 0, 0};
};

}  // namespace

bool CanPolish(const Instance& in) { return in.num_slots <= 64; }

// The search counts bits all the time (breaks and idle slots from 64-bit masks).
// Debian's baseline x86-64 has no POPCNT instruction, so std::popcount is a library
// call there; on x86-64 the search is compiled twice, with and without POPCNT, and the
// loader picks the one the CPU runs (GCC function multi-versioning; `flatten` inlines
// the whole search into each copy). Same results either way; 7-10 % less CPU.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("popcnt", "default"), flatten))
#endif
PolishStats
Polish(const Instance& in, const PolishOptions& options, std::vector<int>* slots) {
  if (!CanPolish(in)) return {};
  Polisher polisher(in, options);
  return polisher.Run(slots);
}

}  // namespace timetable_internal
}  // namespace match
