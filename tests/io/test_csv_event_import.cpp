// Tests of the CSV import use case (match/io/csv_event_import.h): the loader's check of
// the imported event, its messages located in the spreadsheet, and the JSON envelope.
#include <catch2/catch.hpp>
#include <string>

#include "io/csv_input.h"
#include "match/io/csv_event_import.h"

namespace {

constexpr const char* kStands =
    "buyer_id;buyer_name;stand_id;stand_title;need_id;need_title;cpv\n"
    "vj;Ville de Villejuif;mobilier;Mobilier;m1;Bureaux;39130000-2\n";

match::CsvImportInput Input(std::string suppliers) { return CsvInput(kStands, std::move(suppliers)); }

}  // namespace

TEST_CASE("the imported event is loaded and checked", "[csv_event_import]") {
  auto imported = match::ImportCsvEvent(Input("id;name;siret\nf001;Atelier;21940076900010\n"), "event.json");
  INFO(imported.status().ToString());
  REQUIRE(imported.ok());
  CHECK(imported->event.id == "fad");
  REQUIRE(imported->event.suppliers.size() == 1);
  CHECK(imported->event.suppliers[0].siret == "21940076900010");
  CHECK(imported->csv.event_json.find("\"f001\"") != std::string::npos);
}

TEST_CASE("the loader's messages name the CSV row they come from", "[csv_event_import]") {
  // A well-formed INSEE code (the import's check) that is no commune (the loader's).
  auto imported =
      match::ImportCsvEvent(Input("id;name;commune\nf001;Atelier;94076\nf002;Menuiserie;99999\n"), "event.json");
  REQUIRE_FALSE(imported.ok());
  CHECK(imported.status().code() == match::Status::Code::kInvalidInput);
  REQUIRE(imported.status().messages().size() == 1);
  const std::string& message = imported.status().messages()[0];
  INFO(message);
  CHECK(message.rfind("suppliers.csv:3: ", 0) == 0);
  CHECK(message.find("suppliers[1].commune: \"99999\"") != std::string::npos);
}

TEST_CASE("import errors come back as the import wrote them", "[csv_event_import]") {
  auto imported = match::ImportCsvEvent(Input("id;name;employees\nf001;Atelier;douze\n"), "event.json");
  REQUIRE_FALSE(imported.ok());
  CHECK(imported.status().ToString().rfind("suppliers.csv:2: column \"employees\": \"douze\"", 0) == 0);
}

TEST_CASE("the JSON envelope gives the import input", "[csv_event_import]") {
  auto input = match::CsvImportInputFromJson(
      R"({"stands": "S", "suppliers": "F", "header": "{}",
          "options": {"name": "Forum", "slot_minutes": 10, "territory": ["94076"],
                      "sessions": ["10:40-12:20"], "breaks": ["11:20-11:30:coffee"]}})",
      "body");
  INFO(input.status().ToString());
  REQUIRE(input.ok());
  CHECK(input->stands.name == "stands.csv");
  CHECK(input->stands.text == "S");
  CHECK(input->suppliers.name == "suppliers.csv");
  CHECK(input->suppliers.text == "F");
  REQUIRE(input->header.has_value());
  CHECK(input->header->name == "header.json");
  CHECK(input->options.name == "Forum");
  CHECK(input->options.slot_minutes == "10");
  CHECK_FALSE(input->options.date.has_value());
  CHECK(input->options.territory == std::vector<std::string>{"94076"});
  CHECK(input->options.breaks == std::vector<std::string>{"11:20-11:30:coffee"});
}

TEST_CASE("every problem of the JSON envelope is named by its path", "[csv_event_import]") {
  auto input = match::CsvImportInputFromJson(
      R"({"suppliers": true, "options": {"date": [], "sessions": ["10:40-12:20", 3], "breaks": "x"}})", "body");
  REQUIRE_FALSE(input.ok());
  CHECK(input.status().messages() ==
        std::vector<std::string>{"body.stands: missing", "body.suppliers: expected a string",
                                 "body.options.date: expected a string", "body.options.sessions[1]: expected a string",
                                 "body.options.breaks: expected a list of strings"});
  CHECK(match::CsvImportInputFromJson("[1]", "body").status().ToString() == "body: expected an object");
  CHECK(match::CsvImportInputFromJson("{", "body").status().ToString().rfind("body: not JSON: ", 0) == 0);
}
