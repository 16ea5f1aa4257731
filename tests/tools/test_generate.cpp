// Tests of the synthetic event generator and of the two default events in datasets/.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "event_builder.h"
#include "match/base/files.h"
#include "match/domain/cpv.h"
#include "match/io/event_io.h"
#include "match/tools/generate.h"

namespace {

using nlohmann::json;

using event_builder::OfficialCpv;

bool LuhnOk(const std::string& digits) {
  int total = 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    int d = digits[digits.size() - 1 - i] - '0';
    if (d < 0 || d > 9) return false;
    if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    total += d;
  }
  return total % 10 == 0;
}

bool IsOfficial(const std::string& text) {
  const auto code = match::CpvCode::Parse(text);
  if (!code || !OfficialCpv().Contains(*code)) return false;
  return !code->check_digit() || code->check_digit() == OfficialCpv().CheckDigit(*code);
}

// Checks the invariants every event of ours keeps (beyond what the loader checks):
// unique ids of at most 64 characters, Luhn-valid SIRETs, official CPV codes,
// wishes and invitations naming existing stands and suppliers, marked synthetic.
void CheckDocument(const json& doc) {
  CHECK(doc.at("format") == "standmatch.event/1");
  CHECK(doc.at("event").at("synthetic") == true);
  auto check_siret = [](const std::string& siret) {
    INFO(siret);
    CHECK(siret.size() == 14);
    CHECK(LuhnOk(siret));
    CHECK(LuhnOk(siret.substr(0, 9)));
  };
  std::set<std::string> ids[4];
  auto unique = [&](int list, const std::string& id) {
    CHECK(!id.empty());
    CHECK(id.size() <= 64);
    CHECK(ids[list].insert(id).second);
  };
  for (const auto& b : doc.at("buyers")) {
    unique(0, b.at("id"));
    check_siret(b.at("siret"));
  }
  for (const auto& s : doc.at("stands")) {
    unique(1, s.at("id"));
    CHECK(ids[0].count(s.at("buyer")) == 1);
    for (const auto& n : s.at("needs")) {
      unique(2, n.at("id"));
      CHECK(!n.at("cpv").empty());
      for (const auto& c : n.at("cpv")) CHECK(IsOfficial(c));
    }
  }
  for (const auto& f : doc.at("suppliers")) {
    unique(3, f.at("id"));
    check_siret(f.at("siret"));
    for (const auto& c : f.value("cpv", json::array())) CHECK(IsOfficial(c));
    // What the supplier does: CPV codes, or a NAF code or an activity text as registered.
    CHECK((f.contains("cpv") || f.contains("naf") || f.contains("activity")));
    std::set<std::string> wished;
    for (const auto& w : f.value("wishes", json::array())) {
      CHECK(ids[1].count(w.at("stand")) == 1);
      CHECK(wished.insert(w.at("stand")).second);
    }
  }
  std::set<std::pair<std::string, std::string>> invited;
  for (const auto& i : doc.at("invitations")) {
    CHECK(ids[1].count(i.at("stand")) == 1);
    CHECK(ids[3].count(i.at("supplier")) == 1);
    CHECK(invited.emplace(i.at("stand"), i.at("supplier")).second);
  }
}

// Loads TEXT with the project's loader and the official CPV list: no error allowed.
void CheckLoads(const std::string& text, const std::string& name) {
  std::vector<std::string> warnings;
  match::LoadOptions options;
  options.cpv_list = &OfficialCpv();
  options.warnings = &warnings;
  const auto event = match::ParseEvent(text, name, options);
  INFO(event.status().ToString());
  REQUIRE(event.ok());
  CHECK(warnings.empty());
}

}  // namespace

TEST_CASE("generate: same seed gives the same bytes, another seed other bytes", "[generate]") {
  match::GenerateOptions options;
  const std::string a = match::GenerateEvent(options);
  CHECK(a == match::GenerateEvent(options));
  options.seed = 2;
  const std::string b = match::GenerateEvent(options);
  CHECK(a != b);
  CHECK(b == match::GenerateEvent(options));
  CHECK(a.back() == '\n');
}

TEST_CASE("generate: the output has the requested size", "[generate]") {
  match::GenerateOptions options;
  options.suppliers = 321;
  options.stands = 37;
  options.needs_per_stand_max = 4;
  options.tables_max = 2;
  options.slots = 12;
  options.seed = 7;
  const json doc = json::parse(match::GenerateEvent(options));
  CHECK(doc.at("suppliers").size() == 321);
  CHECK(doc.at("stands").size() == 37);
  int needs = 0;
  for (const auto& s : doc.at("stands")) {
    CHECK(s.at("needs").size() >= 1);
    CHECK(s.at("needs").size() <= 4);
    CHECK(s.at("tables") >= 1);
    CHECK(s.at("tables") <= 2);
    needs += static_cast<int>(s.at("needs").size());
  }
  CHECK(needs >= 37);
  // One morning: 12 slots + a 10-minute coffee break, from 09:00.
  CHECK(doc.at("event").at("sessions") == json::parse(R"([{"start": "09:00", "end": "11:10"}])"));
  CHECK(doc.at("event").at("breaks").size() == 1);
  CHECK(doc.at("event").at("slot_minutes") == 10);
  CheckDocument(doc);
}

TEST_CASE("generate: the participants have the mix of a real forum", "[generate]") {
  match::GenerateOptions options;
  options.suppliers = 2000;
  options.stands = 100;
  const json doc = json::parse(match::GenerateEvent(options));
  std::set<std::string> structures, forms, reuse, tiers;
  int partial = 0, wishes = 0, budgets = 0, ess = 0, large = 0, micro = 0, elsewhere = 0;
  for (const auto& f : doc.at("suppliers")) {
    if (f.contains("structure")) structures.insert(f.at("structure").get<std::string>());
    forms.insert(f.at("legal_form").get<std::string>());
    for (const auto& r : f.value("reuse", json::array())) reuse.insert(r.get<std::string>());
    partial += f.contains("available");
    wishes += f.contains("wishes");
    budgets += f.contains("max_meetings");
    ess += f.at("ess").get<bool>();
    large += f.at("employees").get<int>() >= 250;
    micro += f.at("employees").get<int>() < 10;
    const std::string dep = f.at("commune").get<std::string>().substr(0, 2);
    elsewhere += dep != "75" && dep != "77" && dep != "78" && dep != "91" && dep != "92" && dep != "93" &&
                 dep != "94" && dep != "95";
  }
  CHECK(structures == std::set<std::string>{"ACI", "AI", "EA", "EI", "ESAT", "ETTI", "GEIQ"});
  CHECK(forms.count("SCOP") == 1);
  CHECK(forms.count("SCIC") == 1);
  CHECK(forms.count("Association") == 1);
  CHECK(reuse == std::set<std::string>{"location", "reconditionnement", "recyclage", "reemploi"});
  // Shares with generous bounds (the defaults: 20 % partial, 50 % wishes, 25 % budgets).
  CHECK(partial > 300);
  CHECK(partial < 500);
  CHECK(wishes > 900);
  CHECK(wishes < 1100);
  CHECK(budgets > 400);
  CHECK(budgets < 600);
  CHECK(ess > 400);
  CHECK(micro > 800);
  CHECK(large > 20);
  CHECK(large < 200);
  CHECK(elsewhere > 100);
  CHECK(elsewhere < 500);
  std::set<std::string> reserved;
  int reuse_needs = 0, clauses = 0;
  for (const auto& s : doc.at("stands"))
    for (const auto& n : s.at("needs")) {
      reserved.insert(n.at("reserved").get<std::string>());
      reuse_needs += n.at("reuse").get<bool>();
      const int pct = n.at("insertion_clause_pct");
      CHECK((pct == 0 || (pct >= 5 && pct <= 8)));
      clauses += pct > 0;
    }
  CHECK(reserved == std::set<std::string>{"disability", "disability-or-insertion", "ess", "insertion", "none"});
  CHECK(reuse_needs > 0);
  CHECK(clauses > 0);
  CHECK(doc.at("invitations").size() == 100);
}

TEST_CASE("generate: every CPV code of the pool is in the official list", "[generate]") {
  const auto codes = match::GeneratorCpvCodes();
  REQUIRE(codes.size() >= 60);
  std::set<std::string> divisions;
  for (const auto& c : codes) {
    INFO(c);
    CHECK(c.size() == 10);
    CHECK(IsOfficial(c));
    divisions.insert(c.substr(0, 2));
  }
  // Supplies, works and services.
  CHECK(divisions.count("39") == 1);
  CHECK(divisions.count("45") == 1);
  CHECK(divisions.count("90") == 1);
  CHECK(divisions.size() >= 15);
}

TEST_CASE("generate: the communes of the pool are valid INSEE codes", "[generate]") {
  const auto codes = match::GeneratorCommuneCodes();
  CHECK(codes.size() >= 60);
  for (const auto& c : codes) {
    INFO(c);
    CHECK(c.size() == 5);
  }
  CHECK(std::count(codes.begin(), codes.end(), "94076") == 1);
  CHECK(std::count(codes.begin(), codes.end(), "2A004") == 1);
}

TEST_CASE("generate: generated events load without error", "[generate]") {
  match::GenerateOptions options;
  CheckLoads(match::GenerateEvent(options), "default.json");
  CheckDocument(json::parse(match::GenerateEvent(options)));

  // A business day: two sessions, 16 slots each, many partial participants.
  options.suppliers = 2000;
  options.stands = 300;
  options.sessions = 2;
  options.slots = 16;
  options.partial_availability = 0.5;
  options.seed = 42;
  const std::string text = match::GenerateEvent(options);
  CheckLoads(text, "day.json");
  const json doc = json::parse(text);
  CHECK(doc.at("event").at("sessions").size() == 2);
  CHECK(doc.at("event").at("breaks").size() == 2);
  CheckDocument(doc);
}

TEST_CASE("generate: scales to 20,000 suppliers and 2,000 needs", "[generate]") {
  match::GenerateOptions options;
  options.suppliers = 20000;
  options.stands = 700;
  options.needs_per_stand_max = 5;
  const json doc = json::parse(match::GenerateEvent(options));
  CHECK(doc.at("suppliers").size() == 20000);
  int needs = 0;
  for (const auto& s : doc.at("stands")) needs += static_cast<int>(s.at("needs").size());
  CHECK(needs > 1800);
  CHECK(needs < 2400);
  CHECK(doc.at("suppliers").back().at("id") == "f20000");
}

TEST_CASE("generate: options out of range are reported", "[generate]") {
  match::GenerateOptions options;
  CHECK(match::CheckGenerateOptions(options).ok());
  options.suppliers = 0;
  CHECK(match::CheckGenerateOptions(options).ToString() == "suppliers must be between 1 and 1000000, got 0");
  options = {};
  options.wish_share = 1.5;
  CHECK(match::CheckGenerateOptions(options).ToString() == "wish_share must be between 0 and 1, got 1.500000");
  options = {};
  options.sessions = 2;
  options.slots = 60;
  options.slot_minutes = 15;
  const auto status = match::CheckGenerateOptions(options);
  CHECK(status.code() == match::Status::Code::kInvalidInput);
  CHECK(status.ToString().find("do not fit in one day") != std::string::npos);
  // GenerateEvent clamps instead of failing.
  const json doc = json::parse(match::GenerateEvent(options));
  CHECK(doc.at("event").at("sessions").size() == 2);
}

TEST_CASE("default events: Villejuif's first forum", "[generate]") {
  const auto text = match::ReadFile(STANDMATCH_SOURCE_DIR "/datasets/villejuif-2025/event.json");
  REQUIRE(text.ok());
  const json doc = json::parse(*text);
  CheckDocument(doc);
  CHECK(doc.at("event").at("commune") == "94076");
  CHECK(doc.at("stands").size() >= 6);
  CHECK(doc.at("stands").size() <= 10);
  CHECK(doc.at("suppliers").size() >= 30);
  CHECK(doc.at("suppliers").size() <= 45);
  CHECK(doc.at("event").at("name").get<std::string>().find("données synthétiques") != std::string::npos);
  CheckLoads(*text, "villejuif-2025/event.json");
}

TEST_CASE("default events: Grand-Orly Seine Bièvre's reverse-stand morning", "[generate]") {
  const auto text = match::ReadFile(STANDMATCH_SOURCE_DIR "/datasets/gosb-2025/event.json");
  REQUIRE(text.ok());
  const json doc = json::parse(*text);
  CheckDocument(doc);
  CHECK(doc.at("event").at("territory").size() == 24);
  CHECK(doc.at("stands").size() >= 20);
  CHECK(doc.at("suppliers").size() >= 150);
  std::set<std::string> reserved, kinds, structures;
  for (const auto& s : doc.at("stands"))
    for (const auto& n : s.at("needs")) reserved.insert(n.at("reserved").get<std::string>());
  for (const auto& b : doc.at("buyers")) kinds.insert(b.at("kind").get<std::string>());
  for (const auto& f : doc.at("suppliers"))
    if (f.contains("structure")) structures.insert(f.at("structure").get<std::string>());
  CHECK(reserved == std::set<std::string>{"disability", "disability-or-insertion", "ess", "insertion", "none"});
  CHECK(kinds == std::set<std::string>{"commune", "ept"});
  CHECK(structures.count("GEIQ") == 1);
  CHECK(structures.count("ESAT") == 1);
  CHECK(!doc.at("invitations").empty());
  CheckLoads(*text, "gosb-2025/event.json");
}
