#include "match/scoring.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "match/legal.h"

namespace match {

// Builds a ScoreTable; the two public entry points differ only in how they find the
// candidate needs of a supplier (inverted index, or every need).
class Scorer {
 public:
  Scorer(const Event& event, const Rules& rules, const Territory& territory)
      : event_(event), rules_(rules), territory_(territory) {
    double total = 0;
    for (double w : rules.weights) total += w;
    for (int c = 0; c < kNumCriteria; ++c) weight_[c] = rules.weights[c] / total;
    min_depth_ = 9;
    for (int depth = 8; depth >= 2; --depth)
      if (rules.cpv_depth[depth] > 0 && rules.cpv_depth[depth] >= rules.min_relevance) min_depth_ = depth;
    territory_set_.insert(event.territory.begin(), event.territory.end());
    buyer_commune_.reserve(event.buyers.size());
    for (const auto& buyer : event.buyers) buyer_commune_.push_back(territory.Find(buyer.commune));
    for (size_t i = 0; i < event.needs.size(); ++i) {
      for (CpvCode code : event.needs[i].cpv) {
        for (int length = 2; length <= code.level(); ++length)
          index_.push_back({Key(length, code.Prefix(length)), static_cast<NeedIndex>(i)});
      }
    }
    std::sort(index_.begin(), index_.end());
    index_.erase(std::unique(index_.begin(), index_.end()), index_.end());
    need_depth_.assign(event.needs.size(), -1);
    stand_best_.assign(event.stands.size(), -1);
    table_.by_stand_.resize(event.stands.size());
    table_.supplier_begin_.push_back(0);
  }

  // Scores one supplier; FIND_NEEDS(supplier, visit) calls visit(need, depth) for
  // candidate needs (depth may be refined by later calls).
  template <class FindNeeds>
  void ScoreSupplier(SupplierIndex s, FindNeeds&& find_needs) {
    const Supplier& supplier = event_.suppliers[s];
    touched_.clear();
    auto visit = [&](NeedIndex n, int depth) {
      if (need_depth_[n] < 0) touched_.push_back(n);
      need_depth_[n] = std::max(need_depth_[n], depth);
    };
    find_needs(supplier, visit);
    // Wished and invited stands are candidates whatever their relevance.
    AddInterests(s, visit);
    std::sort(touched_.begin(), touched_.end());
    stands_.clear();
    for (NeedIndex n : touched_) {
      int depth = need_depth_[n];
      need_depth_[n] = -1;
      ++table_.evaluated_;
      const Need& need = event_.needs[n];
      Level wish = event_.WishLevel(s, need.stand), invitation = event_.InvitationLevel(s, need.stand);
      if (wish == Level::kNo || invitation == Level::kNo) {
        Gate(s, need.stand, wish, invitation, GatedPair::Reason::kRefused, Reserved::kNone);
        continue;
      }
      if (rules_.enforce_reserved && !EligibleForReserved(need.reserved, supplier)) {
        Gate(s, need.stand, wish, invitation, GatedPair::Reason::kReserved, need.reserved);
        continue;
      }
      bool interested = wish != Level::kNone || invitation != Level::kNone;
      double relevance = rules_.cpv_depth[depth];
      if (relevance < rules_.min_relevance && !(interested && rules_.wish_overrides_min_relevance)) {
        Gate(s, need.stand, wish, invitation, GatedPair::Reason::kLowRelevance, Reserved::kNone);
        continue;
      }
      PairScore pair = Evaluate(s, n, depth, wish, invitation);
      if (pair.score <= 0) continue;
      int& best = stand_best_[need.stand];
      if (best < 0) {
        stands_.push_back(need.stand);
        best = static_cast<int>(candidates_.size());
        candidates_.push_back(pair);
      } else if (pair.score > candidates_[best].score) {
        candidates_[best] = pair;
      }
    }
    // A stand reached by one need is not gated by another need's gate.
    std::erase_if(pending_gates_, [&](const GatedPair& g) { return stand_best_[g.stand] >= 0; });
    std::sort(stands_.begin(), stands_.end());
    for (StandIndex t : stands_) {
      table_.by_stand_[t].push_back(static_cast<int>(table_.pairs_.size()));
      table_.pairs_.push_back(candidates_[stand_best_[t]]);
      stand_best_[t] = -1;
    }
    candidates_.clear();
    table_.supplier_begin_.push_back(static_cast<int>(table_.pairs_.size()));
    for (const auto& g : pending_gates_) table_.gated_.push_back(g);
    pending_gates_.clear();
  }

  // Candidate needs through the inverted index.
  template <class Visit>
  void FindByIndex(const Supplier& supplier, Visit& visit) const {
    for (CpvCode code : supplier.cpv) {
      for (int length = code.level(); length >= min_depth_; --length) {
        uint64_t key = Key(length, code.Prefix(length));
        auto it = std::lower_bound(index_.begin(), index_.end(), std::pair<uint64_t, NeedIndex>{key, 0});
        for (; it != index_.end() && it->first == key; ++it) visit(it->second, length);
      }
    }
  }

  // Every need, with its deepest common prefix.
  template <class Visit>
  void FindAll(const Supplier& supplier, Visit& visit) const {
    for (size_t n = 0; n < event_.needs.size(); ++n) {
      int depth = 0;
      for (CpvCode a : supplier.cpv)
        for (CpvCode b : event_.needs[n].cpv) depth = std::max(depth, CpvCode::CommonDepth(a, b));
      if (depth >= min_depth_) visit(static_cast<NeedIndex>(n), depth);
    }
  }

  ScoreTable Finish() {
    // The stand lists are filled supplier by supplier, hence sorted by supplier.
    std::sort(table_.gated_.begin(), table_.gated_.end(), [](const GatedPair& a, const GatedPair& b) {
      return std::tie(a.supplier, a.stand) < std::tie(b.supplier, b.stand);
    });
    table_.gated_.erase(std::unique(table_.gated_.begin(), table_.gated_.end(),
                                    [](const GatedPair& a, const GatedPair& b) {
                                      return a.supplier == b.supplier && a.stand == b.stand;
                                    }),
                        table_.gated_.end());
    return std::move(table_);
  }

 private:
  static uint64_t Key(int length, uint32_t prefix) { return (static_cast<uint64_t>(length) << 32) | prefix; }

  template <class Visit>
  void AddInterests(SupplierIndex s, Visit& visit) {
    auto add_stand = [&](StandIndex t) {
      for (NeedIndex n : event_.stands[t].needs) {
        int depth = 0;
        for (CpvCode a : event_.suppliers[s].cpv)
          for (CpvCode b : event_.needs[n].cpv) depth = std::max(depth, CpvCode::CommonDepth(a, b));
        visit(n, depth);
      }
    };
    // Interests are few per supplier; the event keeps them in lists.
    for (auto it = interest_cursor_wish_; it < event_.wishes.size() && event_.wishes[it].supplier == s; ++it)
      add_stand(event_.wishes[it].stand);
    while (interest_cursor_wish_ < event_.wishes.size() && event_.wishes[interest_cursor_wish_].supplier <= s)
      ++interest_cursor_wish_;
    if (invitations_by_supplier_.empty() && !event_.invitations.empty()) {
      invitations_by_supplier_.resize(event_.suppliers.size());
      for (const auto& inv : event_.invitations) invitations_by_supplier_[inv.supplier].push_back(inv.stand);
    }
    if (!invitations_by_supplier_.empty())
      for (StandIndex t : invitations_by_supplier_[s]) add_stand(t);
  }

  void Gate(SupplierIndex s, StandIndex t, Level wish, Level invitation, GatedPair::Reason reason,
            Reserved reserved) {
    if (wish == Level::kNone && invitation == Level::kNone) return;
    pending_gates_.push_back({s, t, reason, reserved});
  }

  PairScore Evaluate(SupplierIndex s, NeedIndex n, int depth, Level wish, Level invitation) const {
    const Supplier& supplier = event_.suppliers[s];
    const Need& need = event_.needs[n];
    PairScore p;
    p.supplier = s;
    p.stand = need.stand;
    p.need = n;
    p.cpv_depth = depth;
    p.wish = wish;
    p.invitation = invitation;
    // The codes behind the depth (first deepest pair, for explanations).
    for (CpvCode a : supplier.cpv)
      for (CpvCode b : need.cpv)
        if (depth > 0 && CpvCode::CommonDepth(a, b) == depth && p.need_cpv.digits() == 0) {
          p.supplier_cpv = a;
          p.need_cpv = b;
        }
    auto& v = p.value;
    v[static_cast<int>(Criterion::kRelevance)] = rules_.cpv_depth[depth];
    v[static_cast<int>(Criterion::kSize)] = rules_.size[static_cast<int>(supplier.size)];
    v[static_cast<int>(Criterion::kEss)] = supplier.ess ? rules_.ess : 0;
    double inclusion = 0;
    bool clause = need.insertion_clause_pct > 0;
    if (IsSiae(supplier.structure))
      inclusion = clause ? rules_.inclusion.with_insertion_clause : rules_.inclusion.siae;
    else if (IsDisabilityStructure(supplier.structure))
      inclusion = rules_.inclusion.disability;
    else if (supplier.structure == Structure::kGEIQ)
      inclusion = clause ? rules_.inclusion.with_insertion_clause : rules_.inclusion.geiq;
    v[static_cast<int>(Criterion::kInclusion)] = inclusion;
    const Commune* buyer_commune = buyer_commune_[event_.stands[need.stand].buyer];
    p.tier = buyer_commune ? territory_.Tier(supplier.commune, buyer_commune->insee) : LocalityTier::kUnknown;
    p.in_territory = !supplier.commune.empty() && territory_set_.count(supplier.commune) > 0;
    double locality = rules_.locality[static_cast<int>(p.tier)];
    if (p.in_territory) locality = std::max(locality, rules_.in_territory);
    v[static_cast<int>(Criterion::kLocality)] = locality;
    v[static_cast<int>(Criterion::kReuse)] =
        supplier.reuse.empty() ? 0 : (need.reuse ? rules_.reuse.wanted : rules_.reuse.not_wanted);
    double mutual = (wish == Level::kMust ? rules_.mutual.wish_must : wish == Level::kWant ? rules_.mutual.wish_want : 0) +
                    (invitation == Level::kMust   ? rules_.mutual.invitation_must
                     : invitation == Level::kWant ? rules_.mutual.invitation_want
                                                  : 0);
    v[static_cast<int>(Criterion::kMutual)] = std::min(1.0, mutual);
    for (int c = 0; c < kNumCriteria; ++c) {
      p.contribution[c] = weight_[c] * v[c];
      p.score += p.contribution[c];
    }
    p.score = std::clamp(p.score, 0.0, 1.0);
    return p;
  }

  const Event& event_;
  const Rules& rules_;
  const Territory& territory_;
  std::array<double, kNumCriteria> weight_{};
  int min_depth_ = 2;
  std::set<std::string, std::less<>> territory_set_;
  std::vector<const Commune*> buyer_commune_;
  std::vector<std::pair<uint64_t, NeedIndex>> index_;  // (length, prefix) -> need, sorted
  std::vector<int> need_depth_;                        // per need: -1 or depth (this supplier)
  std::vector<int> stand_best_;                        // per stand: -1 or index into candidates_
  std::vector<NeedIndex> touched_;
  std::vector<StandIndex> stands_;
  std::vector<PairScore> candidates_;
  std::vector<GatedPair> pending_gates_;
  size_t interest_cursor_wish_ = 0;
  std::vector<std::vector<StandIndex>> invitations_by_supplier_;
  ScoreTable table_;
};

std::span<const PairScore> ScoreTable::OfSupplier(SupplierIndex supplier) const {
  return std::span<const PairScore>(pairs_).subspan(supplier_begin_[supplier],
                                                    supplier_begin_[supplier + 1] - supplier_begin_[supplier]);
}

const PairScore* ScoreTable::Find(SupplierIndex supplier, StandIndex stand) const {
  auto pairs = OfSupplier(supplier);
  auto it = std::lower_bound(pairs.begin(), pairs.end(), stand,
                             [](const PairScore& p, StandIndex t) { return p.stand < t; });
  return it != pairs.end() && it->stand == stand ? &*it : nullptr;
}

ScoreTable Score(const Event& event, const Rules& rules, const Territory& territory) {
  Scorer scorer(event, rules, territory);
  for (SupplierIndex s = 0; s < static_cast<SupplierIndex>(event.suppliers.size()); ++s)
    scorer.ScoreSupplier(s, [&](const Supplier& supplier, auto& visit) { scorer.FindByIndex(supplier, visit); });
  return scorer.Finish();
}

ScoreTable ScoreAllPairs(const Event& event, const Rules& rules, const Territory& territory) {
  Scorer scorer(event, rules, territory);
  for (SupplierIndex s = 0; s < static_cast<SupplierIndex>(event.suppliers.size()); ++s)
    scorer.ScoreSupplier(s, [&](const Supplier& supplier, auto& visit) { scorer.FindAll(supplier, visit); });
  return scorer.Finish();
}

}  // namespace match
