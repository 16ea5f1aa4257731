#include "match/score/history.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace match {

std::string BuyerDepartement(const Buyer& buyer, const Territory& territory) {
  const Commune* c = buyer.commune.empty() ? nullptr : territory.Find(buyer.commune);
  return c ? std::string(c->departement) : buyer.departement;
}

HistoryFacts PairHistoryFacts(const Event& event, const Supplier& supplier, const Need& need,
                              const Territory& territory, const Rules& rules) {
  const Buyer& buyer = event.buyers[event.stands[need.stand].buyer];
  return CollectHistoryFacts(*supplier.history, need, BuyerDepartement(buyer, territory), SirenOf(buyer.siret), rules);
}

HistoryFacts CollectHistoryFacts(const AwardHistory& history, const Need& need, std::string_view departement,
                                 std::string_view buyer_siren, const Rules& rules) {
  HistoryFacts f;
  f.awards = static_cast<int>(history.awards.size());
  std::vector<int> depth_of(history.awards.size(), 0);
  for (size_t i = 0; i < history.awards.size(); ++i) {
    const Award& a = history.awards[i];
    int depth = 0;
    bool exact = false;
    CpvCode code;
    for (CpvCode n : need.cpv) {
      int d = CpvCode::MatchDepth(a.cpv, n);
      bool e = a.cpv == n;
      if (d > depth || (d == depth && e && !exact)) {
        depth = d;
        exact = e;
        code = n;
      }
    }
    // The trade: the digits an award shares with the need, up to the group (3 digits).
    int shared = std::min(depth, 3);
    depth_of[i] = shared;
    if (shared > f.trade_depth) {
      f.trade_depth = shared;
      f.trade_code = code;
    }
    if (exact) ++f.exact_awards;
    f.relevance_sum += rules.Relevance(depth, exact);
    if (!departement.empty() && a.departement == departement) ++f.place_awards;
    if (!buyer_siren.empty() && SirenOf(a.buyer) == buyer_siren) ++f.buyer_awards;
  }
  for (size_t i = 0; i < history.awards.size(); ++i) {
    if (f.trade_depth < 2 || depth_of[i] < f.trade_depth) continue;
    const Award& a = history.awards[i];
    ++f.trade_awards;
    if (!departement.empty() && a.departement == departement) {
      ++f.place_trade_awards;
      if (a.year > 0 && (f.first_year == 0 || a.year < f.first_year)) f.first_year = a.year;
    }
  }
  f.median_amount_eur = history.median_amount_eur;
  if (need.amount_eur && *need.amount_eur > 0 && history.median_amount_eur)
    f.size_decades = std::fabs(std::log10(*need.amount_eur / *history.median_amount_eur));
  return f;
}

std::array<double, 5> HistoryValues(const HistoryFacts& f, const Rules& rules) {
  const double half = rules.history.half_count;
  auto saturate = [half](double count) { return count / (count + half); };
  double size_fit = f.size_decades ? std::max(0.0, 1.0 - *f.size_decades / rules.history.size_decades) : 0.0;
  return {saturate(f.relevance_sum), 0.0, saturate(f.place_awards), size_fit, saturate(f.buyer_awards)};
}

std::string HistoryText(const AwardHistory& history) {
  std::string text;
  for (const Award& a : history.awards) (text += a.object) += '\n';
  return text;
}

std::vector<std::string> SharedHistoryWords(const AwardHistory& history, const Need& need, size_t max) {
  std::vector<std::string> past;
  for (auto& t : text::Tokenize(HistoryText(history))) past.push_back(std::move(t.term));
  std::sort(past.begin(), past.end());
  std::vector<std::string> out, terms;
  for (auto& t : text::Tokenize(need.title)) {
    if (out.size() >= max) break;
    if (std::binary_search(past.begin(), past.end(), t.term) &&
        std::find(terms.begin(), terms.end(), t.term) == terms.end()) {
      terms.push_back(t.term);
      out.push_back(t.word);
    }
  }
  return out;
}

namespace {

std::string Contracts(Lang lang, int n) {
  return n == 1 ? Tr(lang, Msg::kContractsOne) : Tr(lang, Msg::kContractsMany, {std::to_string(n)});
}

std::string Euros(double amount) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%.0f", amount);
  std::string s = digits, out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && (s.size() - i) % 3 == 0) out += "\u202f";
    out += s[i];
  }
  return out + " €";
}

}  // namespace

std::vector<std::string> ExplainHistory(const HistoryFacts& f, std::string_view departement, const Territory& territory,
                                        Lang lang) {
  std::vector<std::string> out;
  if (f.awards == 0) return out;
  std::string trade = f.trade_depth >= 2 ? "CPV " + f.trade_code.ToString().substr(0, f.trade_depth) : "";
  std::string name(territory.DepartementName(departement));
  std::string place = name.empty() ? Tr(lang, Msg::kInDepartement, {departement})
                                   : Tr(lang, Msg::kInNamedDepartement, {name, departement});
  if (f.place_trade_awards > 0 && !trade.empty()) {
    const std::string contracts = Contracts(lang, f.place_trade_awards);
    out.push_back(f.first_year > 0
                      ? Tr(lang, Msg::kHistoryTradePlaceSince, {contracts, trade, place, std::to_string(f.first_year)})
                      : Tr(lang, Msg::kHistoryTradePlace, {contracts, trade, place}));
    if (f.trade_awards > f.place_trade_awards)
      out.push_back(Tr(lang, Msg::kHistoryTradeInAll, {Contracts(lang, f.trade_awards), trade}));
  } else if (f.trade_awards > 0) {
    out.push_back(Tr(lang, Msg::kHistoryTrade, {Contracts(lang, f.trade_awards), trade}));
  }
  if (f.exact_awards > 0)
    out.push_back(Tr(lang, Msg::kHistoryExactCode, {Contracts(lang, f.exact_awards), f.trade_code.ToString()}));
  if (f.place_awards > f.place_trade_awards)
    out.push_back(Tr(lang, Msg::kHistoryPlaceAllTrades, {Contracts(lang, f.place_awards), place}));
  if (f.buyer_awards > 0) out.push_back(Tr(lang, Msg::kHistoryThisBuyer, {Contracts(lang, f.buyer_awards)}));
  if (f.size_decades && f.median_amount_eur && *f.size_decades < 1)
    out.push_back(Tr(lang, Msg::kHistorySizeFit, {Euros(*f.median_amount_eur)}));
  return out;
}

}  // namespace match
