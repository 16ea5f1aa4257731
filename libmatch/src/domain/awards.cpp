#include "match/domain/awards.h"

#include <algorithm>
#include <map>

namespace match {

std::string SirenOf(std::string_view id) {
  if ((id.size() != 14 && id.size() != 9) || id.find_first_not_of("0123456789") != std::string_view::npos) return "";
  return std::string(id.substr(0, 9));
}

int AttachAwards(Event& event, std::span<const Award> awards) {
  std::map<std::string, std::vector<const Award*>, std::less<>> by_siren;
  for (const Award& a : awards) by_siren[a.awardee].push_back(&a);
  int attached = 0;
  for (Supplier& supplier : event.suppliers) {
    auto it = by_siren.find(SirenOf(supplier.siret));
    if (supplier.siret.empty() || it == by_siren.end()) continue;
    auto history = std::make_shared<AwardHistory>();
    for (const Award* a : it->second) history->awards.push_back(*a);
    std::stable_sort(history->awards.begin(), history->awards.end(),
                     [](const Award& a, const Award& b) { return a.date < b.date; });
    std::vector<double> amounts;
    for (const Award& a : history->awards) {
      if (a.amount_eur && *a.amount_eur > 0) amounts.push_back(*a.amount_eur);
      if (a.year > 0 && (history->first_year == 0 || a.year < history->first_year)) history->first_year = a.year;
    }
    if (!amounts.empty()) {
      std::sort(amounts.begin(), amounts.end());
      size_t mid = amounts.size() / 2;
      history->median_amount_eur = amounts.size() % 2 ? amounts[mid] : (amounts[mid - 1] + amounts[mid]) / 2;
    }
    supplier.history = std::move(history);
    ++attached;
  }
  return attached;
}

bool HasAwardHistory(const Event& event) {
  return std::any_of(event.suppliers.begin(), event.suppliers.end(),
                     [](const Supplier& s) { return s.history != nullptr; });
}

}  // namespace match
