#include "schedule/unmet.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "match/domain/legal.h"
#include "match/score/ranking.h"

namespace match {
namespace {

std::string Windows(const Event& event, const std::vector<bool>& slots) {
  std::string out;
  for (size_t i = 0; i < slots.size(); ++i) {
    if (!slots[i] || (i > 0 && slots[i - 1])) continue;
    size_t j = i;
    while (j + 1 < slots.size() && slots[j + 1]) ++j;
    out += (out.empty() ? "" : ", ") + FormatTime(event.slots[i].start) + "-" + FormatTime(event.slots[j].end);
  }
  return out.empty() ? "never" : out;
}

constexpr const char* kFarApart = "activities too far apart: no CPV code close enough to the stand's needs";

// Why the scorer left the pair (S, T) out: the gate it recorded for a wished or invited
// pair (GATE), else the same gates seen from the event (a `no`, a reservation on every
// need of the stand, or no close CPV code). RESERVED: the reservation, for kReserved.
UnmetPair::Reason UnscoredReason(const Event& event, const Rules& rules, SupplierIndex s, StandIndex t,
                                 const GatedPair* gate, Reserved& reserved) {
  GatedPair::Reason reason = GatedPair::Reason::kLowRelevance;
  reserved = Reserved::kNone;
  if (gate) {
    reason = gate->reason;
    reserved = gate->reserved;
  } else if (event.stands[t].needs.empty() &&
             (event.WishLevel(s, t) == Level::kNo || event.InvitationLevel(s, t) == Level::kNo)) {
    // The scorer records a gate for every refused pair of a stand with needs (it visits
    // the needs of every stand a supplier or a stand has a level for): only a stand
    // without needs is looked up.
    reason = GatedPair::Reason::kRefused;
  } else if (rules.enforce_reserved && !event.stands[t].needs.empty()) {
    bool all_reserved = true;
    for (NeedIndex n : event.stands[t].needs) {
      if (EligibleForReserved(event.needs[n].reserved, event.suppliers[s]))
        all_reserved = false;
      else if (reserved == Reserved::kNone)
        reserved = event.needs[n].reserved;
    }
    if (all_reserved) reason = GatedPair::Reason::kReserved;
  }
  switch (reason) {
    case GatedPair::Reason::kRefused:
      return UnmetPair::Reason::kRefused;
    case GatedPair::Reason::kReserved:
      return UnmetPair::Reason::kReserved;
    case GatedPair::Reason::kLowRelevance:
      break;
  }
  return UnmetPair::Reason::kLowRelevance;
}

// U's reason and text for an unscored pair (UnscoredReason).
void GateReason(const Event& event, const Rules& rules, SupplierIndex s, StandIndex t, const GatedPair* gate,
                UnmetPair& u) {
  Reserved reserved = Reserved::kNone;
  u.reason = UnscoredReason(event, rules, s, t, gate, reserved);
  if (u.reason == UnmetPair::Reason::kRefused) {
    u.text = event.WishLevel(s, t) == Level::kNo ? "refused: the supplier said no to this stand"
                                                 : "refused: the stand said no to this supplier";
  } else if (u.reason == UnmetPair::Reason::kReserved) {
    u.text =
        "reserved for " + std::string(ReservedAudience(reserved)) + " (" + std::string(ReservedArticle(reserved)) + ")";
  } else {
    u.text = kFarApart;
  }
}

}  // namespace

void ForEachUnscoredStand(const Event& event, const Rules& rules, const ScoreTable& scores, SupplierIndex supplier,
                          const std::function<void(StandIndex, const GatedPair*, UnmetPair::Reason)>& visit) {
  // Both lists are sorted by (supplier, stand): one walk along the stands.
  auto pairs = scores.OfSupplier(supplier);
  const auto& gated = scores.gated();
  auto g = std::lower_bound(gated.begin(), gated.end(), supplier,
                            [](const GatedPair& x, SupplierIndex s) { return x.supplier < s; });
  size_t p = 0;
  for (StandIndex t = 0; t < static_cast<StandIndex>(event.stands.size()); ++t) {
    while (p < pairs.size() && pairs[p].stand < t) ++p;
    if (p < pairs.size() && pairs[p].stand == t) continue;
    while (g != gated.end() && g->supplier == supplier && g->stand < t) ++g;
    const GatedPair* gate = g != gated.end() && g->supplier == supplier && g->stand == t ? &*g : nullptr;
    Reserved reserved = Reserved::kNone;
    visit(t, gate, UnscoredReason(event, rules, supplier, t, gate, reserved));
  }
}

std::vector<UnmetPair> UnrankedStands(const Event& event, const Rules& rules, const ScoreTable& scores,
                                      SupplierIndex supplier) {
  std::vector<UnmetPair> out;
  ForEachUnscoredStand(event, rules, scores, supplier, [&](StandIndex t, const GatedPair* gate, UnmetPair::Reason) {
    UnmetPair u;
    u.supplier = supplier;
    u.stand = t;
    u.wish = event.WishLevel(supplier, t);
    u.invitation = event.InvitationLevel(supplier, t);
    GateReason(event, rules, supplier, t, gate, u);
    out.push_back(std::move(u));
  });
  return out;
}

std::vector<Unranked> UnrankedForRanking(const Event& event, const Rules& rules, const ScoreTable& scores,
                                         SupplierIndex supplier) {
  std::vector<Unranked> out;
  for (const UnmetPair& u : UnrankedStands(event, rules, scores, supplier))
    out.push_back({u.stand, std::string(UnmetCode(u.reason)), u.text});
  return out;
}

std::vector<UnmetPair> FindUnmet(const Event& event, const Rules& rules, const ScoreTable& scores,
                                 const std::vector<Meeting>& meetings) {
  std::set<std::pair<SupplierIndex, StandIndex>> met;
  std::vector<int> supplier_meetings(event.suppliers.size(), 0);
  std::vector<std::vector<int>> stand_load(event.stands.size(), std::vector<int>(event.slots.size(), 0));
  std::vector<std::vector<char>> supplier_busy(event.suppliers.size(), std::vector<char>(event.slots.size(), 0));
  for (const auto& m : meetings) {
    met.insert({m.supplier, m.stand});
    supplier_busy[m.supplier][m.slot] = 1;
    ++supplier_meetings[m.supplier];
    ++stand_load[m.stand][m.slot];
  }
  // The pairs to explain.
  std::set<std::pair<SupplierIndex, StandIndex>> pairs;
  for (const auto& w : event.wishes)
    if (w.level != Level::kNo) pairs.insert({w.supplier, w.stand});
  for (const auto& i : event.invitations)
    if (i.level != Level::kNo) pairs.insert({i.supplier, i.stand});
  // unmet_best_pairs 0 lists none (RankStands would take a top of 0 as "all").
  if (rules.unmet_best_pairs > 0) {
    for (SupplierIndex s = 0; s < static_cast<SupplierIndex>(event.suppliers.size()); ++s)
      for (const PairScore* p : RankStands(scores, s, rules.unmet_best_pairs)) pairs.insert({p->supplier, p->stand});
  }
  std::map<std::pair<SupplierIndex, StandIndex>, const GatedPair*> gated;
  for (const auto& g : scores.gated()) gated[{g.supplier, g.stand}] = &g;

  std::vector<UnmetPair> out;
  for (const auto& [s, t] : pairs) {
    if (met.count({s, t})) continue;
    const Supplier& supplier = event.suppliers[s];
    const Stand& stand = event.stands[t];
    UnmetPair u;
    u.supplier = s;
    u.stand = t;
    u.wish = event.WishLevel(s, t);
    u.invitation = event.InvitationLevel(s, t);
    const PairScore* scored = scores.Find(s, t);
    if (scored) u.score = scored->score;
    int capacity = std::min(supplier.max_meetings.value_or(rules.default_max_meetings),
                            static_cast<int>(std::count(supplier.slots.begin(), supplier.slots.end(), true)));
    bool common = false, stand_free_in_window = false, both_free = false;
    for (size_t k = 0; k < event.slots.size(); ++k) {
      if (!supplier.slots[k] || !stand.slots[k]) continue;
      common = true;
      if (stand_load[t][k] < stand.tables) {
        stand_free_in_window = true;
        if (!supplier_busy[s][k]) both_free = true;
      }
    }
    if (auto g = gated.find({s, t}); g != gated.end() || !scored) {
      GateReason(event, rules, s, t, g == gated.end() ? nullptr : g->second, u);
    } else if (!common) {
      u.reason = UnmetPair::Reason::kNoCommonSlot;
      u.text = "never free at the same time: supplier available " + Windows(event, supplier.slots) +
               ", stand staffed " + Windows(event, stand.slots);
    } else if (supplier_meetings[s] >= capacity) {
      u.reason = UnmetPair::Reason::kSupplierFull;
      u.text = "supplier at its maximum of " + std::to_string(capacity) + " meetings";
    } else if (!stand_free_in_window) {
      u.reason = UnmetPair::Reason::kStandFull;
      u.text = "stand full while the supplier is available (" + Windows(event, supplier.slots) + ")";
    } else if (!both_free) {
      u.reason = UnmetPair::Reason::kNotPlaced;
      u.text = "no slot left free for both: the stand's free places fall when the supplier has other meetings";
    } else {
      u.reason = UnmetPair::Reason::kOutranked;
      u.text = "the stand's free places in the supplier's window went to higher-priority pairs";
    }
    out.push_back(std::move(u));
  }
  return out;
}

namespace {

constexpr std::pair<UnmetPair::Reason, std::string_view> kCodes[] = {
    {UnmetPair::Reason::kRefused, "refused"},
    {UnmetPair::Reason::kReserved, "reserved"},
    {UnmetPair::Reason::kLowRelevance, "low_relevance"},
    {UnmetPair::Reason::kNoCommonSlot, "no_common_slot"},
    {UnmetPair::Reason::kSupplierFull, "supplier_full"},
    {UnmetPair::Reason::kStandFull, "stand_full"},
    {UnmetPair::Reason::kNotPlaced, "not_placed"},
    {UnmetPair::Reason::kOutranked, "outranked"},
};

}  // namespace

std::string_view UnmetCode(UnmetPair::Reason reason) {
  for (const auto& [r, code] : kCodes)
    if (r == reason) return code;
  return "outranked";
}

std::optional<UnmetPair::Reason> UnmetReasonFromCode(std::string_view code) {
  for (const auto& [reason, c] : kCodes)
    if (c == code) return reason;
  return std::nullopt;
}

void MarkNotPlaced(std::vector<UnmetPair>& unmet, const std::set<std::pair<SupplierIndex, StandIndex>>& not_placed) {
  for (UnmetPair& u : unmet) {
    if (not_placed.count({u.supplier, u.stand}) && u.reason != UnmetPair::Reason::kSupplierFull) {
      u.reason = UnmetPair::Reason::kNotPlaced;
      u.text = "no slot left free for both in the timetable (availability and breaks)";
    }
  }
}

}  // namespace match
