// Tests of the NAF table (match/domain/naf.h) and the built-in CPV labels.
#include <catch2/catch.hpp>
#include <string>

#include "match/domain/cpv.h"
#include "match/domain/naf.h"

TEST_CASE("NafTable: the built-in table names every NAF rev. 2 sub-class") {
  const auto& naf = match::NafTable::Builtin();
  CHECK(naf.size() == 732);
  CHECK(naf.Label("31.01Z") == "Fabrication de meubles de bureau et de magasin");
  CHECK(naf.Label("81.30Z") == "Services d'aménagement paysager");
  CHECK(naf.Label("62.02A") == "Conseil en systèmes et logiciels informatiques");
  CHECK(naf.Label("99.99Z").empty());
  CHECK(naf.Label("3101Z").empty());
}

TEST_CASE("NafTable: a malformed table is an error naming the line") {
  auto bad = match::NafTable::Parse("naf,label\n31.01Z,\n", "naf.csv");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().ToString().find("naf.csv") != std::string::npos);
  CHECK(bad.status().ToString().find("line 2") != std::string::npos);
  CHECK_FALSE(match::NafTable::Parse("code,fr\n31.01Z,Meubles\n", "x.csv").ok());
}

TEST_CASE("CpvList: the built-in French labels name the whole CPV 2008 vocabulary") {
  const auto& cpv = match::CpvList::Builtin();
  CHECK(cpv.size() == 9454);
  auto code = match::CpvCode::Parse("39130000");
  REQUIRE(code.has_value());
  CHECK(cpv.Label(*code) == "Mobilier de bureau");
  CHECK(cpv.CheckDigit(*code) == 2);
  auto unknown = match::CpvCode::Parse("39999999");
  REQUIRE(unknown.has_value());
  CHECK(cpv.Label(*unknown).empty());
}
