// Edits participants make to an event file (wishes, invitations, a registered
// supplier) and the registration record, checked as the event file checks suppliers.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "match/base/files.h"
#include "match/io/event_edit.h"
#include "match/io/event_io.h"
#include "match/io/registration.h"

using namespace match;
using nlohmann::json;

namespace {

std::string VillejuifJson() {
  auto text = ReadFile(std::string(STANDMATCH_SOURCE_DIR) + "/datasets/villejuif-2025/event.json");
  REQUIRE(text.ok());
  return *text;
}

}  // namespace

TEST_CASE("event edit: a supplier's wishes are replaced and the rest of the file kept", "[event_edit]") {
  std::string before = VillejuifJson();
  auto event = ParseEvent(before, "event.json");
  REQUIRE(event.ok());
  auto wishes = ParseInterests(R"({"wishes": [{"stand": "mobilier", "level": "must"}, {"stand": "nettoyage",
                                  "level": "no"}]})",
                               "body", InterestKind::kWishes, *event);
  REQUIRE(wishes.ok());
  auto after = ReplaceWishes(before, "f001", *wishes);
  REQUIRE(after.ok());
  auto edited = ParseEvent(*after, "event.json");
  REQUIRE(edited.ok());
  SupplierIndex f001 = *edited->FindSupplier("f001");
  CHECK(edited->WishLevel(f001, *edited->FindStand("mobilier")) == Level::kMust);
  CHECK(edited->WishLevel(f001, *edited->FindStand("nettoyage")) == Level::kNo);
  CHECK(WishesOf(*edited, f001).size() == 2);
  CHECK(InterestsJson(WishesOf(*edited, f001), InterestKind::kWishes) ==
        R"({"wishes":[{"stand":"mobilier","level":"must"},{"stand":"nettoyage","level":"no"}]})");
  // Everything else is as it was, unknown fields and key order included.
  json a = json::parse(before), b = json::parse(*after);
  for (auto& s : a["suppliers"]) s.erase("wishes");
  for (auto& s : b["suppliers"]) s.erase("wishes");
  CHECK(a == b);
  CHECK(ReplaceWishes(before, "nobody", *wishes).status().code() == Status::Code::kNotFound);
  // An empty list removes them.
  auto none = ReplaceWishes(*after, "f001", {});
  REQUIRE(none.ok());
  CHECK(WishesOf(*ParseEvent(*none, "event.json"), f001).empty());
}

TEST_CASE("event edit: a stand's invitations are replaced, the other stands' kept", "[event_edit]") {
  std::string before = VillejuifJson();
  int others = 0;
  const json original = json::parse(before);
  for (const auto& i : original["invitations"]) others += i["stand"].get<std::string>() != "mobilier";
  auto after = ReplaceInvitations(before, "mobilier", {{"f002", Level::kMust}, {"f003", Level::kNo}});
  REQUIRE(after.ok());
  auto edited = ParseEvent(*after, "event.json");
  REQUIRE(edited.ok());
  StandIndex mobilier = *edited->FindStand("mobilier");
  auto mine = InvitationsOf(*edited, mobilier);
  REQUIRE(mine.size() == 2);
  CHECK(mine[0].id == "f002");
  CHECK(mine[0].level == Level::kMust);
  CHECK(static_cast<int>(edited->invitations.size()) == others + 2);
  CHECK(ReplaceInvitations(before, "no-stand", {}).status().code() == Status::Code::kNotFound);
}

TEST_CASE("event edit: a wishes body names the JSON path and the value of each mistake", "[event_edit]") {
  auto event = ParseEvent(VillejuifJson(), "event.json");
  REQUIRE(event.ok());
  auto bad = ParseInterests(R"({"wishes": [{"stand": "mobilier", "level": "maybe"}, {"stand": "nowhere",
                               "level": "want"}, {"stand": "mobilier", "level": "want"},
                               {"stand": "mobilier", "level": "no"}]})",
                            "body", InterestKind::kWishes, *event);
  REQUIRE(!bad.ok());
  std::string text = bad.status().ToString();
  CHECK(text.find("body: wishes[0].level: \"maybe\" is not one of must, want, no") != std::string::npos);
  CHECK(text.find("body: wishes[1].stand: \"nowhere\" names no stand") != std::string::npos);
  CHECK(text.find("body: wishes[3].stand: \"mobilier\" is given twice") != std::string::npos);
  auto missing =
      ParseInterests(R"({"invitations": [{"supplier": "f001"}]})", "body", InterestKind::kInvitations, *event);
  REQUIRE(!missing.ok());
  CHECK(missing.status().ToString().find("invitations[0]: \"level\" is missing") != std::string::npos);
  CHECK(!ParseInterests("[]", "body", InterestKind::kWishes, *event).ok());
}

TEST_CASE("event edit: a registration is checked as a supplier record and joins the event", "[event_edit]") {
  auto ok = ParseRegistration(R"({"name": "Nettoyage Solidaire", "siret": "73282932000074", "commune": "94076",
                                  "ess": true, "structure": "EI", "activity": "nettoyage", "email": "a@b.fr"})",
                              "body");
  REQUIRE(ok.ok());
  CHECK(ok->name == "Nettoyage Solidaire");
  CHECK(ok->siret == "73282932000074");
  auto added = AppendSupplier(VillejuifJson(), "reg-1", ok->supplier_json);
  REQUIRE(added.ok());
  auto event = ParseEvent(*added, "event.json");
  REQUIRE(event.ok());
  const Supplier& s = event->suppliers[*event->FindSupplier("reg-1")];
  CHECK(s.ess);
  CHECK(s.structure == Structure::kEI);
  CHECK(s.commune == "94076");
  CHECK(!AppendSupplier(*added, "reg-1", ok->supplier_json).ok());  // the id is taken
  // The SIRET's check digit, with its reason; a missing activity; a field nobody asked for.
  auto bad = ParseRegistration(R"({"name": "X", "siret": "73282932000075", "cpv": ["90910000"]})", "body");
  REQUIRE(!bad.ok());
  CHECK(bad.status().ToString().find("body: siret: \"73282932000075\" is not a valid SIRET: it has 14 digits but its "
                                     "check digit (Luhn) fails") != std::string::npos);
  bad = ParseRegistration(R"({"name": "X", "siret": "73282932000074"})", "body");
  REQUIRE(!bad.ok());
  CHECK(bad.status().ToString().find("\"activity\"") != std::string::npos);
  bad = ParseRegistration(R"({"name": "X", "siret": "73282932000074", "activity": "a", "max_meetings": 99})", "body");
  REQUIRE(!bad.ok());
  CHECK(bad.status().ToString().find("max_meetings: is not a field of a registration") != std::string::npos);
  CHECK(!ParseRegistration(R"({"siret": "73282932000074", "activity": "a"})", "body").ok());  // no name
}
