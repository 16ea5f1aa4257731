// Tests of award history as a profile (match/domain/awards.h): attached by SIREN, with
// its summaries (median amount, first year), and only to suppliers that match.
#include <catch2/catch.hpp>
#include <vector>

#include "event_builder.h"
#include "match/domain/awards.h"

namespace {

match::Award MakeAward(const std::string& awardee, int contract, const std::string& date, double amount) {
  match::Award a;
  a.awardee = awardee;
  a.contract = contract;
  a.cpv = *match::CpvCode::Parse("90910000");
  a.date = date;
  a.year = date.empty() ? 0 : std::stoi(date.substr(0, 4));
  a.amount_eur = amount;
  return a;
}

TEST_CASE("AttachAwards gives a supplier its company's awards by SIREN") {
  auto doc = event_builder::MinimalEvent();
  doc["suppliers"][0]["siret"] = event_builder::kSupplierSiret;             // SIREN 732829320
  doc["suppliers"].push_back(event_builder::Supplier("f2", {"39130000"}));  // no SIRET
  match::Event event = event_builder::Parse(doc);
  CHECK_FALSE(match::HasAwardHistory(event));
  std::vector<match::Award> awards = {
      MakeAward("732829320", 1, "2020-02-01", 30000), MakeAward("732829320", 2, "2018-06-01", 10000),
      MakeAward("732829320", 3, "2019-01-01", 90000), MakeAward("999999999", 4, "2019-01-01", 5)};
  CHECK(match::AttachAwards(event, awards) == 1);
  CHECK(match::HasAwardHistory(event));
  REQUIRE(event.suppliers[0].history);
  const auto& h = *event.suppliers[0].history;
  REQUIRE(h.awards.size() == 3);
  CHECK(h.awards[0].date == "2018-06-01");  // by date
  CHECK(h.first_year == 2018);
  REQUIRE(h.median_amount_eur);
  CHECK(*h.median_amount_eur == 30000);
  CHECK_FALSE(event.suppliers[1].history);
}

TEST_CASE("SirenOf reads SIRETs and SIRENs only") {
  CHECK(match::SirenOf("73282932000074") == "732829320");
  CHECK(match::SirenOf("732829320") == "732829320");
  CHECK(match::SirenOf("FR732829320").empty());
  CHECK(match::SirenOf("7328293200007").empty());
}

}  // namespace
