#include "match/score/ranking.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "match/domain/awards.h"
#include "match/domain/legal.h"
#include "match/score/history.h"
#include "score/text_relevance.h"

namespace match {
namespace {

// Best first; ties by stand (or supplier) index, a total order: sorting only the TOP first
// gives the same list as sorting all.
std::vector<const PairScore*> Top(std::vector<const PairScore*> pairs, int top, bool by_stand) {
  auto better = [by_stand](const PairScore* a, const PairScore* b) {
    if (a->score != b->score) return a->score > b->score;
    return by_stand ? a->stand < b->stand : a->supplier < b->supplier;
  };
  if (top > 0 && static_cast<int>(pairs.size()) > top) {
    std::partial_sort(pairs.begin(), pairs.begin() + top, pairs.end(), better);
    pairs.resize(top);
  } else {
    std::sort(pairs.begin(), pairs.end(), better);
  }
  return pairs;
}

// CSV field: quoted when it holds a separator, a quote or a line break.
std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The criteria printed: the history criteria only when some supplier has a history.
int ShownCriteria(const Event& event) { return HasAwardHistory(event) ? kNumCriteria : kFirstHistoryCriterion; }

}  // namespace

std::vector<const PairScore*> RankStands(const ScoreTable& table, SupplierIndex supplier, int top) {
  std::vector<const PairScore*> pairs;
  for (const auto& p : table.OfSupplier(supplier)) pairs.push_back(&p);
  return Top(std::move(pairs), top, true);
}

std::vector<const PairScore*> RankSuppliers(const ScoreTable& table, StandIndex stand, int top) {
  std::vector<const PairScore*> pairs;
  for (int i : table.OfStand(stand)) pairs.push_back(&table.pairs()[i]);
  return Top(std::move(pairs), top, false);
}

namespace {

// 'a', 'b', 'c'
std::string QuotedList(const std::vector<std::string>& words) {
  std::string list;
  for (const auto& w : words) list += (list.empty() ? "'" : ", '") + w + "'";
  return list;
}

}  // namespace

std::string FormatScore(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", value);
  return buffer;
}

std::string Explain(const Event& event, const PairScore& pair, const Territory& territory, const CpvList* labels,
                    Lang lang) {
  const Supplier& supplier = event.suppliers[pair.supplier];
  const Need& need = event.needs[pair.need];
  std::vector<std::string> parts;
  if (!labels) labels = &CpvList::Builtin();
  SharedWords shared;
  if (pair.text > 0) shared = FindSharedWords(need, event.stands[need.stand].title, supplier, 3);
  if (pair.cpv_depth > 0) {
    const MatchedCpv codes = MatchedCodes(event, pair);
    std::string label(labels->Label(codes.need));
    if (label.empty()) label = need.title;
    const std::string code = codes.supplier.ToString();
    if (codes.supplier == codes.need) {
      parts.push_back(Tr(lang, Msg::kCpvOwnCode, {code, label}));
    } else if (CpvCode::Contains(codes.need, codes.supplier)) {
      parts.push_back(Tr(lang, Msg::kCpvWithin, {code, label}));
    } else {
      static constexpr Msg kLevels[] = {Msg::kCpvDivision, Msg::kCpvGroup, Msg::kCpvClass, Msg::kCpvCategory,
                                        Msg::kCpvSubcategory};
      const int level = std::clamp<int>(pair.cpv_depth, 2, 6) - 2;
      parts.push_back(Tr(lang, Msg::kCpvMatchesAtLevel, {code, label, Tr(lang, kLevels[level])}));
    }
  } else if (shared.words.empty()) {
    parts.push_back(Tr(lang, Msg::kNoCpvMatch, {need.title}));
  }
  if (!shared.words.empty()) {
    const std::string words = QuotedList(shared.words);
    switch (shared.side) {
      case SharedWords::Side::kActivity:
        parts.push_back(Tr(lang, Msg::kSharedWordsActivity, {words}));
        break;
      case SharedWords::Side::kNaf:
        parts.push_back(Tr(lang, Msg::kSharedWordsNaf, {words, supplier.naf}));
        break;
      case SharedWords::Side::kCpv:
        parts.push_back(Tr(lang, Msg::kSharedWordsCpv, {words}));
        break;
    }
  }
  switch (pair.tier) {
    case LocalityTier::kSameCommune:
      parts.push_back(Tr(lang, Msg::kSameCommune));
      break;
    case LocalityTier::kSameIntercommunality: {
      const Commune* c = territory.Find(supplier.commune);
      std::string name = c ? territory.IntercommunalityName(*c) : "";
      parts.push_back(name.empty() ? Tr(lang, Msg::kSameIntercommunality) : Tr(lang, Msg::kSameNamedArea, {name}));
      break;
    }
    case LocalityTier::kSameDepartement:
      parts.push_back(Tr(lang, Msg::kSameDepartement));
      break;
    case LocalityTier::kSameRegion:
      parts.push_back(Tr(lang, Msg::kSameRegion));
      break;
    default:
      break;
  }
  if (pair.in_territory && pair.tier != LocalityTier::kSameCommune && pair.tier != LocalityTier::kSameIntercommunality)
    parts.push_back(Tr(lang, Msg::kInTerritory));
  if (supplier.size == Size::kMicro) parts.push_back(Tr(lang, Msg::kMicroFirm));
  if (supplier.size == Size::kPme) parts.push_back(Tr(lang, Msg::kPme));
  if (supplier.ess) parts.push_back("ESS");
  if (supplier.structure != Structure::kNone) {
    std::string s(StructureName(supplier.structure));
    if (IsSiae(supplier.structure)) s = "SIAE (" + s + ")";
    if (need.insertion_clause_pct > 0 && (IsSiae(supplier.structure) || supplier.structure == Structure::kGEIQ)) {
      char pct[32];
      std::snprintf(pct, sizeof pct, "%g", need.insertion_clause_pct);
      s = Tr(lang, Msg::kInsertionClause, {s, pct});
    }
    parts.push_back(s);
  }
  if (need.reserved != Reserved::kNone)
    parts.push_back(Tr(lang, Msg::kReservedEligible, {ReservedArticle(need.reserved)}));
  if (!supplier.reuse.empty() && need.reuse) {
    std::string kinds;
    for (const auto& k : supplier.reuse) kinds += (kinds.empty() ? "" : ", ") + k;
    parts.push_back(Tr(lang, Msg::kReuseWanted, {kinds}));
  }
  if (supplier.history) {
    const Buyer& buyer = event.buyers[event.stands[need.stand].buyer];
    auto facts = PairHistoryFacts(event, supplier, need, territory, Rules::Default());
    for (auto& reason : ExplainHistory(facts, BuyerDepartement(buyer, territory), territory, lang))
      parts.push_back(std::move(reason));
    auto words = SharedHistoryWords(*supplier.history, need, 4);
    if (!words.empty()) parts.push_back(Tr(lang, Msg::kHistoryWords, {QuotedList(words)}));
  }
  if (pair.wish != Level::kNone) parts.push_back(Tr(lang, Msg::kWished, {LevelName(pair.wish)}));
  if (pair.invitation != Level::kNone) parts.push_back(Tr(lang, Msg::kInvited, {LevelName(pair.invitation)}));
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " · ") + p;
  return out;
}

std::string RankingJson(const Event& event, const ScoreTable& table, const std::vector<const PairScore*>& ranking,
                        bool of_supplier, int owner, const Territory& territory, const CpvList* labels,
                        const std::vector<Unranked>* unranked, Lang lang) {
  using json = nlohmann::ordered_json;
  json out;
  if (of_supplier)
    out["supplier"] = event.suppliers[owner].id;
  else
    out["stand"] = event.stands[owner].id;
  json list = json::array();
  const int shown = ShownCriteria(event);
  int rank = 0;
  for (const PairScore* p : ranking) {
    json item;
    item["rank"] = ++rank;
    if (of_supplier) {
      item["stand"] = event.stands[p->stand].id;
      item["name"] = event.stands[p->stand].title;
    } else {
      item["supplier"] = event.suppliers[p->supplier].id;
      item["name"] = event.suppliers[p->supplier].name;
    }
    item["need"] = event.needs[p->need].id;
    if (!of_supplier) {
      // Who the stand will meet: what its buyers read to prepare the meeting.
      const Supplier& s = event.suppliers[p->supplier];
      const Commune* commune = s.commune.empty() ? nullptr : territory.Find(s.commune);
      json cpv = json::array();
      for (const CpvCode& code : s.cpv) {
        std::string_view label = labels ? labels->Label(code) : std::string_view();
        cpv.push_back(json{{"code", code.ToString()}, {"label", std::string(label)}});
      }
      item["profile"] =
          json{{"name", s.name},       {"size", std::string(SizeName(s.size))},
               {"ess", s.ess},         {"structure", std::string(StructureName(s.structure))},
               {"commune", s.commune}, {"commune_name", commune ? std::string(commune->name) : std::string()},
               {"siret", s.siret},     {"cpv", std::move(cpv)}};
    }
    item["score"] = std::stod(FormatScore(p->score));
    json criteria;
    for (int c = 0; c < shown; ++c)
      criteria[std::string(CriterionName(static_cast<Criterion>(c)))] =
          std::stod(FormatScore(table.Contribution(*p, static_cast<Criterion>(c))));
    item["criteria"] = criteria;
    item["reasons"] = Explain(event, *p, territory, labels, lang);
    list.push_back(item);
  }
  out["ranking"] = list;
  if (of_supplier && ranking.empty() && unranked) {
    json why = json::array();
    for (const Unranked& u : *unranked) {
      json item;
      item["stand"] = event.stands[u.stand].id;
      item["name"] = event.stands[u.stand].title;
      item["kind"] = u.kind;
      item["reason"] = u.reason;
      why.push_back(item);
    }
    out["unranked"] = why;
  }
  return out.dump(2) + "\n";
}

std::string RankingText(const Event& event, const ScoreTable& table, const std::vector<const PairScore*>& ranking,
                        bool of_supplier, const Territory& territory, const CpvList* labels, int owner,
                        const std::vector<Unranked>* unranked, Lang lang) {
  std::string out;
  if (of_supplier && ranking.empty() && unranked && owner >= 0) {
    const Supplier& supplier = event.suppliers[owner];
    out += "no stand ranked for " + supplier.id + "  " + supplier.name + ":\n";
    for (const Unranked& u : *unranked)
      out += "  " + event.stands[u.stand].id + "  " + event.stands[u.stand].title + ": " + u.reason + "\n";
    if (unranked->empty()) out += "  the event has no stand\n";
  }
  int rank = 0;
  const int shown = ShownCriteria(event);
  for (const PairScore* p : ranking) {
    char head[64];
    std::snprintf(head, sizeof head, "%3d. %s  ", ++rank, FormatScore(p->score).c_str());
    out += head;
    out += of_supplier ? event.stands[p->stand].id + "  " + event.stands[p->stand].title
                       : event.suppliers[p->supplier].id + "  " + event.suppliers[p->supplier].name;
    out += "\n      " + Explain(event, *p, territory, labels, lang) + "\n      ";
    for (int c = 0; c < shown; ++c) {
      out += (c ? "  " : "") + std::string(CriterionName(static_cast<Criterion>(c))) + " " +
             FormatScore(table.Contribution(*p, static_cast<Criterion>(c)));
    }
    out += "\n";
  }
  return out;
}

std::string ScoresCsv(const Event& event, const ScoreTable& table) {
  std::string out = "supplier,stand,score";
  const int shown = ShownCriteria(event);
  for (int c = 0; c < shown; ++c) out += "," + std::string(CriterionName(static_cast<Criterion>(c)));
  out += "\n";
  for (const auto& p : table.pairs()) {
    out += CsvField(event.suppliers[p.supplier].id) + "," + CsvField(event.stands[p.stand].id) + "," +
           FormatScore(p.score);
    for (int c = 0; c < shown; ++c) out += "," + FormatScore(table.Contribution(p, static_cast<Criterion>(c)));
    out += "\n";
  }
  return out;
}

}  // namespace match
