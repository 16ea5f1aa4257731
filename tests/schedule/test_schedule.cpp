// The schedule pipeline on the default events and on generated ones.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "match/io/event_io.h"
#include "match/tools/generate.h"
#include "match/schedule/schedule.h"
#include "check_helper.h"

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
    // Every pair of the must kind that is scored and meets is honoured before coverage.
    CHECK(schedule->metrics.suppliers_met <= schedule->metrics.suppliers_with_candidate);
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
