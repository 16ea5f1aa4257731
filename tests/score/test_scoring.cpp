// Tests of scoring (match/score/scoring.h): the hard gates (reserved needs, `no` wishes and
// invitations, minimum relevance and its waiver), the values of a known event, and
// properties over generated events (index = all pairs, bounds, stand = best need,
// monotonicity in CPV codes, determinism).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "event_builder.h"
#include "match/domain/legal.h"
#include "match/io/event_io.h"
#include "match/io/rules.h"
#include "match/score/ranking.h"
#include "match/score/scoring.h"
#include "match/tools/generate.h"

namespace {

using event_builder::MinimalEvent;
using event_builder::Need;
using event_builder::Parse;
using event_builder::Stand;
using event_builder::Supplier;
using match::Criterion;
using match::GatedPair;
using match::Reserved;
using match::Structure;
using nlohmann::json;

constexpr double kEps = 1e-9;
// Contributions may be stored in single precision: their sum matches the score to well
// beyond the 4 printed decimals.
constexpr double kSumTolerance = 1e-6;

match::ScoreTable ScoreDefault(const match::Event& event) { return match::Score(event, match::Rules::Default()); }
// With the rules whose numbers the hand computations below use.
match::ScoreTable ScoreFrozen(const match::Event& event) { return match::Score(event, event_builder::FrozenRules()); }

double Value(const match::ScoreTable& table, const match::PairScore& pair, Criterion c) { return table.Value(pair, c); }

bool HasPair(const match::ScoreTable& table, int supplier, int stand) {
  const bool found = table.Find(supplier, stand) != nullptr;
  const bool listed = std::any_of(table.pairs().begin(), table.pairs().end(), [&](const match::PairScore& p) {
    return p.supplier == supplier && p.stand == stand;
  });
  CHECK(found == listed);
  return found;
}

const GatedPair* FindGated(const match::ScoreTable& table, int supplier, int stand) {
  for (const auto& g : table.gated())
    if (g.supplier == supplier && g.stand == stand) return &g;
  return nullptr;
}

// --- Reserved needs ---------------------------------------------------------------

// One stand "s1" whose need is reserved RESERVED, and one supplier per structure kind
// (plus an ESS association without structure), all selling exactly what it needs.
json ReservedEvent(const char* reserved, bool wished) {
  json doc = MinimalEvent();
  doc["stands"][0]["needs"][0]["reserved"] = reserved;
  doc["suppliers"] = json::array();
  int i = 0;
  for (const char* structure : {"", "EI", "ETTI", "AI", "ACI", "EITI", "EA", "ESAT", "GEIQ", "ess"}) {
    json s = Supplier("f" + std::to_string(i++), {"39130000"});
    if (std::string(structure) == "ess")
      s["legal_form"] = "Association";
    else if (*structure)
      s["structure"] = structure;
    if (wished) s["wishes"] = json::array({{{"stand", "s1"}, {"level", "must"}}});
    doc["suppliers"].push_back(s);
  }
  return doc;
}

TEST_CASE("a reserved need never ranks an ineligible supplier", "[scoring]") {
  const char* kinds[] = {"none", "disability", "insertion", "disability-or-insertion", "ess"};
  for (const char* kind : kinds) {
    for (bool wished : {false, true}) {
      INFO("reserved " << kind << (wished ? ", wished" : ""));
      match::Event event = Parse(ReservedEvent(kind, wished));
      const match::Need& need = event.needs[0];
      match::ScoreTable table = ScoreDefault(event);
      std::vector<int> ranked;
      for (const auto* p : match::RankSuppliers(table, 0, 0)) ranked.push_back(p->supplier);
      for (int s = 0; s < static_cast<int>(event.suppliers.size()); ++s) {
        INFO("supplier " << event.suppliers[s].id << " structure "
                         << match::StructureName(event.suppliers[s].structure));
        const bool eligible = match::EligibleForReserved(need.reserved, event.suppliers[s]);
        CHECK(HasPair(table, s, 0) == eligible);
        CHECK((std::find(ranked.begin(), ranked.end(), s) != ranked.end()) == eligible);
        const GatedPair* gated = FindGated(table, s, 0);
        if (!eligible && wished) {
          REQUIRE(gated != nullptr);
          CHECK(gated->reason == GatedPair::Reason::kReserved);
          CHECK(gated->reserved == need.reserved);
        } else {
          CHECK(gated == nullptr);
        }
      }
    }
  }
}

TEST_CASE("a GEIQ or an ESS association is not eligible for insertion, EA/ESAT not for insertion", "[scoring]") {
  match::Event event = Parse(ReservedEvent("insertion", false));
  match::ScoreTable table = ScoreDefault(event);
  CHECK_FALSE(HasPair(table, 0, 0));  // none
  CHECK(HasPair(table, 1, 0));        // EI
  CHECK(HasPair(table, 4, 0));        // ACI
  CHECK_FALSE(HasPair(table, 6, 0));  // EA
  CHECK_FALSE(HasPair(table, 7, 0));  // ESAT
  CHECK_FALSE(HasPair(table, 8, 0));  // GEIQ
  CHECK_FALSE(HasPair(table, 9, 0));  // ESS association
}

TEST_CASE("reserved needs are open to all when the rules do not enforce them", "[scoring]") {
  match::Event event = Parse(ReservedEvent("disability", false));
  match::Rules rules = match::Rules::Default();
  rules.enforce_reserved = false;
  match::ScoreTable table = match::Score(event, rules);
  for (int s = 0; s < static_cast<int>(event.suppliers.size()); ++s) CHECK(HasPair(table, s, 0));
}

TEST_CASE("an open need of the same stand keeps an ineligible supplier's pair", "[scoring]") {
  json doc = ReservedEvent("insertion", true);
  doc["stands"][0]["needs"].push_back(Need("n2", {"39130000"}));
  match::Event event = Parse(doc);
  match::ScoreTable table = ScoreDefault(event);
  const match::PairScore* none = table.Find(0, 0);
  REQUIRE(none != nullptr);
  CHECK(event.needs[none->need].id == "n2");
  CHECK(FindGated(table, 0, 0) == nullptr);  // the stand is reached, so not gated
}

// --- `no` wishes and invitations ---------------------------------------------------

TEST_CASE("a `no` wish rules the pair out, and is reported when the stand invited it", "[scoring]") {
  json doc = MinimalEvent();
  doc["stands"].push_back(Stand("s2", {Need("n2", {"39130000"})}));
  doc["suppliers"][0]["wishes"] = json::array({{{"stand", "s1"}, {"level", "no"}}});
  doc["invitations"] = json::array({{{"stand", "s1"}, {"supplier", "f1"}, {"level", "must"}}});
  match::Event event = Parse(doc);
  match::ScoreTable table = ScoreDefault(event);
  CHECK_FALSE(HasPair(table, 0, 0));
  CHECK(HasPair(table, 0, 1));
  for (const auto* p : match::RankStands(table, 0, 0)) CHECK(p->stand != 0);
  for (const auto* p : match::RankSuppliers(table, 0, 0)) CHECK(p->supplier != 0);
  const GatedPair* gated = FindGated(table, 0, 0);
  REQUIRE(gated != nullptr);
  CHECK(gated->reason == GatedPair::Reason::kRefused);
  CHECK(FindGated(table, 0, 1) == nullptr);
}

TEST_CASE("a `no` invitation rules the pair out, and is reported when the supplier wished it", "[scoring]") {
  json doc = MinimalEvent();
  doc["suppliers"].push_back(Supplier("f2", {"39130000"}));
  doc["suppliers"][0]["wishes"] = json::array({{{"stand", "s1"}, {"level", "must"}}});
  doc["invitations"] = json::array({{{"stand", "s1"}, {"supplier", "f1"}, {"level", "no"}}});
  match::Event event = Parse(doc);
  match::ScoreTable table = ScoreDefault(event);
  CHECK_FALSE(HasPair(table, 0, 0));
  CHECK(HasPair(table, 1, 0));
  const auto ranked = match::RankSuppliers(table, 0, 0);
  REQUIRE(ranked.size() == 1);
  CHECK(ranked[0]->supplier == 1);
  const GatedPair* gated = FindGated(table, 0, 0);
  REQUIRE(gated != nullptr);
  CHECK(gated->reason == GatedPair::Reason::kRefused);
  CHECK(table.gated().size() == 1);
}

// --- Minimum relevance ---------------------------------------------------------------

TEST_CASE("relevance below the minimum is not a candidate unless wished or invited", "[scoring]") {
  json doc = MinimalEvent();
  // f1 sells office furniture (class match); f2 works (no match); f3 furniture at group
  // level (39100000, depth 3); f4 works but wishes the stand; f5 works, invited.
  doc["suppliers"].push_back(Supplier("f2", {"45000000"}));
  doc["suppliers"].push_back(Supplier("f3", {"39100000"}));
  doc["suppliers"].push_back(Supplier("f4", {"45000000"}));
  doc["suppliers"][3]["wishes"] = json::array({{{"stand", "s1"}, {"level", "want"}}});
  doc["suppliers"].push_back(Supplier("f5", {"45000000"}));
  doc["invitations"] = json::array({{{"stand", "s1"}, {"supplier", "f5"}, {"level", "want"}}});
  match::Event event = Parse(doc);

  SECTION("minimum 0.3: waived for wished and invited pairs") {
    match::ScoreTable table = ScoreFrozen(event);
    CHECK(HasPair(table, 0, 0));
    CHECK_FALSE(HasPair(table, 1, 0));
    CHECK(HasPair(table, 2, 0));
    REQUIRE(HasPair(table, 3, 0));
    REQUIRE(HasPair(table, 4, 0));
    CHECK(table.Find(3, 0)->cpv_depth == 0);
    CHECK(Value(table, *table.Find(3, 0), Criterion::kRelevance) == 0);
    CHECK(Value(table, *table.Find(3, 0), Criterion::kMutual) == Approx(0.60));
    CHECK(Value(table, *table.Find(4, 0), Criterion::kMutual) == Approx(0.60));
    CHECK(table.gated().empty());
  }
  SECTION("a higher minimum gates the group-level match") {
    match::Rules rules = event_builder::FrozenRules();
    rules.min_relevance = 0.6;
    match::ScoreTable table = match::Score(event, rules);
    CHECK(HasPair(table, 0, 0));
    CHECK_FALSE(HasPair(table, 2, 0));
    CHECK(HasPair(table, 3, 0));
    CHECK(table.gated().empty());
  }
  SECTION("without the waiver, wished pairs below the minimum are gated and reported") {
    match::Rules rules = event_builder::FrozenRules();
    rules.wish_overrides_min_relevance = false;
    match::ScoreTable table = match::Score(event, rules);
    CHECK(HasPair(table, 0, 0));
    CHECK_FALSE(HasPair(table, 3, 0));
    CHECK_FALSE(HasPair(table, 4, 0));
    REQUIRE(table.gated().size() == 2);
    CHECK(table.gated()[0].supplier == 3);
    CHECK(table.gated()[0].reason == GatedPair::Reason::kLowRelevance);
    CHECK(table.gated()[1].supplier == 4);
    CHECK(table.gated()[1].reason == GatedPair::Reason::kLowRelevance);
  }
}

// --- Values on a known event -----------------------------------------------------------

TEST_CASE("the small fixture event scores as computed by hand", "[scoring]") {
  auto event = match::LoadEvent(STANDMATCH_SOURCE_DIR "/tests/data/events/small.json");
  REQUIRE(event.ok());
  match::ScoreTable table = ScoreFrozen(*event);
  REQUIRE(table.pairs().size() == 4);

  // f1 (Villejuif, micro SCOP, EI, reuse) at the Villejuif furniture stand it wishes (must).
  const match::PairScore* p = table.Find(0, 0);
  REQUIRE(p != nullptr);
  CHECK(p->cpv_depth == 8);  // the need's own code: a full match
  CHECK(match::MatchedCodes(*event, *p).supplier.ToString() == "39130000");
  CHECK(match::MatchedCodes(*event, *p).need.ToString() == "39130000");
  CHECK(p->tier == match::LocalityTier::kSameCommune);
  CHECK(p->in_territory);
  CHECK(p->wish == match::Level::kMust);
  CHECK(Value(table, *p, Criterion::kRelevance) == Approx(1.0));
  CHECK(Value(table, *p, Criterion::kSize) == Approx(1.0));
  CHECK(Value(table, *p, Criterion::kEss) == Approx(1.0));
  CHECK(Value(table, *p, Criterion::kInclusion) == Approx(0.85));
  CHECK(Value(table, *p, Criterion::kLocality) == Approx(1.0));
  CHECK(Value(table, *p, Criterion::kReuse) == Approx(1.0));
  CHECK(Value(table, *p, Criterion::kMutual) == Approx(1.0));
  CHECK(p->score == Approx(0.985));

  // f2 (Ivry, PME, same EPT as Villejuif): group-level furniture, printing's own code.
  p = table.Find(1, 0);
  REQUIRE(p != nullptr);
  CHECK(p->cpv_depth == 3);
  CHECK(p->tier == match::LocalityTier::kSameIntercommunality);
  CHECK(Value(table, *p, Criterion::kReuse) == 0);
  CHECK(p->score == Approx(0.4185));
  p = table.Find(1, 1);
  REQUIRE(p != nullptr);
  CHECK(p->score == Approx(0.621));

  // f3 (Lyon, no structure) wished the works stand reserved to SIAE: gated.
  CHECK(table.Find(2, 2) == nullptr);
  REQUIRE(table.gated().size() == 1);
  CHECK(table.gated()[0].supplier == 2);
  CHECK(table.gated()[0].stand == 2);
  CHECK(table.gated()[0].reason == GatedPair::Reason::kReserved);
  CHECK(table.gated()[0].reserved == Reserved::kInsertion);

  // f4 (Créteil, ACI association, invited `must`) at the works stand of the EPT (Vitry).
  p = table.Find(3, 2);
  REQUIRE(p != nullptr);
  CHECK(p->cpv_depth == 8);  // 45000000 for 45000000
  CHECK(p->tier == match::LocalityTier::kSameDepartement);
  CHECK_FALSE(p->in_territory);
  CHECK(p->invitation == match::Level::kMust);
  CHECK(Value(table, *p, Criterion::kSize) == Approx(0.30));  // unknown size
  CHECK(Value(table, *p, Criterion::kLocality) == Approx(0.55));
  CHECK(p->score == Approx(0.791));

  CHECK(table.OfSupplier(1).size() == 2);
  CHECK(table.OfSupplier(2).empty());
  auto of_stand = table.OfStand(0);
  CHECK(std::vector<int>(of_stand.begin(), of_stand.end()) == std::vector<int>{0, 1});
}

TEST_CASE("an SIAE meeting a need with an insertion clause gets the clause value", "[scoring]") {
  json doc = MinimalEvent();
  doc["stands"][0]["needs"][0]["insertion_clause_pct"] = 5;
  doc["suppliers"][0]["structure"] = "ETTI";
  doc["suppliers"].push_back(Supplier("f2", {"39130000"}));
  doc["suppliers"][1]["structure"] = "GEIQ";
  doc["suppliers"].push_back(Supplier("f3", {"39130000"}));
  doc["suppliers"][2]["structure"] = "ESAT";
  match::Event event = Parse(doc);
  match::ScoreTable table = ScoreFrozen(event);
  REQUIRE(table.pairs().size() == 3);
  CHECK(Value(table, *table.Find(0, 0), Criterion::kInclusion) == Approx(1.0));
  CHECK(Value(table, *table.Find(1, 0), Criterion::kInclusion) == Approx(1.0));
  CHECK(Value(table, *table.Find(2, 0), Criterion::kInclusion) == Approx(0.85));
  doc["stands"][0]["needs"][0]["insertion_clause_pct"] = 0;
  match::ScoreTable no_clause = ScoreFrozen(Parse(doc));
  CHECK(Value(no_clause, *no_clause.Find(0, 0), Criterion::kInclusion) == Approx(0.85));
  CHECK(Value(no_clause, *no_clause.Find(1, 0), Criterion::kInclusion) == Approx(0.40));
}

// --- Properties over generated events --------------------------------------------------

match::GenerateOptions SmallOptions(uint64_t seed) {
  match::GenerateOptions options;
  options.suppliers = 30 + static_cast<int>(seed % 3) * 10;
  options.stands = 6 + static_cast<int>(seed % 4);
  options.slots = 8;
  options.wish_share = 0.6;
  options.invitation_share = 0.2;
  options.seed = seed;
  return options;
}

constexpr uint64_t kSeeds[] = {1, 2, 3, 5, 8, 13, 21, 34};

match::Event ParseText(const std::string& text) {
  auto event = match::ParseEvent(text, "generated.json");
  INFO(event.status().ToString());
  REQUIRE(event.ok());
  return std::move(event).value();
}

void CheckSameTables(const match::ScoreTable& a, const match::ScoreTable& b) {
  REQUIRE(a.pairs().size() == b.pairs().size());
  for (size_t i = 0; i < a.pairs().size(); ++i) {
    const auto& p = a.pairs()[i];
    const auto& q = b.pairs()[i];
    INFO("pair " << i);
    CHECK(p.supplier == q.supplier);
    CHECK(p.stand == q.stand);
    CHECK(p.need == q.need);
    CHECK(p.score == q.score);
    for (int c = 0; c < match::kNumCriteria; ++c)
      CHECK(a.Contribution(p, static_cast<Criterion>(c)) == b.Contribution(q, static_cast<Criterion>(c)));
    CHECK(p.cpv_depth == q.cpv_depth);
    CHECK(p.exact_cpv == q.exact_cpv);
  }
  REQUIRE(a.gated().size() == b.gated().size());
  for (size_t i = 0; i < a.gated().size(); ++i) {
    CHECK(a.gated()[i].supplier == b.gated()[i].supplier);
    CHECK(a.gated()[i].stand == b.gated()[i].stand);
    CHECK(a.gated()[i].reason == b.gated()[i].reason);
  }
}

TEST_CASE("Score and ScoreAllPairs give identical tables", "[scoring]") {
  for (uint64_t seed : kSeeds) {
    INFO("seed " << seed);
    match::Event event = ParseText(match::GenerateEvent(SmallOptions(seed)));
    for (double min_relevance : {0.0, 0.3, 0.85}) {
      INFO("min_relevance " << min_relevance);
      match::Rules rules = match::Rules::Default();
      rules.min_relevance = min_relevance;
      match::ScoreTable indexed = match::Score(event, rules);
      match::ScoreTable all = match::ScoreAllPairs(event, rules);
      CHECK_FALSE(indexed.pairs().empty());
      CheckSameTables(indexed, all);
      CHECK(match::ScoresCsv(event, indexed) == match::ScoresCsv(event, all));
    }
  }
}

TEST_CASE("scores and contributions lie in [0, 1] and contributions sum to the score", "[scoring]") {
  for (uint64_t seed : kSeeds) {
    INFO("seed " << seed);
    match::Event event = ParseText(match::GenerateEvent(SmallOptions(seed)));
    match::ScoreTable table = ScoreDefault(event);
    int previous_supplier = -1, previous_stand = -1;
    for (const auto& p : table.pairs()) {
      CHECK(p.score > 0);
      CHECK(p.score <= 1);
      double sum = 0;
      for (int c = 0; c < match::kNumCriteria; ++c) {
        CHECK(table.Value(p, static_cast<Criterion>(c)) >= 0);
        CHECK(table.Value(p, static_cast<Criterion>(c)) <= 1.000001);
        const float contribution = table.Contribution(p, static_cast<Criterion>(c));
        CHECK(contribution >= 0);
        CHECK(contribution <= 1);
        sum += contribution;
      }
      CHECK(std::abs(sum - p.score) < kSumTolerance);
      CHECK(event.needs[p.need].stand == p.stand);
      // Sorted by (supplier, stand), one pair per stand.
      CHECK(std::make_pair(p.supplier, p.stand) > std::make_pair(previous_supplier, previous_stand));
      previous_supplier = p.supplier;
      previous_stand = p.stand;
      // Gates hold.
      CHECK(event.WishLevel(p.supplier, p.stand) != match::Level::kNo);
      CHECK(event.InvitationLevel(p.supplier, p.stand) != match::Level::kNo);
      CHECK(match::EligibleForReserved(event.needs[p.need].reserved, event.suppliers[p.supplier]));
      const bool interested = event.WishLevel(p.supplier, p.stand) != match::Level::kNone ||
                              event.InvitationLevel(p.supplier, p.stand) != match::Level::kNone;
      if (!interested)
        CHECK((Value(table, p, Criterion::kRelevance) >= match::Rules::Default().min_relevance ||
               Value(table, p, Criterion::kText) >= match::Rules::Default().min_text));
    }
    for (int t = 0; t < static_cast<int>(event.stands.size()); ++t) {
      const auto of_stand = table.OfStand(t);
      for (size_t i = 0; i < of_stand.size(); ++i) {
        CHECK(table.pairs()[of_stand[i]].stand == t);
        if (i > 0) CHECK(table.pairs()[of_stand[i - 1]].supplier < table.pairs()[of_stand[i]].supplier);
      }
    }
  }
}

// DOC with every stand split into one stand per need ("<stand>#<k>"), the wishes and
// invitations copied to each part.
json SplitStands(const json& doc, std::vector<std::vector<int>>& parts_of_stand) {
  json out = doc;
  out["stands"] = json::array();
  std::map<std::string, std::vector<std::string>> parts;
  for (const json& stand : doc["stands"]) {
    parts_of_stand.emplace_back();
    for (size_t k = 0; k < stand["needs"].size(); ++k) {
      json part = stand;
      part["id"] = stand["id"].get<std::string>() + "#" + std::to_string(k);
      part["needs"] = json::array({stand["needs"][k]});
      parts[stand["id"]].push_back(part["id"]);
      parts_of_stand.back().push_back(static_cast<int>(out["stands"].size()));
      out["stands"].push_back(part);
    }
  }
  // Each interest of LIST, once per part of its stand.
  auto spread = [&parts](const json& list) {
    json out_list = json::array();
    for (const json& interest : list) {
      for (const auto& id : parts[interest["stand"]]) {
        json copy = interest;
        copy["stand"] = id;
        out_list.push_back(copy);
      }
    }
    return out_list;
  };
  for (json& supplier : out["suppliers"])
    if (supplier.contains("wishes")) supplier["wishes"] = spread(supplier["wishes"]);
  if (doc.contains("invitations")) out["invitations"] = spread(doc["invitations"]);
  return out;
}

TEST_CASE("a stand's score is the best of its needs' scores", "[scoring]") {
  for (uint64_t seed : kSeeds) {
    INFO("seed " << seed);
    match::GenerateOptions options = SmallOptions(seed);
    options.needs_per_stand_max = 4;
    const json doc = json::parse(match::GenerateEvent(options));
    std::vector<std::vector<int>> parts_of_stand;
    const json split_doc = SplitStands(doc, parts_of_stand);
    match::Event event = ParseText(doc.dump());
    match::Event split = ParseText(split_doc.dump());
    REQUIRE(split.needs.size() == event.needs.size());
    match::ScoreTable table = ScoreDefault(event);
    match::ScoreTable split_table = ScoreDefault(split);
    for (int s = 0; s < static_cast<int>(event.suppliers.size()); ++s) {
      for (int t = 0; t < static_cast<int>(event.stands.size()); ++t) {
        INFO("supplier " << event.suppliers[s].id << ", stand " << event.stands[t].id);
        const match::PairScore* best = nullptr;
        for (int part : parts_of_stand[t]) {
          const match::PairScore* p = split_table.Find(s, part);
          if (p && (!best || p->score > best->score)) best = p;
        }
        const match::PairScore* pair = table.Find(s, t);
        REQUIRE((pair == nullptr) == (best == nullptr));
        if (pair) {
          CHECK(pair->score == Approx(best->score).epsilon(1e-12));
          CHECK(event.needs[pair->need].id == split.needs[best->need].id);
        }
      }
    }
  }
}

TEST_CASE("adding a matching CPV code to a supplier never lowers any of its scores", "[scoring]") {
  // The text criterion off: a code also adds its label's words to the supplier's text,
  // which may dilute its text similarity to other needs.
  match::Rules rules = match::Rules::Default();
  rules.weights[static_cast<int>(Criterion::kText)] = 0;
  auto ScoreDefault = [&](const match::Event& e) { return match::Score(e, rules); };
  for (uint64_t seed : kSeeds) {
    INFO("seed " << seed);
    const json doc = json::parse(match::GenerateEvent(SmallOptions(seed)));
    match::Event event = ParseText(doc.dump());
    match::ScoreTable table = ScoreDefault(event);
    const int suppliers = static_cast<int>(event.suppliers.size());
    const int needs = static_cast<int>(event.needs.size());
    for (int s = 0; s < suppliers; s += 4) {
      const int n = (s * 7 + static_cast<int>(seed)) % needs;
      const match::Need& need = event.needs[n];
      json changed = doc;
      changed["suppliers"][s]["cpv"].push_back(need.cpv[0].ToString());
      match::Event event2 = ParseText(changed.dump());
      match::ScoreTable table2 = ScoreDefault(event2);
      INFO("supplier " << event.suppliers[s].id << " + CPV " << need.cpv[0].ToString());
      for (const auto& before : table.OfSupplier(s)) {
        const match::PairScore* after = table2.Find(s, before.stand);
        REQUIRE(after != nullptr);
        CHECK(after->score >= before.score - kEps);
        CHECK(after->cpv_depth >= before.cpv_depth);
      }
      // The stand of that need is now a candidate unless a hard gate says otherwise.
      const bool refused = event.WishLevel(s, need.stand) == match::Level::kNo ||
                           event.InvitationLevel(s, need.stand) == match::Level::kNo;
      if (!refused && match::EligibleForReserved(need.reserved, event.suppliers[s]))
        CHECK(table2.Find(s, need.stand) != nullptr);
      // Other suppliers are untouched.
      for (int o = 0; o < suppliers; o += 5) {
        if (o == s) continue;
        CHECK(table.OfSupplier(o).size() == table2.OfSupplier(o).size());
      }
    }
  }
}

TEST_CASE("scoring is deterministic", "[scoring]") {
  for (uint64_t seed : {4, 9}) {
    const std::string text = match::GenerateEvent(SmallOptions(seed));
    match::Event a = ParseText(text);
    match::Event b = ParseText(text);
    const std::string csv = match::ScoresCsv(a, ScoreDefault(a));
    CHECK(csv == match::ScoresCsv(a, ScoreDefault(a)));
    CHECK(csv == match::ScoresCsv(b, ScoreDefault(b)));
    CHECK(csv.find('\n') != csv.size() - 1);  // more than the header
  }
}

}  // namespace
