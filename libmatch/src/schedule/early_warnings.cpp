#include "match/schedule/early_warnings.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "match/schedule/schedule.h"
#include "match/solve/selection.h"
#include "schedule/unmet.h"

namespace match {
namespace {

bool ShareSlot(const std::vector<bool>& a, const std::vector<bool>& b) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i)
    if (a[i] && b[i]) return true;
  return false;
}

EarlyWarnings::ReasonCounts Sorted(const std::map<std::string, int>& counts) {
  EarlyWarnings::ReasonCounts out(counts.begin(), counts.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

std::string Counts(const EarlyWarnings::ReasonCounts& reasons) {
  std::string out;
  for (const auto& [code, n] : reasons) out += (out.empty() ? "" : ", ") + code + ": " + std::to_string(n);
  return out;
}

std::string Percent(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", share * 100);
  return buffer;
}

double Round4(double x) { return std::round(x * 10000) / 10000; }

}  // namespace

EarlyWarnings FindEarlyWarnings(const Event& event, const Rules& rules, const ScoreTable& scores) {
  const int num_suppliers = static_cast<int>(event.suppliers.size());
  const int num_stands = static_cast<int>(event.stands.size());
  // reason[s * num_stands + t]: why the pair is not eligible, as 1 + an UnmetPair::Reason
  // or kNoSlot; kEligible when it is.
  constexpr uint8_t kEligible = 0;
  constexpr uint8_t kNoSlot = 1 + static_cast<uint8_t>(UnmetPair::Reason::kOutranked) + 1;
  auto code_of = [](uint8_t reason) {
    return reason == kNoSlot ? std::string("no_slot")
                             : std::string(UnmetCode(static_cast<UnmetPair::Reason>(reason - 1)));
  };
  std::vector<uint8_t> reason(static_cast<size_t>(num_suppliers) * num_stands, kEligible);
  for (SupplierIndex s = 0; s < num_suppliers; ++s) {
    const Supplier& supplier = event.suppliers[s];
    uint8_t* row = &reason[static_cast<size_t>(s) * num_stands];
    bool no_slot = std::find(supplier.slots.begin(), supplier.slots.end(), true) == supplier.slots.end();
    ForEachUnscoredStand(event, rules, scores, s, [&](StandIndex t, const GatedPair*, UnmetPair::Reason r) {
      row[t] = static_cast<uint8_t>(1 + static_cast<int>(r));
    });
    for (StandIndex t = 0; t < num_stands; ++t) {
      if (row[t] != kEligible) continue;
      if (no_slot)
        row[t] = kNoSlot;
      else if (!ShareSlot(supplier.slots, event.stands[t].slots))
        row[t] = 1 + static_cast<uint8_t>(UnmetPair::Reason::kNoCommonSlot);
    }
  }
  // The counts by code (a map: ties keep the codes' order).
  auto sorted = [&](const std::array<int, kNoSlot + 1>& counts) {
    std::map<std::string, int> by_code;
    for (int r = 1; r <= kNoSlot; ++r)
      if (counts[r] > 0) by_code[code_of(static_cast<uint8_t>(r))] = counts[r];
    return Sorted(by_code);
  };
  EarlyWarnings out;
  for (StandIndex t = 0; t < num_stands; ++t) {
    std::array<int, kNoSlot + 1> counts{};
    bool eligible = false;
    for (SupplierIndex s = 0; s < num_suppliers && !eligible; ++s) {
      uint8_t r = reason[static_cast<size_t>(s) * num_stands + t];
      if (r == kEligible)
        eligible = true;
      else
        ++counts[r];
    }
    if (!eligible) out.stands.push_back({t, sorted(counts)});
  }
  for (SupplierIndex s = 0; s < num_suppliers; ++s) {
    std::array<int, kNoSlot + 1> counts{};
    bool eligible = false;
    for (StandIndex t = 0; t < num_stands && !eligible; ++t) {
      uint8_t r = reason[static_cast<size_t>(s) * num_stands + t];
      if (r == kEligible)
        eligible = true;
      else
        ++counts[r];
    }
    if (eligible) continue;
    EarlyWarnings::LonelySupplier lonely{s, "", sorted(counts)};
    if (!lonely.reasons.empty()) lonely.code = lonely.reasons.front().first;
    out.suppliers.push_back(std::move(lonely));
  }
  for (const Metrics::Quota& q : QuotaOutcomes(event, rules, scores, {})) {
    if (q.best >= SelectionSolver::QuotaRequirement(q.target, q.most_meetings)) continue;
    double share = q.most_meetings > 0 ? static_cast<double>(q.best) / q.most_meetings : 0;
    out.quotas.push_back({q.category, q.target, q.best, q.most_meetings, share});
  }
  return out;
}

std::vector<std::string> EarlyWarningLines(const Event& event, const EarlyWarnings& warnings) {
  std::vector<std::string> lines;
  for (const auto& w : warnings.stands)
    lines.push_back("stand \"" + event.stands[w.stand].id + "\": no eligible supplier (" + Counts(w.reasons) + ")");
  for (const auto& w : warnings.suppliers)
    lines.push_back("supplier \"" + event.suppliers[w.supplier].id + "\": no eligible stand (" + Counts(w.reasons) +
                    ")");
  for (const auto& q : warnings.quotas)
    lines.push_back("quota " + q.category + " " + Percent(q.target) + ": cannot be met, at best " +
                    Percent(q.best_share) + " (" + std::to_string(q.best) + " of " + std::to_string(q.most_meetings) +
                    " meetings)");
  return lines;
}

std::string EarlyWarningsJson(const Event& event, const EarlyWarnings& warnings) {
  using Json = nlohmann::ordered_json;
  auto counts = [](const EarlyWarnings::ReasonCounts& reasons) {
    Json out = Json::object();
    for (const auto& [code, n] : reasons) out[code] = n;
    return out;
  };
  Json stands = Json::array(), suppliers = Json::array(), quotas = Json::array();
  for (const auto& w : warnings.stands)
    stands.push_back(Json{
        {"stand", event.stands[w.stand].id}, {"title", event.stands[w.stand].title}, {"reasons", counts(w.reasons)}});
  for (const auto& w : warnings.suppliers)
    suppliers.push_back(Json{{"supplier", event.suppliers[w.supplier].id},
                             {"name", event.suppliers[w.supplier].name},
                             {"code", w.code},
                             {"reasons", counts(w.reasons)}});
  for (const auto& q : warnings.quotas)
    quotas.push_back(Json{{"category", q.category},
                          {"target", Round4(q.target)},
                          {"best_share", Round4(q.best_share)},
                          {"best", q.best},
                          {"most_meetings", q.most_meetings}});
  return Json{{"stands", std::move(stands)}, {"suppliers", std::move(suppliers)}, {"quotas", std::move(quotas)}}.dump(
      -1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace match
