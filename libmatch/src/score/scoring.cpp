#include "match/score/scoring.h"

#include <algorithm>
#include <bit>
#include <span>
#include <tuple>
#include <unordered_map>

#include "match/domain/awards.h"
#include "match/domain/legal.h"
#include "match/score/history.h"
#include "match/text/index.h"
#include "score/packed_cpv.h"
#include "score/text_relevance.h"

namespace match {

static_assert(sizeof(PairScore) == 40, "PairScore packs without padding");

// Builds a ScoreTable; the two public entry points differ only in how they find the
// candidate needs of a supplier (inverted index, or every need).
class Scorer {
 public:
  Scorer(const Event& event, const Rules& rules, const Territory& territory)
      : event_(event), rules_(rules), territory_(territory), text_(event, rules) {
    // The history criteria count only when some supplier has an award history.
    has_history_ = HasAwardHistory(event);
    double total = 0;
    for (int c = 0; c < kNumCriteria; ++c)
      if (has_history_ || c < kFirstHistoryCriterion) total += rules.weights[c];
    if (total <= 0) total = 1;  // only history weights, and no history: every score is 0
    for (int c = 0; c < kNumCriteria; ++c)
      weight_[c] = has_history_ || c < kFirstHistoryCriterion ? rules.weights[c] / total : 0;
    min_depth_ = 9;
    for (int depth = 8; depth >= 2; --depth)
      if (rules.cpv_depth[depth] > 0 && rules.cpv_depth[depth] >= rules.min_relevance) min_depth_ = depth;
    if (has_history_) {
      // history_text: the needs' titles are the documents, each history the query.
      for (const auto& need : event.needs) need_text_.Add(text::Tokenize(need.title));
      need_text_.Finish();
      scatter_.emplace(need_text_);
      for (const auto& buyer : event.buyers) {
        buyer_departement_.push_back(BuyerDepartement(buyer, territory));
        buyer_siren_.push_back(SirenOf(buyer.siret));
      }
    }
    const size_t num_suppliers = event.suppliers.size();
    InternPlaces();
    // Inside the event's territory: once per place (a directory of 10^5 entries has 10^4).
    std::vector<int8_t> place_inside(places_.size(), -1);
    in_territory_.reserve(num_suppliers);
    for (SupplierIndex s = 0; s < static_cast<SupplierIndex>(num_suppliers); ++s) {
      const std::string& commune = event.suppliers[s].commune;
      int8_t& inside = place_inside[supplier_place_id_[s]];
      // The place is the commune when there is one (a département alone is never inside).
      if (inside < 0) inside = !commune.empty() && territory.InArea(commune, event.territory);
      in_territory_.push_back(commune.empty() ? 0 : inside);
    }
    supplier_codes_.Build(event.suppliers);
    need_codes_.Build(event.needs);
    stand_needs_.push_back(0);
    for (const auto& stand : event.stands) {
      need_of_stand_.insert(need_of_stand_.end(), stand.needs.begin(), stand.needs.end());
      stand_needs_.push_back(static_cast<int>(need_of_stand_.size()));
    }
    for (const auto& need : event.needs)
      need_facts_.push_back({need.stand, event.stands[need.stand].buyer,
                             buyer_place_id_[event.stands[need.stand].buyer], need.reserved,
                             need.insertion_clause_pct > 0, need.reuse});
    for (size_t i = 0; i < event.needs.size(); ++i) {
      for (CpvCode code : event.needs[i].cpv) {
        for (int length = 2; length <= code.level(); ++length)
          index_.push_back({Key(length, code.Prefix(length)), static_cast<NeedIndex>(i)});
        // The need's own code: it contains every supplier code below it (a full match).
        index_.push_back({Key(length_contains_ + code.level(), code.Prefix(code.level())), static_cast<NeedIndex>(i)});
      }
    }
    std::sort(index_.begin(), index_.end());
    index_.erase(std::unique(index_.begin(), index_.end()), index_.end());
    for (size_t i = 0; i < index_.size(); ++i) {
      auto [it, added] = index_range_.try_emplace(index_[i].first, static_cast<int>(i), static_cast<int>(i));
      ++it->second.second;
    }
    interests_.resize(num_suppliers);
    for (const auto& w : event.wishes) interests_[w.supplier].push_back({w.stand, w.level, Level::kNone});
    for (const auto& i : event.invitations) interests_[i.supplier].push_back({i.stand, Level::kNone, i.level});
    wish_of_stand_.assign(event.stands.size(), Level::kNone);
    invitation_of_stand_.assign(event.stands.size(), Level::kNone);
    need_depth_.assign(event.needs.size(), -1);
    found_at_.assign(event.needs.size(), -1);
    touched_bits_.assign((event.needs.size() + 63) / 64, 0);
    stand_best_.assign(event.stands.size(), -1);
    table_.weight_ = weight_;
    ShareContributions();
    table_.supplier_begin_.push_back(0);
  }

  // Scores one supplier; FIND_NEEDS(supplier, visit) calls visit(need, depth) for its
  // candidate needs (a need may be visited several times; its deepest depth counts; see
  // kContained for depths beyond 8).
  template <class FindNeeds>
  void ScoreSupplier(SupplierIndex s, FindNeeds&& find_needs) {
    const Supplier& supplier = event_.suppliers[s];
    touched_.clear();
    auto visit = [&](NeedIndex n, int depth) {
      if (need_depth_[n] < 0) touched_.push_back(n);
      need_depth_[n] = std::max(need_depth_[n], depth);
    };
    text_.Enter(supplier);
    EnterValues(supplier);
    table_.supplier_contribution_[s] = {
        static_cast<float>(shared_.size),         static_cast<float>(shared_.ess),
        static_cast<float>(shared_.inclusion[0]), static_cast<float>(shared_.inclusion[1]),
        static_cast<float>(shared_.reuse[0]),     static_cast<float>(shared_.reuse[1])};
    supplier_place_ = supplier_place_id_[s];
    find_needs(s, visit);
    EnterSupplier(s, visit);
    if (supplier.history) scatter_->Load(need_text_.Query(text::Tokenize(HistoryText(*supplier.history))));
    SortTouched();
    stands_.clear();
    for (NeedIndex n : touched_) {
      int depth = need_depth_[n];
      need_depth_[n] = -1;
      int exact = -1;  // for a full match: a code of the need itself (1) or not (0), -1 unknown
      if (depth > 8) {
        exact = depth == kExact;
        depth = 8;
      }
      auto is_exact = [&] {
        if (exact < 0) exact = Exact(s, n);
        return exact == 1;
      };
      ++table_.evaluated_;
      const NeedFacts& need = need_facts_[n];
      Level wish = wish_of_stand_[need.stand], invitation = invitation_of_stand_[need.stand];
      if (wish == Level::kNo || invitation == Level::kNo) {
        Gate(s, need.stand, wish, invitation, GatedPair::Reason::kRefused, Reserved::kNone);
        continue;
      }
      if (rules_.enforce_reserved && !eligible_[static_cast<int>(need.reserved)]) {
        Gate(s, need.stand, wish, invitation, GatedPair::Reason::kReserved, need.reserved);
        continue;
      }
      bool interested = wish != Level::kNone || invitation != Level::kNone;
      const double text = text_.Value(n);
      // At depth 8 the relevance is cpv_depth.8 or, for a contained code, cpv_contained: look
      // for an exact code only when that can fail the gate.
      const bool gate_exact = depth == 8 && (rules_.cpv_contained >= rules_.min_relevance || is_exact());
      if (rules_.Relevance(depth, gate_exact) < rules_.min_relevance && text < rules_.min_text &&
          !(interested && rules_.wish_overrides_min_relevance)) {
        Gate(s, need.stand, wish, invitation, GatedPair::Reason::kLowRelevance, Reserved::kNone);
        continue;
      }
      // Evaluated in place, at the end of candidates_: a stand's best candidate is the one
      // stand_best_ points to, the others are left behind (never copied).
      PairScore& pair = candidates_.emplace_back();
      Evaluate(pair, s, n, depth, depth == 8 && is_exact(), text, wish, invitation);
      int& best = stand_best_[need.stand];
      if (pair.score <= 0 || (best >= 0 && pair.score <= candidates_[best].score)) {
        candidates_.pop_back();
        continue;
      }
      if (pair.history >= 0) {  // the history contributions kept beside, until written
        if (best < 0) {
          pair.history = static_cast<int32_t>(candidate_history_.size());
          candidate_history_.push_back(history_);
        } else {
          pair.history = candidates_[best].history;
          candidate_history_[pair.history] = history_;
        }
      }
      if (best < 0) stands_.push_back(need.stand);
      best = static_cast<int>(candidates_.size()) - 1;
    }
    // A stand reached through one need is not gated by another need's gate.
    std::erase_if(pending_gates_, [&](const GatedPair& g) { return stand_best_[g.stand] >= 0; });
    table_.gated_.insert(table_.gated_.end(), pending_gates_.begin(), pending_gates_.end());
    pending_gates_.clear();
    // Stands come in order when their needs do (an event's needs are stand by stand).
    if (!std::is_sorted(stands_.begin(), stands_.end())) std::sort(stands_.begin(), stands_.end());
    for (StandIndex t : stands_) {
      const PairScore& best = candidates_[stand_best_[t]];
      table_.pairs_.push_back(best);
      if (best.history >= 0) {
        table_.pairs_.back().history = static_cast<int32_t>(table_.history_.size());
        table_.history_.push_back(candidate_history_[best.history]);
      }
      stand_best_[t] = -1;
    }
    candidates_.clear();
    candidate_history_.clear();
    LeaveSupplier(s);
    if (supplier.history) scatter_->Clear();
    table_.supplier_begin_.push_back(static_cast<int>(table_.pairs_.size()));
  }

  // Puts touched_ in need order: a sort when few needs are touched, else a walk over a
  // bitmap of the needs (a supplier of a dense event touches a hundred of 2,000 needs).
  void SortTouched() {
    if (touched_.size() * 16 < touched_bits_.size()) {
      std::sort(touched_.begin(), touched_.end());
      return;
    }
    for (NeedIndex n : touched_) touched_bits_[n >> 6] |= uint64_t{1} << (n & 63);
    touched_.clear();
    for (size_t w = 0; w < touched_bits_.size(); ++w) {
      for (uint64_t bits = touched_bits_[w]; bits; bits &= bits - 1)
        touched_.push_back(static_cast<NeedIndex>(w * 64 + std::countr_zero(bits)));
      touched_bits_[w] = 0;
    }
  }

  // Candidate needs through the inverted index of CPV prefixes, and the text postings
  // of the supplier's own words.
  template <class Visit>
  void FindByIndex(SupplierIndex s, Visit& visit) {
    for (CpvCode code : event_.suppliers[s].cpv)
      for (const CodeCandidate& c : CandidatesOf(code)) visit(c.need, c.depth);
    // A need the codes did not find shares fewer than min_depth_ digits with them (or
    // none): its depth computed once, however many words it shares.
    text_.FindNeeds([&](NeedIndex n) {
      if (need_depth_[n] < 0) visit(n, PackedDepth(s, n));
    });
  }

  // The needs the index finds for a supplier's CPV code, each once with its deepest depth;
  // looked up once per distinct code (suppliers share codes) and kept, the cache starting
  // afresh when it would pass kMaxCached candidates (a national run's many codes).
  struct CodeCandidate {
    NeedIndex need;
    int depth;  // 2..7, or kContained, kExact
  };
  static constexpr size_t kMaxCached = size_t{1} << 21;
  std::span<const CodeCandidate> CandidatesOf(CpvCode code) {
    if (auto it = code_range_.find(code.digits()); it != code_range_.end())
      return std::span<const CodeCandidate>(code_candidates_).subspan(it->second.first, it->second.second);
    found_.clear();
    auto lookup = [&](uint64_t key, int depth) {
      auto it = index_range_.find(key);
      if (it == index_range_.end()) return;
      for (int i = it->second.first; i < it->second.second; ++i) {
        const NeedIndex n = index_[i].second;
        int& at = found_at_[n];
        if (at < 0) {
          at = static_cast<int>(found_.size());
          found_.push_back({n, depth});
        } else {
          found_[at].depth = std::max(found_[at].depth, depth);
        }
      }
    };
    for (int length = code.level(); length >= min_depth_; --length) lookup(Key(length, code.Prefix(length)), length);
    // Needs whose code contains this one.
    for (int length = code.level(); length >= 2; --length)
      lookup(Key(length_contains_ + length, code.Prefix(length)), length == code.level() ? kExact : kContained);
    for (const CodeCandidate& c : found_) found_at_[c.need] = -1;
    if (code_candidates_.size() + found_.size() > kMaxCached) {
      code_range_.clear();
      code_candidates_.clear();
    }
    code_range_.try_emplace(code.digits(), static_cast<int>(code_candidates_.size()), static_cast<int>(found_.size()));
    code_candidates_.insert(code_candidates_.end(), found_.begin(), found_.end());
    return std::span<const CodeCandidate>(code_candidates_).last(found_.size());
  }

  // Every need, with its deepest common prefix (CpvCode's own MatchDepth: the reference
  // stays independent of the packed codes).
  template <class Visit>
  void FindAll(SupplierIndex s, Visit& visit) const {
    const Supplier& supplier = event_.suppliers[s];
    for (size_t n = 0; n < event_.needs.size(); ++n) {
      int depth = Depth(supplier, event_.needs[n]);
      if (depth >= min_depth_ || depth == 8 || text_.IsCandidate(static_cast<NeedIndex>(n)))
        visit(static_cast<NeedIndex>(n), depth);
    }
  }

  // Reserves room for the pairs of N suppliers, extrapolated from those scored so far
  // (saves the copies and page faults of repeated growth on large events).
  void Reserve(SupplierIndex n) {
    size_t done = table_.supplier_begin_.size() - 1;
    table_.pairs_.reserve(table_.pairs_.size() * n / done * 5 / 4 + 16);
  }

  ScoreTable Finish() {
    // Each stand's pairs, by a counting sort of the pairs' stands (in supplier order).
    std::vector<int>& begin = table_.stand_begin_;
    begin.assign(event_.stands.size() + 1, 0);
    for (const PairScore& pair : table_.pairs_) ++begin[pair.stand + 1];
    for (size_t t = 1; t < begin.size(); ++t) begin[t] += begin[t - 1];
    table_.by_stand_.resize(table_.pairs_.size());
    std::vector<int> next(begin.begin(), begin.end() - 1);
    for (size_t i = 0; i < table_.pairs_.size(); ++i)
      table_.by_stand_[next[table_.pairs_[i].stand]++] = static_cast<int>(i);
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
  struct Interest {
    StandIndex stand;
    Level wish, invitation;
  };

  // Index keys: (length, prefix) for every prefix of a need's code, and
  // (length_contains_ + level, code) for the code itself.
  static uint64_t Key(int length, uint32_t prefix) { return (static_cast<uint64_t>(length) << 32) | prefix; }
  static constexpr int length_contains_ = 16;
  // Depths beyond 8 that the index gives a full match, knowing whether the supplier gives a
  // code of the need itself: the deepest counts, and every supplier code is looked up, so
  // kContained means none does. Depth 8 (the other paths) leaves it to be looked at.
  static constexpr int kContained = 9, kExact = 10;

  // The packed codes of every supplier or every need, one array (PackedCpv: the inner
  // loops compare codes without dividing).
  struct PackedCodes {
    std::vector<PackedCpv> codes;
    std::vector<int> begin{0};  // per item + 1
    template <class Items>
    void Build(const Items& items) {
      for (const auto& item : items) {
        for (CpvCode code : item.cpv) codes.push_back(PackedCpv::Of(code));
        begin.push_back(static_cast<int>(codes.size()));
      }
    }
    std::span<const PackedCpv> Of(size_t i) const {
      return std::span<const PackedCpv>(codes).subspan(begin[i], begin[i + 1] - begin[i]);
    }
  };

  // True when supplier S gives one of need N's own codes.
  bool Exact(SupplierIndex s, NeedIndex n) const {
    for (PackedCpv a : supplier_codes_.Of(s))
      for (PackedCpv b : need_codes_.Of(n))
        if (a.bcd == b.bcd) return true;
    return false;
  }

  // Depth's value from the packed codes.
  int PackedDepth(SupplierIndex s, NeedIndex n) const {
    int depth = 0;
    for (PackedCpv a : supplier_codes_.Of(s))
      for (PackedCpv b : need_codes_.Of(n)) depth = std::max(depth, PackedCpv::MatchDepth(a, b));
    return depth;
  }

  static int Depth(const Supplier& supplier, const Need& need) {
    int depth = 0;
    for (CpvCode a : supplier.cpv)
      for (CpvCode b : need.cpv) depth = std::max(depth, CpvCode::MatchDepth(a, b));
    return depth;
  }

  // The current supplier's weighted values that do not depend on the need, and for the
  // reserved gate, its eligibility to each kind of reserved need.
  void EnterValues(const Supplier& supplier) {
    for (int r = 0; r < kNumReserved; ++r) eligible_[r] = EligibleForReserved(static_cast<Reserved>(r), supplier);
    bool siae = IsSiae(supplier.structure), geiq = supplier.structure == Structure::kGEIQ;
    for (int clause = 0; clause < 2; ++clause) {
      double inclusion = 0;
      if (siae)
        inclusion = clause ? rules_.inclusion.with_insertion_clause : rules_.inclusion.siae;
      else if (IsDisabilityStructure(supplier.structure))
        inclusion = rules_.inclusion.disability;
      else if (geiq)
        inclusion = clause ? rules_.inclusion.with_insertion_clause : rules_.inclusion.geiq;
      shared_.inclusion[clause] = Weighted(Criterion::kInclusion, inclusion);
    }
    for (int wanted = 0; wanted < 2; ++wanted) {
      double reuse = supplier.reuse.empty() ? 0 : (wanted ? rules_.reuse.wanted : rules_.reuse.not_wanted);
      shared_.reuse[wanted] = Weighted(Criterion::kReuse, reuse);
    }
    shared_.size = Weighted(Criterion::kSize, rules_.size[static_cast<int>(supplier.size)]);
    shared_.ess = Weighted(Criterion::kEss, supplier.ess ? rules_.ess : 0);
  }

  // Loads the supplier's interest levels by stand and locality tier by buyer into
  // arrays, and makes wished and invited stands candidates whatever their relevance.
  template <class Visit>
  void EnterSupplier(SupplierIndex s, Visit& visit) {
    for (const Interest& i : interests_[s]) {
      if (i.wish != Level::kNone) wish_of_stand_[i.stand] = i.wish;
      if (i.invitation != Level::kNone) invitation_of_stand_[i.stand] = i.invitation;
      for (int k = stand_needs_[i.stand]; k < stand_needs_[i.stand + 1]; ++k)
        visit(need_of_stand_[k], PackedDepth(s, need_of_stand_[k]));
    }
  }

  // Numbers the distinct places of suppliers and buyers (an event has far fewer places
  // than suppliers), for the cache of locality tiers by pair of places.
  void InternPlaces() {
    std::unordered_map<std::string_view, int> ids;
    std::vector<std::string_view> places;
    auto intern = [&](std::string_view place) {
      auto [it, added] = ids.try_emplace(place, static_cast<int>(places.size()));
      if (added) places.push_back(place);
      return it->second;
    };
    for (const auto& buyer : event_.buyers) buyer_place_id_.push_back(intern(buyer.place()));
    stride_ = static_cast<int>(places.size());  // buyer places come first
    for (const auto& supplier : event_.suppliers) supplier_place_id_.push_back(intern(supplier.place()));
    places_ = std::move(places);
    // One byte per pair of places; beyond 16 MB (a national directory) no cache.
    size_t cells = places_.size() * static_cast<size_t>(stride_);
    if (cells <= (size_t{16} << 20)) tier_cache_.assign(cells, kNoTier);
  }

  // The locality tier between the current supplier and a buyer's place, computed once per pair of
  // places (Territory::Tier looks communes up by their code: ~5 % of scoring, per pair).
  LocalityTier BuyerTier(int buyer_place) {
    if (tier_cache_.empty()) return territory_.Tier(places_[supplier_place_], places_[buyer_place]);
    uint8_t& tier = tier_cache_[static_cast<size_t>(supplier_place_) * stride_ + buyer_place];
    if (tier == kNoTier) tier = static_cast<uint8_t>(territory_.Tier(places_[supplier_place_], places_[buyer_place]));
    return static_cast<LocalityTier>(tier);
  }

  void LeaveSupplier(SupplierIndex s) {
    for (const Interest& i : interests_[s]) {
      wish_of_stand_[i.stand] = Level::kNone;
      invitation_of_stand_[i.stand] = Level::kNone;
    }
  }

  void Gate(SupplierIndex s, StandIndex t, Level wish, Level invitation, GatedPair::Reason reason, Reserved reserved) {
    if (wish == Level::kNone && invitation == Level::kNone) return;
    pending_gates_.push_back({s, t, reason, reserved});
  }

  // Scores supplier S against need N into P (a default PairScore); a supplier's history
  // contributions go to history_.
  void Evaluate(PairScore& p, SupplierIndex s, NeedIndex n, int depth, bool exact, double text, Level wish,
                Level invitation) {
    const Supplier& supplier = event_.suppliers[s];
    const NeedFacts& need = need_facts_[n];
    p.supplier = s;
    p.stand = need.stand;
    p.need = n;
    p.cpv_depth = static_cast<int8_t>(depth);
    p.wish = wish;
    p.invitation = invitation;
    p.exact_cpv = exact;  // a need's own code (not one it contains) at depth 8
    p.tier = BuyerTier(need.buyer_place);
    p.in_territory = in_territory_[s];
    // The weighted values added in the criteria's order (weight * value, as shared_ holds them).
    double score = shared_.relevance[depth][exact];
    score += shared_.size;
    score += shared_.ess;
    score += shared_.inclusion[need.clause];
    score += shared_.locality[static_cast<int>(p.tier)][p.in_territory];
    score += shared_.reuse[need.reuse];
    score += shared_.mutual[static_cast<int>(wish)][static_cast<int>(invitation)];
    const double text_part = Weighted(Criterion::kText, text);
    score += text_part;
    p.text = static_cast<float>(text_part);
    if (supplier.history) {
      BuyerIndex b = need.buyer;
      auto facts =
          CollectHistoryFacts(*supplier.history, event_.needs[n], buyer_departement_[b], buyer_siren_[b], rules_);
      std::array<double, ScoreTable::kNumHistory> v = HistoryValues(facts, rules_);
      v[static_cast<int>(Criterion::kHistoryText) - kFirstHistoryCriterion] = scatter_->Dot(n);
      for (int h = 0; h < ScoreTable::kNumHistory; ++h) {
        const double weighted = weight_[kFirstHistoryCriterion + h] * v[h];
        history_[h] = static_cast<float>(weighted);
        score += weighted;
      }
      p.history = 0;  // kept in history_ until the pair is written (ScoreSupplier)
    }
    p.score = std::clamp(score, 0.0, 1.0);
  }

  // A criterion's weighted value: its part of the score.
  double Weighted(Criterion criterion, double value) const { return weight_[static_cast<int>(criterion)] * value; }

  // The contributions every pair shares, computed as Evaluate computes a pair's.
  void ShareContributions() {
    for (int depth = 0; depth <= 8; ++depth)
      for (int exact = 0; exact < 2; ++exact)
        shared_.relevance[depth][exact] = Weighted(Criterion::kRelevance, rules_.Relevance(depth, exact != 0));
    for (int tier = 0; tier < ScoreTable::kNumTiers; ++tier) {
      for (int inside = 0; inside < 2; ++inside)
        shared_.locality[tier][inside] =
            Weighted(Criterion::kLocality, Locality(static_cast<LocalityTier>(tier), inside != 0));
    }
    for (int w = 0; w < ScoreTable::kNumLevels; ++w) {
      for (int i = 0; i < ScoreTable::kNumLevels; ++i) {
        const Level wish = static_cast<Level>(w), invitation = static_cast<Level>(i);
        shared_.mutual[w][i] = Weighted(Criterion::kMutual, Mutual(wish, invitation));
      }
    }
    // The table keeps them as pairs do, in floats.
    auto narrow = [](const auto& from, auto& to) {
      for (size_t i = 0; i < from.size(); ++i)
        for (size_t j = 0; j < from[i].size(); ++j) to[i][j] = static_cast<float>(from[i][j]);
    };
    narrow(shared_.relevance, table_.relevance_);
    narrow(shared_.locality, table_.locality_);
    narrow(shared_.mutual, table_.mutual_);
    for (const auto& need : event_.needs)
      table_.need_bits_.push_back(static_cast<uint8_t>((need.insertion_clause_pct > 0 ? 1 : 0) | (need.reuse ? 2 : 0)));
    table_.supplier_contribution_.assign(event_.suppliers.size(), {});
  }

  // The locality value of a pair of places at TIER, raised for a supplier inside the
  // event's territory.
  double Locality(LocalityTier tier, bool inside) const {
    double locality = rules_.locality[static_cast<int>(tier)];
    return inside ? std::max(locality, rules_.in_territory) : locality;
  }

  // The mutual-interest value of a wish and an invitation level.
  double Mutual(Level wish, Level invitation) const {
    double mutual = (wish == Level::kMust   ? rules_.mutual.wish_must
                     : wish == Level::kWant ? rules_.mutual.wish_want
                                            : 0) +
                    (invitation == Level::kMust   ? rules_.mutual.invitation_must
                     : invitation == Level::kWant ? rules_.mutual.invitation_want
                                                  : 0);
    return std::min(1.0, mutual);
  }

  const Event& event_;
  const Rules& rules_;
  const Territory& territory_;
  TextRelevance text_;
  std::array<double, kNumCriteria> weight_{};
  int min_depth_ = 2;
  bool has_history_ = false;
  std::vector<std::string> buyer_departement_, buyer_siren_;  // per buyer, with a history only
  text::TextIndex need_text_;                                 // the needs' titles (with a history only)
  std::optional<text::QueryScatter> scatter_;                 // the current supplier's history text
  std::vector<char> in_territory_;                            // per supplier: inside the event's territory
  static constexpr uint8_t kNoTier = 0xff;
  std::vector<std::string_view> places_;     // the distinct places of suppliers and buyers
  std::vector<int> supplier_place_id_;       // per supplier: its place in places_
  std::vector<int> buyer_place_id_;          // per buyer: its place in places_ (below stride_)
  int stride_ = 0;                           // tier_cache_ row length
  std::vector<uint8_t> tier_cache_;          // [supplier place * stride_ + buyer place]: tier or kNoTier
  int supplier_place_ = 0;                   // the current supplier's place id
  PackedCodes supplier_codes_, need_codes_;  // the CPV codes of every supplier, every need
  std::unordered_map<uint64_t, std::pair<int, int>> index_range_;  // key -> its range in index_
  std::unordered_map<uint32_t, std::pair<int, int>> code_range_;   // CPV digits -> (first, count) in code_candidates_
  std::vector<CodeCandidate> code_candidates_;                     // CandidatesOf's cache
  std::vector<CodeCandidate> found_;                               // CandidatesOf's candidates being found
  std::vector<int> found_at_;                                      // per need: -1 or its place in found_
  // What Evaluate reads of a need, side by side (the Need records are large and scattered).
  struct NeedFacts {
    StandIndex stand;
    BuyerIndex buyer;
    int buyer_place;  // in places_
    Reserved reserved;
    bool clause;  // an insertion clause
    bool reuse;
  };
  std::vector<NeedFacts> need_facts_;
  std::vector<NeedIndex> need_of_stand_;  // every stand's needs, stand after stand
  std::vector<int> stand_needs_;          // per stand + 1: where its needs start in need_of_stand_
  static constexpr int kNumReserved = static_cast<int>(Reserved::kEss) + 1;
  std::array<bool, kNumReserved> eligible_{};  // the current supplier's, by Reserved
  // Weighted values (weight * value, the parts of a score), computed once: by CPV depth and
  // exactness, locality tier and territory, wish and invitation level, and the current
  // supplier's that do not depend on the need.
  struct {
    std::array<std::array<double, 2>, 9> relevance{};
    std::array<std::array<double, 2>, ScoreTable::kNumTiers> locality{};
    std::array<std::array<double, ScoreTable::kNumLevels>, ScoreTable::kNumLevels> mutual{};
    double size = 0, ess = 0;
    std::array<double, 2> inclusion{};  // without, with an insertion clause
    std::array<double, 2> reuse{};      // reuse not wanted, wanted
  } shared_;
  std::vector<std::vector<Interest>> interests_;            // per supplier: wishes and invitations
  std::vector<Level> wish_of_stand_, invitation_of_stand_;  // for the current supplier
  std::vector<std::pair<uint64_t, NeedIndex>> index_;       // (length, prefix) -> need, sorted
  std::vector<int> need_depth_;                             // per need: -1 or depth (current supplier)
  std::vector<int> stand_best_;                             // per stand: -1 or index into candidates_
  std::vector<NeedIndex> touched_;
  std::vector<uint64_t> touched_bits_;  // per 64 needs: SortTouched's bitmap, zero between suppliers
  std::vector<StandIndex> stands_;
  std::vector<PairScore> candidates_;
  using HistoryShares = std::array<float, ScoreTable::kNumHistory>;
  std::vector<HistoryShares> candidate_history_;  // per candidate: its history contributions
  HistoryShares history_{};                       // the last evaluated pair's
  std::vector<GatedPair> pending_gates_;
  ScoreTable table_;
};

float ScoreTable::Contribution(const PairScore& pair, Criterion criterion) const {
  const std::array<float, 6>& supplier = supplier_contribution_[pair.supplier];
  const uint8_t need = need_bits_[pair.need];
  switch (criterion) {
    case Criterion::kRelevance:
      return relevance_[pair.cpv_depth][pair.exact_cpv];
    case Criterion::kSize:
      return supplier[0];
    case Criterion::kEss:
      return supplier[1];
    case Criterion::kInclusion:
      return supplier[2 + (need & 1)];
    case Criterion::kLocality:
      return locality_[static_cast<int>(pair.tier)][pair.in_territory];
    case Criterion::kReuse:
      return supplier[4 + (need >> 1 & 1)];
    case Criterion::kMutual:
      return mutual_[static_cast<int>(pair.wish)][static_cast<int>(pair.invitation)];
    case Criterion::kText:
      return pair.text;
    default:
      return pair.history >= 0 ? history_[pair.history][static_cast<int>(criterion) - kFirstHistoryCriterion] : 0.0f;
  }
}

MatchedCpv MatchedCodes(const Event& event, const PairScore& pair) {
  MatchedCpv out;
  if (pair.cpv_depth <= 0) return out;
  bool found = false, exact = false;
  for (CpvCode a : event.suppliers[pair.supplier].cpv) {
    for (CpvCode b : event.needs[pair.need].cpv) {
      if (CpvCode::MatchDepth(a, b) == pair.cpv_depth && (!found || (!exact && a == b))) {
        out = {a, b};
        found = true;
        exact = pair.cpv_depth == 8 && a == b;
      }
    }
  }
  return out;
}

std::span<const PairScore> ScoreTable::OfSupplier(SupplierIndex supplier) const {
  return std::span<const PairScore>(pairs_).subspan(supplier_begin_[supplier],
                                                    supplier_begin_[supplier + 1] - supplier_begin_[supplier]);
}

const PairScore* ScoreTable::Find(SupplierIndex supplier, StandIndex stand) const {
  auto pairs = OfSupplier(supplier);
  auto it =
      std::lower_bound(pairs.begin(), pairs.end(), stand, [](const PairScore& p, StandIndex t) { return p.stand < t; });
  return it != pairs.end() && it->stand == stand ? &*it : nullptr;
}

ScoreTable Score(const Event& event, const Rules& rules, const Territory& territory) {
  Scorer scorer(event, rules, territory);
  const auto n = static_cast<SupplierIndex>(event.suppliers.size());
  for (SupplierIndex s = 0; s < n; ++s) {
    scorer.ScoreSupplier(s, [&](SupplierIndex i, auto& visit) { scorer.FindByIndex(i, visit); });
    if (s == n / 64) scorer.Reserve(n);
  }
  return scorer.Finish();
}

ScoreTable ScoreAllPairs(const Event& event, const Rules& rules, const Territory& territory) {
  Scorer scorer(event, rules, territory);
  for (SupplierIndex s = 0; s < static_cast<SupplierIndex>(event.suppliers.size()); ++s)
    scorer.ScoreSupplier(s, [&](SupplierIndex i, auto& visit) { scorer.FindAll(i, visit); });
  return scorer.Finish();
}

}  // namespace match
