// Tests of the CSV import (match/io/csv_import.h): spreadsheet conventions, every
// message text, and the Villejuif dataset's CSV against its JSON.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "io/csv_input.h"
#include "match/domain/cpv.h"
#include "match/io/csv_import.h"

namespace {

using nlohmann::json;

constexpr const char* kStandsHeader = "buyer_id;buyer_name;stand_id;stand_title;need_id;need_title;cpv\n";
constexpr const char* kOneStand =
    "buyer_id;buyer_name;stand_id;stand_title;need_id;need_title;cpv\n"
    "vj;Ville de Villejuif;mobilier;Mobilier;m1;Bureaux;39130000-2\n";
constexpr const char* kOneSupplier = "id;name\nf001;Atelier\n";

match::CsvImportInput Input(std::string stands, std::string suppliers) {
  return CsvInput(std::move(stands), std::move(suppliers));
}

json Import(const match::CsvImportInput& input) {
  auto result = match::ImportCsv(input);
  INFO(result.status().ToString());
  REQUIRE(result.ok());
  return json::parse(result->event_json);
}

json Import(std::string stands, std::string suppliers) {
  return Import(Input(std::move(stands), std::move(suppliers)));
}

std::vector<std::string> Errors(const match::CsvImportInput& input) {
  auto result = match::ImportCsv(input);
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == match::Status::Code::kInvalidInput);
  return result.status().messages();
}

std::vector<std::string> Errors(std::string stands, std::string suppliers) {
  return Errors(Input(std::move(stands), std::move(suppliers)));
}

// The one supplier of a suppliers file with header HEADER and row ROW.
json Supplier(const std::string& header, const std::string& row) {
  return Import(kOneStand, header + "\n" + row + "\n")["suppliers"][0];
}

// The input read from DIR's stands.csv, suppliers.csv and header.json.
match::CsvImportInput FilesInput(const std::string& dir) {
  match::CsvImportInput input;
  input.stands.name = dir + "stands.csv";
  input.suppliers.name = dir + "suppliers.csv";
  input.header = match::NamedText{dir + "header.json", ""};
  REQUIRE(match::ReadCsvImportFiles(&input).ok());
  return input;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("a minimal import gives the event format", "[csv]") {
  json event = Import(kOneStand, kOneSupplier);
  CHECK(event["format"] == "standmatch.event/1");
  CHECK(event["event"]["id"] == "fad");
  CHECK(event["event"]["sessions"] == json::parse(R"([{"start": "10:40", "end": "12:20"}])"));
  CHECK(event["event"]["slot_minutes"] == 10);
  CHECK(event["buyers"] == json::parse(R"([{"id": "vj", "name": "Ville de Villejuif"}])"));
  CHECK(event["stands"] == json::parse(R"([{"id": "mobilier", "buyer": "vj", "title": "Mobilier",
      "needs": [{"id": "m1", "title": "Bureaux", "cpv": ["39130000-2"]}]}])"));
  CHECK(event["suppliers"] == json::parse(R"([{"id": "f001", "name": "Atelier"}])"));
  CHECK(event["invitations"] == json::array());
}

TEST_CASE("the output is deterministic and keeps the documented key order", "[csv]") {
  auto a = match::ImportCsv(Input(kOneStand, kOneSupplier));
  auto b = match::ImportCsv(Input(kOneStand, kOneSupplier));
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->event_json == b->event_json);
  const std::string& text = a->event_json;
  CHECK(text.find("\"format\"") < text.find("\"event\""));
  CHECK(text.find("\"event\"") < text.find("\"buyers\""));
  CHECK(text.find("\"buyers\"") < text.find("\"stands\""));
  CHECK(text.find("\"stands\"") < text.find("\"suppliers\""));
  CHECK(text.find("\"suppliers\"") < text.find("\"invitations\""));
  CHECK(text.back() == '\n');
}

TEST_CASE("separators are detected from the header line", "[csv]") {
  json semicolons = Import(kOneStand, "id;name\nf001;Atelier, Bois et Fils\n");
  CHECK(semicolons["suppliers"][0]["name"] == "Atelier, Bois et Fils");
  json commas = Import(
      "buyer_id,buyer_name,stand_id,stand_title,need_id,need_title,cpv\n"
      "vj,Ville,mobilier,Mobilier,m1,Bureaux,\"39130000-2;45421000\"\n",
      "id,name\nf001,Atelier; Bois\n");
  CHECK(commas["stands"][0]["needs"][0]["cpv"] == json::parse(R"(["39130000-2", "45421000"])"));
  CHECK(commas["suppliers"][0]["name"] == "Atelier; Bois");
  json tabs = Import(kOneStand, "id\tname\nf001\tAtelier\n");
  CHECK(tabs["suppliers"][0]["name"] == "Atelier");
}

TEST_CASE("a byte-order mark and CRLF line ends are accepted", "[csv]") {
  json event = Import(
      "\xEF\xBB\xBF"
      "buyer_id;buyer_name;stand_id;stand_title;need_id;need_title;cpv\r\n"
      "vj;Ville;mobilier;Mobilier;m1;Bureaux;39130000-2\r\n",
      "\xEF\xBB\xBFid;name\r\nf001;Atelier\r\n\r\n");
  CHECK(event["buyers"][0]["id"] == "vj");
  CHECK(event["suppliers"][0]["id"] == "f001");
  CHECK(event["suppliers"][0]["name"] == "Atelier");
}

TEST_CASE("quoted fields hold separators, quotes and newlines", "[csv]") {
  json event = Import(kOneStand,
                      "id;name;legal_form\r\n"
                      "f001;\"Atelier \"\"Bois\"\"; fils\";SCOP\r\n"
                      "f002;\"Deux\r\nlignes\";SAS\r\n"
                      "f003;Trois;SA\r\n");
  CHECK(event["suppliers"][0]["name"] == "Atelier \"Bois\"; fils");
  CHECK(event["suppliers"][1]["name"] == "Deux\r\nlignes");
  CHECK(event["suppliers"][2]["legal_form"] == "SA");
}

TEST_CASE("line numbers are physical lines, across quoted newlines and blank lines", "[csv]") {
  auto errors = Errors(kOneStand,
                       "id;name;employees\n"
                       "f001;\"Deux\nlignes\";1\n"
                       "\n"
                       "f002;Trois;douze\n");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == "suppliers.csv:5: column \"employees\": \"douze\" is not a number");
}

TEST_CASE("decimal commas, thousands separators and units", "[csv]") {
  std::string header =
      "buyer_id;buyer_name;stand_id;stand_title;need_id;need_title;cpv;amount_eur;"
      "insertion_clause_pct\n";
  json event = Import(header +
                          "vj;V;s;S;n1;N;39130000;35 000,50;5 %\n"
                          "vj;V;s;S;n2;N;39130000;35000,5;7,5\n"
                          "vj;V;s;S;n3;N;39130000;35.000,50;0\n"
                          "vj;V;s;S;n4;N;39130000;1,250,000.75;8\n"
                          "vj;V;s;S;n5;N;39130000;35\xC2\xA0"
                          "000 \xE2\x82\xAC;8\n"
                          "vj;V;s;S;n6;N;39130000;40000;8\n",
                      kOneSupplier);
  const json& needs = event["stands"][0]["needs"];
  CHECK(needs[0]["amount_eur"] == 35000.5);
  CHECK(needs[0]["insertion_clause_pct"] == 5);
  CHECK(needs[1]["amount_eur"] == 35000.5);
  CHECK(needs[1]["insertion_clause_pct"] == 7.5);
  CHECK(needs[2]["amount_eur"] == 35000.5);
  CHECK(needs[3]["amount_eur"] == 1250000.75);
  CHECK(needs[4]["amount_eur"] == 35000);
  CHECK(needs[5]["amount_eur"].is_number_integer());
}

TEST_CASE("booleans in French and English", "[csv]") {
  const std::pair<const char*, bool> cases[] = {
      {"oui", true},  {"Oui", true},    {"non", false}, {"vrai", true}, {"faux", false}, {"yes", true}, {"no", false},
      {"TRUE", true}, {"false", false}, {"1", true},    {"0", false},   {"x", true},     {"X", true}};
  for (const auto& [text, value] : cases) {
    INFO(text);
    CHECK(Supplier("id;name;ess", std::string("f1;A;") + text)["ess"] == value);
  }
  CHECK_FALSE(Supplier("id;name;ess", "f1;A;").contains("ess"));
}

TEST_CASE("lists, windows, wishes and enumerations", "[csv]") {
  json s = Supplier("id;name;cpv;reuse;labels;available;wishes;size;structure;naf;siret;commune",
                    "f1;A;39130000-2 45421000|50000000;Réemploi, recyclage;emplitude|RGE;"
                    "10h40-11h50|14:00–15:30;mobilier:must;TPE;esat;3101z;219 400 769 00010;1001");
  CHECK(s["cpv"] == json::parse(R"(["39130000-2", "45421000", "50000000"])"));
  CHECK(s["reuse"] == json::parse(R"(["reemploi", "recyclage"])"));
  CHECK(s["labels"] == json::parse(R"(["emplitude", "RGE"])"));
  CHECK(s["available"] == json::parse(R"([{"start": "10:40", "end": "11:50"}, {"start": "14:00", "end": "15:30"}])"));
  CHECK(s["wishes"] == json::parse(R"([{"stand": "mobilier", "level": "must"}])"));
  CHECK(s["size"] == "micro");
  CHECK(s["structure"] == "ESAT");
  CHECK(s["naf"] == "31.01Z");
  CHECK(s["siret"] == "21940076900010");
  CHECK(s["commune"] == "01001");
}

TEST_CASE("a bare stand id in wishes means want, French levels are accepted", "[csv]") {
  json event = Import(
      "buyer_id;buyer_name;stand_id;stand_title;need_id;need_title;cpv\n"
      "vj;V;mobilier;M;m1;N;39130000\n"
      "vj;V;impression;I;i1;N;79800000\n"
      "vj;V;traiteur;T;t1;N;55520000\n",
      "id;name;souhaits\nf1;A;mobilier|impression:Obligatoire|traiteur:non\n");
  CHECK(event["suppliers"][0]["wishes"] == json::parse(R"([
      {"stand": "mobilier", "level": "want"}, {"stand": "impression", "level": "must"},
      {"stand": "traiteur", "level": "no"}])"));
}

TEST_CASE("header names are case- and accent-insensitive, with French aliases", "[csv]") {
  json event = Import(
      "Acheteur;Nom de l'acheteur;Code INSEE;Stand;Titre stand;Nb tables;Disponibilité;"
      "Besoin;Intitulé besoin;Codes CPV;Montant (€ HT);Trimestre;Marché réservé;Réemploi;"
      "Clause d'insertion (%)\n"
      "vj;Ville de Villejuif;94076;mobilier;Mobilier;2;10:40-12:20;m1;Bureaux;39130000-2;"
      "35 000;T2 2025;L2113-13;oui;5\n",
      "Identifiant;Raison sociale;SIRET;Commune;Effectif;Chiffre d'affaires (€);Taille;"
      "Forme juridique;ESS;Structure;Code NAF;Réemploi;Labels;Disponibilités;RDV max;Vœux\n"
      "f001;Atelier;21940076900010;94041;8;650 000;micro;SCOP;oui;EI;31.01Z;réemploi;emplitude;"
      "10:40-11:50;4;mobilier:must\n");
  CHECK(event["buyers"][0] == json::parse(R"({"id": "vj", "name": "Ville de Villejuif", "commune": "94076"})"));
  CHECK(event["stands"][0] == json::parse(R"({"id": "mobilier", "buyer": "vj",
      "title": "Mobilier", "tables": 2, "available": [{"start": "10:40", "end": "12:20"}],
      "needs": [{"id": "m1", "title": "Bureaux", "cpv": ["39130000-2"], "amount_eur": 35000,
                 "quarter": "2025-Q2", "reserved": "insertion", "reuse": true,
                 "insertion_clause_pct": 5}]})"));
  CHECK(event["suppliers"][0] == json::parse(R"({"id": "f001", "name": "Atelier",
      "siret": "21940076900010", "commune": "94041", "employees": 8, "turnover_eur": 650000,
      "size": "micro", "legal_form": "SCOP", "ess": true, "structure": "EI", "naf": "31.01Z",
      "reuse": ["reemploi"], "labels": ["emplitude"],
      "available": [{"start": "10:40", "end": "11:50"}], "max_meetings": 4,
      "wishes": [{"stand": "mobilier", "level": "must"}]})"));
}

TEST_CASE("départements, for suppliers and buyers whose commune is not known", "[csv]") {
  CHECK(Supplier("id;name;dep", "f001;Atelier;2a")["departement"] == "2A");
  CHECK(Supplier("id;name;code_departement", "f001;Atelier;974")["departement"] == "974");
  CHECK(Supplier("id;name;departement", "f001;Atelier;1")["departement"] == "01");  // leading zero
  json event = Import(
      "buyer_id;buyer_name;departement_acheteur;stand_id;stand_title;need_id;need_title;cpv\n"
      "b1;Ville;94;s1;Stand;n1;Need;39130000\n",
      kOneSupplier);
  CHECK(event["buyers"][0]["departement"] == "94");
  CHECK_FALSE(event["buyers"][0].contains("commune"));
}

TEST_CASE("rows of one stand repeat or omit the stand columns, needs keep row order", "[csv]") {
  json event = Import(
      "buyer_id;buyer_name;stand_id;stand_title;tables;need_id;need_title;cpv;invitations\n"
      "vj;Ville;mobilier;Mobilier;2;m1;Bureaux;39130000;f2:must\n"
      "ch;Chevilly;impression;Impression;;i1;Papier;79800000;\n"
      "vj;;mobilier;;;m2;Chaises;39110000;f1\n"
      "vj;Ville;mobilier;Mobilier;2;m3;Tables;39120000;\n",
      "id;name\nf1;A\nf2;B\n");
  REQUIRE(event["buyers"].size() == 2);
  CHECK(event["buyers"][0]["id"] == "vj");
  CHECK(event["buyers"][1]["id"] == "ch");
  REQUIRE(event["stands"].size() == 2);
  const json& mobilier = event["stands"][0];
  CHECK(mobilier["tables"] == 2);
  REQUIRE(mobilier["needs"].size() == 3);
  CHECK(mobilier["needs"][0]["id"] == "m1");
  CHECK(mobilier["needs"][1]["id"] == "m2");
  CHECK(mobilier["needs"][2]["id"] == "m3");
  CHECK(event["invitations"] == json::parse(R"([
      {"stand": "mobilier", "supplier": "f2", "level": "must"},
      {"stand": "mobilier", "supplier": "f1", "level": "want"}])"));
}

TEST_CASE("the event header comes from a JSON file and command-line values", "[csv]") {
  match::CsvImportInput input = Input(kOneStand, kOneSupplier);
  input.options = {};
  input.options.name = "Forum renamed";
  input.options.breaks = {"11:20-11:30:coffee", "12:00-12:05"};
  input.header = match::NamedText{"header.json", R"({"event": {"id": "fad", "name": "Forum",
      "date": "2025-03-28", "commune": "94076", "territory": ["94076"], "venue": "Salle",
      "sessions": [{"start": "10:40", "end": "12:20"}], "slot_minutes": 10}})"};
  auto result = match::ImportCsv(input);
  REQUIRE(result.ok());
  auto event = nlohmann::ordered_json::parse(result->event_json)["event"];
  CHECK(event["name"] == "Forum renamed");
  CHECK(event["territory"] == json::parse(R"(["94076"])"));
  CHECK(event["breaks"] == nlohmann::ordered_json::parse(R"([{"start": "11:20", "end": "11:30", "label": "coffee"},
      {"start": "12:00", "end": "12:05"}])"));
  CHECK(event["venue"] == "Salle");
  std::vector<std::string> keys;
  for (auto it = event.begin(); it != event.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"id", "name", "date", "commune", "territory", "sessions", "slot_minutes",
                                         "breaks", "venue"});
}

TEST_CASE("unknown columns are ignored with a warning", "[csv]") {
  auto result = match::ImportCsv(Input(kOneStand, "id;name;Couleur préférée\nf1;A;bleu\n"));
  REQUIRE(result.ok());
  CHECK(result->warnings ==
        std::vector<std::string>{"suppliers.csv:1: warning: column \"Couleur préférée\" is unknown; ignored"});
  CHECK(json::parse(result->event_json)["suppliers"][0] == json::parse(R"({"id":"f1","name":"A"})"));
}

TEST_CASE("Windows-1252 files are read with a warning", "[csv]") {
  auto result = match::ImportCsv(Input(kOneStand, "id;name\nf1;Soci\xE9t\xE9 \x80\n"));
  REQUIRE(result.ok());
  CHECK(json::parse(result->event_json)["suppliers"][0]["name"] == "Société €");
  CHECK(result->warnings == std::vector<std::string>{"suppliers.csv: warning: not UTF-8; read as Windows-1252"});
}

TEST_CASE("empty files and files without rows", "[csv]") {
  CHECK(Errors("", kOneSupplier) == std::vector<std::string>{"stands.csv: the file is empty"});
  CHECK(Errors(kOneStand, "\xEF\xBB\xBF\r\n \r\n") == std::vector<std::string>{"suppliers.csv: the file is empty"});
  auto result = match::ImportCsv(Input(kStandsHeader, "id;name\n"));
  REQUIRE(result.ok());
  CHECK(result->warnings ==
        std::vector<std::string>{"stands.csv: warning: no data rows", "suppliers.csv: warning: no data rows"});
}

TEST_CASE("missing required columns are each reported", "[csv]") {
  CHECK(Errors("buyer_id;stand_id;stand_title;need_id;cpv\nvj;s;S;n;39130000\n",
               "siret;commune\n21940076900010;94076\n") ==
        std::vector<std::string>{
            "stands.csv:1: required column \"buyer_name\" is missing (accepted titles: buyer_name, nom_acheteur, "
            "acheteur_nom, nom_de_l_acheteur)",
            "stands.csv:1: required column \"need_title\" is missing (accepted titles: need_title, titre_besoin, "
            "intitule_besoin, intitule_du_besoin, besoin_titre, intitule)",
            "suppliers.csv:1: required column \"id\" is missing (accepted titles: id, supplier_id, id_fournisseur, "
            "fournisseur_id, fournisseur, identifiant)",
            "suppliers.csv:1: required column \"name\" is missing (accepted titles: name, nom, raison_sociale, "
            "denomination, supplier_name, entreprise)"});
}

TEST_CASE("every value error has its exact text", "[csv]") {
  const std::pair<std::string, std::string> cases[] = {
      {"employees;douze", "column \"employees\": \"douze\" is not a number"},
      {"employees;8,5", "column \"employees\": \"8,5\" is not a whole number"},
      {"employees;-3", "column \"employees\": \"-3\" is negative"},
      {"turnover_eur;1.2.3", "column \"turnover_eur\": \"1.2.3\" is not a number"},
      {"ess;peut-être",
       "column \"ess\": \"peut-être\" is not a yes/no value (oui/non, vrai/faux, yes/no, "
       "true/false, 1/0, x)"},
      {"available;10:40/11:50", "column \"available\": \"10:40/11:50\" is not a time window (HH:MM-HH:MM)"},
      {"available;11:50-10:40", "column \"available\": \"11:50-10:40\" ends before it starts"},
      {"available;10:40-10:40", "column \"available\": \"10:40-10:40\" is empty (it ends when it starts)"},
      {"available;25:00-26:00", "column \"available\": \"25:00-26:00\" is not a time window (HH:MM-HH:MM)"},
      {"cpv;3913", "column \"cpv\": \"3913\" is not a CPV code (8 digits, optionally -check digit)"},
      {"siret;2,19401E+13", "column \"siret\": \"2,19401E+13\" is not a SIRET (14 digits)"},
      {"siret;21940076900013",
       "column \"siret\": \"21940076900013\" is not a valid SIRET: it has 14 digits but its check digit (Luhn) "
       "fails"},
      {"cpv;9530000",
       "column \"cpv\": \"9530000\" has 7 digits and \"09530000\" is in none of the groups "
       "030-034, 090-093: a CPV code has 8 digits"},
      {"cpv;3915000",
       "column \"cpv\": \"3915000\" has 7 digits and \"03915000\" is in none of the groups "
       "030-034, 090-093: a CPV code has 8 digits"},
      {"commune;940", "column \"commune\": \"940\" is not an INSEE commune code (5 characters)"},
      {"departement;940", "column \"departement\": \"940\" is not a département code (like 94, 2A or 974)"},
      {"naf;31A", "column \"naf\": \"31A\" is not a NAF code (like 31.01Z)"},
      {"size;grande", "column \"size\": \"grande\" is not one of micro, pme, eti, ge"},
      {"structure;SCOP", "column \"structure\": \"SCOP\" is not one of EI, ETTI, AI, ACI, EITI, EA, ESAT, GEIQ"},
      {"reuse;réparation",
       "column \"reuse\": \"réparation\" is not one of reemploi, reconditionnement, recyclage, "
       "location"},
      {"wishes;mobilier:peut-etre",
       "column \"wishes\": in \"mobilier:peut-etre\": \"peut-etre\" is not one of must, want, no"},
      {"wishes;mobiler:must", "column \"wishes\": stand \"mobiler\" does not exist"},
      {"wishes;mobilier|mobilier:no", "column \"wishes\": stand \"mobilier\" is named twice"},
      {"wishes;:must", "column \"wishes\": \":must\" names no id"},
      {"max_meetings;4.5", "column \"max_meetings\": \"4.5\" is not a whole number"},
      {"id;" + std::string(65, 'x'), "column \"id\": \"" + std::string(65, 'x') + "\" is longer than 64 characters"},
  };
  for (const auto& [cell, message] : cases) {
    size_t semicolon = cell.find(';');
    std::string column = cell.substr(0, semicolon), value = cell.substr(semicolon + 1);
    std::string suppliers =
        column == "id" ? "name;id\nA;" + value + "\n" : "id;name;" + column + "\nf1;A;" + value + "\n";
    INFO(suppliers);
    CHECK(Errors(kOneStand, suppliers) == std::vector<std::string>{"suppliers.csv:2: " + message});
  }
}

TEST_CASE("stand-file value errors have their exact text", "[csv]") {
  std::string header =
      "buyer_id;buyer_name;stand_id;stand_title;tables;need_id;need_title;cpv;"
      "quarter;reserved;amount_eur\n";
  auto errors = Errors(header +
                           "vj;V;s;S;0;n1;N;39130000;2025-Q5;peut-etre;beaucoup\n"
                           "vj;V;s;S;2;n1;N;39130000;;;\n"
                           "vj;W;s;T;;n2;;;;;\n"
                           ";V;;S;;n3;N;39130000;;;\n",
                       kOneSupplier);
  CHECK(errors == std::vector<std::string>{
                      "stands.csv:2: column \"tables\": \"0\" is less than 1",
                      "stands.csv:2: column \"amount_eur\": \"beaucoup\" is not a number",
                      "stands.csv:2: column \"quarter\": \"2025-Q5\" is not a quarter (like 2025-Q2)",
                      "stands.csv:2: column \"reserved\": \"peut-etre\" is not one of none, "
                      "disability, insertion, disability-or-insertion, ess",
                      "stands.csv:3: column \"need_id\": \"n1\" is already a need of stand \"s\" "
                      "(line 2)",
                      "stands.csv:4: column \"buyer_name\": \"W\" differs from \"V\" on line 2 for "
                      "buyer \"vj\"",
                      "stands.csv:4: column \"stand_title\": \"T\" differs from \"S\" on line 2 for "
                      "stand \"s\"",
                      "stands.csv:4: column \"need_title\": a value is required",
                      "stands.csv:4: column \"cpv\": a value is required",
                      "stands.csv:5: column \"buyer_id\": a value is required",
                      "stands.csv:5: column \"stand_id\": a value is required",
                  });
}

TEST_CASE("structural errors: surplus fields, repeated columns, quotes, duplicates", "[csv]") {
  CHECK(Errors(kOneStand, "id;name\nf1;A;surplus\nf1;B\n") ==
        std::vector<std::string>{"suppliers.csv:2: 3 fields, but the header has 2 columns",
                                 "suppliers.csv:3: column \"id\": \"f1\" is already the id of the supplier on line 2"});
  CHECK(Errors(kOneStand, "id;name;Effectif;employees\nf1;A;1;2\n") ==
        std::vector<std::string>{"suppliers.csv:1: column \"employees\" repeats column \"Effectif\""});
  CHECK(Errors(kOneStand, "id;name\nf1;A\"B\"\n") ==
        std::vector<std::string>{"suppliers.csv:2: malformed quoted field (a quote must open the field, close it, or "
                                 "be doubled inside it)"});
  CHECK(Errors(kOneStand, "id;name\nf1;A\nf2;\"B\n\n") ==
        std::vector<std::string>{"suppliers.csv:3: quoted field is not closed"});
  CHECK(Errors("buyer_id;buyer_name;stand_id;stand_title;need_id;need_title;cpv;invitations\n"
               "vj;V;s;S;n;N;39130000;f9:must\n",
               kOneSupplier) ==
        std::vector<std::string>{"stands.csv:2: column \"invitations\": supplier \"f9\" does not exist"});
}

TEST_CASE("header errors name the option or the header file", "[csv]") {
  match::CsvImportInput input = Input(kOneStand, kOneSupplier);
  input.options.sessions = {"10:40-09:00", "matin"};
  input.options.slot_minutes = "dix";
  input.options.breaks = {"11:20"};
  input.options.date = "28/03/2025";
  CHECK(Errors(input) == std::vector<std::string>{"--session: \"10:40-09:00\" ends before it starts",
                                                  "--session: \"matin\" is not a time window (HH:MM-HH:MM)",
                                                  "--slot-minutes: \"dix\" is not a whole number of minutes",
                                                  "--break: \"11:20\" is not a time window (HH:MM-HH:MM)",
                                                  "--date: \"28/03/2025\" is not a date (YYYY-MM-DD)"});
  match::CsvImportInput bare = Input(kOneStand, kOneSupplier);
  bare.options = {};
  bare.header = match::NamedText{"header.json", R"({"id": "fad", "name": "F", "date": "2025-03-28"})"};
  CHECK(Errors(bare) ==
        std::vector<std::string>{"header.json: the event has no \"sessions\" (give --session or put it in the header "
                                 "file)",
                                 "header.json: the event has no \"slot_minutes\" (give --slot-minutes or put it in the "
                                 "header file)"});
  bare.header->text = "[1, 2";
  CHECK(Errors(bare).front() == "header.json: not a JSON object");
}

TEST_CASE("many errors across both files are reported at once, in file and line order", "[csv]") {
  auto errors = Errors(
      "buyer_id;buyer_name;stand_id;stand_title;need_id;need_title;cpv;tables\n"
      "vj;V;s;S;n1;N;39130000;deux\n"
      "vj;V;s;S;n2;N;391;1\n",
      "id;name;employees;ess;wishes\n"
      "f1;A;douze;oui;s\n"
      "f2;B;3;peut-être;t:must\n"
      "f3;C;4;non;s:must\n");
  CHECK(errors == std::vector<std::string>{
                      "stands.csv:2: column \"tables\": \"deux\" is not a number",
                      "stands.csv:3: column \"cpv\": \"391\" is not a CPV code (8 digits, "
                      "optionally -check digit)",
                      "suppliers.csv:2: column \"employees\": \"douze\" is not a number",
                      "suppliers.csv:3: column \"ess\": \"peut-être\" is not a yes/no value "
                      "(oui/non, vrai/faux, yes/no, true/false, 1/0, x)",
                      "suppliers.csv:3: column \"wishes\": stand \"t\" does not exist",
                  });
}

TEST_CASE("the fixture files import", "[csv]") {
  const std::string dir = STANDMATCH_SOURCE_DIR "/tests/data/csv/";
  json event = Import(FilesInput(dir));
  CHECK(event["stands"].size() == 2);
  CHECK(event["suppliers"].size() == 3);
  CHECK(event["suppliers"][1]["name"] == "Imprimerie \"La Plume\", coopérative");

  match::CsvImportInput missing;
  missing.stands.name = dir + "no-such-file.csv";
  missing.suppliers.name = dir + "suppliers.csv";
  auto status = match::ReadCsvImportFiles(&missing);
  CHECK(status.code() == match::Status::Code::kIoError);
  CHECK(status.ToString().find("no-such-file.csv") != std::string::npos);
}

TEST_CASE("the Villejuif spreadsheets import as the Villejuif event file", "[csv]") {
  const std::string dir = STANDMATCH_SOURCE_DIR "/datasets/villejuif-2025/";
  auto result = match::ImportCsv(FilesInput(dir + "csv/"));
  INFO(result.status().ToString());
  REQUIRE(result.ok());
  CHECK(result->warnings.empty());
  json imported = json::parse(result->event_json);
  json expected = json::parse(Slurp(dir + "event.json"));
  for (const char* section : {"format", "event", "stands", "suppliers", "invitations"}) {
    INFO(section);
    CHECK(imported[section] == expected[section]);
  }
  // Buyers come out in order of their first stand; the JSON file may list them otherwise.
  auto by_id = [](const json& list) {
    std::map<std::string, json> out;
    for (const auto& item : list) out[item["id"]] = item;
    return out;
  };
  CHECK(by_id(imported["buyers"]) == by_id(expected["buyers"]));
  // Spot checks on the spreadsheet conventions the files use.
  CHECK(imported["stands"][0]["needs"][0]["amount_eur"] == 35000);
  CHECK(imported["stands"].size() == 8);
  CHECK(imported["suppliers"].size() == 41);
}

TEST_CASE("loader messages about the imported event point at the spreadsheet row", "[csv]") {
  match::CsvImportInput input = Input(
      "buyer_id;buyer_name;stand_id;stand_title;need_id;need_title;cpv;invitations\n"
      "vj;V;s;S;n1;N;39130000;\n"
      "vj;V;s;S;n2;N;39130000;f2\n",
      "id;name\nf1;A\n\nf2;B\n");
  input.header = match::NamedText{"header.json", "{}"};
  auto result = match::ImportCsv(input);
  REQUIRE(result.ok());
  auto locate = [&](const std::string& message) { return match::LocateInCsv(*result, "event.json", message); };
  CHECK(locate("event.json: suppliers[1].siret: \"1\" is not a valid SIRET") ==
        "suppliers.csv:4: suppliers[1].siret: \"1\" is not a valid SIRET");
  CHECK(locate("event.json: stands[0].needs[1].cpv[0]: \"39130000\" is not a CPV code") ==
        "stands.csv:3: column \"cpv\": stands[0].needs[1].cpv[0]: \"39130000\" is not a CPV code");
  CHECK(locate("event.json: stands[0].tables: bad") == "stands.csv:2: stands[0].tables: bad");
  CHECK(locate("event.json: buyers[0].siret: bad") == "stands.csv:2: buyers[0].siret: bad");
  CHECK(locate("event.json: invitations[0].supplier: bad") == "stands.csv:3: invitations[0].supplier: bad");
  CHECK(locate("event.json: event.slot_minutes: bad") == "header.json: event.slot_minutes: bad");
  CHECK(locate("other.json: suppliers[1]: x") == "other.json: suppliers[1]: x");
  CHECK(locate("event.json: nowhere: x") == "event.json: nowhere: x");
}

TEST_CASE("a 7-digit CPV code gets its leading zero back only when the result exists", "[csv]") {
  // Without a list: only the groups 030-034 and 090-093 are written with a leading zero.
  auto input = Input(kOneStand, "id;name;cpv\nf1;A;3100000\n");
  auto result = match::ImportCsv(input);
  REQUIRE(result.ok());
  CHECK(json::parse(result->event_json)["suppliers"][0]["cpv"] == json::parse(R"(["03100000"])"));
  CHECK(result->warnings ==
        std::vector<std::string>{"suppliers.csv:2: warning: column \"cpv\": \"3100000\" read as \"03100000\" "
                                 "(leading zero restored)"});
  // With the official list: the restored code must be in it, and so must every code.
  const std::string path = "csv_import_cpv_list.csv";
  {
    std::ofstream out(path);
    out << "code,fr\n03100000-2,Produits agricoles\n39130000-2,Mobilier de bureau\n";
  }
  auto list = match::CpvList::Load(path);
  std::remove(path.c_str());
  REQUIRE(list.ok());
  input.cpv_list = &*list;
  REQUIRE(match::ImportCsv(input).ok());
  auto listed = Input(kOneStand, "id;name;cpv\nf1;A;3915000\nf2;B;39150000\nf3;C;39130000\n");
  listed.cpv_list = &*list;
  CHECK(Errors(listed) ==
        std::vector<std::string>{"suppliers.csv:2: column \"cpv\": \"3915000\" has 7 digits and \"03915000\" is not "
                                 "in the CPV list: a CPV code has 8 digits",
                                 "suppliers.csv:3: column \"cpv\": \"39150000\" is not in the CPV list"});
}

TEST_CASE("one run reports a missing column, the row errors and the SIRET check digits", "[csv]") {
  // The three kinds of mistakes of the issue: a missing required column (need_title),
  // a value error in a row, a SIRET whose check digit fails. Each names file, line and
  // column; the missing column lists the titles it is accepted under.
  auto errors = Errors(
      "buyer_id;buyer_name;stand_id;stand_title;need_id;cpv;tables\n"
      "vj;V;s;S;n1;39130000;deux\n",
      "id;name;siret;employees\n"
      "f1;A;21940076900013;8\n"
      "f2;B;21940076900010;douze\n");
  CHECK(errors == std::vector<std::string>{
                      "stands.csv:1: required column \"need_title\" is missing (accepted titles: need_title, "
                      "titre_besoin, intitule_besoin, intitule_du_besoin, besoin_titre, intitule)",
                      "stands.csv:2: column \"tables\": \"deux\" is not a number",
                      "suppliers.csv:2: column \"siret\": \"21940076900013\" is not a valid SIRET: it has 14 digits "
                      "but its check digit (Luhn) fails",
                      "suppliers.csv:3: column \"employees\": \"douze\" is not a number",
                  });
}

TEST_CASE("loader messages name the CSV column of the field", "[csv]") {
  auto result = match::ImportCsv(Input(kOneStand, "id;name;Code INSEE\nf1;A;99999\n"));
  REQUIRE(result.ok());
  CHECK(match::LocateInCsv(*result, "event.json", "event.json: suppliers[0].commune: \"99999\" is unknown") ==
        "suppliers.csv:2: column \"Code INSEE\": suppliers[0].commune: \"99999\" is unknown");
}
