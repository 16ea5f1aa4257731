// Tests of the event loader (match/io/event_io.h): the exact text of every kind of error,
// every error reported in input order, warnings, and the default events.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "event_builder.h"
#include "match/domain/cpv.h"
#include "match/io/event_io.h"

namespace {

using event_builder::Errors;
using event_builder::MinimalEvent;
using event_builder::Need;
using event_builder::OfficialCpv;
using event_builder::Parse;
using event_builder::Stand;
using event_builder::Supplier;
using nlohmann::json;
using Messages = std::vector<std::string>;

const char kFixtures[] = STANDMATCH_SOURCE_DIR "/tests/data/events/";

json& FirstSupplier(json& doc) { return doc["suppliers"][0]; }
json& FirstNeed(json& doc) { return doc["stands"][0]["needs"][0]; }

TEST_CASE("the minimal event loads", "[event_io]") {
  match::Event event = Parse(MinimalEvent());
  CHECK(event.id == "test-event");
  REQUIRE(event.stands.size() == 1);
  REQUIRE(event.needs.size() == 1);
  REQUIRE(event.suppliers.size() == 1);
  CHECK(event.slots.size() == 6);
  CHECK(event.needs[0].cpv[0].digits() == 39130000u);
  CHECK(event.needs[0].cpv[0].check_digit() == 2);
  CHECK(event.FindSupplier("f1") == 0);
  CHECK(event.FindStand("s1") == 0);
  CHECK_FALSE(event.FindStand("f1").has_value());
}

TEST_CASE("unknown fields are kept and ignored", "[event_io]") {
  json doc = MinimalEvent();
  doc["event"]["venue"] = "Salle du conseil";
  FirstSupplier(doc)["website"] = {{"url", "https://example.org"}};
  FirstNeed(doc)["notes"] = json::array({1, 2});
  CHECK(Errors(doc).empty());
}

TEST_CASE("a wrong type names the path and the value", "[event_io]") {
  SECTION("integer field given a string") {
    json doc = MinimalEvent();
    FirstSupplier(doc)["employees"] = "eight";
    CHECK(Errors(doc) == Messages{"event.json: suppliers[0].employees: \"eight\" is not a whole number"});
  }
  SECTION("integer field given a fraction") {
    json doc = MinimalEvent();
    doc["stands"][0]["tables"] = 1.5;
    CHECK(Errors(doc) == Messages{"event.json: stands[0].tables: 1.5 is not a whole number"});
  }
  SECTION("string field given a number") {
    json doc = MinimalEvent();
    FirstSupplier(doc)["name"] = 5;
    CHECK(Errors(doc) == Messages{"event.json: suppliers[0].name: 5 is not a string"});
  }
  SECTION("number field given a string") {
    json doc = MinimalEvent();
    FirstNeed(doc)["amount_eur"] = "35 000";
    CHECK(Errors(doc) == Messages{"event.json: stands[0].needs[0].amount_eur: \"35 000\" is not a number"});
  }
  SECTION("boolean field given a string") {
    json doc = MinimalEvent();
    FirstNeed(doc)["reuse"] = "yes";
    CHECK(Errors(doc) == Messages{"event.json: stands[0].needs[0].reuse: \"yes\" is not true or false"});
  }
  SECTION("list given an object") {
    json doc = MinimalEvent();
    doc["buyers"] = json::object();
    // The stand then names no buyer: both are reported.
    CHECK(Errors(doc) ==
          Messages{"event.json: buyers: {} is not a list", "event.json: stands[0].buyer: \"b1\" names no buyer"});
  }
  SECTION("record given a string") {
    json doc = MinimalEvent();
    doc["suppliers"].push_back("f2");
    CHECK(Errors(doc) == Messages{"event.json: suppliers[1]: \"f2\" is not an object"});
  }
  SECTION("out of range") {
    json doc = MinimalEvent();
    doc["stands"][0]["tables"] = 1001;
    CHECK(Errors(doc) == Messages{"event.json: stands[0].tables: 1001 is out of range [1, 1000]"});
    doc["stands"][0]["tables"] = 2;
    FirstSupplier(doc)["employees"] = -1;
    CHECK(Errors(doc) == Messages{"event.json: suppliers[0].employees: -1 is out of range [0, 10000000]"});
    FirstSupplier(doc)["employees"] = 8;
    FirstNeed(doc)["insertion_clause_pct"] = 120;
    CHECK(Errors(doc) == Messages{"event.json: stands[0].needs[0].insertion_clause_pct: 120 is out of range"});
  }
}

// JsonReader::Integer checks only the upper bound of a non-negative number (nlohmann
// stores it as unsigned), so a minimum above 0 is never enforced: "tables": 0 and
// "slot_minutes": 0 load without the out-of-range error.
TEST_CASE("a whole number below its minimum is out of range", "[event_io]") {
  json doc = MinimalEvent();
  doc["stands"][0]["tables"] = 0;
  CHECK(Errors(doc) == Messages{"event.json: stands[0].tables: 0 is out of range [1, 1000]"});
  doc = MinimalEvent();
  doc["event"]["slot_minutes"] = 0;
  CHECK(Errors(doc) == Messages{"event.json: event.slot_minutes: 0 is out of range [1, 480]"});
}

TEST_CASE("a missing required field names the record", "[event_io]") {
  SECTION("supplier name") {
    json doc = MinimalEvent();
    FirstSupplier(doc).erase("name");
    CHECK(Errors(doc) == Messages{"event.json: suppliers[0]: \"name\" is missing"});
  }
  SECTION("need cpv") {
    json doc = MinimalEvent();
    FirstNeed(doc).erase("cpv");
    CHECK(Errors(doc) == Messages{"event.json: stands[0].needs[0]: \"cpv\" is missing"});
  }
  SECTION("empty need cpv") {
    json doc = MinimalEvent();
    FirstNeed(doc)["cpv"] = json::array();
    CHECK(Errors(doc) == Messages{"event.json: stands[0].needs[0].cpv: the list is empty"});
  }
  SECTION("the event header") {
    json doc = MinimalEvent();
    doc.erase("event");
    CHECK(Errors(doc) == Messages{"event.json: \"event\" is missing"});
  }
  SECTION("the sessions") {
    json doc = MinimalEvent();
    doc["event"].erase("sessions");
    CHECK(Errors(doc) == Messages{"event.json: event: \"sessions\" is missing"});
  }
  SECTION("a wish level") {
    json doc = MinimalEvent();
    FirstSupplier(doc)["wishes"] = json::array({{{"stand", "s1"}}});
    CHECK(Errors(doc) == Messages{"event.json: suppliers[0].wishes[0]: \"level\" is missing"});
  }
  SECTION("the suppliers") {
    json doc = MinimalEvent();
    doc.erase("suppliers");
    CHECK(Errors(doc) == Messages{"event.json: \"suppliers\" is missing"});
  }
  SECTION("an empty id") {
    json doc = MinimalEvent();
    FirstSupplier(doc)["id"] = "";
    CHECK(Errors(doc) == Messages{"event.json: suppliers[0].id: \"\" is not an id (1 to 64 characters)"});
  }
  SECTION("an id of 65 characters") {
    json doc = MinimalEvent();
    FirstSupplier(doc)["id"] = std::string(65, 'x');
    CHECK(Errors(doc) ==
          Messages{"event.json: suppliers[0].id: \"" + std::string(65, 'x') + "\" is not an id (1 to 64 characters)"});
    FirstSupplier(doc)["id"] = std::string(64, 'x');
    CHECK(Errors(doc).empty());
  }
}

TEST_CASE("a dangling reference names the value", "[event_io]") {
  SECTION("a wish naming no stand") {
    json doc = MinimalEvent();
    FirstSupplier(doc)["wishes"] = json::array({{{"stand", "nope"}, {"level", "must"}}});
    CHECK(Errors(doc) == Messages{"event.json: suppliers[0].wishes[0].stand: \"nope\" names no stand"});
  }
  SECTION("an invitation naming no supplier") {
    json doc = MinimalEvent();
    doc["invitations"] = json::array({{{"stand", "s1"}, {"supplier", "f9"}, {"level", "want"}}});
    CHECK(Errors(doc) == Messages{"event.json: invitations[0].supplier: \"f9\" names no supplier"});
  }
  SECTION("an invitation naming no stand") {
    json doc = MinimalEvent();
    doc["invitations"] = json::array({{{"stand", "s9"}, {"supplier", "f1"}, {"level", "want"}}});
    CHECK(Errors(doc) == Messages{"event.json: invitations[0].stand: \"s9\" names no stand"});
  }
  SECTION("a stand naming no buyer") {
    json doc = MinimalEvent();
    doc["stands"][0]["buyer"] = "b9";
    CHECK(Errors(doc) == Messages{"event.json: stands[0].buyer: \"b9\" names no buyer"});
  }
  SECTION("a second wish for the same stand") {
    json doc = MinimalEvent();
    FirstSupplier(doc)["wishes"] =
        json::array({{{"stand", "s1"}, {"level", "must"}}, {{"stand", "s1"}, {"level", "want"}}});
    CHECK(Errors(doc) == Messages{"event.json: suppliers[0].wishes[1]: a second entry for the same pair"});
  }
}

TEST_CASE("a duplicate id names the first occurrence", "[event_io]") {
  SECTION("suppliers") {
    json doc = MinimalEvent();
    doc["suppliers"].push_back(Supplier("f1", {"39130000"}));
    CHECK(Errors(doc) == Messages{"event.json: suppliers[1].id: \"f1\" is a duplicate of suppliers[0].id"});
  }
  SECTION("stands") {
    json doc = MinimalEvent();
    doc["stands"].push_back(Stand("s1", {Need("n2", {"45000000"})}));
    CHECK(Errors(doc) == Messages{"event.json: stands[1].id: \"s1\" is a duplicate of stands[0].id"});
  }
  SECTION("needs of one stand") {
    json doc = MinimalEvent();
    doc["stands"][0]["needs"].push_back(Need("n1", {"45000000"}));
    CHECK(Errors(doc) == Messages{"event.json: stands[0].needs[1].id: \"n1\" is a duplicate of stands[0].needs[0].id"});
  }
  SECTION("buyers") {
    json doc = MinimalEvent();
    doc["buyers"].push_back(event_builder::Buyer("b1"));
    CHECK(Errors(doc) == Messages{"event.json: buyers[1].id: \"b1\" is a duplicate of buyers[0].id"});
  }
}

TEST_CASE("a malformed CPV code is an error", "[event_io]") {
  json doc = MinimalEvent();
  FirstNeed(doc)["cpv"] = json::array({"3913"});
  CHECK(Errors(doc) == Messages{"event.json: stands[0].needs[0].cpv[0]: \"3913\" is not a CPV code"});
  FirstNeed(doc)["cpv"] = json::array({39130000});
  CHECK(Errors(doc) == Messages{"event.json: stands[0].needs[0].cpv[0]: 39130000 is not a CPV code"});
  FirstNeed(doc)["cpv"] = json::array({"39130000"});
  FirstSupplier(doc)["cpv"] = json::array({"39130000", "3913000X"});
  CHECK(Errors(doc) == Messages{"event.json: suppliers[0].cpv[1]: \"3913000X\" is not a CPV code"});
}

TEST_CASE("with the official list, CPV codes must be in it with the right check digit", "[event_io]") {
  match::LoadOptions options;
  options.cpv_list = &OfficialCpv();
  json doc = MinimalEvent();
  CHECK(Errors(doc, options).empty());
  FirstNeed(doc)["cpv"] = json::array({"99999999"});
  CHECK(Errors(doc, options) ==
        Messages{"event.json: stands[0].needs[0].cpv[0]: \"99999999\" is not in the official CPV list"});
  // Without the list the code is only checked for its shape.
  CHECK(Errors(doc).empty());
  FirstNeed(doc)["cpv"] = json::array({"39130000-3"});
  CHECK(Errors(doc, options) ==
        Messages{"event.json: stands[0].needs[0].cpv[0]: \"39130000-3\" has the wrong check digit "
                 "(the official code is 39130000-2)"});
  FirstNeed(doc)["cpv"] = json::array({"39130000"});
  CHECK(Errors(doc, options).empty());
}

TEST_CASE("a bad SIRET or SIREN is an error", "[event_io]") {
  json doc = MinimalEvent();
  doc["buyers"][0]["siret"] = event_builder::kBuyerSiret;
  FirstSupplier(doc)["siret"] = event_builder::kSupplierSiret;
  CHECK(Errors(doc).empty());
  FirstSupplier(doc)["siret"] = "732829320";  // a SIREN is accepted
  CHECK(Errors(doc).empty());
  doc["buyers"][0]["siret"] = "21940076900013";
  CHECK(Errors(doc) == Messages{"event.json: buyers[0].siret: \"21940076900013\" is not a valid SIRET: it has 14 "
                                "digits but its check digit (Luhn) fails"});
  doc["buyers"][0]["siret"] = event_builder::kBuyerSiret;
  FirstSupplier(doc)["siret"] = "732829321";
  CHECK(Errors(doc) == Messages{"event.json: suppliers[0].siret: \"732829321\" is not a valid SIREN: it has 9 "
                                "digits but its check digit (Luhn) fails"});
  FirstSupplier(doc)["siret"] = "7328293200007";
  CHECK(Errors(doc) == Messages{"event.json: suppliers[0].siret: \"7328293200007\" is not a valid SIRET (14 digits) "
                                "or SIREN (9 digits)"});
}

TEST_CASE("a bad INSEE code is an error", "[event_io]") {
  SECTION("syntax") {
    json doc = MinimalEvent();
    FirstSupplier(doc)["commune"] = "9407";
    CHECK(Errors(doc) == Messages{"event.json: suppliers[0].commune: \"9407\" is not an INSEE commune code"});
    FirstSupplier(doc)["commune"] = "2C004";
    CHECK(Errors(doc) == Messages{"event.json: suppliers[0].commune: \"2C004\" is not an INSEE commune code"});
  }
  SECTION("unknown commune") {
    json doc = MinimalEvent();
    doc["event"]["territory"] = json::array({"94076", "94999"});
    CHECK(Errors(doc) == Messages{"event.json: event.territory[1]: \"94999\" is not a commune of the territory table"});
  }
  SECTION("Corsica codes are accepted") {
    json doc = MinimalEvent();
    FirstSupplier(doc)["commune"] = "2A004";
    CHECK(Errors(doc).empty());
  }
  SECTION("buyer") {
    json doc = MinimalEvent();
    doc["buyers"][0]["commune"] = "94 076";
    CHECK(Errors(doc) == Messages{"event.json: buyers[0].commune: \"94 076\" is not an INSEE commune code"});
  }
}

TEST_CASE("a département may stand in for an unknown commune", "[event_io]") {
  json doc = MinimalEvent();
  FirstSupplier(doc).erase("commune");
  FirstSupplier(doc)["departement"] = "2A";
  doc["buyers"][0]["departement"] = "94";  // with its commune 94076: consistent
  match::Event event = Parse(doc);
  CHECK(event.suppliers[0].commune.empty());
  CHECK(event.suppliers[0].place() == "2A");
  CHECK(event.buyers[0].place() == "94076");

  FirstSupplier(doc)["departement"] = "99";
  doc["buyers"][0]["departement"] = "92";
  CHECK(Errors(doc) ==
        Messages{"event.json: buyers[0].departement: \"92\" is not the département of commune \"94076\" (94)",
                 "event.json: suppliers[0].departement: \"99\" is not a département code of the territory table"});
}

TEST_CASE("a malformed time is an error", "[event_io]") {
  json doc = MinimalEvent();
  doc["event"]["sessions"][0]["start"] = "10h00";
  CHECK(Errors(doc) == Messages{"event.json: event.sessions[0].start: \"10h00\" is not a time (HH:MM)"});
  doc["event"]["sessions"][0]["start"] = "24:00";
  CHECK(Errors(doc) == Messages{"event.json: event.sessions[0].start: \"24:00\" is not a time (HH:MM)"});
  doc["event"]["sessions"][0]["start"] = "10:00";
  FirstSupplier(doc)["available"] = json::array({{{"start", "10:00"}, {"end", "10:60"}}});
  CHECK(Errors(doc) == Messages{"event.json: suppliers[0].available[0].end: \"10:60\" is not a time (HH:MM)"});
  FirstSupplier(doc)["available"] = json::array({{{"start", "9:00"}, {"end", "10:30"}}});
  CHECK(Errors(doc) == Messages{"event.json: suppliers[0].available[0].start: \"9:00\" is not a time (HH:MM)"});
}

TEST_CASE("a window that ends before it starts is an error", "[event_io]") {
  json doc = MinimalEvent();
  FirstSupplier(doc)["available"] = json::array({{{"start", "10:30"}, {"end", "10:20"}}});
  CHECK(Errors(doc) ==
        Messages{"event.json: suppliers[0].available[0]: the window ends (10:20) before it starts (10:30)"});
  doc = MinimalEvent();
  doc["event"]["breaks"] = json::array({{{"start", "10:30"}, {"end", "10:10"}, {"label", "coffee"}}});
  CHECK(Errors(doc) == Messages{"event.json: event.breaks[0]: the window ends (10:10) before it starts (10:30)"});
  doc = MinimalEvent();
  doc["event"]["sessions"].push_back({{"start", "10:30"}, {"end", "11:30"}});
  CHECK(Errors(doc) ==
        Messages{"event.json: event.sessions[1]: the session starts (10:30) before the previous one ends (11:00)"});
}

TEST_CASE("a bad date is an error", "[event_io]") {
  json doc = MinimalEvent();
  for (const char* date : {"2025-13-01", "28/03/2025", "2025-3-28", "2025-03-00", "2025-03-32", "2025-0a-28"}) {
    doc["event"]["date"] = date;
    CHECK(Errors(doc) == Messages{"event.json: event.date: \"" + std::string(date) + "\" is not a date (YYYY-MM-DD)"});
  }
}

// A day that the month does not have passes the loader (it checks 1..31 only).
TEST_CASE("a day the month does not have is an error", "[event_io]") {
  json doc = MinimalEvent();
  for (const char* date : {"2025-02-30", "2025-02-29", "2025-04-31"}) {
    doc["event"]["date"] = date;
    CHECK(Errors(doc) == Messages{"event.json: event.date: \"" + std::string(date) + "\" is not a date (YYYY-MM-DD)"});
  }
}

TEST_CASE("a bad quarter is an error", "[event_io]") {
  json doc = MinimalEvent();
  FirstNeed(doc)["quarter"] = "2025-Q2";
  CHECK(Errors(doc).empty());
  for (const char* quarter : {"2025-Q5", "2025-Q0", "2025Q2", "25-Q2", "Q2-2025"}) {
    FirstNeed(doc)["quarter"] = quarter;
    CHECK(Errors(doc) == Messages{"event.json: stands[0].needs[0].quarter: \"" + std::string(quarter) +
                                  "\" is not a quarter (YYYY-Qn)"});
  }
}

TEST_CASE("a bad enum value lists the allowed ones", "[event_io]") {
  SECTION("reserved") {
    json doc = MinimalEvent();
    FirstNeed(doc)["reserved"] = "partial";
    CHECK(Errors(doc) == Messages{"event.json: stands[0].needs[0].reserved: \"partial\" is not one of none, "
                                  "disability, insertion, disability-or-insertion, ess"});
  }
  SECTION("structure") {
    json doc = MinimalEvent();
    FirstSupplier(doc)["structure"] = "SIAE";
    CHECK(Errors(doc) == Messages{"event.json: suppliers[0].structure: \"SIAE\" is not one of EI, ETTI, AI, ACI, "
                                  "EITI, EA, ESAT, GEIQ"});
  }
  SECTION("size") {
    json doc = MinimalEvent();
    FirstSupplier(doc)["size"] = "small";
    CHECK(Errors(doc) == Messages{"event.json: suppliers[0].size: \"small\" is not one of micro, pme, eti, ge"});
  }
  SECTION("wish level") {
    json doc = MinimalEvent();
    FirstSupplier(doc)["wishes"] = json::array({{{"stand", "s1"}, {"level", "maybe"}}});
    CHECK(Errors(doc) == Messages{"event.json: suppliers[0].wishes[0].level: \"maybe\" is not one of must, want, no"});
  }
  SECTION("invitation level") {
    json doc = MinimalEvent();
    doc["invitations"] = json::array({{{"stand", "s1"}, {"supplier", "f1"}, {"level", "Must"}}});
    CHECK(Errors(doc) == Messages{"event.json: invitations[0].level: \"Must\" is not one of must, want, no"});
  }
  SECTION("reuse practice") {
    json doc = MinimalEvent();
    FirstSupplier(doc)["reuse"] = json::array({"reemploi", "upcycling"});
    CHECK(Errors(doc) == Messages{"event.json: suppliers[0].reuse[1]: \"upcycling\" is not one of reemploi, "
                                  "reconditionnement, recyclage, location"});
  }
}

// A null level is neither reported nor kept: the wish silently disappears.
TEST_CASE("a null wish level is an error", "[event_io]") {
  json doc = MinimalEvent();
  FirstSupplier(doc)["wishes"] = json::array({{{"stand", "s1"}, {"level", nullptr}}});
  CHECK(Errors(doc) == Messages{"event.json: suppliers[0].wishes[0]: \"level\" is missing"});
}

TEST_CASE("text that is not JSON gives the line and column", "[event_io]") {
  auto event = match::ParseEvent("{\n  \"format\": \"standmatch.event/1\",\n  \"event\": }\n", "event.json");
  REQUIRE_FALSE(event.ok());
  CHECK(event.status().code() == match::Status::Code::kInvalidInput);
  CHECK(event.status().messages() ==
        Messages{"event.json: not valid JSON: parse error at line 3, column 12: syntax error while parsing "
                 "value - unexpected '}'; expected '[', '{', or a literal"});
  auto empty = match::ParseEvent("", "empty.json");
  REQUIRE_FALSE(empty.ok());
  CHECK_THAT(empty.status().ToString(),
             Catch::StartsWith("empty.json: not valid JSON: parse error at line 1, column 1"));
  auto array = match::ParseEvent("[]", "event.json");
  REQUIRE_FALSE(array.ok());
  CHECK(array.status().messages() == Messages{"event.json: [] is not an object"});
}

TEST_CASE("a wrong format string is an error", "[event_io]") {
  json doc = MinimalEvent();
  doc["format"] = "standmatch.event/2";
  CHECK(Errors(doc) == Messages{"event.json: format: \"standmatch.event/2\" is not \"standmatch.event/1\""});
  doc.erase("format");
  CHECK(Errors(doc) == Messages{"event.json: \"format\" is missing"});
}

TEST_CASE("every error is reported, in input order", "[event_io]") {
  json doc = MinimalEvent();
  doc["event"]["date"] = "2025-13-01";                                                   // 1
  doc["stands"][0]["buyer"] = "b9";                                                      // 2
  FirstNeed(doc)["cpv"] = json::array({"3913"});                                         // 3
  FirstSupplier(doc)["commune"] = "9407";                                                // 4
  FirstSupplier(doc)["wishes"] = json::array({{{"stand", "nope"}, {"level", "want"}}});  // 5
  CHECK(Errors(doc) == Messages{
                           "event.json: event.date: \"2025-13-01\" is not a date (YYYY-MM-DD)",
                           "event.json: stands[0].buyer: \"b9\" names no buyer",
                           "event.json: stands[0].needs[0].cpv[0]: \"3913\" is not a CPV code",
                           "event.json: suppliers[0].commune: \"9407\" is not an INSEE commune code",
                           "event.json: suppliers[0].wishes[0].stand: \"nope\" names no stand",
                       });
}

TEST_CASE("a fixture file with five errors gives five messages naming the file", "[event_io]") {
  const std::string path = std::string(kFixtures) + "five_errors.json";
  auto event = match::LoadEvent(path);
  REQUIRE_FALSE(event.ok());
  CHECK(event.status().messages() ==
        Messages{
            path + ": event.sessions[0].end: \"11h00\" is not a time (HH:MM)",
            path + ": buyers[0].siret: \"21940076900013\" is not a valid SIRET: it has 14 digits but its check "
                   "digit (Luhn) fails",
            path + ": stands[0].needs[0].reserved: \"yes\" is not one of none, disability, insertion, "
                   "disability-or-insertion, ess",
            path + ": suppliers[1].id: \"f1\" is a duplicate of suppliers[0].id",
            path + ": invitations[0].supplier: \"f3\" names no supplier",
        });
}

TEST_CASE("a missing file is an I/O error naming it", "[event_io]") {
  const std::string path = std::string(kFixtures) + "no_such_file.json";
  auto event = match::LoadEvent(path);
  REQUIRE_FALSE(event.ok());
  CHECK(event.status().code() == match::Status::Code::kIoError);
  CHECK_THAT(event.status().ToString(), Catch::Contains(path));
}

TEST_CASE("a participant with no available slot is a warning, not an error", "[event_io]") {
  json doc = MinimalEvent();
  FirstSupplier(doc)["available"] = json::array({{{"start", "12:00"}, {"end", "13:00"}}});
  doc["stands"][0]["available"] = json::array({{{"start", "10:00"}, {"end", "10:05"}}});
  std::vector<std::string> warnings;
  match::LoadOptions options;
  options.warnings = &warnings;
  match::Event event = Parse(doc, options);
  CHECK(warnings == Messages{"event.json: stands[0].available: the availability leaves no meeting slot",
                             "event.json: suppliers[0].available: the availability leaves no meeting slot"});
  CHECK(std::count(event.suppliers[0].slots.begin(), event.suppliers[0].slots.end(), true) == 0);
}

TEST_CASE("sessions and breaks that leave no slot are an error", "[event_io]") {
  json doc = MinimalEvent();
  doc["event"]["breaks"] = json::array({{{"start", "09:00"}, {"end", "12:00"}}});
  CHECK(Errors(doc) == Messages{"event.json: event.sessions: the sessions and breaks leave no meeting slot"});
}

TEST_CASE("slots: sessions are cut from their start, breaks remove what they overlap", "[event_io]") {
  json doc = MinimalEvent();
  doc["event"]["sessions"] =
      json::array({{{"start", "10:00"}, {"end", "11:05"}}, {{"start", "14:00"}, {"end", "14:30"}}});
  doc["event"]["breaks"] = json::array({{{"start", "10:25"}, {"end", "10:35"}, {"label", "coffee"}}});
  FirstSupplier(doc)["available"] = json::array({{{"start", "10:05"}, {"end", "10:50"}}});
  match::Event event = Parse(doc);
  // 10:00 10:10 [10:20 10:30 overlap the break] 10:40 10:50 | 14:00 14:10 14:20
  std::vector<std::string> starts;
  for (const auto& slot : event.slots) starts.push_back(match::FormatTime(slot.start));
  CHECK(starts == Messages{"10:00", "10:10", "10:40", "10:50", "14:00", "14:10", "14:20"});
  REQUIRE(event.breaks.size() == 1);
  CHECK(event.breaks[0].label == "coffee");
  // Available 10:05-10:50: only the slots entirely inside (10:10, 10:40).
  CHECK(event.suppliers[0].slots == std::vector<bool>{false, true, true, false, false, false, false});
  CHECK(event.stands[0].slots == std::vector<bool>(7, true));
}

TEST_CASE("size and ESS status are derived when not given", "[event_io]") {
  json doc = MinimalEvent();
  FirstSupplier(doc)["employees"] = 8;
  FirstSupplier(doc)["turnover_eur"] = 650000;
  FirstSupplier(doc)["legal_form"] = "SCOP";
  doc["suppliers"].push_back(Supplier("f2", {"45000000"}));
  doc["suppliers"][1]["employees"] = 8;
  doc["suppliers"][1]["size"] = "ge";
  doc["suppliers"][1]["legal_form"] = "Association";
  doc["suppliers"][1]["ess"] = false;
  match::Event event = Parse(doc);
  CHECK(event.suppliers[0].size == match::Size::kMicro);
  CHECK(event.suppliers[0].ess);
  CHECK(event.suppliers[1].size == match::Size::kGe);  // given wins
  CHECK_FALSE(event.suppliers[1].ess);                 // given wins
}

TEST_CASE("wishes and invitations resolve to indices and levels", "[event_io]") {
  json doc = MinimalEvent();
  doc["stands"].push_back(Stand("s2", {Need("n2", {"45000000"})}));
  doc["suppliers"].push_back(Supplier("f2", {"45000000"}));
  doc["suppliers"][1]["wishes"] =
      json::array({{{"stand", "s1"}, {"level", "no"}}, {{"stand", "s2"}, {"level", "must"}}});
  doc["invitations"] = json::array({{{"stand", "s2"}, {"supplier", "f1"}, {"level", "want"}}});
  match::Event event = Parse(doc);
  CHECK(event.WishLevel(1, 0) == match::Level::kNo);
  CHECK(event.WishLevel(1, 1) == match::Level::kMust);
  CHECK(event.WishLevel(0, 1) == match::Level::kNone);
  CHECK(event.InvitationLevel(0, 1) == match::Level::kWant);
  CHECK(event.InvitationLevel(1, 1) == match::Level::kNone);
  CHECK(event.wishes.size() == 2);
  CHECK(event.invitations.size() == 1);
  CHECK(event.needs[1].stand == 1);
  CHECK(event.stands[1].needs == std::vector<match::NeedIndex>{1});
}

// With no stand list, each wish is also reported as naming no stand, although the
// loader's own comment says the missing list is the only message then.
TEST_CASE("a missing stand list is not reported again for every wish", "[event_io]") {
  json doc = MinimalEvent();
  doc.erase("stands");
  FirstSupplier(doc)["wishes"] = json::array({{{"stand", "s1"}, {"level", "must"}}});
  CHECK(Errors(doc) == Messages{"event.json: \"stands\" is missing"});
}

TEST_CASE("the default events load with the official CPV list", "[event_io]") {
  for (const char* name : {"villejuif-2025", "gosb-2025"}) {
    INFO(name);
    std::vector<std::string> warnings;
    match::LoadOptions options;
    options.cpv_list = &OfficialCpv();
    options.warnings = &warnings;
    auto event = match::LoadEvent(std::string(STANDMATCH_SOURCE_DIR "/datasets/") + name + "/event.json", options);
    INFO(event.status().ToString());
    REQUIRE(event.ok());
    CHECK(warnings.empty());
    CHECK_FALSE(event->slots.empty());
  }
  auto villejuif = match::LoadEvent(STANDMATCH_SOURCE_DIR "/datasets/villejuif-2025/event.json");
  REQUIRE(villejuif.ok());
  CHECK(villejuif->buyers.size() == 5);
  CHECK(villejuif->stands.size() == 8);
  CHECK(villejuif->needs.size() == 12);
  CHECK(villejuif->suppliers.size() == 41);
  CHECK(villejuif->invitations.size() == 3);
  CHECK(villejuif->wishes.size() == 19);
  // 10:40-12:20 in 10-minute slots, less the 11:20-11:30 coffee break.
  CHECK(villejuif->slots.size() == 9);
}

TEST_CASE("the small fixture event loads", "[event_io]") {
  auto event = match::LoadEvent(std::string(kFixtures) + "small.json");
  INFO(event.status().ToString());
  REQUIRE(event.ok());
  CHECK(event->suppliers.size() == 4);
  CHECK(event->stands.size() == 3);
}

}  // namespace
