// Tests of the input limits (libmatch/src/base/limits.h) and of their enforcement in every loader:
// event, CSV import, rules, changes, schedule and .dzn. Each over-limit or malformed
// input must give one clear error naming the file, the place and the value, never a
// crash, an exception or a hang. The regression inputs found by fuzzing are at the end.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "base/limits.h"
#include "event_builder.h"
#include "match/io/csv_import.h"
#include "match/io/event_io.h"
#include "match/io/rules.h"
#include "match/replan/changes.h"
#include "match/schedule/schedule.h"
#include "match/tools/b2b.h"

namespace {

using event_builder::MinimalEvent;
using event_builder::Supplier;
using nlohmann::json;

// The whole status text of ParseEvent(TEXT) ("ok" when it loads).
std::string EventError(const std::string& text) {
  auto event = match::ParseEvent(text, "event.json");
  return event.ok() ? std::string("ok") : event.status().ToString();
}

std::string RulesError(const std::string& text) {
  auto rules = match::Rules::Parse(text, "rules.json");
  return rules.ok() ? std::string("ok") : rules.status().ToString();
}

std::string DznError(const std::string& text) {
  auto instance = match::ParseDzn(text, "x.dzn");
  return instance.ok() ? std::string("ok") : instance.status().ToString();
}

// "[[[...]]]" nested DEPTH deep.
std::string Nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// Two sheets and the event header as a header file.
match::CsvImportInput CsvInput(std::string stands, std::string suppliers) {
  match::CsvImportInput input;
  input.stands = {"stands.csv", std::move(stands)};
  input.suppliers = {"suppliers.csv", std::move(suppliers)};
  input.header =
      match::NamedText{"header.json", R"({"id": "fad", "name": "Forum", "date": "2025-03-28", "slot_minutes": 10,
                         "sessions": [{"start": "10:40", "end": "12:20"}]})"};
  return input;
}

constexpr const char* kOneStand =
    "buyer_id;buyer_name;stand_id;stand_title;need_id;need_title;cpv\n"
    "vj;Ville de Villejuif;mobilier;Mobilier;m1;Bureaux;39130000-2\n";

}  // namespace

TEST_CASE("limits: UTF-8 validation finds the first bad byte", "[limits]") {
  using match::FindInvalidUtf8;
  CHECK_FALSE(FindInvalidUtf8("").has_value());
  CHECK_FALSE(FindInvalidUtf8("Mobilier en réemploi, 10 €, 𝄞").has_value());
  CHECK(FindInvalidUtf8("ab\xFF").value() == 2);            // never a UTF-8 byte
  CHECK(FindInvalidUtf8("ab\xC3").value() == 2);            // truncated at the end
  CHECK(FindInvalidUtf8("\xC3(").value() == 0);             // bad continuation
  CHECK(FindInvalidUtf8("x\xC0\xAF").value() == 1);         // overlong '/'
  CHECK(FindInvalidUtf8("\xE0\x80\xAF").value() == 0);      // overlong, three bytes
  CHECK(FindInvalidUtf8("\xED\xA0\x80").value() == 0);      // surrogate U+D800
  CHECK(FindInvalidUtf8("\xF4\x90\x80\x80").value() == 0);  // above U+10FFFF
  CHECK(FindInvalidUtf8("\xF0\x9F\x98\x80ok\x80").value() == 6);
}

TEST_CASE("limits: JSON depth is measured outside strings", "[limits]") {
  using match::FindJsonDepthExcess;
  CHECK_FALSE(FindJsonDepthExcess(Nested(64)).has_value());
  CHECK(FindJsonDepthExcess(Nested(65)).value() == 64);
  CHECK_FALSE(FindJsonDepthExcess("{\"a\": \"[[[[[[[[\\\"[[[[\"}", 2).has_value());
  CHECK(FindJsonDepthExcess("[{\"a\": [1]}]", 2).value() == 7);
}

TEST_CASE("limits: an event with invalid UTF-8 names the byte and the line", "[limits]") {
  std::string text = MinimalEvent().dump(1);
  const size_t at = text.find("Test event");
  text[at + 4] = '\xE9';  // Latin-1 "é" pasted into a UTF-8 file
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n');
  CHECK(EventError(text) ==
        "event.json: invalid UTF-8 at byte " + std::to_string(at + 4) + " (line " + std::to_string(line) + ")");
}

TEST_CASE("limits: JSON nested too deep is refused before parsing", "[limits]") {
  json doc = MinimalEvent();
  doc["extra"] = json::parse(Nested(63));  // 64 levels with the root: accepted, ignored
  CHECK(EventError(doc.dump()) == "ok");
  std::string deep = "{\"format\": \"standmatch.event/1\", \"x\": " + Nested(100000) + "}";
  CHECK(EventError(deep) == "event.json: JSON nested deeper than 64 levels at byte 101 (line 1)");
  CHECK(RulesError("{\"name\": " + Nested(70) + "}") ==
        "rules.json: JSON nested deeper than 64 levels at byte 72 (line 1)");
}

TEST_CASE("limits: numbers beyond double are a JSON error with the line", "[limits]") {
  json doc = MinimalEvent();
  doc["stands"][0]["needs"][0]["amount_eur"] = 12345;
  std::string text = doc.dump(1);
  text.replace(text.find("12345"), 5, "1e400");
  const std::string error = EventError(text);
  CHECK(error.rfind("event.json: not valid JSON: number overflow parsing '1e400' at line ", 0) == 0);
  CHECK(RulesError("{\"ess\": -1e999}") == "rules.json: not valid JSON: number overflow parsing '-1e999' at line 1");
  // Large but finite numbers are values out of range, with the path.
  doc["stands"][0]["needs"][0]["amount_eur"] = 1e300;
  doc["suppliers"][0]["employees"] = 18446744073709551615ull;
  CHECK(event_builder::Errors(doc) ==
        std::vector<std::string>{"event.json: stands[0].needs[0].amount_eur: 1e+300 is out of range",
                                 "event.json: suppliers[0].employees: 18446744073709551615 is out of range "
                                 "[0, 10000000]"});
}

TEST_CASE("limits: long strings and long lists in an event", "[limits]") {
  json doc = MinimalEvent();
  doc["suppliers"][0]["name"] = std::string(match::kMaxStringBytes, 'a');
  CHECK(event_builder::Errors(doc).empty());
  doc["suppliers"][0]["name"] = std::string(match::kMaxStringBytes + 1, 'a');
  auto errors = event_builder::Errors(doc);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind("event.json: suppliers[0].name: \"aaaa", 0) == 0);
  CHECK(errors[0].find("is longer than 4096 bytes") != std::string::npos);

  doc = MinimalEvent();
  doc["suppliers"][0]["labels"] = json::array();
  for (size_t i = 0; i <= match::kMaxListItems; ++i) doc["suppliers"][0]["labels"].push_back("x");
  CHECK(event_builder::Errors(doc) ==
        std::vector<std::string>{"event.json: suppliers[0].labels: 10001 entries, more than the limit of 10000"});
}

TEST_CASE("limits: counts of suppliers, stands, needs", "[limits]") {
  SECTION("suppliers") {
    json doc = MinimalEvent();
    json one = Supplier("f", {"39130000"});
    doc["suppliers"] = json::array();
    for (size_t i = 0; i <= match::kMaxSuppliers; ++i) doc["suppliers"].push_back(one);  // not even read
    CHECK(event_builder::Errors(doc) ==
          std::vector<std::string>{"event.json: suppliers: 100001 entries, more than the limit of 100000"});
  }
  SECTION("stands") {
    json doc = MinimalEvent();
    doc["stands"] = json::array();
    for (size_t i = 0; i <= match::kMaxStands; ++i) doc["stands"].push_back(json::object());
    doc["suppliers"][0]["wishes"] = json::array({{{"stand", "s1"}, {"level", "want"}}});
    CHECK(event_builder::Errors(doc) ==
          std::vector<std::string>{"event.json: stands: 10001 entries, more than the limit of 10000"});
  }
  SECTION("needs per stand") {
    json doc = MinimalEvent();
    json& needs = doc["stands"][0]["needs"];
    for (size_t i = 1; i <= match::kMaxNeedsPerStand; ++i)
      needs.push_back(event_builder::Need("n" + std::to_string(i + 1), {"39130000"}));
    CHECK(event_builder::Errors(doc) ==
          std::vector<std::string>{"event.json: stands[0].needs: 1001 entries, more than the limit of 1000"});
  }
}

TEST_CASE("limits: input size", "[limits]") {
  std::string huge(match::kMaxInputBytes + 1, ' ');
  CHECK(EventError(huge) == "event.json: 67108865 bytes, more than the limit of 67108864 bytes (64 MiB)");
  CHECK(RulesError(huge) == "rules.json: 67108865 bytes, more than the limit of 67108864 bytes (64 MiB)");
  CHECK(DznError(huge) == "x.dzn: 67108865 bytes, more than the limit of 67108864 bytes (64 MiB)");
  auto csv = match::ImportCsv(CsvInput(kOneStand, huge));
  REQUIRE_FALSE(csv.ok());
  CHECK(csv.status().messages().at(0) ==
        "suppliers.csv: 67108865 bytes, more than the limit of 67108864 bytes (64 MiB)");
  CHECK(match::CheckInputText(huge, "body").ToString() ==
        "body: 67108865 bytes, more than the limit of 67108864 bytes (64 MiB)");
}

TEST_CASE("limits: rules reject invalid UTF-8 and long names", "[limits]") {
  CHECK(RulesError("{\"name\": \"r\xE8gles\"}") == "rules.json: invalid UTF-8 at byte 11 (line 1)");
  CHECK(RulesError("{\"name\": \"" + std::string(5000, 'r') + "\"}").find("name: \"rrr") != std::string::npos);
}

TEST_CASE("limits: CSV cells, rows and header", "[limits]") {
  auto errors = [](const match::CsvImportInput& input) {
    auto result = match::ImportCsv(input);
    return result.ok() ? std::vector<std::string>{} : result.status().messages();
  };
  CHECK(errors(CsvInput(kOneStand, "id;name\nf001;" + std::string(5000, 'A') + "\n")) ==
        std::vector<std::string>{
            "suppliers.csv:2: column \"name\": the value is 5000 bytes long, more than the limit of 4096"});
  std::string rows = "id;name\n";
  for (size_t i = 0; i <= match::kMaxCsvRows; ++i) rows += "f;x\n";
  CHECK(errors(CsvInput(kOneStand, rows)).at(0) == "suppliers.csv: 200001 data rows, more than the limit of 200000");
  auto input = CsvInput(kOneStand, "id;name\nf001;A\n");
  input.header = match::NamedText{"header.json", "{\"event\": " + Nested(80) + "}"};
  CHECK(errors(input).at(0) == "header.json: JSON nested deeper than 64 levels at byte 73 (line 1)");
  input.header = match::NamedText{"header.json", "{\"name\": \"\xFF\"}"};
  CHECK(errors(input).at(0) == "header.json: invalid UTF-8 at byte 10 (line 1)");
}

TEST_CASE("limits: changes files", "[limits]") {
  match::Event event = event_builder::Parse(MinimalEvent());
  match::Schedule schedule;
  auto error = [&](const std::string& text) {
    auto changes = match::ParseChanges(text, "changes.json", event, schedule);
    return changes.ok() ? std::string("ok") : changes.status().ToString();
  };
  CHECK(error(R"({"format": "standmatch.changes/1", "changes": []})") == "ok");
  CHECK(error("{\"format\": \"standmatch.changes/1\", \"changes\": " + Nested(65) + "}") ==
        "changes.json: JSON nested deeper than 64 levels at byte 109 (line 1)");
  CHECK(error("{\"format\": \"standmatch.changes/1\", \"now\": \"10:\xC3\", \"changes\": []}") ==
        "changes.json: invalid UTF-8 at byte 46 (line 1)");
  json many = {{"format", "standmatch.changes/1"}, {"changes", json::array()}};
  for (size_t i = 0; i <= match::kMaxChanges; ++i) many["changes"].push_back(json::object());
  CHECK(error(many.dump()) == "changes.json: changes: 100001 entries, more than the limit of 100000");
  CHECK(error(R"({"format": "standmatch.changes/1", "now": 1e999, "changes": []})") ==
        "changes.json: not valid JSON: number overflow parsing '1e999' at line 1");
}

TEST_CASE("limits: .dzn values, bytes and ranges", "[limits]") {
  CHECK(DznError("nBusiness = 3;\nnMeetings = \xC3\xA9;") == "x.dzn: line 2: unexpected byte 0xC3");
  CHECK(DznError("nBusiness = 3;\xFF") == "x.dzn: invalid UTF-8 at byte 14 (line 1)");
  CHECK(DznError("nBusiness = 1234567890;") == "x.dzn: line 1: integer 1234567890 is too large");
  // Many large ranges: refused once they add up past the limit, not expanded first.
  std::string sets = "forbidden = [";
  for (int i = 0; i < 200; ++i) sets += std::string(i ? "," : "") + "{1..100000}";
  sets += "];";
  CHECK(DznError(sets) == "x.dzn: line 1: more than 10000000 values in all (the limit), got '}'");
}

// Inputs that once crashed a loader; each stays a test (and a seed in fuzz/corpus/).
// New crashes found by scripts/fuzz are added here with the input that caused them.
TEST_CASE("limits: regression inputs from fuzzing", "[limits]") {
  // A number overflow escaped JsonReader::Parse as json::out_of_range (std::terminate).
  CHECK(EventError("[1e9999]").rfind("event.json: not valid JSON: number overflow", 0) == 0);
  CHECK(EventError("{\"format\": \"standmatch.event/1\", \"event\": {\"id\": \"e\", \"slot_minutes\": 1e400}}") ==
        "event.json: not valid JSON: number overflow parsing '1e400' at line 1");
  CHECK(RulesError("[-1e400]").rfind("rules.json: not valid JSON: number overflow", 0) == 0);
}
