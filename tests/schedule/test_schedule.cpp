// The schedule pipeline on the default events and on generated ones.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "check_helper.h"
#include "event_builder.h"
#include "match/io/event_io.h"
#include "match/schedule/metrics.h"
#include "match/schedule/schedule.h"
#include "match/score/ranking.h"
#include "match/tools/generate.h"

using namespace match;

namespace {

Event Load(const std::string& name) {
  auto event = LoadEvent(std::string(STANDMATCH_SOURCE_DIR) + "/datasets/" + name + "/event.json");
  REQUIRE(event.ok());
  return std::move(event).value();
}

// The invariants every schedule holds (the full independent check is `standmatch check`).
void RequireConsistent(const Event& event, const Schedule& schedule) {
  std::set<std::pair<int, int>> supplier_slot, pair;
  std::set<std::tuple<int, int, int>> table_slot;
  for (const auto& m : schedule.meetings) {
    REQUIRE(event.suppliers[m.supplier].slots[m.slot]);
    REQUIRE(event.stands[m.stand].slots[m.slot]);
    REQUIRE(m.table >= 1);
    REQUIRE(m.table <= event.stands[m.stand].tables);
    REQUIRE(supplier_slot.insert({m.supplier, m.slot}).second);
    REQUIRE(table_slot.insert({m.stand, m.table, m.slot}).second);
    REQUIRE(pair.insert({m.supplier, m.stand}).second);
  }
}

}  // namespace

TEST_CASE("the default events get a consistent, deterministic schedule", "[schedule]") {
  for (const char* name : {"villejuif-2025", "gosb-2025"}) {
    Event event = Load(name);
    const Rules& rules = Rules::Default();
    auto scores = Score(event, rules);
    auto schedule = BuildSchedule(event, rules, scores);
    REQUIRE(schedule.ok());
    RequireConsistent(event, *schedule);
    RequireValidSchedule(event, rules, ScheduleToJson(event, *schedule));
    CHECK(schedule->metrics.meetings == static_cast<int>(schedule->meetings.size()));
    CHECK(schedule->metrics.meetings > 0);
    auto again = BuildSchedule(event, rules, Score(event, rules));
    REQUIRE(again.ok());
    CHECK(ScheduleToJson(event, *schedule) == ScheduleToJson(event, *again));
    for (const auto& u : schedule->unmet) CHECK(!u.text.empty());
  }
}

TEST_CASE("schedule.json reads back to the same meetings", "[schedule]") {
  Event event = Load("villejuif-2025");
  auto scores = Score(event, Rules::Default());
  auto schedule = BuildSchedule(event, Rules::Default(), scores);
  REQUIRE(schedule.ok());
  std::string json = ScheduleToJson(event, *schedule);
  auto back = ParseSchedule(json, "schedule.json", event);
  REQUIRE(back.ok());
  REQUIRE(back->meetings.size() == schedule->meetings.size());
  for (size_t i = 0; i < back->meetings.size(); ++i) {
    CHECK(back->meetings[i].supplier == schedule->meetings[i].supplier);
    CHECK(back->meetings[i].stand == schedule->meetings[i].stand);
    CHECK(back->meetings[i].slot == schedule->meetings[i].slot);
    CHECK(back->meetings[i].table == schedule->meetings[i].table);
  }
}

TEST_CASE("generated events with partial availability get valid schedules", "[schedule]") {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    GenerateOptions options;
    options.suppliers = 120;
    options.stands = 15;
    options.slots = 8;
    options.sessions = seed % 2 ? 1 : 2;
    options.partial_availability = 0.5;
    options.seed = seed;
    auto event = ParseEvent(GenerateEvent(options), "generated.json");
    REQUIRE(event.ok());
    const Rules& rules = Rules::Default();
    auto schedule = BuildSchedule(*event, rules, Score(*event, rules));
    REQUIRE(schedule.ok());
    RequireConsistent(*event, *schedule);
    RequireValidSchedule(*event, rules, ScheduleToJson(*event, *schedule));
    CHECK(schedule->metrics.meetings > 0);
    CHECK(schedule->metrics.suppliers_met <= schedule->metrics.suppliers_with_candidate);
  }
}

namespace {

using event_builder::json;

Rules RulesWith(const std::string& text) {
  auto rules = Rules::Parse(text, "rules.json");
  INFO(rules.status().ToString());
  REQUIRE(rules.ok());
  return std::move(rules).value();
}

// Two stands, one table each, staffed one slot each (s1 at 10:00, s2 at 10:10): two
// meetings at most. f1 sells exactly what both need, in Paris; f2 sells the coarser
// group 391 (relevance 0.55), in Villejuif like the buyer (local). f1 scores higher on
// both stands.
json TwoStandsTwoSuppliers() {
  json doc = event_builder::MinimalEvent();
  doc["event"]["sessions"] = json::array({{{"start", "10:00"}, {"end", "10:20"}}});
  doc["stands"] = json::array({event_builder::Stand("s1", {event_builder::Need("n1", {"39130000-2"})}),
                               event_builder::Stand("s2", {event_builder::Need("n2", {"39130000-2"})})});
  doc["stands"][0]["available"] = json::array({{{"start", "10:00"}, {"end", "10:10"}}});
  doc["stands"][1]["available"] = json::array({{{"start", "10:10"}, {"end", "10:20"}}});
  doc["suppliers"] =
      json::array({event_builder::Supplier("f1", {"39130000"}, "75056"), event_builder::Supplier("f2", {"39100000"})});
  return doc;
}

// The (supplier id, stand id) pairs of SCHEDULE, sorted.
std::set<std::pair<std::string, std::string>> Pairs(const Event& event, const Schedule& schedule) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& m : schedule.meetings) out.insert({event.suppliers[m.supplier].id, event.stands[m.stand].id});
  return out;
}

Schedule Build(const Event& event, const Rules& rules) {
  auto schedule = BuildSchedule(event, rules, Score(event, rules));
  INFO(schedule.status().ToString());
  REQUIRE(schedule.ok());
  RequireValidSchedule(event, rules, ScheduleToJson(event, *schedule));
  return std::move(schedule).value();
}

using PairSet = std::set<std::pair<std::string, std::string>>;

}  // namespace

TEST_CASE("cover_suppliers gives every supplier a meeting before the total score", "[schedule]") {
  Event event = event_builder::Parse(TwoStandsTwoSuppliers());
  const Rules rules = RulesWith("{}");
  auto scores = Score(event, rules);
  REQUIRE(scores.pairs().size() == 4);
  for (const auto& p : scores.pairs())
    if (p.supplier == 0) CHECK(p.score > scores.Find(1, p.stand)->score);
  // The best total is f1 at both stands; covering f2 costs score.
  CHECK(Pairs(event, Build(event, RulesWith(R"({"selection": {"cover_suppliers": false}})"))) ==
        PairSet{{"f1", "s1"}, {"f1", "s2"}});
  const Schedule covered = Build(event, rules);
  CHECK(covered.metrics.suppliers_met == 2);
  CHECK(covered.metrics.coverage == 1.0);
  CHECK(Pairs(event, covered).size() == 2);
}

TEST_CASE("must pairs are honoured before coverage", "[schedule]") {
  json doc = TwoStandsTwoSuppliers();
  doc["suppliers"][0]["wishes"] =
      json::array({{{"stand", "s1"}, {"level", "must"}}, {{"stand", "s2"}, {"level", "must"}}});
  Event event = event_builder::Parse(doc);
  // Both must pairs met leaves f2 without a meeting; coverage alone would give it one.
  const Schedule schedule = Build(event, Rules::Default());
  CHECK(Pairs(event, schedule) == PairSet{{"f1", "s1"}, {"f1", "s2"}});
  CHECK(schedule.metrics.wishes_must == 2);
  CHECK(schedule.metrics.wishes_must_met == 2);
  CHECK(schedule.metrics.suppliers_met == 1);
  // The same with f2's pairs wished `must` instead: f2 meets both, f1 none.
  doc["suppliers"][0].erase("wishes");
  doc["suppliers"][1]["wishes"] =
      json::array({{{"stand", "s1"}, {"level", "must"}}, {{"stand", "s2"}, {"level", "must"}}});
  Event other = event_builder::Parse(doc);
  CHECK(Pairs(other, Build(other, Rules::Default())) == PairSet{{"f2", "s1"}, {"f2", "s2"}});
}

TEST_CASE("a quota gives its category its share of the meetings", "[schedule]") {
  Event event = event_builder::Parse(TwoStandsTwoSuppliers());
  REQUIRE_FALSE(IsLocalSupplier(event, 0));
  REQUIRE(IsLocalSupplier(event, 1));
  const std::string no_cover = R"("cover_suppliers": false)";
  // Without a quota the score takes both meetings for f1 (not local).
  CHECK(Pairs(event, Build(event, RulesWith("{\"selection\": {" + no_cover + "}}"))) ==
        PairSet{{"f1", "s1"}, {"f1", "s2"}});
  // Half the meetings for local suppliers: f2 gets one, on the stand where it costs least.
  const Schedule half = Build(event, RulesWith("{\"selection\": {" + no_cover + R"(, "quotas": {"local": 0.5}}})"));
  CHECK(half.meetings.size() == 2);
  int local = 0;
  for (const auto& m : half.meetings) local += IsLocalSupplier(event, m.supplier) ? 1 : 0;
  CHECK(local == 1);
  // Every meeting local: f2 at both stands.
  CHECK(Pairs(event, Build(event, RulesWith("{\"selection\": {" + no_cover + R"(, "quotas": {"local": 1}}})"))) ==
        PairSet{{"f2", "s1"}, {"f2", "s2"}});
}

namespace {

// Each participant's breaks, counted from the meetings alone (not from the metrics):
// the runs of idle slots between its first and last busy slot. Key: "f:ID" or "t:ID".
std::map<std::string, int> BreaksOf(const Event& event, const Schedule& schedule) {
  std::map<std::string, std::set<int>> busy;
  for (const auto& m : schedule.meetings) {
    busy["f:" + event.suppliers[m.supplier].id].insert(m.slot);
    busy["t:" + event.stands[m.stand].id].insert(m.slot);
  }
  std::map<std::string, int> breaks;
  for (const auto& [who, slots] : busy) {
    int runs = 0;
    for (auto it = slots.begin(); std::next(it) != slots.end(); ++it) runs += *std::next(it) > *it + 1 ? 1 : 0;
    breaks[who] = runs;
  }
  return breaks;
}

int MaxBreaks(const std::map<std::string, int>& breaks) {
  int most = 0;
  for (const auto& [who, n] : breaks) most = std::max(most, n);
  return most;
}

}  // namespace

TEST_CASE("the fairness bound of the rules reaches the timetable through BuildSchedule", "[schedule][fairness]") {
  // Eight cleaning firms, three stands of one table, six slots; availabilities leave
  // holes, so that the fewest breaks in all (two) can fall on one supplier.
  auto loaded = LoadEvent(std::string(STANDMATCH_SOURCE_DIR) + "/tests/data/events/fairness_bound.json");
  REQUIRE(loaded.ok());
  const Event& event = *loaded;
  const Schedule unbounded = Build(event, RulesWith(R"({"timetable": {"fairness": -1}})"));
  const Schedule bounded = Build(event, RulesWith(R"({"timetable": {"fairness": 1}})"));
  const auto free_breaks = BreaksOf(event, unbounded), fair_breaks = BreaksOf(event, bounded);
  // The same meetings are placed either way (placing comes before fairness).
  REQUIRE(unbounded.meetings.size() == 18);
  CHECK(Pairs(event, bounded) == Pairs(event, unbounded));
  // Unbounded, the fewest breaks leave a participant with two; with the bound, nobody
  // has more than one (every participant with a single meeting has none, so the
  // spread is the largest count), and the bound costs no extra break here.
  CHECK(MaxBreaks(free_breaks) == 2);
  CHECK(MaxBreaks(fair_breaks) == 1);
  int free_total = 0, fair_total = 0;
  for (const auto& [who, n] : free_breaks) free_total += n;
  for (const auto& [who, n] : fair_breaks) fair_total += n;
  CHECK(fair_total == free_total);
  // The metrics say the same as the count from the meetings.
  CHECK(std::max(bounded.metrics.max_supplier_breaks, bounded.metrics.max_stand_breaks) == 1);
  CHECK(std::max(unbounded.metrics.max_supplier_breaks, unbounded.metrics.max_stand_breaks) == 2);
}

TEST_CASE("unmet_best_pairs lists that many of each supplier's best pairs when not met", "[schedule]") {
  Event event = Load("gosb-2025");
  for (int n : {0, 2, 3}) {
    INFO("unmet_best_pairs " << n);
    const Rules rules = RulesWith(R"({"unmet_best_pairs": )" + std::to_string(n) + "}");
    const ScoreTable scores = Score(event, rules);
    const Schedule schedule = Build(event, rules);
    std::set<std::pair<int, int>> met;
    for (const auto& m : schedule.meetings) met.insert({m.supplier, m.stand});
    // Pairs neither wished nor invited are listed only as one of the supplier's N best.
    std::set<std::pair<int, int>> listed;
    for (const auto& u : schedule.unmet)
      if (u.wish == Level::kNone && u.invitation == Level::kNone) listed.insert({u.supplier, u.stand});
    std::set<std::pair<int, int>> expected;
    for (SupplierIndex s = 0; s < static_cast<SupplierIndex>(event.suppliers.size()); ++s) {
      if (n == 0) break;
      for (const PairScore* p : RankStands(scores, s, n))
        if (!met.count({p->supplier, p->stand}) && event.WishLevel(p->supplier, p->stand) == Level::kNone &&
            event.InvitationLevel(p->supplier, p->stand) == Level::kNone)
          expected.insert({p->supplier, p->stand});
    }
    INFO(listed.size() << " listed, " << expected.size() << " expected");
    CHECK(listed == expected);
    if (n == 3) CHECK(!listed.empty());  // so the comparison above is not of empty sets
  }
}

TEST_CASE("every unmet wished pair says why", "[schedule]") {
  Event event = Load("gosb-2025");
  const Rules& rules = Rules::Default();
  auto schedule = BuildSchedule(event, rules, Score(event, rules));
  REQUIRE(schedule.ok());
  std::set<std::pair<int, int>> met;
  for (const auto& m : schedule->meetings) met.insert({m.supplier, m.stand});
  std::set<std::pair<int, int>> unmet;
  for (const auto& u : schedule->unmet) {
    CHECK(!u.text.empty());
    CHECK(met.count({u.supplier, u.stand}) == 0);
    unmet.insert({u.supplier, u.stand});
  }
  for (const auto& w : event.wishes) {
    if (w.level == Level::kNo) continue;
    CHECK((met.count({w.supplier, w.stand}) + unmet.count({w.supplier, w.stand})) == 1);
  }
}

TEST_CASE("unmet pairs carry a stable code, and the code is what is read back", "[schedule][unmet]") {
  Event event = Load("gosb-2025");
  const Rules& rules = Rules::Default();
  auto schedule = BuildSchedule(event, rules, Score(event, rules));
  REQUIRE(schedule.ok());
  REQUIRE_FALSE(schedule->unmet.empty());
  for (const UnmetPair& u : schedule->unmet) {
    REQUIRE(UnmetReasonFromCode(UnmetCode(u.reason)) == u.reason);
  }
  auto doc = nlohmann::json::parse(ScheduleToJson(event, *schedule));
  REQUIRE(doc["unmet"].size() == schedule->unmet.size());
  for (size_t i = 0; i < schedule->unmet.size(); ++i)
    CHECK(doc["unmet"][i]["code"] == std::string(UnmetCode(schedule->unmet[i].reason)));

  // The prose is for people: a schedule whose reasons were reworded (or translated)
  // reads back the same reasons from their codes.
  std::set<std::string> codes;
  for (auto& u : doc["unmet"]) {
    codes.insert(u["code"].get<std::string>());
    u["reason"] = "raison reformulée";
  }
  CHECK(codes.size() >= 2);
  auto parsed = ParseSchedule(doc.dump(), "schedule.json", event);
  REQUIRE(parsed.ok());
  REQUIRE(parsed->unmet.size() == schedule->unmet.size());
  for (size_t i = 0; i < parsed->unmet.size(); ++i) CHECK(parsed->unmet[i].reason == schedule->unmet[i].reason);
  CHECK_FALSE(UnmetReasonFromCode("full").has_value());
}
