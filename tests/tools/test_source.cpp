// Tests of sourcing from a directory of structures (match/tools/source.h): postal codes
// read as INSEE communes, the SIAE and GEIQ column titles, errors naming the line, and
// on the real SIAE export with the bundled GOSB event, the trades first.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/limits.h"
#include "match/base/files.h"
#include "match/domain/naf.h"
#include "match/domain/naf_trades.h"
#include "match/domain/postal_codes.h"
#include "match/io/directory.h"
#include "match/io/event_edit.h"
#include "match/io/event_io.h"
#include "match/tools/source.h"

namespace {

const char* const kSiae = STANDMATCH_SHARED_DIR "/data/siae-2019/liste_siae_2019_07_nocontact.csv";
const char* const kGosb = STANDMATCH_SOURCE_DIR "/datasets/gosb-2025/event.json";

const std::string kSiaeHeader =
    "MESURE;CODE_DEPARTEMENT;LIBELLE_DPT;CODE_POSTAL;COMMUNE;CODE_NAF2;NATURE_JURIDIQUE;SIRET;DENOMINATION_SOCIALE;"
    "NUM_RUE;NOM_RUE;CODE_POST_COM;LIB_COM\n";

// Two SIAE rows of Val-de-Marne: NET IVRY cleans, VERT VILLEJUIF tends green spaces.
const std::string kCleanerAndGardener =
    "ACI;094;VAL-DE-MARNE;94200;IVRY SUR SEINE;8121Z;Association déclarée ;99900100000010;NET IVRY;;;;\n"
    "EI;094;VAL-DE-MARNE;94800;VILLEJUIF;8130Z;SARL;99900100000028;VERT VILLEJUIF;;;;\n";

bool Contains(const std::vector<std::string>& lines, const std::string& text) {
  for (const auto& line : lines)
    if (line.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("postal codes read as INSEE communes with the commune name", "[source]") {
  const auto& territory = match::Territory::Builtin();
  CHECK(match::PostalCodes::Builtin().size() > 6000);
  // One commune for the code.
  CHECK(match::ResolvePostalPlace("94800", "VILLEJUIF", territory).insee == "94076");
  // Four communes for 01700: the name decides, "ST" spelled out.
  CHECK(match::ResolvePostalPlace("01700", "ST MAURICE DE BEYNOST", territory).insee == "01376");
  CHECK(match::ResolvePostalPlace("01700", "Beynost", territory).insee == "01043");
  // The arrondissement, not the city.
  CHECK(match::ResolvePostalPlace("75013", "PARIS", territory).insee == "75113");
  CHECK(match::ResolvePostalPlace("13001", "MARSEILLE", territory).insee == "13201");
  // A CEDEX code is unknown: the département is kept.
  auto cedex = match::ResolvePostalPlace("59815", "LESQUIN CEDEX", territory);
  CHECK(cedex.insee.empty());
  CHECK(cedex.departement == "59");
  CHECK(cedex.problem == "postal code \"59815\" is unknown");
  // Several communes and none of that name.
  auto ambiguous = match::ResolvePostalPlace("01700", "NULLE PART", territory);
  CHECK(ambiguous.insee.empty());
  CHECK(ambiguous.departement == "01");
  CHECK(ambiguous.problem == "postal code \"01700\" serves 4 communes and none named \"NULLE PART\"");
}

TEST_CASE("the SIAE export reads as it is", "[source]") {
  std::string csv = kSiaeHeader +
                    "ACI;094;VAL-DE-MARNE;94800;VILLEJUIF;8121Z;Association déclarée ;99900100000010;NET "
                    "INSERTION;1;rue X;94800;VILLEJUIF\n"
                    "EI;001;AIN;01700;NULLE PART;8130Z;SARL;99900100000028;VERT EMPLOI;;;;\n"
                    "ETTI;059;NORD;59815;LESQUIN CEDEX;7820Z;SAS;12345678901234;INTERIM NORD;;;;\n"
                    "AI;094;VAL-DE-MARNE;94800;VILLEJUIF;7830Z;Association déclarée ;99900100000010;NET "
                    "INSERTION AI;;;;\n";
  auto directory = match::ReadDirectory({"siae.csv", csv});
  REQUIRE(directory.ok());
  REQUIRE(directory->entries.size() == 4);
  const auto& first = directory->entries[0];
  CHECK(first.line == 2);
  CHECK(first.supplier.id == "99900100000010");
  CHECK(first.supplier.name == "NET INSERTION");
  CHECK(first.supplier.naf == "81.21Z");
  CHECK(first.supplier.structure == match::Structure::kACI);
  CHECK(first.supplier.commune == "94076");
  CHECK(first.supplier.ess);  // an association
  CHECK_FALSE(directory->entries[1].supplier.ess);
  CHECK(directory->entries[1].supplier.departement == "01");
  CHECK(directory->entries[2].supplier.siret.empty());  // its check digit fails
  CHECK(directory->entries[2].supplier.departement == "59");
  CHECK(directory->entries[3].supplier.id == "99900100000010-2");  // one SIRET, two kinds
  // Each problem is a warning naming the line.
  CHECK(Contains(directory->warnings, "siae.csv:3: warning: column \"CODE_POSTAL\": postal code \"01700\" serves 4"));
  CHECK(
      Contains(directory->warnings, "siae.csv:4: warning: column \"SIRET\": \"12345678901234\" is not a valid SIRET"));
  CHECK(Contains(directory->warnings, "siae.csv:4: warning: column \"CODE_POSTAL\": postal code \"59815\" is unknown"));
}

TEST_CASE("the GEIQ list reads with the kind given for its rows", "[source]") {
  std::string csv =
      "GEIQ;ADRESSE;COMPLEMENT ADRESSE;VILLE;CODE POSTAL;NAF;SIRET\n"
      "GEIQ 94;1 rue Y;;VILLEJUIF;94800;7830Z;\t99900100000010\n"
      "GEIQ SANS NAF;2 rue Z;;IVRY SUR SEINE;94200;;\n";
  match::DirectoryOptions options;
  options.structure = match::Structure::kGEIQ;
  auto directory = match::ReadDirectory({"geiq.csv", csv}, options);
  REQUIRE(directory.ok());
  REQUIRE(directory->entries.size() == 2);
  CHECK(directory->entries[0].supplier.name == "GEIQ 94");
  CHECK(directory->entries[0].supplier.siret == "99900100000010");
  CHECK(directory->entries[0].supplier.structure == match::Structure::kGEIQ);
  CHECK(directory->entries[1].supplier.commune == "94041");
  CHECK(directory->entries[1].supplier.naf.empty());
  CHECK(directory->entries[1].supplier.id == "line-3");
}

TEST_CASE("a bad directory is an error naming the file, the line and the value", "[source]") {
  std::string csv = kSiaeHeader + "ACI;094;VAL-DE-MARNE;94800;VILLEJUIF;8121Z;;;A;;;;\n" +
                    "ACI;094;VAL-DE-MARNE;94800;VILLEJUIF;81Z;;;B;;;;\n" +
                    "XYZ;094;VAL-DE-MARNE;94800;VILLEJUIF;;;;C;;;;\n";
  auto directory = match::ReadDirectory({"dir.csv", csv});
  REQUIRE_FALSE(directory.ok());
  const std::string message = directory.status().ToString();
  CHECK_THAT(message, Catch::Contains("dir.csv:3: column \"CODE_NAF2\": \"81Z\" is not a NAF code"));
  CHECK_THAT(message, Catch::Contains("dir.csv:4: column \"MESURE\": "));
  // No name column at all.
  auto nameless = match::ReadDirectory({"nameless.csv", "SIRET;CODE_POSTAL\n99900100000010;94800\n"});
  REQUIRE_FALSE(nameless.ok());
  CHECK_THAT(nameless.status().ToString(), Catch::Contains("nameless.csv:1: required column \"name\" is missing"));
}

TEST_CASE("repeated directory ids take the next free suffix", "[source]") {
  // Given ids, SIRETs and line numbers, some repeated, one given id already a suffixed one.
  const std::string csv =
      "id;nom;siret\n"
      "A;n1;\n"
      "A;n2;\n"
      "A-2;n3;\n"
      "A;n4;\n"
      ";n5;99900100000010\n"
      ";n6;99900100000010\n"
      "99900100000010-2;n7;\n"
      "line-10;n8;\n"
      ";n9;\n"
      ";n10;\n";
  auto directory = match::ReadDirectory({"ids.csv", csv});
  REQUIRE(directory.ok());
  std::vector<std::string> ids;
  for (const auto& entry : directory->entries) ids.push_back(entry.supplier.id);
  CHECK(ids == std::vector<std::string>{"A", "A-2", "A-2-2", "A-3", "99900100000010", "99900100000010-2",
                                        "99900100000010-2-2", "line-10", "line-10-2", "line-11"});
}

TEST_CASE("a directory's reading problems come before its rows' and a file over the row limit is that error alone",
          "[source]") {
  // Records ended by a lone CR share line 1: the malformed quote is said first, as the
  // CSV import says it, then the nameless row before it.
  auto malformed = match::ReadDirectory({"cr.csv", "nom;cp\r;75001\rA;7500\"1\r"});
  REQUIRE_FALSE(malformed.ok());
  REQUIRE(malformed.status().messages().size() == 2);
  CHECK_THAT(malformed.status().messages()[0], Catch::StartsWith("cr.csv:1: malformed quoted field"));
  CHECK(malformed.status().messages()[1] == "cr.csv:1: column \"nom\": a value is required");
  // Over the limit: the rows are not read (neither the missing name column nor the
  // nameless row are said).
  std::string rows = "x;cp\n;75001\n";
  for (size_t i = 0; i < match::kMaxCsvRows; ++i) rows += "N;75001\n";
  auto over = match::ReadDirectory({"big.csv", rows});
  REQUIRE_FALSE(over.ok());
  CHECK(over.status().messages() ==
        std::vector<std::string>{"big.csv: " + std::to_string(match::kMaxCsvRows + 1) +
                                 " data rows, more than the limit of " + std::to_string(match::kMaxCsvRows)});
}

TEST_CASE("sourcing writes each candidate once as a supplier and its invitations", "[source]") {
  auto event = match::LoadEvent(kGosb);
  REQUIRE(event.ok());
  std::string csv = kSiaeHeader + kCleanerAndGardener +
                    "ACI;094;VAL-DE-MARNE;94800;VILLEJUIF;8899B;Association déclarée ;;SOCIAL;;;;\n";
  auto directory = match::ReadDirectory({"dir.csv", csv});
  REQUIRE(directory.ok());
  match::SourceOptions options;
  options.top = 5;
  auto sourcing = match::Source(*event, *directory, match::Rules::Default(), match::Territory::Builtin(), options);
  auto json = nlohmann::json::parse(match::SourcingJson(sourcing, match::Territory::Builtin()));
  std::map<std::string, std::vector<std::string>> names;  // by stand
  for (const auto& stand : json["stands"])
    for (const auto& c : stand["candidates"]) names[stand["stand"]].push_back(c["name"]);
  REQUIRE(names["choisy-nettoyage"].size() >= 1);
  CHECK(names["choisy-nettoyage"][0] == "NET IVRY");
  CHECK(names["orly-espaces-verts"] == std::vector<std::string>{"VERT VILLEJUIF"});
  const auto& candidate = json["stands"][8]["candidates"][0];
  CHECK(candidate["siret"] == "99900100000010");
  CHECK(candidate["naf"] == "81.21Z");
  CHECK(candidate["commune"] == "94041");
  CHECK_THAT(candidate["reasons"].get<std::string>(),
             Catch::StartsWith("métier NAF 81.21Z ('Nettoyage courant des bâtiments') · le CPV 90911200"));
  auto invitations = nlohmann::json::parse(match::SourcingInvitationsJson(sourcing, match::Level::kMust));
  CHECK(invitations["event"] == event->id);
  std::map<std::string, int> suppliers;
  for (const auto& s : invitations["suppliers"]) ++suppliers[s["id"]];
  for (const auto& [id, count] : suppliers) CHECK(count == 1);
  CHECK(suppliers.count("99900100000010") == 1);
  bool found = false;
  for (const auto& i : invitations["invitations"])
    if (i["stand"] == "choisy-nettoyage" && i["supplier"] == "99900100000010" && i["level"] == "must") found = true;
  CHECK(found);
}

TEST_CASE("on the real SIAE export the GOSB trades find their trade first", "[source][shared]") {
  if (!std::ifstream(kSiae)) {
    WARN("skipped: " << kSiae << " is absent");
    return;
  }
  auto event = match::LoadEvent(kGosb);
  REQUIRE(event.ok());
  auto directory = match::LoadDirectory(kSiae);
  REQUIRE(directory.ok());
  CHECK(directory->entries.size() == 3932);
  // Each trade's NAF sub-classes (prefixes), and how many of them the top 10 must hold
  // at least (the export has only a few printers and computer repairers). Refurbishing
  // computers is repairing, selling and maintaining them, not programming (62.01Z).
  struct Trade {
    std::vector<std::string> stands;
    std::vector<std::string> naf;
    size_t least;
  };
  const std::vector<Trade> trades = {
      {{"choisy-nettoyage", "rungis-nettoyage"}, {"81.2"}, 10},
      {{"orly-espaces-verts", "lhay-espaces-verts"}, {"81.30Z", "01.", "02."}, 10},
      {{"ept-biodechets", "valenton-biodechets"}, {"38."}, 10},
      {{"ept-impression", "arcueil-impression"}, {"18.1", "82.19Z"}, 1},
      {{"vitry-mobilier", "morangis-mobilier"}, {"31.0", "95.24Z", "47.79Z"}, 10},
      {{"ivry-informatique", "thiais-informatique"}, {"95.11Z", "47.41Z", "46.51Z", "62.02B", "62.09Z"}, 3},
  };
  match::SourceOptions options;
  options.top = 0;  // the whole ranking, to count the trade's structures among the candidates
  auto sourcing = match::Source(*event, *directory, match::Rules::Default(), match::Territory::Builtin(), options);
  for (const Trade& trade : trades) {
    for (const std::string& id : trade.stands) {
      auto t = event->FindStand(id);
      REQUIRE(t.has_value());
      const auto& candidates = sourcing.stands[*t].candidates;
      auto of_trade = [&](const match::PairScore* p) {
        const std::string& naf = sourcing.event.suppliers[p->supplier].naf;
        for (const std::string& prefix : trade.naf)
          if (naf.starts_with(prefix)) return true;
        return false;
      };
      size_t in_trade = std::count_if(candidates.begin(), candidates.end(), of_trade);
      size_t top = std::min<size_t>(10, in_trade);
      INFO("stand " << id << ": " << in_trade << " candidates of the trade");
      CHECK(in_trade >= trade.least);
      // The first min(10, trade) candidates are all of the trade: no generic 88.99B or
      // 94.99Z association before them.
      for (size_t k = 0; k < top && k < candidates.size(); ++k) {
        const std::string& naf = sourcing.event.suppliers[candidates[k]->supplier].naf;
        INFO("rank " << k + 1 << ": NAF " << naf);
        CHECK(of_trade(candidates[k]));
        CHECK(naf != "88.99B");
        CHECK(naf != "94.99Z");
      }
    }
  }
}

TEST_CASE("the NAF trades name real NAF sub-classes and CPV codes", "[source]") {
  const auto& trades = match::NafTrades::Builtin();
  CHECK(trades.Cpv("81.21Z").size() == 3);
  CHECK(trades.Cpv("88.99B").empty());  // generic on purpose
  CHECK(trades.Cpv("94.99Z").empty());
  std::ifstream file(STANDMATCH_SOURCE_DIR "/datasets/naf/naf_cpv.csv");
  REQUIRE(file);
  std::string line;
  std::getline(file, line);
  CHECK(line == "naf,cpv");
  size_t rows = 0;
  while (std::getline(file, line)) {
    ++rows;
    const std::string naf = line.substr(0, line.find(','));
    INFO("row " << line);
    CHECK_FALSE(match::NafTable::Builtin().Label(naf).empty());
    REQUIRE_FALSE(trades.Cpv(naf).empty());
    for (const match::CpvCode& code : trades.Cpv(naf)) CHECK_FALSE(match::CpvList::Builtin().Label(code).empty());
  }
  CHECK(rows == trades.size());
}

TEST_CASE("sourced invitations merge into the event file", "[source]") {
  const std::string event = R"({"suppliers": [{"id": "f1", "name": "F1", "siret": "99900100000010"}],)"
                            R"( "stands": [{"id": "s1"}, {"id": "s2"}],)"
                            R"( "invitations": [{"stand": "s1", "supplier": "f1", "level": "no"}]})";
  const std::string sourced =
      R"({"event": "e", "suppliers": [{"id": "99900100000010", "name": "Same SIRET", "siret": "99900100000010"},)"
      R"( {"id": "99900100000028", "name": "New"}],)"
      R"( "invitations": [{"stand": "s1", "supplier": "99900100000010", "level": "must"},)"
      R"( {"stand": "s2", "supplier": "99900100000010", "level": "want"},)"
      R"( {"stand": "s2", "supplier": "99900100000028", "level": "want"}]})";
  auto merged = match::MergeInvitations(event, sourced, "inv.json");
  REQUIRE(merged.ok());
  auto json = nlohmann::json::parse(*merged);
  REQUIRE(json["suppliers"].size() == 2);  // the same SIRET is the event's f1
  CHECK(json["suppliers"][1]["id"] == "99900100000028");
  const auto& invitations = json["invitations"];
  REQUIRE(invitations.size() == 3);
  // s1 keeps its "no" for f1; s2 invites f1 (by its id in the event) and the new one.
  CHECK(invitations[0] == nlohmann::json({{"stand", "s1"}, {"supplier", "f1"}, {"level", "no"}}));
  CHECK(invitations[1] == nlohmann::json({{"stand", "s2"}, {"supplier", "f1"}, {"level", "want"}}));
  CHECK(invitations[2] == nlohmann::json({{"stand", "s2"}, {"supplier", "99900100000028"}, {"level", "want"}}));
  // Not an invitations file, or an unknown stand: errors naming the file.
  auto bad = match::MergeInvitations(event, R"({"invitations": 3})", "inv.json");
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.status().ToString(), Catch::Contains("inv.json: not an invitations file"));
  auto unknown = match::MergeInvitations(
      event, R"({"suppliers": [], "invitations": [{"stand": "s9", "supplier": "f1", "level": "want"}]})", "inv.json");
  REQUIRE_FALSE(unknown.ok());
  CHECK_THAT(unknown.status().ToString(), Catch::Contains("no stand \"s9\""));
}

TEST_CASE("the chosen structures of a directory become one stand's invitations", "[source]") {
  auto event = match::LoadEvent(kGosb);
  REQUIRE(event.ok());
  REQUIRE(event->suppliers[0].siret == "65780257503705");
  // The event's own f001 listed as a cleaner too.
  std::string csv = kSiaeHeader + kCleanerAndGardener +
                    "EI;094;VAL-DE-MARNE;94200;IVRY SUR SEINE;8121Z;SARL;65780257503705;F001 AS LISTED;;;;\n";
  auto directory = match::ReadDirectory({"dir.csv", csv});
  REQUIRE(directory.ok());
  const auto& rules = match::Rules::Default();
  const auto& territory = match::Territory::Builtin();
  auto stand = event->FindStand("choisy-nettoyage");
  REQUIRE(stand);
  auto chosen = match::SourceChosen(*event, *directory, rules, territory, *stand, {"99900100000010", "65780257503705"});
  REQUIRE(chosen.ok());
  REQUIRE(chosen->stands.size() == 1);
  CHECK(chosen->stands[0].candidates.size() == 2);
  // Merged: NET IVRY joins the event, f001 keeps its record and gets the invitation.
  auto written = match::SourcingInvitationsJson(*chosen, match::Level::kMust);
  auto merged = match::MergeInvitations(match::ReadFile(kGosb).value(), written, "invitations");
  REQUIRE(merged.ok());
  auto after = match::ParseEvent(*merged, "event.json");
  REQUIRE(after.ok());
  CHECK(after->suppliers.size() == event->suppliers.size() + 1);
  CHECK(after->suppliers[0].name == event->suppliers[0].name);
  std::map<std::string, match::Level> invited;
  for (const auto& i : match::InvitationsOf(*after, *stand)) invited[i.id] = i.level;
  CHECK(invited["f001"] == match::Level::kMust);
  CHECK(invited["99900100000010"] == match::Level::kMust);
  // Errors name the directory and the SIRET.
  auto unknown =
      match::SourceChosen(*event, *directory, rules, territory, *stand, {"99900100000010", "12345678901234"});
  REQUIRE_FALSE(unknown.ok());
  CHECK_THAT(unknown.status().ToString(),
             Catch::Contains("dir.csv: no structure of SIRET \"12345678901234\" in the directory"));
  auto none = match::SourceChosen(*event, *directory, rules, territory, *stand, {});
  REQUIRE_FALSE(none.ok());
  CHECK_THAT(none.status().ToString(), Catch::Contains("no structure chosen"));
  auto green = event->FindStand("orly-espaces-verts");
  REQUIRE(green);
  auto unfit = match::SourceChosen(*event, *directory, rules, territory, *green, {"99900100000010"});
  REQUIRE_FALSE(unfit.ok());
  CHECK_THAT(unfit.status().ToString(),
             Catch::Contains("\"99900100000010\" answers none of the needs of stand \"orly-espaces-verts\""));
}
