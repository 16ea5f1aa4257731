// Comparing rule sets: runs match the schedule pipeline, outputs are deterministic
// and the HTML report is self-contained.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <numeric>

#include "match/io/event_io.h"
#include "match/score/scoring.h"
#include "match/tools/compare.h"

namespace {

using match::Comparison;
using match::NamedRules;
using match::Rules;

match::Event Villejuif() {
  auto event = match::LoadEvent(std::string(STANDMATCH_SOURCE_DIR) + "/datasets/villejuif-2025/event.json");
  REQUIRE(event.ok());
  return std::move(event).value();
}

// The default rules and a variant that only looks at relevance.
std::vector<NamedRules> TwoRuleSets() {
  Rules relevance = Rules::Default();
  relevance.name = "relevance-only";
  relevance.weights.fill(0);
  relevance.weights[static_cast<int>(match::Criterion::kRelevance)] = 1;
  return {{"default", Rules::Default()}, {"relevance", relevance}};
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("Histogram counts values into equal bins, clamping the ends", "[compare]") {
  auto counts = match::Histogram({0.0, 0.05, 0.1, 0.55, 0.99, 1.0, -1, 7}, 0, 1, 10);
  REQUIRE(counts.size() == 10);
  CHECK(counts[0] == 3);  // 0, 0.05 and the clamped -1
  CHECK(counts[1] == 1);
  CHECK(counts[5] == 1);
  CHECK(counts[9] == 3);  // 0.99, 1.0 and the clamped 7
  CHECK(std::accumulate(counts.begin(), counts.end(), 0) == 8);
}

TEST_CASE("CompareRules without a rule set is an error", "[compare]") {
  auto comparison = match::CompareRules(Villejuif(), {});
  REQUIRE_FALSE(comparison.ok());
  CHECK(comparison.status().code() == match::Status::Code::kInvalidInput);
  CHECK(comparison.status().ToString() == "compare: no rule set given");
}

TEST_CASE("CompareRules runs each rule set as the schedule pipeline does", "[compare]") {
  const auto event = Villejuif();
  const auto rule_sets = TwoRuleSets();
  auto comparison = match::CompareRules(event, rule_sets);
  REQUIRE(comparison.ok());
  REQUIRE(comparison->runs.size() == 2);
  CHECK(comparison->event_id == event.id);
  for (size_t r = 0; r < rule_sets.size(); ++r) {
    const auto& run = comparison->runs[r];
    CHECK(run.label == rule_sets[r].label);
    CHECK(run.rules_name == rule_sets[r].rules.name);
    auto scores = match::Score(event, rule_sets[r].rules);
    auto schedule = match::BuildSchedule(event, rule_sets[r].rules, scores);
    REQUIRE(schedule.ok());
    CHECK(run.metrics.meetings == schedule->metrics.meetings);
    CHECK(run.metrics.total_score == Approx(schedule->metrics.total_score));
    CHECK(run.pairs == static_cast<int>(scores.pairs().size()));
    REQUIRE(run.meetings_per_supplier.size() == event.suppliers.size());
    CHECK(std::accumulate(run.meetings_per_supplier.begin(), run.meetings_per_supplier.end(), 0) ==
          run.metrics.meetings);
    CHECK(static_cast<int>(run.meeting_scores.size()) == run.metrics.meetings);
    auto histogram = match::MeetingsPerSupplierHistogram(*comparison, run);
    CHECK(std::accumulate(histogram.begin(), histogram.end(), 0) == static_cast<int>(event.suppliers.size()));
  }
  // Relevance alone changes the total score (a different objective).
  CHECK(comparison->runs[0].metrics.total_score != Approx(comparison->runs[1].metrics.total_score));
}

TEST_CASE("Comparison outputs are deterministic and show every run", "[compare]") {
  const auto event = Villejuif();
  auto a = match::CompareRules(event, TwoRuleSets());
  auto b = match::CompareRules(event, TwoRuleSets());
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  const std::string text = match::ComparisonText(*a);
  CHECK(text == match::ComparisonText(*b));
  CHECK(text.find("default") != std::string::npos);
  CHECK(text.find("relevance") != std::string::npos);
  CHECK(text.find("coverage") != std::string::npos);
  const auto rows = match::ComparisonRows(*a);
  for (const auto& row : rows) CHECK(row.values.size() == 2);

  const std::string json = match::ComparisonJson(*a);
  CHECK(json == match::ComparisonJson(*b));
  auto doc = nlohmann::json::parse(json);
  REQUIRE(doc["runs"].size() == 2);
  CHECK(doc["runs"][1]["label"] == "relevance");
  CHECK(doc["runs"][0]["metrics"]["meetings"] == a->runs[0].metrics.meetings);
  CHECK(doc["runs"][0]["score_histogram"].size() == match::kCompareScoreBins);
  CHECK(doc["runs"][0]["meetings_per_supplier"].size() == doc["runs"][1]["meetings_per_supplier"].size());
}

TEST_CASE("The HTML report is self-contained with three SVG plots", "[compare]") {
  const auto event = Villejuif();
  auto comparison = match::CompareRules(event, TwoRuleSets());
  REQUIRE(comparison.ok());
  comparison->runs[1].label = "<relevance & co>";
  const std::string html = match::ComparisonHtml(*comparison);
  CHECK(html == match::ComparisonHtml(*comparison));
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(Count(html, "<svg ") == 3);
  CHECK(Count(html, "</svg>") == 3);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("&lt;relevance &amp; co&gt;") != std::string::npos);
  CHECK(html.find("<relevance & co>") == std::string::npos);
  for (const char* category : {"micro", "pme", "ess", "inclusion", "local", "reuse"})
    CHECK(html.find(std::string(">") + category + "</text>") != std::string::npos);
}
