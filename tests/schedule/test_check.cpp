// Tests of the independent schedule checker: one test per kind of violation, with the
// exact message, on a small hand-written event (tests/data/check/event.json) and a
// valid schedule of it (tests/data/check/schedule.json) that each test breaks.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "check_helper.h"
#include "match/base/files.h"
#include "match/io/event_io.h"
#include "match/io/rules.h"
#include "match/schedule/check.h"
#include "match/schedule/schedule.h"
#include "match/score/scoring.h"

namespace {

using json = nlohmann::json;
using Strings = std::vector<std::string>;

const std::string kDataDir = STANDMATCH_SOURCE_DIR "/tests/data/check/";

const match::Event& TestEvent() {
  static const match::Event event = [] {
    auto loaded = match::LoadEvent(kDataDir + "event.json");
    if (!loaded.ok()) FAIL(loaded.status().ToString());
    return std::move(loaded).value();
  }();
  return event;
}

// The valid schedule of the test event, as a document to break.
json ValidSchedule() {
  auto text = match::ReadFile(kDataDir + "schedule.json");
  REQUIRE(text.ok());
  return json::parse(*text);
}

json Meeting(const std::string& supplier, const std::string& stand, int table, int slot, const std::string& start,
             const std::string& end, double score = 0.5) {
  return {{"supplier", supplier}, {"stand", stand}, {"table", table}, {"slot", slot},
          {"start", start},       {"end", end},     {"score", score}};
}

Strings Violations(const std::string& text, const match::Rules& rules = match::Rules::Default()) {
  auto check = match::CheckSchedule(TestEvent(), rules, text, "schedule.json");
  INFO(check.status().ToString());
  REQUIRE(check.ok());
  return check->violations;
}

Strings Violations(const json& doc, const match::Rules& rules = match::Rules::Default()) {
  return Violations(doc.dump(), rules);
}

// The Status of a schedule the checker cannot read.
std::string Unreadable(const std::string& text) {
  auto check = match::CheckSchedule(TestEvent(), match::Rules::Default(), text, "schedule.json");
  REQUIRE_FALSE(check.ok());
  CHECK(check.status().code() == match::Status::Code::kInvalidInput);
  return check.status().ToString();
}

TEST_CASE("check: the fixture schedule is valid", "[check]") {
  auto text = ValidSchedule().dump();
  auto check = match::CheckSchedule(TestEvent(), match::Rules::Default(), text, "schedule.json");
  REQUIRE(check.ok());
  CHECK(check->valid());
  CHECK(check->violations == Strings{});
  CHECK(check->meetings == 6);
  RequireValidSchedule(TestEvent(), match::Rules::Default(), text);
}

TEST_CASE("check: an empty schedule of a real event, slots around the break", "[check]") {
  auto event = match::LoadEvent(STANDMATCH_SOURCE_DIR "/datasets/villejuif-2025/event.json");
  REQUIRE(event.ok());
  // 10:40-12:20 in 10-minute slots without the 11:20-11:30 coffee break.
  json slots = json::array();
  int index = 0;
  for (match::Minute t = 10 * 60 + 40; t < 12 * 60 + 20; t += 10) {
    if (t == 11 * 60 + 20) continue;
    slots.push_back({{"index", index++}, {"start", match::FormatTime(t)}, {"end", match::FormatTime(t + 10)}});
  }
  REQUIRE(slots.size() == 9);
  json doc = {{"format", "standmatch.schedule/1"},
              {"event", "villejuif-fad-2025"},
              {"slots", slots},
              {"meetings", json::array()}};
  auto check = match::CheckSchedule(*event, match::Rules::Default(), doc.dump(), "schedule.json");
  REQUIRE(check.ok());
  CHECK(check->violations == Strings{});
  CHECK(check->meetings == 0);
}

TEST_CASE("check: the engine's schedules of the bundled events are valid", "[check]") {
  for (const char* name : {"villejuif-2025", "gosb-2025"}) {
    INFO(name);
    auto event = match::LoadEvent(std::string(STANDMATCH_SOURCE_DIR "/datasets/") + name + "/event.json");
    REQUIRE(event.ok());
    const match::Rules& rules = match::Rules::Default();
    auto schedule = match::BuildSchedule(*event, rules, match::Score(*event, rules));
    REQUIRE(schedule.ok());
    REQUIRE_FALSE(schedule->meetings.empty());
    RequireValidSchedule(*event, rules, match::ScheduleToJson(*event, *schedule));
  }
}

TEST_CASE("check: format and event id", "[check]") {
  json doc = ValidSchedule();
  doc["format"] = "standmatch.schedule/2";
  CHECK(Violations(doc) ==
        Strings{"schedule.json: format: \"standmatch.schedule/2\" is not \"standmatch.schedule/1\""});
  doc = ValidSchedule();
  doc["event"] = "other-forum";
  const Strings wrong_event{
      "schedule.json: event: \"other-forum\" is not the event's id \"check-forum\": the "
      "schedule belongs to another event (nothing else was checked)"};
  CHECK(Violations(doc) == wrong_event);
  // Another event's schedule is one line, whatever its slots and meetings name.
  doc["slots"] = json::array();
  doc["meetings"][0]["supplier"] = "f999";
  doc["meetings"][1]["stand"] = "nowhere";
  CHECK(Violations(doc) == wrong_event);
  doc = ValidSchedule();
  doc.erase("format");
  CHECK(Violations(doc) == Strings{"schedule.json: \"format\" is missing"});
}

TEST_CASE("check: the slot grid must be the event's", "[check]") {
  json doc = ValidSchedule();
  doc["slots"].erase(4);
  CHECK(Violations(doc) == Strings{"schedule.json: slots: 4 slots where the event has 5"});
  doc = ValidSchedule();
  doc["slots"][2] = {{"index", 2}, {"start", "10:20"}, {"end", "10:30"}};  // the break
  CHECK(Violations(doc) == Strings{"schedule.json: slots[2]: 2 (10:20-10:30) is not the event's slot 2 (10:30-10:40)"});
  doc = ValidSchedule();
  doc["slots"][1]["index"] = 7;
  CHECK(Violations(doc) == Strings{"schedule.json: slots[1]: 7 (10:10-10:20) is not the event's slot 1 (10:10-10:20)"});
  doc = ValidSchedule();
  doc["slots"][0].erase("index");
  doc["slots"][3]["end"] = "25:00";
  CHECK(Violations(doc) == Strings{"schedule.json: slots[0]: \"index\" is missing",
                                   "schedule.json: slots[3].end: \"25:00\" is not a time (HH:MM)"});
}

TEST_CASE("check: unknown supplier or stand", "[check]") {
  json doc = ValidSchedule();
  doc["meetings"][1]["supplier"] = "f999";
  doc["meetings"][3]["stand"] = "cantine";
  CHECK(Violations(doc) == Strings{"schedule.json: meetings[1].supplier: \"f999\" is not a supplier of the event",
                                   "schedule.json: meetings[3].stand: \"cantine\" is not a stand of the event"});
}

TEST_CASE("check: table out of the stand's range", "[check]") {
  json doc = ValidSchedule();
  doc["meetings"][1]["table"] = 3;
  doc["meetings"][2]["table"] = 0;
  CHECK(Violations(doc) ==
        Strings{"schedule.json: meetings[1].table: 3 is not a table of stand \"mobilier\" (1 to 2)",
                "schedule.json: meetings[2].table: 0 is not a table of stand \"insertion\" (1 to 1)"});
}

TEST_CASE("check: slot index and times", "[check]") {
  json doc = ValidSchedule();
  doc["meetings"][0]["slot"] = 5;
  doc["meetings"][1]["slot"] = -1;
  CHECK(Violations(doc) == Strings{"schedule.json: meetings[0].slot: 5 is not a slot of the event (0 to 4)",
                                   "schedule.json: meetings[1].slot: -1 is not a slot of the event (0 to 4)"});
  doc = ValidSchedule();
  doc["meetings"][2]["start"] = "10:35";
  doc["meetings"][2]["end"] = "10:45";
  CHECK(Violations(doc) ==
        Strings{"schedule.json: meetings[2].start: \"10:35\" is not the start of slot 2 (10:30-10:40)",
                "schedule.json: meetings[2].end: \"10:45\" is not the end of slot 2 (10:30-10:40)"});
}

TEST_CASE("check: supplier not available in the slot", "[check]") {
  json doc = ValidSchedule();
  doc["meetings"][1] = Meeting("f002", "mobilier", 2, 3, "10:40", "10:50");  // f002 leaves at 10:40
  CHECK(Violations(doc) ==
        Strings{"schedule.json: meetings[1]: supplier \"f002\" is not available in slot 3 (10:40-10:50)"});
}

TEST_CASE("check: stand not staffed in the slot", "[check]") {
  json doc = ValidSchedule();
  doc["meetings"][2] = Meeting("f001", "insertion", 1, 1, "10:10", "10:20");  // staffed from 10:30
  CHECK(Violations(doc) ==
        Strings{"schedule.json: meetings[2]: stand \"insertion\" is not staffed in slot 1 (10:10-10:20)"});
}

TEST_CASE("check: a supplier in two meetings in one slot", "[check]") {
  json doc = ValidSchedule();
  doc["meetings"][3] = Meeting("f003", "mobilier", 1, 3, "10:40", "10:50");
  CHECK(Violations(doc) ==
        Strings{"schedule.json: meetings[4]: supplier \"f003\" already has a meeting in slot 3 (10:40-10:50): "
                "meetings[3]"});
}

TEST_CASE("check: a stand table used twice in one slot", "[check]") {
  json doc = ValidSchedule();
  doc["meetings"][1]["table"] = 1;
  CHECK(Violations(doc) ==
        Strings{"schedule.json: meetings[1]: table 1 of stand \"mobilier\" is already used in slot 0 (10:00-10:10) "
                "by meetings[0]"});
}

TEST_CASE("check: a pair meets at most once", "[check]") {
  json doc = ValidSchedule();
  doc["meetings"].push_back(Meeting("f003", "mobilier", 2, 3, "10:40", "10:50"));
  CHECK(Violations(doc) == Strings{"schedule.json: meetings[6]: supplier \"f003\" already has a meeting in slot 3 "
                                   "(10:40-10:50): meetings[4]",
                                   "schedule.json: meetings[6]: supplier \"f003\" meets stand \"mobilier\" again "
                                   "(first in meetings[3])"});
}

TEST_CASE("check: a supplier's maximum of meetings", "[check]") {
  json doc = ValidSchedule();
  doc["meetings"].push_back(Meeting("f001", "espaces-verts", 1, 1, "10:10", "10:20"));
  doc["meetings"].push_back(Meeting("f001", "espaces-verts", 1, 0, "10:00", "10:10"));
  // f001 gives max_meetings 2: reported once, at the first meeting beyond it.
  auto violations = Violations(doc);
  REQUIRE(violations.size() == 3);
  CHECK(violations[0] == "schedule.json: meetings[6]: supplier \"f001\" has 4 meetings, more than its maximum of 2");
  CHECK(violations[1] ==
        "schedule.json: meetings[7]: supplier \"f001\" already has a meeting in slot 0 "
        "(10:00-10:10): meetings[0]");
  CHECK(violations[2] ==
        "schedule.json: meetings[7]: supplier \"f001\" meets stand \"espaces-verts\" again "
        "(first in meetings[6])");

  // Without max_meetings, the rules' default applies.
  match::Rules rules = match::Rules::Default();
  rules.default_max_meetings = 1;
  CHECK(Violations(ValidSchedule(), rules) ==
        Strings{"schedule.json: meetings[4]: supplier \"f003\" has 2 meetings, more than its maximum of 1"});
}

TEST_CASE("check: a refused pair", "[check]") {
  json doc = ValidSchedule();
  doc["meetings"].push_back(Meeting("f002", "espaces-verts", 1, 1, "10:10", "10:20"));
  doc["meetings"].push_back(Meeting("f004", "mobilier", 2, 1, "10:10", "10:20"));
  CHECK(Violations(doc) ==
        Strings{"schedule.json: meetings[6]: supplier \"f002\" refused stand \"espaces-verts\" (wish \"no\")",
                "schedule.json: meetings[7]: stand \"mobilier\" refused supplier \"f004\" (invitation \"no\")"});
}

TEST_CASE("check: reserved contracts", "[check]") {
  json doc = ValidSchedule();
  // Every need of "insertion" is reserved; f003 is neither an SIAE nor an EA/ESAT.
  doc["meetings"].push_back(Meeting("f003", "insertion", 1, 4, "10:50", "11:00"));
  CHECK(Violations(doc) ==
        Strings{"schedule.json: meetings[6]: supplier \"f003\" may not meet stand \"insertion\": every need of the "
                "stand is reserved (L2113-12: EA and ESAT; L2113-13: inclusion structures (SIAE)) and the supplier "
                "is not eligible"});
  // Rules that do not enforce reservations accept it.
  match::Rules rules = match::Rules::Default();
  rules.enforce_reserved = false;
  CHECK(Violations(doc, rules) == Strings{});
  // "espaces-verts" has an unreserved need: f003 and f004 meet it in the valid schedule,
  // but not about its reserved need.
  doc = ValidSchedule();
  doc["meetings"][4]["need"] = "entretien";
  CHECK(Violations(doc) == Strings{"schedule.json: meetings[4]: supplier \"f003\" may not hold need \"entretien\" of "
                                   "stand \"espaces-verts\": it is reserved (L2113-13: inclusion structures (SIAE)) "
                                   "and the supplier is not eligible"});
  CHECK(Violations(doc, rules) == Strings{});
}

TEST_CASE("check: the need a meeting names belongs to its stand", "[check]") {
  json doc = ValidSchedule();
  doc["meetings"][4]["need"] = "nettoyage";
  doc["meetings"][5]["need"] = 7;
  doc["meetings"][5]["locked"] = "yes";
  CHECK(Violations(doc) ==
        Strings{"schedule.json: meetings[4].need: \"nettoyage\" is not a need of stand \"espaces-verts\"",
                "schedule.json: meetings[5].need: 7 is not a string",
                "schedule.json: meetings[5].locked: \"yes\" is not true or false"});
}

TEST_CASE("check: score in [0, 1]", "[check]") {
  json doc = ValidSchedule();
  doc["meetings"][0]["score"] = 1.5;
  doc["meetings"][1]["score"] = -0.25;
  doc["meetings"][2]["score"] = "high";
  doc["meetings"][3].erase("score");
  CHECK(Violations(doc) == Strings{"schedule.json: meetings[0].score: 1.5 is not in [0, 1]",
                                   "schedule.json: meetings[1].score: -0.25 is not in [0, 1]",
                                   "schedule.json: meetings[2].score: \"high\" is not a number",
                                   "schedule.json: meetings[3]: \"score\" is missing"});
}

TEST_CASE("check: malformed fields name their JSON path", "[check]") {
  json doc = ValidSchedule();
  doc["meetings"][0].erase("table");
  doc["meetings"][1]["slot"] = "0";
  doc["meetings"][2]["start"] = "half past ten";
  doc["meetings"][3] = "f003 at mobilier";
  doc["meetings"][4]["supplier"] = 3;
  doc["unmet"] = {{"supplier", "f002"}};
  doc["metrics"] = json::array();
  CHECK(Violations(doc) == Strings{"schedule.json: meetings[0]: \"table\" is missing",
                                   "schedule.json: meetings[1].slot: \"0\" is not a whole number",
                                   "schedule.json: meetings[2].start: \"half past ten\" is not a time (HH:MM)",
                                   "schedule.json: meetings[3]: \"f003 at mobilier\" is not an object",
                                   "schedule.json: meetings[4].supplier: 3 is not a string",
                                   "schedule.json: unmet: {\"supplier\":\"f002\"} is not a list",
                                   "schedule.json: metrics: [] is not an object"});
  doc = ValidSchedule();
  doc.erase("meetings");
  doc["slots"] = json::object();
  CHECK(Violations(doc) == Strings{"schedule.json: slots: {} is not a list", "schedule.json: \"meetings\" is missing"});
}

TEST_CASE("check: several violations are all reported, in file order", "[check]") {
  json doc = ValidSchedule();
  doc["format"] = "standmatch.schedule/2";
  doc["meetings"][1]["table"] = 1;                                            // table clash with meetings[0]
  doc["meetings"][2] = Meeting("f002", "insertion", 1, 3, "10:40", "10:50");  // away, reserved
  doc["meetings"][5]["score"] = 2;
  CHECK(Violations(doc) ==
        Strings{"schedule.json: format: \"standmatch.schedule/2\" is not \"standmatch.schedule/1\"",
                "schedule.json: meetings[1]: table 1 of stand \"mobilier\" is already used in slot 0 (10:00-10:10) "
                "by meetings[0]",
                "schedule.json: meetings[2]: supplier \"f002\" is not available in slot 3 (10:40-10:50)",
                "schedule.json: meetings[2]: supplier \"f002\" may not meet stand \"insertion\": every need of the "
                "stand is reserved (L2113-12: EA and ESAT; L2113-13: inclusion structures (SIAE)) and the supplier "
                "is not eligible",
                "schedule.json: meetings[5].score: 2 is not in [0, 1]"});
}

TEST_CASE("check: unreadable schedules are a Status", "[check]") {
  CHECK(Unreadable("{\"format\": ") ==
        "schedule.json: not valid JSON: parse error at line 1, column 12: syntax error while parsing value - "
        "unexpected end of input; expected '[', '{', or a literal");
  CHECK(Unreadable("[1, 2]") == "schedule.json: [1,2] is not an object");
  auto missing = match::CheckScheduleFile(TestEvent(), match::Rules::Default(), kDataDir + "no-such-schedule.json");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == match::Status::Code::kIoError);
}

TEST_CASE("check: a file is checked under its path", "[check]") {
  auto check = match::CheckScheduleFile(TestEvent(), match::Rules::Default(), kDataDir + "schedule.json");
  REQUIRE(check.ok());
  CHECK(check->valid());
  CHECK(check->meetings == 6);
}

}  // namespace
