// Tests of the award-history criteria (match/score/history.h) through the scorer: the
// values, the French reasons, the weights that count only with a history, and an exact
// CPV code above a code the need merely contains.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "event_builder.h"
#include "match/domain/awards.h"
#include "match/score/history.h"
#include "match/score/ranking.h"
#include "match/score/scoring.h"

namespace {

using event_builder::Parse;
using match::Criterion;
using nlohmann::json;

match::Award Won(const std::string& cpv, const std::string& departement, int year, const std::string& buyer,
                 double amount, const std::string& object) {
  match::Award a;
  a.awardee = "732829320";
  a.cpv = *match::CpvCode::Parse(cpv);
  a.departement = departement;
  a.year = year;
  a.date = std::to_string(year) + "-01-01";
  a.buyer = buyer;
  a.amount_eur = amount;
  a.object = object;
  return a;
}

// A stand in Villejuif (94) with a cleaning need of 40,000 EUR; f1 (with a SIRET) and f2
// (without) both sell cleaning.
json CleaningEvent() {
  auto doc = event_builder::MinimalEvent();
  doc["buyers"][0]["siret"] = event_builder::kBuyerSiret;
  doc["stands"][0]["needs"][0] = {
      {"id", "n1"}, {"title", "Nettoyage des vitres des écoles"}, {"cpv", {"90911300"}}, {"amount_eur", 40000}};
  doc["suppliers"][0]["cpv"] = {"90911300"};
  doc["suppliers"][0]["siret"] = event_builder::kSupplierSiret;
  doc["suppliers"].push_back(event_builder::Supplier("f2", {"90911300"}));
  return doc;
}

std::vector<match::Award> History() {
  return {Won("90911300", "94", 2019, event_builder::kBuyerSiret, 35000, "Nettoyage des vitres de la mairie"),
          Won("90910000", "94", 2020, "21750001600019", 50000, "Entretien ménager des crèches"),
          Won("90919200", "94", 2021, "21750001600019", 45000, "Nettoyage de bureaux"),
          Won("45000000", "75", 2018, "21750001600019", 2000000, "Travaux de voirie")};
}

TEST_CASE("History criteria: values and French reasons") {
  match::Event event = Parse(CleaningEvent());
  REQUIRE(match::AttachAwards(event, History()) == 1);
  auto table = match::Score(event, match::Rules::Default());
  const auto* with = table.Find(0, 0);
  const auto* without = table.Find(1, 0);
  REQUIRE(with);
  REQUIRE(without);
  CHECK(table.Value(*with, Criterion::kHistory) > 0.5);
  CHECK(table.Value(*with, Criterion::kHistoryText) > 0);
  CHECK(table.Value(*with, Criterion::kTrackRecord) == Approx(3.0 / 4.0));  // 3 awards in 94, half_count 1
  CHECK(table.Value(*with, Criterion::kRepeatBuyer) == Approx(0.5));        // 1 award from this buyer
  CHECK(table.Value(*with, Criterion::kSizeFit) > 0.9);                     // 40,000 against a median of 47,500
  for (int c = match::kFirstHistoryCriterion; c < match::kNumCriteria; ++c)
    CHECK(table.Contribution(*without, static_cast<Criterion>(c)) == 0);
  CHECK(with->score > without->score);
  std::string reasons = match::Explain(event, *with, match::Territory::Builtin());
  INFO(reasons);
  CHECK(reasons.find("3 marchés en CPV 909 en Val-de-Marne (94) depuis 2019") != std::string::npos);
  CHECK(reasons.find("1 marché sur le code exact 90911300") != std::string::npos);
  CHECK(reasons.find("tous métiers") == std::string::npos);
  CHECK(reasons.find("1 marché de cet acheteur") != std::string::npos);
  CHECK(reasons.find("médiane 47\u202f500 €") != std::string::npos);
  CHECK(reasons.find("'nettoyage', 'vitres'") != std::string::npos);
  CHECK(match::Explain(event, *without, match::Territory::Builtin()).find("marché") == std::string::npos);
}

TEST_CASE("Without any history the history weights do not count") {
  match::Event event = Parse(CleaningEvent());
  auto table = match::Score(event, match::Rules::Default());
  match::Rules no_history = match::Rules::Default();
  for (int c = match::kFirstHistoryCriterion; c < match::kNumCriteria; ++c) no_history.weights[c] = 0;
  auto reference = match::Score(event, no_history);
  REQUIRE(table.pairs().size() == reference.pairs().size());
  for (size_t i = 0; i < table.pairs().size(); ++i) CHECK(table.pairs()[i].score == reference.pairs()[i].score);
  CHECK(match::ScoresCsv(event, table).find("history") == std::string::npos);
}

TEST_CASE("An exact CPV code scores above a code the need merely contains") {
  auto doc = event_builder::MinimalEvent();
  doc["stands"][0]["needs"][0]["cpv"] = {"45000000"};
  doc["suppliers"][0]["cpv"] = {"45210000"};
  doc["suppliers"].push_back(event_builder::Supplier("f2", {"45000000"}));
  match::Event event = Parse(doc);
  auto table = match::Score(event, match::Rules::Default());
  const auto* contained = table.Find(0, 0);
  const auto* exact = table.Find(1, 0);
  REQUIRE(contained);
  REQUIRE(exact);
  CHECK(contained->cpv_depth == 8);
  CHECK(table.Value(*contained, Criterion::kRelevance) == Approx(match::Rules::Default().cpv_contained));
  CHECK(table.Value(*exact, Criterion::kRelevance) == Approx(1.0));
  CHECK(exact->score > contained->score);
  auto bad = match::Rules::Parse(R"({"cpv_contained": 1, "cpv_depth": {"8": 0.9}})", "r.json");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().ToString().find("cpv_contained") != std::string::npos);
}

}  // namespace
