// The changes file (standmatch.changes/1): reading, error texts, and the event as changed.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "event_builder.h"
#include "match/replan/changes.h"
#include "match/schedule/schedule.h"
#include "match/score/scoring.h"

using namespace match;
using nlohmann::json;

namespace {

// Six 10-minute slots from 10:00; stands s1 (2 tables) and s2; suppliers f1..f4.
Event SmallEvent() {
  json doc = event_builder::MinimalEvent();
  doc["stands"][0]["tables"] = 2;
  doc["stands"].push_back(event_builder::Stand("s2", {event_builder::Need("n2", {"39130000-2"})}));
  for (const char* id : {"f2", "f3", "f4"}) doc["suppliers"].push_back(event_builder::Supplier(id, {"39130000"}));
  return event_builder::Parse(doc);
}

Schedule MeetingsAt(const Event& event, std::vector<std::tuple<const char*, const char*, int, int>> meetings) {
  Schedule schedule;
  schedule.event_id = event.id;
  schedule.slots = event.slots;
  for (const auto& [s, t, slot, table] : meetings) {
    Meeting m;
    m.supplier = *event.FindSupplier(s);
    m.stand = *event.FindStand(t);
    m.slot = slot;
    m.table = table;
    schedule.meetings.push_back(m);
  }
  return schedule;
}

std::vector<std::string> Errors(const Event& event, const Schedule& schedule, const json& doc) {
  auto parsed = ParseChanges(doc.dump(), "changes.json", event, schedule);
  if (parsed.ok()) return {};
  return parsed.status().messages();
}

json Doc(json changes) { return {{"format", "standmatch.changes/1"}, {"now", "10:20"}, {"changes", changes}}; }

}  // namespace

TEST_CASE("every change kind reads into resolved indices", "[changes]") {
  Event event = SmallEvent();
  Schedule schedule = MeetingsAt(event, {{"f1", "s1", 0, 1}, {"f2", "s1", 3, 1}, {"f3", "s2", 4, 1}});
  json doc = Doc(json::array({
      {{"kind", "cancel_supplier"}, {"supplier", "f4"}},
      {{"kind", "no_show"}, {"supplier", "f1"}, {"stand", "s1"}},
      {{"kind", "availability"}, {"supplier", "f2"}, {"available", {{{"start", "10:30"}, {"end", "11:00"}}}}},
      {{"kind", "walk_in"},
       {"supplier",
        {{"id", "w1"},
         {"name", "Walk-in"},
         {"commune", "94076"},
         {"cpv", {"39130000"}},
         {"wishes", {{{"stand", "s2"}, {"level", "must"}}}}}}},
      {{"kind", "stand_tables"}, {"stand", "s1"}, {"tables", 1}},
      {{"kind", "stand_availability"}, {"stand", "s2"}, {"available", json::array()}},
      {{"kind", "cancel_meeting"}, {"supplier", "f2"}, {"stand", "s1"}},
      {{"kind", "lock_meeting"}, {"supplier", "f3"}, {"stand", "s2"}},
      {{"kind", "availability"}, {"supplier", "w1"}, {"available", {{{"start", "10:40"}, {"end", "11:00"}}}}},
  }));
  auto parsed = ParseChanges(doc.dump(), "changes.json", event, schedule);
  INFO(parsed.status().ToString());
  REQUIRE(parsed.ok());
  const ChangeSet& c = *parsed;
  REQUIRE(c.now == ParseTime("10:20"));
  REQUIRE(c.changes.size() == 9);
  CHECK(c.changes[0].kind == Change::Kind::kCancelSupplier);
  CHECK(c.changes[0].supplier == 3);
  CHECK(c.changes[1].stand == 0);
  CHECK(c.changes[2].available.size() == 1);
  CHECK(c.changes[2].available[0].start == 630);
  CHECK(c.changes[3].kind == Change::Kind::kWalkIn);
  CHECK(c.changes[3].supplier == 4);  // after the event's suppliers
  REQUIRE(c.walk_ins.size() == 1);
  CHECK(c.walk_ins[0].id == "w1");
  REQUIRE(c.walk_in_wishes.size() == 1);
  CHECK(c.walk_in_wishes[0].stand == 1);
  CHECK(c.walk_in_wishes[0].level == Level::kMust);
  CHECK(c.changes[4].tables == 1);
  CHECK(c.changes[5].available.empty());
  CHECK(c.changes[6].kind == Change::Kind::kCancelMeeting);
  CHECK(c.changes[7].kind == Change::Kind::kLockMeeting);
  CHECK(c.changes[8].supplier == 4);  // names the walk-in
  CHECK(c.changes[8].path == "changes[8]");
  CHECK(ChangeKindName(Change::Kind::kStandAvailability) == "stand_availability");
}

TEST_CASE("changes file errors name the file, the JSON path and the value", "[changes]") {
  Event event = SmallEvent();
  Schedule schedule = MeetingsAt(event, {{"f1", "s1", 0, 1}});
  CHECK(Errors(event, schedule, Doc(json::array({{{"kind", "cancel_supplier"}, {"supplier", "f9"}}}))) ==
        std::vector<std::string>{"changes.json: changes[0].supplier: \"f9\" names no supplier"});
  CHECK(Errors(event, schedule, Doc(json::array({{{"kind", "stand_tables"}, {"stand", "zz"}, {"tables", 1}}}))) ==
        std::vector<std::string>{"changes.json: changes[0].stand: \"zz\" names no stand"});
  CHECK(
      Errors(event, schedule, Doc(json::array({{{"kind", "cancel_meeting"}, {"supplier", "f2"}, {"stand", "s1"}}}))) ==
      std::vector<std::string>{"changes.json: changes[0]: the schedule holds no meeting between \"f2\" and \"s1\""});
  CHECK(Errors(event, schedule, Doc(json::array({{{"kind", "explode"}}}))) ==
        std::vector<std::string>{
            "changes.json: changes[0].kind: \"explode\" is not one of cancel_supplier, no_show, "
            "availability, walk_in, stand_tables, stand_availability, cancel_meeting, lock_meeting"});
  CHECK(Errors(event, schedule, Doc(json::array({{{"kind", "stand_tables"}, {"stand", "s1"}, {"tables", 0}}}))) ==
        std::vector<std::string>{"changes.json: changes[0].tables: 0 is out of range [1, 1000]"});
  CHECK(Errors(event, schedule,
               Doc(json::array(
                   {{{"kind", "walk_in"}, {"supplier", {{"id", "f1"}, {"name", "x"}, {"cpv", {"39130000"}}}}}}))) ==
        std::vector<std::string>{"changes.json: changes[0].supplier.id: \"f1\" is already a supplier of the event"});
  CHECK(Errors(event, schedule,
               Doc(json::array({{{"kind", "walk_in"}, {"supplier", {{"id", "w"}, {"name", "x"}, {"cpv", {"3913"}}}}}})))
            .front()
            .rfind("changes.json: changes[0].supplier.cpv[0]: \"3913\"", 0) == 0);
  CHECK(Errors(event, schedule,
               Doc(json::array({{{"kind", "availability"},
                                 {"supplier", "f1"},
                                 {"available", {{{"start", "11:00"}, {"end", "10:30"}}}}}}))) ==
        std::vector<std::string>{
            "changes.json: changes[0].available[0]: the window ends (10:30) before it starts (11:00)"});
  json bad_now = Doc(json::array());
  bad_now["now"] = "25:00";
  CHECK(Errors(event, schedule, bad_now) ==
        std::vector<std::string>{"changes.json: now: \"25:00\" is not a time (HH:MM)"});
  // Every problem is reported, in file order.
  CHECK(Errors(event, schedule,
               Doc(json::array({{{"kind", "no_show"}, {"supplier", "x1"}}, {{"kind", "no_show"}, {"supplier", "x2"}}})))
            .size() == 2);
}

TEST_CASE("the changed event keeps history and follows the changes from now on", "[changes]") {
  Event event = SmallEvent();
  // 10:20 is the start of slot 2: slots 0 and 1 are history.
  Schedule schedule = MeetingsAt(event, {{"f1", "s1", 0, 2}, {"f2", "s1", 3, 1}});
  json doc = Doc(json::array({
      {{"kind", "no_show"}, {"supplier", "f1"}},
      {{"kind", "availability"}, {"supplier", "f2"}, {"available", {{{"start", "10:40"}, {"end", "11:00"}}}}},
      {{"kind", "stand_tables"}, {"stand", "s1"}, {"tables", 1}},
      {{"kind", "stand_availability"}, {"stand", "s2"}, {"available", json::array()}},
      {{"kind", "cancel_meeting"}, {"supplier", "f2"}, {"stand", "s1"}},
  }));
  auto changes = ParseChanges(doc.dump(), "changes.json", event, schedule);
  REQUIRE(changes.ok());
  auto applied = ApplyChanges(event, schedule, *changes, 620);
  INFO(applied.status().ToString());
  REQUIRE(applied.ok());
  const Event& e = applied->event;
  CHECK(applied->first_future_slot == 2);
  CHECK(e.suppliers[0].slots == std::vector<bool>{true, true, false, false, false, false});
  CHECK(e.suppliers[1].slots == std::vector<bool>{true, true, false, false, true, true});
  CHECK(e.stands[1].slots == std::vector<bool>{true, true, false, false, false, false});
  CHECK(applied->future_tables[0] == 1);
  CHECK(e.stands[0].tables == 2);  // a history meeting used table 2
  CHECK(applied->gone[0]);
  CHECK(applied->cancelled_pairs.count({1, 0}));
  CHECK(applied->supplier_touched[1]);
  CHECK(applied->stand_touched[1]);
  CHECK_FALSE(applied->supplier_touched[2]);

  // A late arrival after a no-show brings the supplier back.
  json back = Doc(json::array(
      {{{"kind", "no_show"}, {"supplier", "f3"}},
       {{"kind", "availability"}, {"supplier", "f3"}, {"available", {{{"start", "10:30"}, {"end", "11:00"}}}}}}));
  auto back_changes = ParseChanges(back.dump(), "changes.json", event, schedule);
  REQUIRE(back_changes.ok());
  auto back_applied = ApplyChanges(event, schedule, *back_changes, 620);
  REQUIRE(back_applied.ok());
  CHECK_FALSE(back_applied->gone[2]);
  CHECK(back_applied->event.suppliers[2].slots == std::vector<bool>{true, true, false, true, true, true});

  // History cannot be cancelled: read at 10:00 (nothing held yet), applied at 10:20.
  json history = Doc(json::array({{{"kind", "cancel_meeting"}, {"supplier", "f1"}, {"stand", "s1"}}}));
  auto history_changes = ParseChanges(history.dump(), "changes.json", event, schedule, {}, 600);
  REQUIRE(history_changes.ok());
  auto refused = ApplyChanges(event, schedule, *history_changes, 620);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().ToString() ==
        "changes.json: changes[0]: the meeting of \"f1\" with \"s1\" at 10:00 started before now (10:20): history "
        "cannot be cancelled");
}

TEST_CASE("a walk-in joins from now on", "[changes]") {
  Event event = SmallEvent();
  Schedule schedule = MeetingsAt(event, {});
  json doc = Doc(
      json::array({{{"kind", "walk_in"}, {"supplier", {{"id", "w1"}, {"name", "Walk-in"}, {"cpv", {"39130000"}}}}}}));
  auto changes = ParseChanges(doc.dump(), "changes.json", event, schedule);
  REQUIRE(changes.ok());
  auto applied = ApplyChanges(event, schedule, *changes, 620);
  REQUIRE(applied.ok());
  REQUIRE(applied->event.suppliers.size() == 5);
  CHECK(applied->event.FindSupplier("w1") == 4);
  CHECK(applied->event.suppliers[4].slots == std::vector<bool>{false, false, true, true, true, true});
  CHECK(applied->supplier_touched[4]);
  CHECK(Score(applied->event, Rules::Default()).OfSupplier(4).size() == 2);
  CHECK(FirstFutureSlot(event.slots, 0) == 0);
  CHECK(FirstFutureSlot(event.slots, 625) == 3);
  CHECK(FirstFutureSlot(event.slots, 2000) == 6);
}

TEST_CASE("a cancel_meeting of a held meeting is reported with the other errors, in one pass", "[changes]") {
  Event event = SmallEvent();
  // 10:20 (the file's now) is the start of slot 2: f1's meeting at 10:00 is held.
  Schedule schedule = MeetingsAt(event, {{"f1", "s1", 0, 1}, {"f2", "s1", 3, 1}});
  json doc = Doc(json::array({
      {{"kind", "cancel_supplier"}, {"supplier", "f9"}},
      {{"kind", "stand_tables"}, {"stand", "zz"}, {"tables", 1}},
      {{"kind", "cancel_meeting"}, {"supplier", "f1"}, {"stand", "s1"}},
      {{"kind", "explode"}},
      {{"kind", "stand_tables"}, {"stand", "s1"}, {"tables", 0}},
  }));
  const std::vector<std::string> errors = Errors(event, schedule, doc);
  CHECK(errors == std::vector<std::string>{
                      "changes.json: changes[0].supplier: \"f9\" names no supplier",
                      "changes.json: changes[1].stand: \"zz\" names no stand",
                      "changes.json: changes[3].kind: \"explode\" is not one of cancel_supplier, no_show, "
                      "availability, walk_in, stand_tables, stand_availability, cancel_meeting, lock_meeting",
                      "changes.json: changes[4].tables: 0 is out of range [1, 1000]",
                      "changes.json: changes[2]: the meeting of \"f1\" with \"s1\" at 10:00 started before now "
                      "(10:20): history cannot be cancelled",
                  });
  // A --now given to the command overrides the file's: at 10:00 nothing is held yet.
  json held_only = Doc(json::array({{{"kind", "cancel_meeting"}, {"supplier", "f1"}, {"stand", "s1"}}}));
  CHECK(ParseChanges(held_only.dump(), "changes.json", event, schedule, {}, 600).ok());
  CHECK_FALSE(ParseChanges(held_only.dump(), "changes.json", event, schedule).ok());
  // The future meeting may be cancelled.
  json future = Doc(json::array({{{"kind", "cancel_meeting"}, {"supplier", "f2"}, {"stand", "s1"}}}));
  CHECK(Errors(event, schedule, future).empty());
}
