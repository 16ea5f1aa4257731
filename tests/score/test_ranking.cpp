// Tests of rankings and explanations (match/score/ranking.h): order and ties, top-K, the
// reasons people read, the scores CSV and the ranking JSON.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "event_builder.h"
#include "match/domain/cpv.h"
#include "match/domain/territory.h"
#include "match/io/event_io.h"
#include "match/io/rules.h"
#include "match/score/ranking.h"
#include "match/score/scoring.h"

namespace {

using event_builder::MinimalEvent;
using event_builder::Need;
using event_builder::Parse;
using event_builder::Stand;
using event_builder::Supplier;
using nlohmann::json;

const match::Territory& Builtin() { return match::Territory::Builtin(); }

// The small fixture event (tests/data/events/small.json) and its scores under the
// frozen rules.
struct Small {
  match::Event event;
  match::ScoreTable table;
};

const Small& SmallEvent() {
  static const Small small = [] {
    auto event = match::LoadEvent(STANDMATCH_SOURCE_DIR "/tests/data/events/small.json");
    REQUIRE(event.ok());
    Small s{std::move(event).value(), {}};
    s.table = match::Score(s.event, event_builder::FrozenRules());
    return s;
  }();
  return small;
}

std::vector<std::string> StandIds(const match::Event& event, const std::vector<const match::PairScore*>& ranking) {
  std::vector<std::string> ids;
  for (const auto* p : ranking) ids.push_back(event.stands[p->stand].id);
  return ids;
}

std::vector<std::string> SupplierIds(const match::Event& event, const std::vector<const match::PairScore*>& ranking) {
  std::vector<std::string> ids;
  for (const auto* p : ranking) ids.push_back(event.suppliers[p->supplier].id);
  return ids;
}

TEST_CASE("rankings are by score, best first", "[ranking]") {
  const Small& s = SmallEvent();
  CHECK(StandIds(s.event, match::RankStands(s.table, 1, 0)) == std::vector<std::string>{"impression", "mobilier"});
  CHECK(SupplierIds(s.event, match::RankSuppliers(s.table, 0, 0)) == std::vector<std::string>{"f1", "f2"});
  CHECK(SupplierIds(s.event, match::RankSuppliers(s.table, 2, 0)) == std::vector<std::string>{"f4"});
  CHECK(match::RankStands(s.table, 2, 0).empty());  // f3: its only wish is gated
}

TEST_CASE("top-K keeps the K best, K <= 0 keeps all", "[ranking]") {
  const Small& s = SmallEvent();
  CHECK(StandIds(s.event, match::RankStands(s.table, 1, 1)) == std::vector<std::string>{"impression"});
  CHECK(match::RankStands(s.table, 1, 2).size() == 2);
  CHECK(match::RankStands(s.table, 1, 10).size() == 2);
  CHECK(match::RankStands(s.table, 1, -1).size() == 2);
  CHECK(SupplierIds(s.event, match::RankSuppliers(s.table, 0, 1)) == std::vector<std::string>{"f1"});
}

TEST_CASE("equal scores rank by index (file order)", "[ranking]") {
  json doc = MinimalEvent();
  // Three identical stands and four identical suppliers, then one better of each.
  doc["stands"] = json::array();
  for (const char* id : {"s1", "s2", "s3"}) doc["stands"].push_back(Stand(id, {Need("n", {"39130000"})}));
  doc["suppliers"] = json::array();
  for (const char* id : {"f1", "f2", "f3", "f4"}) doc["suppliers"].push_back(Supplier(id, {"39130000"}));
  doc["stands"].push_back(Stand("s4", {Need("n", {"39131100"})}));
  doc["suppliers"].push_back(Supplier("f5", {"39130000"}));
  doc["suppliers"][4]["wishes"] = json::array({{{"stand", "s3"}, {"level", "must"}}});
  doc["suppliers"][0]["cpv"].push_back("39131100");
  match::Event event = Parse(doc);
  match::ScoreTable table = match::Score(event, event_builder::FrozenRules());
  // f1 holds each stand's own code (a full match): equal scores, file order.
  CHECK(StandIds(event, match::RankStands(table, 0, 0)) == std::vector<std::string>{"s1", "s2", "s3", "s4"});
  CHECK(SupplierIds(event, match::RankSuppliers(table, 1, 0)) ==
        std::vector<std::string>{"f1", "f2", "f3", "f4", "f5"});
  CHECK(SupplierIds(event, match::RankSuppliers(table, 2, 0)) ==
        std::vector<std::string>{"f5", "f1", "f2", "f3", "f4"});
  CHECK(SupplierIds(event, match::RankSuppliers(table, 2, 3)) == std::vector<std::string>{"f5", "f1", "f2"});
}

TEST_CASE("a need's parent code contains the supplier's, a coarser supplier code does not", "[ranking]") {
  json doc = MinimalEvent();
  doc["stands"][0]["needs"][0]["cpv"] = json::array({"39100000"});  // furniture (group)
  doc["suppliers"][0]["cpv"] = json::array({"39130000"});           // office furniture (class)
  doc["suppliers"].push_back(Supplier("f2", {"39000000"}));         // all furniture (division)
  doc["suppliers"][1]["wishes"] = json::array({{{"stand", "s1"}, {"level", "want"}}});
  match::Event event = Parse(doc);
  match::ScoreTable table = match::Score(event, event_builder::FrozenRules());
  REQUIRE(table.Find(0, 0) != nullptr);
  REQUIRE(table.Find(1, 0) != nullptr);
  CHECK(table.Find(0, 0)->cpv_depth == 8);
  CHECK_THAT(match::Explain(event, *table.Find(0, 0), Builtin(), nullptr, match::Lang::kEn),
             Catch::StartsWith("CPV 39130000 falls within 'Mobilier'"));
  CHECK(table.Find(1, 0)->cpv_depth == 2);
  CHECK_THAT(match::Explain(event, *table.Find(1, 0), Builtin(), nullptr, match::Lang::kEn),
             Catch::StartsWith("CPV 39000000 matches 'Mobilier' at division level"));
}

TEST_CASE("scores print with 4 decimals", "[ranking]") {
  CHECK(match::FormatScore(0.895) == "0.8950");
  CHECK(match::FormatScore(0) == "0.0000");
  CHECK(match::FormatScore(1) == "1.0000");
  CHECK(match::FormatScore(0.12345) == "0.1235");
}

TEST_CASE("Explain gives the reasons of a pair", "[ranking]") {
  const Small& s = SmallEvent();
  const auto& t = Builtin();
  CHECK(match::Explain(s.event, *s.table.Find(0, 0), t) ==
        "le CPV 39130000 est le code même du besoin ('Mobilier de bureau') · même commune · "
        "micro-entreprise · ESS · SIAE (EI) · réemploi recherché (reemploi) · souhaité (must)");
  CHECK(match::Explain(s.event, *s.table.Find(1, 0), t) ==
        "le CPV 39100000 rejoint 'Mobilier de bureau' au niveau du groupe · même EPT Grand-Orly "
        "Seine Bièvre · PME");
  CHECK(
      match::Explain(s.event, *s.table.Find(3, 2), t) ==
      "le CPV 45000000 est le code même du besoin ('Travaux de construction') · même département · ESS · SIAE (ACI) · "
      "éligible au besoin réservé (L2113-13) · invité (must)");
  // English on request.
  const auto en = match::Lang::kEn;
  CHECK(match::Explain(s.event, *s.table.Find(0, 0), t, nullptr, en) ==
        "CPV 39130000 is the need's own code ('Mobilier de bureau') · same commune · micro firm · "
        "ESS · SIAE (EI) · reuse wanted (reemploi) · wished (must)");
  CHECK(match::Explain(s.event, *s.table.Find(1, 0), t, nullptr, en) ==
        "CPV 39100000 matches 'Mobilier de bureau' at group level · same EPT Grand-Orly Seine "
        "Bièvre · PME");
  CHECK(match::Explain(s.event, *s.table.Find(3, 2), t, nullptr, en) ==
        "CPV 45000000 is the need's own code ('Travaux de construction') · same département · ESS · SIAE (ACI) · "
        "eligible for the reserved need (L2113-13) · invited (must)");
}

TEST_CASE("the message table: languages by name, placeholders filled", "[ranking]") {
  CHECK(match::ParseLang("fr") == match::Lang::kFr);
  CHECK(match::ParseLang("en") == match::Lang::kEn);
  CHECK_FALSE(match::ParseLang("de"));
  CHECK(match::Tr(match::Lang::kFr, match::Msg::kWished, {"must"}) == "souhaité (must)");
  CHECK(match::Tr(match::Lang::kEn, match::Msg::kWished, {"must"}) == "wished (must)");
  CHECK(match::Tr(match::Lang::kEn, match::Msg::kCpvMatchesAtLevel, {"1", "x"}) == "CPV 1 matches 'x' at  level");
}

TEST_CASE("Explain names CPV codes with the official labels, given or built in", "[ranking]") {
  const Small& s = SmallEvent();
  CHECK(match::Explain(s.event, *s.table.Find(0, 0), Builtin(), &event_builder::OfficialCpv(), match::Lang::kEn) ==
        "CPV 39130000 is the need's own code ('Mobilier de bureau') · same commune · micro firm · ESS · SIAE (EI) · "
        "reuse wanted (reemploi) · wished (must)");
  CHECK(match::Explain(s.event, *s.table.Find(0, 0), Builtin()) ==
        match::Explain(s.event, *s.table.Find(0, 0), Builtin(), &event_builder::OfficialCpv()));
}

TEST_CASE("Explain: insertion clause, territory, no CPV match", "[ranking]") {
  json doc = MinimalEvent();
  doc["event"]["territory"] = json::array({"94076", "94028"});
  doc["stands"][0]["needs"][0]["insertion_clause_pct"] = 7.5;
  doc["suppliers"][0]["structure"] = "GEIQ";
  doc["suppliers"].push_back(Supplier("f2", {"45000000"}, "94028"));  // Créteil: same département
  doc["suppliers"][1]["wishes"] = json::array({{{"stand", "s1"}, {"level", "want"}}});
  doc["suppliers"][1]["structure"] = "EA";
  doc["suppliers"][1]["employees"] = 12000;
  match::Event event = Parse(doc);
  match::ScoreTable table = match::Score(event, event_builder::FrozenRules());
  REQUIRE(table.Find(0, 0) != nullptr);
  REQUIRE(table.Find(1, 0) != nullptr);
  CHECK(match::Explain(event, *table.Find(0, 0), Builtin(), nullptr, match::Lang::kEn) ==
        "CPV 39130000 is the need's own code ('Mobilier de bureau') · same commune · GEIQ for an insertion clause of "
        "7.5 %");
  CHECK(match::Explain(event, *table.Find(1, 0), Builtin(), nullptr, match::Lang::kEn) ==
        "no CPV match with 'Need n1' · same département · in the event's territory · EA · wished (want)");
}

TEST_CASE("a supplier known by its département alone is scored at that tier", "[ranking]") {
  json doc = MinimalEvent();
  doc["suppliers"][0].erase("commune");
  doc["suppliers"][0]["departement"] = "94";
  doc["suppliers"].push_back(Supplier("f2", {"39130000"}, "94076"));
  doc["suppliers"][1].erase("commune");
  doc["suppliers"][1]["departement"] = "13";
  match::Event event = Parse(doc);
  match::ScoreTable table = match::Score(event, event_builder::FrozenRules());
  REQUIRE(table.Find(0, 0) != nullptr);
  REQUIRE(table.Find(1, 0) != nullptr);
  CHECK(table.Find(0, 0)->tier == match::LocalityTier::kSameDepartement);
  CHECK(table.Find(1, 0)->tier == match::LocalityTier::kElsewhere);
  CHECK(table.Find(0, 0)->score > table.Find(1, 0)->score);
  CHECK(match::Explain(event, *table.Find(0, 0), Builtin(), nullptr, match::Lang::kEn).find("same département") !=
        std::string::npos);
}

TEST_CASE("the scores CSV: exact header, one row per eligible pair", "[ranking]") {
  const Small& s = SmallEvent();
  const std::string csv = match::ScoresCsv(s.event, s.table);
  CHECK(csv ==
        "supplier,stand,score,relevance,size,ess,inclusion,locality,reuse,mutual,text\n"
        "f1,mobilier,0.9850,0.4500,0.1000,0.0800,0.0850,0.1200,0.0700,0.0800,0.0000\n"
        "f2,mobilier,0.4185,0.2475,0.0750,0.0000,0.0000,0.0960,0.0000,0.0000,0.0000\n"
        "f2,impression,0.6210,0.4500,0.0750,0.0000,0.0000,0.0960,0.0000,0.0000,0.0000\n"
        "f4,travaux,0.7910,0.4500,0.0300,0.0800,0.0850,0.0660,0.0000,0.0800,0.0000\n");
}

TEST_CASE("the scores CSV quotes ids holding a comma or a quote", "[ranking]") {
  json doc = MinimalEvent();
  doc["suppliers"][0]["id"] = "f,1";
  doc["stands"][0]["id"] = "s\"1";
  match::Event event = Parse(doc);
  const std::string csv = match::ScoresCsv(event, match::Score(event, match::Rules::Default()));
  const std::string row = csv.substr(csv.find('\n') + 1);
  CHECK(row.rfind("\"f,1\",\"s\"\"1\",", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 2);
}

TEST_CASE("the ranking JSON", "[ranking]") {
  const Small& s = SmallEvent();
  const json doc =
      json::parse(match::RankingJson(s.event, s.table, match::RankStands(s.table, 1, 0), true, 1, Builtin()));
  CHECK(doc.at("supplier") == "f2");
  const json& ranking = doc.at("ranking");
  REQUIRE(ranking.size() == 2);
  CHECK(ranking[0].at("rank") == 1);
  CHECK(ranking[0].at("stand") == "impression");
  CHECK(ranking[0].at("name") == "Impression durable");
  CHECK(ranking[0].at("need") == "impression-magazine");
  CHECK(ranking[0].at("score") == Approx(0.621));
  CHECK(ranking[1].at("rank") == 2);
  CHECK(ranking[1].at("stand") == "mobilier");
  const json& criteria = ranking[1].at("criteria");
  std::vector<std::string> keys;
  for (auto it = criteria.begin(); it != criteria.end(); ++it) keys.push_back(it.key());
  std::sort(keys.begin(), keys.end());
  CHECK(keys ==
        std::vector<std::string>{"ess", "inclusion", "locality", "mutual", "relevance", "reuse", "size", "text"});
  CHECK(criteria.at("relevance") == Approx(0.2475));
  CHECK(criteria.at("locality") == Approx(0.096));
  CHECK(ranking[1].at("reasons") == match::Explain(s.event, *s.table.Find(1, 0), Builtin()));

  const json of_stand =
      json::parse(match::RankingJson(s.event, s.table, match::RankSuppliers(s.table, 0, 1), false, 0, Builtin()));
  CHECK(of_stand.at("stand") == "mobilier");
  REQUIRE(of_stand.at("ranking").size() == 1);
  CHECK(of_stand.at("ranking")[0].at("supplier") == "f1");
  CHECK(of_stand.at("ranking")[0].at("name") == "Atelier Bois Solidaire");
  CHECK(of_stand.at("ranking")[0].at("score") == Approx(0.985));
}

// RankingJson takes the id from the first entry: an empty ranking loses it, and the
// reader cannot tell whose ranking is empty.
TEST_CASE("an empty ranking JSON still names its supplier", "[ranking]") {
  const Small& s = SmallEvent();
  const json doc =
      json::parse(match::RankingJson(s.event, s.table, match::RankStands(s.table, 2, 0), true, 2, Builtin()));
  CHECK(doc.at("ranking").empty());
  CHECK(doc.contains("supplier"));
}

TEST_CASE("the ranking text lists rank, score, id, reasons and contributions", "[ranking]") {
  const Small& s = SmallEvent();
  const std::string text = match::RankingText(s.event, s.table, match::RankSuppliers(s.table, 0, 0), false, Builtin());
  CHECK_THAT(text, Catch::StartsWith("  1. 0.9850  f1  Atelier Bois Solidaire\n"));
  CHECK_THAT(text, Catch::Contains("  2. 0.4185  f2  Imprimerie d'Ivry\n"));
  CHECK_THAT(text, Catch::Contains("relevance 0.4500  size 0.1000  ess 0.0800  inclusion 0.0850  locality 0.1200  "
                                   "reuse 0.0700  mutual 0.0800  text 0.0000\n"));
}

}  // namespace
