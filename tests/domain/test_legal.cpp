// Tests of the procurement facts (match/domain/legal.h): company size (Décret 2008-1354),
// ESS legal forms, reserved-contract eligibility (CCP L2113-12 to -15), SIRET/SIREN.
#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "match/domain/legal.h"

namespace {

using match::DeriveSize;
using match::Reserved;
using match::Size;
using match::Structure;

match::Supplier With(Structure structure, bool ess) {
  match::Supplier supplier;
  supplier.structure = structure;
  supplier.ess = ess;
  return supplier;
}

TEST_CASE("size from headcount: micro below 10, PME below 250, ETI below 5000", "[legal]") {
  CHECK(DeriveSize(0, std::nullopt) == Size::kMicro);
  CHECK(DeriveSize(9, std::nullopt) == Size::kMicro);
  CHECK(DeriveSize(10, std::nullopt) == Size::kPme);
  CHECK(DeriveSize(249, std::nullopt) == Size::kPme);
  CHECK(DeriveSize(250, std::nullopt) == Size::kEti);
  CHECK(DeriveSize(4999, std::nullopt) == Size::kEti);
  CHECK(DeriveSize(5000, std::nullopt) == Size::kGe);
  CHECK(DeriveSize(120000, std::nullopt) == Size::kGe);
}

TEST_CASE("size from turnover: micro up to 2 M, PME up to 50 M, ETI up to 1.5 bn", "[legal]") {
  CHECK(DeriveSize(9, 2e6) == Size::kMicro);
  CHECK(DeriveSize(9, 2e6 + 1) == Size::kPme);
  CHECK(DeriveSize(10, 1e5) == Size::kPme);
  CHECK(DeriveSize(249, 50e6) == Size::kPme);
  CHECK(DeriveSize(5, 50e6 + 1) == Size::kEti);
  CHECK(DeriveSize(249, 1.5e9) == Size::kEti);
  CHECK(DeriveSize(4999, 1.5e9 + 1) == Size::kGe);
  CHECK(DeriveSize(3, 2e9) == Size::kGe);
}

TEST_CASE("size is unknown without a headcount", "[legal]") {
  CHECK(DeriveSize(std::nullopt, std::nullopt) == Size::kUnknown);
  CHECK(DeriveSize(std::nullopt, 1e5) == Size::kUnknown);
  CHECK(DeriveSize(std::nullopt, 5e9) == Size::kUnknown);
}

TEST_CASE("size names", "[legal]") {
  CHECK(match::SizeName(Size::kMicro) == "micro");
  CHECK(match::SizeName(Size::kPme) == "pme");
  CHECK(match::SizeName(Size::kEti) == "eti");
  CHECK(match::SizeName(Size::kGe) == "ge");
  CHECK(match::SizeName(Size::kUnknown) == "unknown");
}

TEST_CASE("ESS by legal form, case- and accent-insensitive", "[legal]") {
  for (const char* form : {"Association", "association loi 1901", "ASSOCIATION", "SCOP", "scop", "SCOP SA", "SARL SCOP",
                           "SCIC", "SCIC SAS", "Coopérative", "COOPÉRATIVE", "cooperative", "Mutuelle", "Fondation",
                           "Fondation reconnue d'utilité publique"}) {
    INFO(form);
    CHECK(match::IsEssLegalForm(form));
  }
  for (const char* form :
       {"", "SAS", "SARL", "SA", "EURL", "SASU", "Auto-entrepreneur", "EI", "Associés SAS", "Scopus SARL"}) {
    INFO(form);
    CHECK_FALSE(match::IsEssLegalForm(form));
  }
}

TEST_CASE("structure kinds: SIAE and disability, GEIQ is not an SIAE", "[legal]") {
  for (Structure s : {Structure::kEI, Structure::kETTI, Structure::kAI, Structure::kACI, Structure::kEITI}) {
    CHECK(match::IsSiae(s));
    CHECK_FALSE(match::IsDisabilityStructure(s));
  }
  for (Structure s : {Structure::kEA, Structure::kESAT}) {
    CHECK(match::IsDisabilityStructure(s));
    CHECK_FALSE(match::IsSiae(s));
  }
  for (Structure s : {Structure::kGEIQ, Structure::kNone}) {
    CHECK_FALSE(match::IsSiae(s));
    CHECK_FALSE(match::IsDisabilityStructure(s));
  }
}

TEST_CASE("eligibility for each reservation and structure", "[legal]") {
  struct Row {
    Structure structure;
    bool disability, insertion, either;
  };
  const Row rows[] = {
      {Structure::kNone, false, false, false}, {Structure::kEI, false, true, true},
      {Structure::kETTI, false, true, true},   {Structure::kAI, false, true, true},
      {Structure::kACI, false, true, true},    {Structure::kEITI, false, true, true},
      {Structure::kEA, true, false, true},     {Structure::kESAT, true, false, true},
      {Structure::kGEIQ, false, false, false},
  };
  for (const Row& row : rows) {
    for (bool ess : {false, true}) {
      INFO("structure " << match::StructureName(row.structure) << ", ess " << ess);
      const match::Supplier supplier = With(row.structure, ess);
      CHECK(match::EligibleForReserved(Reserved::kNone, supplier));
      CHECK(match::EligibleForReserved(Reserved::kDisability, supplier) == row.disability);
      CHECK(match::EligibleForReserved(Reserved::kInsertion, supplier) == row.insertion);
      CHECK(match::EligibleForReserved(Reserved::kDisabilityOrInsertion, supplier) == row.either);
      CHECK(match::EligibleForReserved(Reserved::kEss, supplier) == ess);
    }
  }
}

TEST_CASE("ESS status alone does not qualify for disability or insertion reservations", "[legal]") {
  const match::Supplier association = With(Structure::kNone, true);
  CHECK_FALSE(match::EligibleForReserved(Reserved::kDisability, association));
  CHECK_FALSE(match::EligibleForReserved(Reserved::kInsertion, association));
  CHECK_FALSE(match::EligibleForReserved(Reserved::kDisabilityOrInsertion, association));
  CHECK(match::EligibleForReserved(Reserved::kEss, association));
}

TEST_CASE("reservation articles and audiences", "[legal]") {
  CHECK(match::ReservedArticle(Reserved::kDisability) == "L2113-12");
  CHECK(match::ReservedArticle(Reserved::kInsertion) == "L2113-13");
  CHECK(match::ReservedArticle(Reserved::kDisabilityOrInsertion) == "L2113-14");
  CHECK(match::ReservedArticle(Reserved::kEss) == "L2113-15");
  CHECK(match::ReservedArticle(Reserved::kNone).empty());
  CHECK(match::ReservedAudience(Reserved::kDisability) == "EA and ESAT");
  CHECK(match::ReservedAudience(Reserved::kInsertion) == "inclusion structures (SIAE)");
  CHECK(match::ReservedAudience(Reserved::kEss) == "ESS enterprises");
  CHECK(match::ReservedName(Reserved::kDisabilityOrInsertion) == "disability-or-insertion");
}

TEST_CASE("SIREN and SIRET carry a Luhn check digit", "[legal]") {
  CHECK(match::IsValidSiren("732829320"));
  CHECK_FALSE(match::IsValidSiren("732829321"));
  CHECK_FALSE(match::IsValidSiren("73282932"));
  CHECK_FALSE(match::IsValidSiren("7328293200"));
  CHECK_FALSE(match::IsValidSiren("73282932A"));
  CHECK(match::IsValidSiret("73282932000074"));
  CHECK(match::IsValidSiret("21940076900010"));
  CHECK_FALSE(match::IsValidSiret("73282932000075"));
  CHECK_FALSE(match::IsValidSiret("21940076900013"));
  CHECK_FALSE(match::IsValidSiret("7328293200007"));
  CHECK_FALSE(match::IsValidSiret("732829320000744"));
  CHECK_FALSE(match::IsValidSiret("7328293200007A"));
  CHECK_FALSE(match::IsValidSiret(""));
  // A SIREN is not a SIRET and the other way round.
  CHECK_FALSE(match::IsValidSiret("732829320"));
  CHECK_FALSE(match::IsValidSiren("73282932000074"));
  // Swapping two adjacent digits is caught.
  CHECK_FALSE(match::IsValidSiret("73282932000047"));
}

TEST_CASE("La Poste: SIREN 356000000, establishments whose digits sum to a multiple of 5", "[legal]") {
  CHECK(match::IsValidSiren("356000000"));
  CHECK(match::IsValidSiret("35600000000001"));  // digit sum 15, not Luhn-valid
  CHECK(match::IsValidSiret("35600000012346"));  // digit sum 30
  CHECK_FALSE(match::IsValidSiret("35600000000002"));
}

// La Poste's head office, 356 000 000 00048, is the one La Poste SIRET that follows
// the Luhn rule (digit sum 26): IsValidSiret rejects it.
TEST_CASE("La Poste's head-office SIRET is valid", "[legal]") { CHECK(match::IsValidSiret("35600000000048")); }

}  // namespace
