// Tests of the rules loader (match/io/rules.h): the built-in defaults, the exact error
// texts, partial files keeping the defaults, and ToJson round-tripping through Parse.
#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "match/base/files.h"
#include "match/io/event_io.h"
#include "match/io/rules.h"

namespace {

using Messages = std::vector<std::string>;

Messages Errors(const std::string& text) {
  auto rules = match::Rules::Parse(text, "rules.json");
  if (rules.ok()) return {};
  CHECK(rules.status().code() == match::Status::Code::kInvalidInput);
  return rules.status().messages();
}

match::Rules MustParse(const std::string& text) {
  auto rules = match::Rules::Parse(text, "rules.json");
  INFO(rules.status().ToString());
  REQUIRE(rules.ok());
  return std::move(rules).value();
}

// Two Rules are the same when they write the same JSON (ToJson writes every key).
void CheckSameRules(const match::Rules& a, const match::Rules& b) {
  CHECK(a.weights == b.weights);
  CHECK(a.cpv_depth == b.cpv_depth);
  CHECK(a.ToJson() == b.ToJson());
}

TEST_CASE("the built-in rules are datasets/rules/default.json", "[rules]") {
  const match::Rules& rules = match::Rules::Default();
  auto loaded = match::Rules::Load(STANDMATCH_SOURCE_DIR "/datasets/rules/default.json");
  INFO(loaded.status().ToString());
  REQUIRE(loaded.ok());
  CheckSameRules(*loaded, rules);
  // What any tuning of the defaults must keep.
  CHECK(rules.name == "default");
  CHECK(rules.enforce_reserved);  // reserved contracts are law, not a preference
  CHECK(rules.cpv_depth[0] == 0);
  CHECK(rules.cpv_depth[1] == 0);
  double total = 0;
  for (double w : rules.weights) {
    CHECK(w >= 0);
    total += w;
  }
  CHECK(total > 0);
  for (int depth = 2; depth <= 8; ++depth) {
    CHECK(rules.cpv_depth[depth] > 0);
    CHECK(rules.cpv_depth[depth] <= 1);
    if (depth > 2) CHECK(rules.cpv_depth[depth] >= rules.cpv_depth[depth - 1]);
  }
  CHECK(rules.cpv_depth[8] == 1);
  // Smaller firms and closer places never count less.
  CHECK(rules.size[1] >= rules.size[2]);
  CHECK(rules.size[2] >= rules.size[3]);
  CHECK(rules.size[3] >= rules.size[4]);
  for (int tier = 1; tier < 5; ++tier) CHECK(rules.locality[tier - 1] >= rules.locality[tier]);
  CHECK(rules.default_max_meetings >= 1);
  CHECK(rules.selection.score_scale >= 1);
}

TEST_CASE("criterion names are the CSV columns", "[rules]") {
  std::string names;
  for (int c = 0; c < match::kNumCriteria; ++c)
    names += (c ? "," : "") + std::string(match::CriterionName(static_cast<match::Criterion>(c)));
  CHECK(names ==
        "relevance,size,ess,inclusion,locality,reuse,mutual,text,history,history_text,track_record,size_fit,"
        "repeat_buyer");
}

TEST_CASE("a partial rules file keeps the defaults for the other keys", "[rules]") {
  match::Rules rules = MustParse(R"({"ess": 0.5, "weights": {"relevance": 0.9}, "gates": {"min_relevance": 0}})");
  CHECK(rules.ess == 0.5);
  CHECK(rules.weights[0] == 0.9);
  CHECK(rules.min_relevance == 0);
  match::Rules expected = match::Rules::Default();
  expected.ess = 0.5;
  expected.weights[0] = 0.9;
  expected.min_relevance = 0;
  CheckSameRules(rules, expected);
}

// An empty object is flattened as a leaf: "{}" (and "weights": {}) is rejected as
// "rules.json: unknown rule {}" instead of keeping every default.
TEST_CASE("an empty rules file keeps every default", "[rules]") {
  CHECK(Errors("{}").empty());
  CHECK(Errors(R"({"weights": {}})").empty());
}

TEST_CASE("a rules file overlays the defaults it is given", "[rules]") {
  match::Rules base = match::Rules::Default();
  base.name = "base";
  base.ess = 0.25;
  auto rules = match::Rules::Parse(R"({"reuse": {"wanted": 0.5}})", "r.json", base);
  REQUIRE(rules.ok());
  CHECK(rules->name == "base");
  CHECK(rules->ess == 0.25);
  CHECK(rules->reuse.wanted == 0.5);
}

TEST_CASE("format and description keys are accepted", "[rules]") {
  match::Rules rules = MustParse(
      R"({"format": "standmatch.rules/1", "name": "local-first", "description": "more locality",
          "locality": {"same_commune": 1}})");
  CHECK(rules.name == "local-first");
}

TEST_CASE("rules errors name the key and the value", "[rules]") {
  SECTION("unknown key") {
    CHECK(Errors(R"({"weights": {"relevanse": 1}})") == Messages{"rules.json: weights.relevanse: unknown rule 1"});
    CHECK(Errors(R"({"colour": "red"})") == Messages{"rules.json: colour: unknown rule \"red\""});
  }
  SECTION("wrong type") {
    CHECK(Errors(R"({"ess": "high"})") == Messages{"rules.json: ess: \"high\" is not a number"});
    CHECK(Errors(R"({"gates": {"enforce_reserved": 1}})") ==
          Messages{"rules.json: gates.enforce_reserved: 1 is not true or false"});
    CHECK(Errors(R"({"name": 7})") == Messages{"rules.json: name: 7 is not a string"});
    CHECK(Errors(R"({"default_max_meetings": 2.5})") ==
          Messages{"rules.json: default_max_meetings: 2.5 is not a whole number"});
  }
  SECTION("out of range") {
    CHECK(Errors(R"({"ess": 1.5})") == Messages{"rules.json: ess: 1.5 is out of range [0, 1]"});
    CHECK(Errors(R"({"locality": {"elsewhere": -0.1}})") ==
          Messages{"rules.json: locality.elsewhere: -0.1 is out of range [0, 1]"});
    CHECK(Errors(R"({"default_max_meetings": 0})") ==
          Messages{"rules.json: default_max_meetings: 0 is out of range [1, 1000]"});
    CHECK(Errors(R"({"selection": {"score_scale": 10000000}})") ==
          Messages{"rules.json: selection.score_scale: 10000000 is out of range [1, 1000000]"});
  }
  SECTION("weights all zero") {
    CHECK(Errors(R"({"weights": {"relevance": 0, "size": 0, "ess": 0, "inclusion": 0, "locality": 0,
                                 "reuse": 0, "mutual": 0, "text": 0, "history": 0, "history_text": 0,
                                 "track_record": 0, "size_fit": 0, "repeat_buyer": 0}})") ==
          Messages{"rules.json: weights: at least one weight must be positive"});
  }
  SECTION("decreasing cpv_depth") {
    CHECK(Errors(R"({"cpv_depth": {"4": 0.5}})") ==
          Messages{"rules.json: cpv_depth.4: 0.5 is below the value of depth 3 (a deeper match may not count less)"});
  }
  SECTION("wrong format") {
    CHECK(Errors(R"({"format": "standmatch.rules/2"})") ==
          Messages{"rules.json: format: \"standmatch.rules/2\" is not \"standmatch.rules/1\""});
  }
  SECTION("not an object") {
    CHECK(Errors("[1, 2]") == Messages{"rules.json: a rules file is a JSON object, not [1,2]"});
  }
  SECTION("not JSON") {
    Messages errors = Errors("{\"ess\": }");
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0], Catch::StartsWith("rules.json: not valid JSON: "));
    CHECK_THAT(errors[0], Catch::Contains("line 1, column 9"));
  }
}

// The event loader drops nlohmann's "[json.exception.parse_error.101] " prefix; the
// rules loader keeps it, so the two loaders word the same problem differently.
TEST_CASE("a rules syntax error reads like the event loader's", "[rules]") {
  const std::string text = "{\"ess\": }";
  const std::string problem =
      "not valid JSON: parse error at line 1, column 9: syntax error while parsing value - "
      "unexpected '}'; expected '[', '{', or a literal";
  CHECK(Errors(text) == Messages{"rules.json: " + problem});
  // The event loader, given the same bytes, words it the same after its file name.
  auto event = match::ParseEvent(text, "event.json");
  REQUIRE_FALSE(event.ok());
  CHECK(event.status().messages() == Messages{"event.json: " + problem});
}

TEST_CASE("every rules error is reported", "[rules]") {
  Messages errors = Errors(R"({"ess": 2, "colour": 1, "gates": {"enforce_reserved": "yes"}})");
  CHECK(errors.size() == 3);
  CHECK(std::count(errors.begin(), errors.end(), "rules.json: ess: 2 is out of range [0, 1]") == 1);
  CHECK(std::count(errors.begin(), errors.end(), "rules.json: colour: unknown rule 1") == 1);
  CHECK(std::count(errors.begin(), errors.end(), "rules.json: gates.enforce_reserved: \"yes\" is not true or false") ==
        1);
}

// Status promises messages "in input order"; the rules loader reports them in the
// alphabetical order of the keys (nlohmann::json objects are sorted maps).
TEST_CASE("rules errors come in input order", "[rules]") {
  CHECK(Errors(R"({"unmet_best_pairs": -1, "ess": 2})") ==
        Messages{"rules.json: unmet_best_pairs: -1 is out of range [0, 1000]",
                 "rules.json: ess: 2 is out of range [0, 1]"});
}

// ToJson builds the document through JSON pointers; "/cpv_depth/2" on a missing key
// makes cpv_depth an array [null, null, 0.3, ...], which Parse rejects as
// "cpv_depth: unknown rule [null,null,0.3,...]".
TEST_CASE("ToJson round-trips through Parse", "[rules]") {
  match::Rules custom = match::Rules::Default();
  custom.name = "custom";
  custom.ess = 0.5;
  custom.cpv_depth[5] = 0.95;
  custom.min_relevance = 0.55;
  custom.enforce_reserved = false;
  custom.selection.quota_micro = 0.2;
  custom.timetable.fairness = -1;
  const match::Rules* const all[] = {&match::Rules::Default(), &custom};
  for (const match::Rules* rules : all) {
    const std::string text = rules->ToJson();
    INFO(text);
    auto parsed = match::Rules::Parse(text, "rules.json");
    INFO(parsed.status().ToString());
    REQUIRE(parsed.ok());
    CheckSameRules(*parsed, *rules);
    CHECK(parsed->ToJson() == text);
  }
}

TEST_CASE("ToJson writes cpv_depth as an object keyed by depth", "[rules]") {
  auto doc = nlohmann::json::parse(match::Rules::Default().ToJson());
  CHECK(doc.at("format") == "standmatch.rules/1");
  CHECK(doc.at("weights").at("relevance") == 0.36);
  CHECK(doc.at("cpv_depth").is_object());
  CHECK(doc.at("cpv_depth").size() == 7);
}

TEST_CASE("ToJson writes every key of default.json with its value", "[rules]") {
  auto file = nlohmann::json::parse(match::ReadFile(STANDMATCH_SOURCE_DIR "/datasets/rules/default.json").value());
  file.erase("description");
  const auto written = nlohmann::json::parse(match::Rules::Default().ToJson());
  const auto leaves = file.flatten();
  CHECK(leaves.size() > 50);
  for (auto it = leaves.begin(); it != leaves.end(); ++it) {
    INFO(it.key());
    const nlohmann::json::json_pointer pointer(it.key());
    REQUIRE(written.contains(pointer));
    if (it.value().is_number())
      CHECK(written.at(pointer).get<double>() == it.value().get<double>());
    else
      CHECK(written.at(pointer) == it.value());
  }
}

TEST_CASE("ToJson writes every key but cpv_depth in the form Parse reads", "[rules]") {
  match::Rules custom = match::Rules::Default();
  custom.name = "custom";
  custom.ess = 0.5;
  custom.enforce_reserved = false;
  custom.timetable.fairness = -1;
  auto doc = nlohmann::json::parse(custom.ToJson());
  doc.erase("cpv_depth");
  auto parsed = match::Rules::Parse(doc.dump(), "rules.json");
  INFO(parsed.status().ToString());
  REQUIRE(parsed.ok());
  CheckSameRules(*parsed, custom);
}

TEST_CASE("loading a missing rules file is an I/O error", "[rules]") {
  auto rules = match::Rules::Load(STANDMATCH_SOURCE_DIR "/tests/data/events/no_such_rules.json");
  REQUIRE_FALSE(rules.ok());
  CHECK(rules.status().code() == match::Status::Code::kIoError);
}

}  // namespace
