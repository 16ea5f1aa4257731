// Property tests over many generated events (match/tools/generate.h) and random changes,
// with seeds fixed here so that every run checks the same cases:
//   - every score, criterion value and contribution is within its documented bounds
//     (docs/rules.md: values in [0, 1], contribution = weight * value / sum of weights,
//     score = sum of contributions in [0, 1]);
//   - every schedule passes the independent checker (match/schedule/check.h);
//   - every re-plan after a random set of changes passes the checker against the
//     changed event and leaves the meetings before `now` exactly as they were;
//   - the same with non-default rules: quotas, enforce_reserved off, few meetings per
//     supplier, coverage off and fairness unbounded;
//   - a change set naming what does not exist is rejected with the place of each fault;
//   - a mutated event text is either rejected, every message naming the file and a
//     line/column or a JSON path of the document, or accepted, scheduled and checked.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "check_helper.h"
#include "match/domain/awards.h"
#include "match/io/event_io.h"
#include "match/io/rules.h"
#include "match/replan/changes.h"
#include "match/replan/replan.h"
#include "match/schedule/check.h"
#include "match/schedule/schedule.h"
#include "match/score/scoring.h"
#include "match/tools/generate.h"

namespace {

using nlohmann::json;

// The generator options of case K: sizes, sessions and behaviour vary with K.
match::GenerateOptions CaseOptions(int k) {
  std::mt19937_64 rng(1000 + k);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  match::GenerateOptions o;
  o.suppliers = pick(5, 90);
  o.stands = pick(1, 14);
  o.needs_per_stand_max = pick(1, 4);
  o.tables_max = pick(1, 3);
  o.sessions = pick(1, 2);
  o.slots = pick(3, 12);
  o.slot_minutes = pick(0, 1) ? 10 : 15;
  o.coffee_break = pick(0, 1) == 1;
  o.partial_availability = pick(0, 10) / 10.0;
  o.wish_share = pick(0, 10) / 10.0;
  o.wishes_max = pick(1, 5);
  o.max_meetings_share = pick(0, 10) / 10.0;
  o.invitation_share = pick(0, 5) / 10.0;
  o.seed = 77 + static_cast<uint64_t>(k);
  return o;
}

constexpr int kCases = 24;

// The rules of case K: the defaults, and one non-default set in turn (the checker is
// given the same rules, so quotas aside every rule is verified independently).
std::vector<match::Rules> CaseRules(int k) {
  static const char* const kSets[] = {
      R"({"name": "local-quota", "selection": {"quotas": {"local": 0.4}}})",
      R"({"name": "open-reserved", "gates": {"enforce_reserved": false}, "default_max_meetings": 2})",
      R"({"name": "score-only", "selection": {"cover_suppliers": false, "quotas": {"ess": 0.2}},
          "timetable": {"fairness": -1}, "default_max_meetings": 1})",
  };
  auto other = match::Rules::Parse(kSets[k % 3], "rules.json");
  INFO(other.status().ToString());
  REQUIRE(other.ok());
  return {match::Rules::Default(), *other};
}

void RequireScoresInBounds(const match::Event& event, const match::Rules& rules, const match::ScoreTable& scores) {
  // Without award history the history criteria do not count.
  const bool history = match::HasAwardHistory(event);
  double total_weight = 0;
  for (int c = 0; c < match::kNumCriteria; ++c)
    if (history || c < match::kFirstHistoryCriterion) total_weight += rules.weights[c];
  const double kEps = 1e-5;  // values and contributions are stored as float
  for (const auto& p : scores.pairs()) {
    REQUIRE(p.supplier >= 0);
    REQUIRE(p.supplier < static_cast<int>(event.suppliers.size()));
    REQUIRE(p.stand >= 0);
    REQUIRE(p.stand < static_cast<int>(event.stands.size()));
    REQUIRE(event.needs[p.need].stand == p.stand);
    REQUIRE(p.score > 0);  // only pairs worth a meeting are listed
    REQUIRE(p.score <= 1.0);
    double sum = 0;
    for (int c = 0; c < match::kNumCriteria; ++c) {
      INFO("criterion " << match::CriterionName(static_cast<match::Criterion>(c)));
      const bool counted = history || c < match::kFirstHistoryCriterion;
      REQUIRE(scores.weights()[c] == Approx(counted ? rules.weights[c] / total_weight : 0.0));
      const double value = scores.Value(p, static_cast<match::Criterion>(c));
      REQUIRE(value >= 0.0);
      REQUIRE(value <= 1.0 + kEps);
      const double contribution = scores.Contribution(p, static_cast<match::Criterion>(c));
      REQUIRE(contribution == Approx(scores.weights()[c] * value).margin(kEps));
      sum += contribution;
    }
    REQUIRE(sum == Approx(p.score).margin(kEps * match::kNumCriteria));
  }
}

// A random set of changes valid against EVENT and SCHEDULE at NOW: each kind, on
// random participants; meetings cancelled or locked are future ones.
json RandomChanges(const match::Event& event, const match::Schedule& schedule, match::Minute now,
                   std::mt19937_64& rng) {
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  auto window = [&]() {
    const auto& slots = event.slots;
    size_t a = pick(slots.size()), b = pick(slots.size());
    if (a > b) std::swap(a, b);
    return json::array({{{"start", match::FormatTime(slots[a].start)}, {"end", match::FormatTime(slots[b].end)}}});
  };
  std::vector<const match::Meeting*> future;
  for (const auto& m : schedule.meetings)
    if (event.slots[m.slot].start >= now) future.push_back(&m);
  json list = json::array();
  std::set<std::pair<int, int>> named_meetings;
  const int count = static_cast<int>(pick(6)) + 1;
  for (int i = 0; i < count; ++i) {
    const auto& supplier = event.suppliers[pick(event.suppliers.size())].id;
    const auto& stand = event.stands[pick(event.stands.size())].id;
    switch (pick(8)) {
      case 0:
        list.push_back({{"kind", "cancel_supplier"}, {"supplier", supplier}});
        break;
      case 1:
        list.push_back({{"kind", "no_show"}, {"supplier", supplier}});
        break;
      case 2:
        list.push_back({{"kind", "availability"}, {"supplier", supplier}, {"available", window()}});
        break;
      case 3: {
        const auto cpv = match::GeneratorCpvCodes();
        const auto communes = match::GeneratorCommuneCodes();
        json record = {{"id", "walkin" + std::to_string(i)},
                       {"name", "Walk-in " + std::to_string(i)},
                       {"commune", communes[pick(communes.size())]},
                       {"cpv", json::array({cpv[pick(cpv.size())], cpv[pick(cpv.size())]})}};
        if (pick(2)) record["wishes"] = json::array({{{"stand", stand}, {"level", pick(2) ? "must" : "want"}}});
        list.push_back({{"kind", "walk_in"}, {"supplier", record}});
        break;
      }
      case 4:
        list.push_back({{"kind", "stand_tables"}, {"stand", stand}, {"tables", static_cast<int>(pick(3)) + 1}});
        break;
      case 5:
        list.push_back({{"kind", "stand_availability"}, {"stand", stand}, {"available", window()}});
        break;
      default: {
        if (future.empty()) break;
        const match::Meeting& m = *future[pick(future.size())];
        if (!named_meetings.insert({m.supplier, m.stand}).second) break;
        list.push_back({{"kind", pick(2) ? "cancel_meeting" : "lock_meeting"},
                        {"supplier", event.suppliers[m.supplier].id},
                        {"stand", event.stands[m.stand].id}});
        break;
      }
    }
  }
  return list;
}

// (slot, stand, table, supplier) of the meetings before slot FIRST_FUTURE.
std::vector<std::tuple<int, int, int, int>> History(const match::Schedule& schedule, int first_future) {
  std::vector<std::tuple<int, int, int, int>> out;
  for (const auto& m : schedule.meetings)
    if (m.slot < first_future) out.emplace_back(m.slot, m.stand, m.table, m.supplier);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("properties: generated events score within bounds and schedule validly", "[properties]") {
  int limited = 0;
  for (int k = 0; k < kCases; ++k) {
    const match::GenerateOptions options = CaseOptions(k);
    INFO("case " << k << ": " << options.suppliers << " suppliers, " << options.stands << " stands, seed "
                 << options.seed);
    REQUIRE(match::CheckGenerateOptions(options).ok());
    auto event = match::ParseEvent(match::GenerateEvent(options), "generated.json");
    INFO(event.status().ToString());
    REQUIRE(event.ok());
    for (const match::Rules& rules : CaseRules(k)) {
      INFO("rules " << rules.name);
      const match::ScoreTable scores = match::Score(*event, rules);
      RequireScoresInBounds(*event, rules, scores);
      auto schedule = match::BuildSchedule(*event, rules, scores);
      INFO(schedule.status().ToString());
      REQUIRE(schedule.ok());
      const std::string text = match::ScheduleToJson(*event, *schedule);
      RequireValidSchedule(*event, rules, text);
      // Deterministic: the same input gives the same bytes.
      CHECK(match::ScheduleToJson(*event, *match::BuildSchedule(*event, rules, scores)) == text);
      // The meetings-per-supplier limit holds (the record's max_meetings, else the rules').
      std::vector<int> meetings(event->suppliers.size(), 0);
      for (const auto& m : schedule->meetings) ++meetings[m.supplier];
      for (size_t s = 0; s < meetings.size(); ++s) {
        const int limit = event->suppliers[s].max_meetings.value_or(rules.default_max_meetings);
        CHECK(meetings[s] <= limit);
        limited += meetings[s] == limit ? 1 : 0;
      }
    }
  }
  CHECK(limited > 0);  // the limit was reached somewhere, so it was tested
}

TEST_CASE("properties: random changes re-plan validly and never touch history", "[properties]") {
  const match::Rules& rules = match::Rules::Default();
  for (int k = 0; k < kCases; ++k) {
    const match::GenerateOptions options = CaseOptions(k);
    const std::string event_json = match::GenerateEvent(options);
    auto event = match::ParseEvent(event_json, "event.json");
    REQUIRE(event.ok());
    auto built = match::BuildSchedule(*event, rules, match::Score(*event, rules));
    REQUIRE(built.ok());
    // As the command does: the schedule as read back from its file.
    auto schedule = match::ParseSchedule(match::ScheduleToJson(*event, *built), "schedule.json", *event);
    REQUIRE(schedule.ok());
    std::mt19937_64 rng(5000 + k);
    for (int round = 0; round < 3; ++round) {
      const auto& slots = event->slots;
      const size_t cut = std::uniform_int_distribution<size_t>(0, slots.size())(rng);
      const match::Minute now = cut < slots.size() ? slots[cut].start : slots.back().end;
      json doc = {{"format", "standmatch.changes/1"},
                  {"now", match::FormatTime(now)},
                  {"changes", RandomChanges(*event, *schedule, now, rng)}};
      INFO("case " << k << " round " << round << ": " << doc.dump());
      auto changes = match::ParseChanges(doc.dump(), "changes.json", *event, *schedule);
      INFO(changes.status().ToString());
      REQUIRE(changes.ok());
      auto result = match::Replan(*event, rules, *schedule, *changes);
      INFO(result.status().ToString());
      REQUIRE(result.ok());
      const auto& changed = result->changed;
      RequireValidSchedule(changed.event, rules, match::ScheduleToJson(changed.event, result->schedule));
      CHECK(History(result->schedule, changed.first_future_slot) == History(*schedule, changed.first_future_slot));
      // The changed event, written as a file, loads again (later re-plans start from it).
      auto written = match::ChangedEventJson(event_json, "event.json", *event, *changes, changed);
      REQUIRE(written.ok());
      auto reread = match::ParseEvent(*written, "changed.json");
      INFO(reread.status().ToString());
      CHECK(reread.ok());
    }
  }
}

TEST_CASE("properties: a change set naming what does not exist is rejected at each fault", "[properties]") {
  int faults = 0;
  for (int k = 0; k < kCases; k += 3) {
    const match::GenerateOptions options = CaseOptions(k);
    auto event = match::ParseEvent(match::GenerateEvent(options), "event.json");
    REQUIRE(event.ok());
    const match::Rules& rules = match::Rules::Default();
    auto schedule = match::BuildSchedule(*event, rules, match::Score(*event, rules));
    REQUIRE(schedule.ok());
    std::mt19937_64 rng(7000 + k);
    const match::Minute now = event->slots.front().start;
    json list = RandomChanges(*event, *schedule, now, rng);
    if (list.empty()) continue;
    // One fault per change of a kind that names someone: an unknown supplier or stand,
    // a table count of 0, a kind that does not exist.
    std::set<size_t> broken;
    for (size_t i = 0; i < list.size(); ++i) {
      json& change = list[i];
      const std::string kind = change["kind"];
      if (kind == "walk_in") {
        change["supplier"]["cpv"] = json::array({"3913"});
      } else if (kind == "stand_tables") {
        change["tables"] = 0;
      } else if (change.contains("stand") && (rng() % 2 || !change.contains("supplier"))) {
        change["stand"] = "no-such-stand";
      } else if (change.contains("supplier")) {
        change["supplier"] = "no-such-supplier";
      } else {
        change["kind"] = "teleport";
      }
      broken.insert(i);
    }
    json doc = {{"format", "standmatch.changes/1"}, {"now", match::FormatTime(now)}, {"changes", list}};
    INFO("case " << k << ": " << doc.dump());
    auto changes = match::ParseChanges(doc.dump(), "changes.json", *event, *schedule);
    REQUIRE_FALSE(changes.ok());
    std::set<size_t> reported;
    for (const auto& message : changes.status().messages()) {
      INFO(message);
      REQUIRE(message.rfind("changes.json: changes[", 0) == 0);
      reported.insert(std::stoul(message.substr(std::string("changes.json: changes[").size())));
    }
    CHECK(reported == broken);
    faults += static_cast<int>(broken.size());
  }
  CHECK(faults >= 10);
}

namespace {

// One random edit of DOC: a value replaced by one of another type or an extreme one,
// a key removed, or an array element duplicated.
void Mutate(json& doc, std::mt19937_64& rng) {
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  // Walk down to a random node.
  json* node = &doc;
  json* parent = nullptr;
  std::string key;
  size_t index = 0;
  for (int depth = 0; depth < 6 && (node->is_object() || node->is_array()) && !node->empty(); ++depth) {
    if (depth > 0 && pick(3) == 0) break;
    parent = node;
    if (node->is_object()) {
      auto it = node->begin();
      std::advance(it, static_cast<long>(pick(node->size())));
      key = it.key();
      node = &it.value();
    } else {
      index = pick(node->size());
      key.clear();
      node = &(*node)[index];
    }
  }
  static const json kReplacements[] = {nullptr,
                                       true,
                                       0,
                                       -1,
                                       1e300,
                                       18446744073709551615ull,
                                       -9223372036854775807LL,
                                       0.5,
                                       "",
                                       "x",
                                       "25:00",
                                       "10:00",
                                       "39130000",
                                       "3913",
                                       std::string(5000, 'a'),
                                       json::array(),
                                       json::object(),
                                       json::array({1, "a", nullptr})};
  switch (pick(4)) {
    case 0:
      if (parent && parent->is_object()) {
        parent->erase(key);
        return;
      }
      [[fallthrough]];
    case 1:
      if (parent && parent->is_array()) {
        parent->push_back((*parent)[index]);  // duplicates ids, pairs, windows
        return;
      }
      [[fallthrough]];
    default:
      *node = kReplacements[pick(std::size(kReplacements))];
  }
}

// Whether the JSON path of a loader message (e.g. "stands[0].needs[1].cpv[0]") names a
// place in DOC: every step but the last exists (the last may be the key found missing).
bool PathIsInDocument(const json& doc, const std::string& path) {
  std::vector<std::string> steps;  // "key" or "[3]"
  std::string step;
  for (char c : path) {
    if ((c == '.' || c == '[') && !step.empty()) {
      steps.push_back(step);
      step.clear();
    }
    if (c != '.') step += c;
  }
  if (!step.empty()) steps.push_back(step);
  if (steps.empty()) return false;
  const json* node = &doc;
  for (size_t i = 0; i + 1 < steps.size(); ++i) {
    const std::string& st = steps[i];
    if (st.front() == '[') {
      if (!node->is_array() || st.back() != ']') return false;
      const size_t index = std::stoul(st.substr(1, st.size() - 2));
      if (index >= node->size()) return false;
      node = &(*node)[index];
    } else {
      if (!node->is_object() || !node->contains(st)) return false;
      node = &(*node)[st];
    }
  }
  return true;
}

}  // namespace

TEST_CASE("properties: a mutated event is rejected with located messages, or accepted and scheduled", "[properties]") {
  const std::string path = "event.json";
  const match::Rules& rules = match::Rules::Default();
  int accepted = 0, rejected = 0;
  for (int k = 0; k < 6; ++k) {
    match::GenerateOptions options = CaseOptions(k);
    options.suppliers = std::min(options.suppliers, 20);
    const json original = json::parse(match::GenerateEvent(options));
    std::mt19937_64 rng(9000 + k);
    for (int trial = 0; trial < 60; ++trial) {
      json doc = original;
      const int edits = 1 + static_cast<int>(rng() % 3);
      for (int e = 0; e < edits; ++e) Mutate(doc, rng);
      std::string text = doc.dump(1);
      const bool truncated = trial % 10 == 9;
      if (truncated) text.resize(rng() % text.size());  // a truncated upload
      INFO("case " << k << " trial " << trial);
      auto loaded = match::ParseEvent(text, path);
      INFO(loaded.status().ToString());
      if (truncated) REQUIRE_FALSE(loaded.ok());
      if (!loaded.ok()) {
        ++rejected;
        REQUIRE_FALSE(loaded.status().messages().empty());
        // Each message names the file, then where: a line and column of the text, or
        // a JSON path into the document as uploaded.
        for (const auto& message : loaded.status().messages()) {
          INFO(message);
          REQUIRE(message.rfind(path + ": ", 0) == 0);
          const std::string rest = message.substr(path.size() + 2);
          if (truncated || rest.rfind("not valid JSON", 0) == 0) {
            CHECK(truncated);
            CHECK(rest.rfind("not valid JSON: ", 0) == 0);
            CHECK(rest.find("line ") != std::string::npos);
            continue;
          }
          if (rest.front() == '"') {  // a top-level key absent or null: "KEY" is missing
            const size_t quote = rest.find('"', 1);
            REQUIRE(quote != std::string::npos);
            CHECK(rest.substr(quote + 1) == " is missing");
            const std::string key = rest.substr(1, quote - 1);
            CHECK((!doc.is_object() || !doc.contains(key) || doc[key].is_null()));
            continue;
          }
          const size_t colon = rest.find(": ");
          REQUIRE(colon != std::string::npos);
          CHECK(PathIsInDocument(doc, rest.substr(0, colon)));
        }
        continue;
      }
      ++accepted;
      // What the loader accepts, the engine schedules and the checker passes.
      auto schedule = match::BuildSchedule(*loaded, rules, match::Score(*loaded, rules));
      INFO(schedule.status().ToString());
      REQUIRE(schedule.ok());
      RequireValidSchedule(*loaded, rules, match::ScheduleToJson(*loaded, *schedule));
    }
  }
  // Both sides were exercised.
  CHECK(accepted >= 15);
  CHECK(rejected > 100);
}
