// Tests of reading award history (match/io/awards_io.h): the official DECP JSON shape and
// the flat CSV, the repairs (CPV check digit, lost leading zeros), places, what is left
// out, and the errors that name the file.
#include <catch2/catch.hpp>
#include <string>

#include "match/io/awards_io.h"

namespace {

TEST_CASE("DECP JSON: one award per usable awardee, repairs and places") {
  auto file = match::LoadAwards(STANDMATCH_SOURCE_DIR "/tests/data/decp/awards.json");
  INFO(file.status().ToString());
  REQUIRE(file.ok());
  CHECK(file->records == 4);
  CHECK(file->left_out == 2);  // a foreign awardee only, an unreadable CPV code
  REQUIRE(file->awards.size() == 3);
  const auto& a = file->awards[0];
  CHECK(a.awardee == "732829320");
  CHECK(a.buyer == "21940076900010");
  CHECK(a.cpv.ToString() == "77310000");  // check digit dropped
  CHECK(a.commune == "94076");
  CHECK(a.departement == "94");
  CHECK(a.year == 2019);
  REQUIRE(a.amount_eur);
  CHECK(*a.amount_eur == 45000);
  CHECK(a.object == "Entretien des espaces verts du parc départemental");
  CHECK(file->awards[1].awardee == "012345678");  // a 13-digit SIRET gets its zero back
  CHECK(file->awards[1].contract == a.contract);
  const auto& b = file->awards[2];
  CHECK(b.cpv.ToString() == "09132100");  // a 7-digit code gets its zero back
  CHECK(b.commune.empty());
  CHECK(b.departement == "94");  // from the postal code
  REQUIRE(b.amount_eur);
  CHECK(*b.amount_eur == Approx(12000.5));
  CHECK(b.contract != a.contract);
}

TEST_CASE("DECP flat CSV: the awardees of one contract on consecutive rows") {
  std::string csv =
      "source,id,uid,acheteur_id,objet,codeCPV_raw,lieu_code,lieu_typeCode,dateNotification,montant,"
      "titulaire_typeIdentifiant,titulaire_id\n"
      "pes,A1,,21940076900010,Nettoyage des locaux,90910000,94,Code département,2019-01-10,9000,SIRET,73282932000074\n"
      "pes,A1,,21940076900010,Nettoyage des locaux,90910000,94,Code département,2019-01-10,9000,SIRET,12345678000018\n"
      "pes,A2,,21940076900010,Vitrerie,90911300-9,2A004,Code commune,,,SIRET,73282932000074\n";
  auto file = match::ParseAwards(csv, "flat.csv");
  INFO(file.status().ToString());
  REQUIRE(file.ok());
  CHECK(file->records == 2);
  REQUIRE(file->awards.size() == 3);
  CHECK(file->awards[0].contract == file->awards[1].contract);
  CHECK(file->awards[1].awardee == "123456780");
  CHECK(file->awards[0].departement == "94");
  CHECK(file->awards[2].departement == "2A");
  CHECK(file->awards[2].year == 0);
  CHECK_FALSE(file->awards[2].amount_eur);
}

TEST_CASE("DECP files that are neither shape are errors naming the file") {
  auto csv = match::ParseAwards("a,b\n1,2\n", "other.csv");
  REQUIRE_FALSE(csv.ok());
  CHECK(csv.status().ToString().find("other.csv") != std::string::npos);
  CHECK(csv.status().ToString().find("titulaire_id") != std::string::npos);
  auto json = match::ParseAwards(R"({"contracts": []})", "other.json");
  REQUIRE_FALSE(json.ok());
  CHECK(json.status().ToString().find("other.json") != std::string::npos);
  CHECK(json.status().ToString().find("marches") != std::string::npos);
  auto broken = match::ParseAwards(R"({"marches": [)", "broken.json");
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.status().ToString().find("broken.json") != std::string::npos);
}

}  // namespace
