// Scoring: how worth it a meeting between a supplier and a stand is, and why.
//
// A supplier is scored against every need of a stand; the pair's score is its best
// need's. Each criterion gives a value in [0, 1] (relevance from the CPV hierarchy,
// size, ESS, inclusion, locality, reuse, mutual interest) and the score is the
// weighted mean, weights and values all from the Rules. Hard gates remove a pair
// entirely: reserved contracts (a reserved need counts only for eligible suppliers),
// a `no` wish or invitation, and relevance below the minimum (waived when the pair is
// wished or invited, if the rules say so).
//
// Candidate generation uses an inverted index from CPV prefixes to needs, so the cost
// grows with the candidate pairs, not with suppliers x needs: O(sum over suppliers of
// the needs sharing a prefix deep enough to pass the relevance gate).
// A ScoreTable is immutable once built and safe to share between threads.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <vector>

#include "match/base/huge_pages.h"
#include "match/domain/model.h"
#include "match/domain/territory.h"
#include "match/io/rules.h"

namespace match {

// What is a pair's own: 40 bytes (a table holds millions). The contributions of the
// criteria that depend only on the supplier, the need or the levels (size, ESS, inclusion,
// reuse, relevance by depth, locality by tier, mutual interest) are the table's, shared
// by every pair: ScoreTable::Contribution gives each criterion's. The codes behind the
// CPV depth are found when an explanation needs them (MatchedCodes).
struct PairScore {
  double score = 0;  // in [0, 1]: the sum of the contributions (computed in double)
  SupplierIndex supplier = 0;
  StandIndex stand = 0;
  NeedIndex need = 0;      // the stand's best need for this supplier
  float text = 0;          // the text criterion's contribution (weight * value)
  int32_t history = -1;    // the pair's history contributions in the table, or -1
  int8_t cpv_depth = 0;    // common CPV prefix depth (0: none)
  bool exact_cpv = false;  // at depth 8: a code of the need itself (not one it contains)
  LocalityTier tier = LocalityTier::kUnknown;
  bool in_territory = false;
  Level wish = Level::kNone, invitation = Level::kNone;
};

// Why a wished or invited pair is not a candidate.
struct GatedPair {
  enum class Reason { kRefused, kReserved, kLowRelevance };
  SupplierIndex supplier = 0;
  StandIndex stand = 0;
  Reason reason = Reason::kRefused;
  Reserved reserved = Reserved::kNone;  // for kReserved
};

// In huge pages: written once, front to back, by the scorer.
using PairList = std::vector<PairScore, HugePageAllocator<PairScore>>;

class ScoreTable {
 public:
  // Every eligible pair with a positive score, sorted by (supplier, stand).
  const PairList& pairs() const { return pairs_; }
  // The pairs of one supplier (sorted by stand).
  std::span<const PairScore> OfSupplier(SupplierIndex supplier) const;
  // Indices into pairs() of one stand's pairs (sorted by supplier).
  std::span<const int> OfStand(StandIndex stand) const {
    return std::span<const int>(by_stand_).subspan(stand_begin_[stand], stand_begin_[stand + 1] - stand_begin_[stand]);
  }
  const PairScore* Find(SupplierIndex supplier, StandIndex stand) const;
  // A criterion's contribution to PAIR's score: weight * value, kept as a float (exact
  // to well beyond the 4 decimals standmatch prints); the pair's score is their sum.
  float Contribution(const PairScore& pair, Criterion criterion) const;
  // A criterion's value in [0, 1] for PAIR, read from its contribution: 0 for a
  // criterion that does not count (weight 0, or a history criterion with no history).
  double Value(const PairScore& pair, Criterion criterion) const {
    int c = static_cast<int>(criterion);
    return weight_[c] > 0 ? Contribution(pair, criterion) / weight_[c] : 0;
  }
  // The weight of each criterion as it counts: rules weight / sum of counted weights.
  const std::array<double, kNumCriteria>& weights() const { return weight_; }
  // Wished or invited pairs removed by a gate, sorted by (supplier, stand).
  const std::vector<GatedPair>& gated() const { return gated_; }

  // The number of (supplier, need) pairs the scorer evaluated.
  int64_t evaluated() const { return evaluated_; }

 private:
  friend class Scorer;
  static constexpr int kNumHistory = kNumCriteria - kFirstHistoryCriterion;
  static constexpr int kNumTiers = static_cast<int>(LocalityTier::kUnknown) + 1;
  static constexpr int kNumLevels = static_cast<int>(Level::kNo) + 1;
  PairList pairs_;
  // The contributions pairs share: per supplier (size, ESS, inclusion without and with an
  // insertion clause, reuse not wanted and wanted), per need (its clause and reuse bits),
  // by CPV depth and exactness, by locality tier and territory, by wish and invitation level.
  std::vector<std::array<float, 6>> supplier_contribution_;
  std::vector<uint8_t> need_bits_;  // bit 0: insertion clause, bit 1: reuse wanted
  std::array<std::array<float, 2>, 9> relevance_{};
  std::array<std::array<float, 2>, kNumTiers> locality_{};
  std::array<std::array<float, kNumLevels>, kNumLevels> mutual_{};
  std::vector<std::array<float, kNumHistory>> history_;  // per pair with a history: its contributions
  std::vector<int> supplier_begin_;                      // size suppliers + 1
  std::vector<int> by_stand_;                            // the pairs' indices, stand after stand
  std::vector<int> stand_begin_;                         // per stand + 1: its first index in by_stand_
  std::vector<GatedPair> gated_;
  std::array<double, kNumCriteria> weight_{};
  int64_t evaluated_ = 0;
};

ScoreTable Score(const Event& event, const Rules& rules, const Territory& territory = Territory::Builtin());

// The pair of codes behind PAIR's CPV depth, for explanations: the first supplier code and
// need code (in the records' order) that match at that depth, at depth 8 the need's own
// code (the same code) before a code it contains. Both empty when the depth is 0.
struct MatchedCpv {
  CpvCode supplier, need;
};
MatchedCpv MatchedCodes(const Event& event, const PairScore& pair);

// Reference implementation for tests and the benchmark: every (supplier, need) pair,
// no index. Returns the same table as Score.
ScoreTable ScoreAllPairs(const Event& event, const Rules& rules, const Territory& territory = Territory::Builtin());

}  // namespace match
