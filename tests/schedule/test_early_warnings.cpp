// Early warnings on the bundled events: what an organiser learns before the day.
#include <catch2/catch.hpp>
#include <string>

#include "match/io/event_io.h"
#include "match/io/rules.h"
#include "match/schedule/early_warnings.h"
#include "match/score/scoring.h"

using namespace match;

namespace {

std::string Dataset(const std::string& path) { return std::string(STANDMATCH_SOURCE_DIR) + "/datasets/" + path; }

Event Load(const std::string& name) {
  auto event = LoadEvent(Dataset(name + "/event.json"));
  REQUIRE(event.ok());
  return std::move(event).value();
}

}  // namespace

TEST_CASE("early warnings: by CPV codes alone Villejuif's stand nettoyage has no eligible supplier",
          "[early_warnings]") {
  Event event = Load("villejuif-2025");
  Rules rules = Rules::Default();
  rules.weights[static_cast<int>(match::Criterion::kText)] = 0;  // the CPV codes alone
  EarlyWarnings w = FindEarlyWarnings(event, rules, Score(event, rules));
  REQUIRE(w.stands.size() == 1);
  CHECK(event.stands[w.stands[0].stand].id == "nettoyage");
  REQUIRE(w.stands[0].reasons.size() == 1);
  const int suppliers = static_cast<int>(event.suppliers.size());
  CHECK(w.stands[0].reasons[0] == std::make_pair(std::string("low_relevance"), suppliers));
  CHECK(w.quotas.empty());  // the default rules ask for no quota
  auto lines = EarlyWarningLines(event, w);
  REQUIRE(lines.size() == 1 + w.suppliers.size());
  CHECK(lines[0] == "stand \"nettoyage\": no eligible supplier (low_relevance: " + std::to_string(suppliers) + ")");
  // With the text criterion, the cleaning firms' NAF activity reaches the stand: no warning.
  EarlyWarnings with_text = FindEarlyWarnings(event, Rules::Default(), Score(event, Rules::Default()));
  CHECK(with_text.stands.empty());
  CHECK(with_text.suppliers.size() < w.suppliers.size());
}

TEST_CASE("early warnings: four GOSB suppliers can get no meeting, with their reasons", "[early_warnings]") {
  Event event = Load("gosb-2025");
  const Rules& rules = Rules::Default();
  EarlyWarnings w = FindEarlyWarnings(event, rules, Score(event, rules));
  CHECK(w.stands.empty());
  REQUIRE(w.suppliers.size() == 4);
  for (const auto& s : w.suppliers) {
    CHECK(s.code == "low_relevance");
    int pairs = 0;
    for (const auto& [code, n] : s.reasons) pairs += n;
    CHECK(pairs == static_cast<int>(event.stands.size()));  // every stand has its reason
  }
  CHECK(event.suppliers[w.suppliers[0].supplier].id == "f004");
}

TEST_CASE("early warnings: the 20 percent inclusion quota cannot be met, 17.1 percent at best", "[early_warnings]") {
  Event event = Load("villejuif-2025");
  auto rules = Rules::Load(Dataset("rules/quotas.json"));
  REQUIRE(rules.ok());
  EarlyWarnings w = FindEarlyWarnings(event, *rules, Score(event, *rules));
  REQUIRE(w.quotas.size() == 1);
  CHECK(w.quotas[0].category == "inclusion");
  CHECK(w.quotas[0].target == Approx(0.20));
  CHECK(w.quotas[0].best == 7);
  CHECK(w.quotas[0].most_meetings == 41);
  CHECK(w.quotas[0].best_share == Approx(7.0 / 41));
  auto lines = EarlyWarningLines(event, w);
  CHECK(lines.back() == "quota inclusion 20.0%: cannot be met, at best 17.1% (7 of 41 meetings)");
  // GOSB reaches it: no warning there.
  Event gosb = Load("gosb-2025");
  CHECK(FindEarlyWarnings(gosb, *rules, Score(gosb, *rules)).quotas.empty());
}

TEST_CASE("early warnings: a no wish, a missing slot and no common slot are reasons", "[early_warnings]") {
  auto event = ParseEvent(R"({"format": "standmatch.event/1",
    "event": {"id": "e", "name": "E", "date": "2025-03-28", "sessions": [{"start": "10:00", "end": "11:00"}]},
    "buyers": [{"id": "b", "name": "B"}],
    "stands": [{"id": "t1", "buyer": "b", "title": "Mobilier", "available": [{"start": "10:00", "end": "10:30"}],
                "needs": [{"id": "n1", "title": "Mobilier", "cpv": ["39130000"]}]},
               {"id": "t2", "buyer": "b", "title": "Mobilier 2",
                "needs": [{"id": "n2", "title": "Mobilier", "cpv": ["39130000"]}]}],
    "suppliers": [{"id": "s1", "name": "S1", "cpv": ["39130000"], "available": [{"start": "10:30", "end": "11:00"}],
                   "wishes": [{"stand": "t2", "level": "no"}]},
                  {"id": "s2", "name": "S2", "cpv": ["39130000"]}]})",
                          "event.json");
  REQUIRE(event.ok());
  const Rules& rules = Rules::Default();
  EarlyWarnings w = FindEarlyWarnings(*event, rules, Score(*event, rules));
  CHECK(w.stands.empty());
  REQUIRE(w.suppliers.size() == 1);
  CHECK(event->suppliers[w.suppliers[0].supplier].id == "s1");
  EarlyWarnings::ReasonCounts expected = {{"no_common_slot", 1}, {"refused", 1}};
  CHECK(w.suppliers[0].reasons == expected);
  std::string json = EarlyWarningsJson(*event, w);
  CHECK(json.find(R"("reasons":{"no_common_slot":1,"refused":1})") != std::string::npos);
}
