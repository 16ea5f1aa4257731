// Tests of learning criterion weights from award history (match/tools/fit.h): the fit
// lowers the ranking loss, is deterministic, keeps the weights of criteria the awards
// say nothing about, and writes ordinary rules.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "match/tools/fit.h"

namespace {

// Six cleaning firms, each working in its own département; every contract goes to the
// firm of its place. Buyers are named by a short id (no SIRET: repeat_buyer says nothing).
std::vector<match::Award> LocalAwards() {
  const char* departements[] = {"75", "92", "93", "94", "77", "78"};
  std::vector<match::Award> awards;
  for (int k = 0; k < 120; ++k) {
    int b = k % 12, d = b % 6;
    match::Award a;
    a.contract = k;
    a.awardee = "10000000" + std::to_string(d);
    a.buyer = "buyer" + std::to_string(b);
    a.cpv = *match::CpvCode::Parse(k % 2 ? "90910000" : "90911000");
    a.departement = departements[d];
    a.year = 2019;
    a.amount_eur = 10000.0 * (1 + k % 5);
    a.object = "Nettoyage des locaux";
    awards.push_back(a);
  }
  return awards;
}

TEST_CASE("fit learns weights that rank the awardees better, deterministically") {
  auto awards = LocalAwards();
  const match::Rules& start = match::Rules::Default();
  match::FitReport report;
  auto fitted = match::FitWeights(awards, start, {}, &report);
  INFO(fitted.status().ToString());
  REQUIRE(fitted.ok());
  CHECK(report.contracts == 120);
  CHECK(report.questions > 100);
  CHECK(report.loss_fit < report.loss_start);
  CHECK(report.hit10_fit >= report.hit10_start);
  // Place is what tells the firms apart: locality and track record are fitted.
  CHECK(report.fitted[static_cast<int>(match::Criterion::kTrackRecord)]);
  CHECK(report.fitted[static_cast<int>(match::Criterion::kLocality)]);
  // The awards say nothing of size, ESS or buyers here: those weights stay.
  for (auto c : {match::Criterion::kSize, match::Criterion::kEss, match::Criterion::kRepeatBuyer}) {
    CHECK_FALSE(report.fitted[static_cast<int>(c)]);
    CHECK(fitted->weights[static_cast<int>(c)] == start.weights[static_cast<int>(c)]);
  }
  auto again = match::FitWeights(awards, start, {});
  REQUIRE(again.ok());
  CHECK(again->weights == fitted->weights);
  // An ordinary rules file.
  auto parsed = match::Rules::Parse(fitted->ToJson(), "fitted.json");
  INFO(parsed.status().ToString());
  REQUIRE(parsed.ok());
  CHECK(parsed->weights == fitted->weights);
  CHECK(parsed->name == "default-fit");
}

TEST_CASE("fit refuses an award set too small to hold out") {
  auto awards = LocalAwards();
  awards.resize(6);
  auto fitted = match::FitWeights(awards, match::Rules::Default(), {});
  REQUIRE_FALSE(fitted.ok());
  CHECK(fitted.status().ToString().find("too few") != std::string::npos);
}

}  // namespace
