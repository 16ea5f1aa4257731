#include "match/domain/territory.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "base/embedded.h"

namespace {

using match::LocalityTier;
using match::Territory;

const char* const kCentroids = STANDMATCH_SHARED_DIR "/data/communes/commune_centroids.csv";

constexpr std::string_view kSmallTable =
    "kind,code,name,parent,epci,ept,population\n"
    "R,11,Île-de-France,,,,\n"
    "D,94,Val-de-Marne,11,,,\n"
    "D,75,Paris,11,,,\n"
    "E,200054781,Métropole du Grand Paris,,,,7115576\n"
    "T,200058014,Grand-Orly Seine Bièvre,200054781,,,730551\n"
    "C,94076,Villejuif,,200054781,200058014,60183\n"
    "C,75056,Paris,,200054781,,2103778\n"
    "A,75113,Paris 13e Arrondissement,75056,,,181271\n";

std::string Errors(std::string_view csv) {
  auto parsed = Territory::Parse(csv, "t.csv");
  REQUIRE_FALSE(parsed.ok());
  return parsed.status().ToString();
}

}  // namespace

TEST_CASE("INSEE code syntax", "[territory]") {
  CHECK(match::IsInseeCodeSyntax("94076"));
  CHECK(match::IsInseeCodeSyntax("2A004"));
  CHECK(match::IsInseeCodeSyntax("2B033"));
  CHECK(match::IsInseeCodeSyntax("97411"));
  CHECK_FALSE(match::IsInseeCodeSyntax("9407"));
  CHECK_FALSE(match::IsInseeCodeSyntax("940760"));
  CHECK_FALSE(match::IsInseeCodeSyntax("2C004"));
  CHECK_FALSE(match::IsInseeCodeSyntax("2a004"));
  CHECK_FALSE(match::IsInseeCodeSyntax("3A004"));
  CHECK_FALSE(match::IsInseeCodeSyntax("94O76"));
  CHECK_FALSE(match::IsInseeCodeSyntax(""));
}

TEST_CASE("the built-in table holds every commune with its groupings", "[territory]") {
  const Territory& t = Territory::Builtin();
  // 34,969 communes, 45 municipal arrondissements, 1,992 merged communes (COG 2026).
  CHECK(t.size() == 34969 + 45 + 1992);
  CHECK(&t == &Territory::Builtin());

  const match::Commune* villejuif = t.Find("94076");
  REQUIRE(villejuif != nullptr);
  CHECK(villejuif->name == "Villejuif");
  CHECK(villejuif->kind == match::Commune::Kind::kCommune);
  CHECK(villejuif->commune == "94076");
  CHECK(villejuif->epci == "200054781");
  CHECK(villejuif->ept == "200058014");
  CHECK(villejuif->departement == "94");
  CHECK(villejuif->region == "11");
  CHECK(villejuif->population == 60183);
  CHECK(t.IntercommunalityName(*villejuif) == "EPT Grand-Orly Seine Bièvre");
  CHECK(t.EpciName("200054781") == "Métropole du Grand Paris");
  CHECK(t.DepartementName("94") == "Val-de-Marne");
  CHECK(t.RegionName("11") == "Île-de-France");

  const match::Commune* ajaccio = t.Find("2A004");
  REQUIRE(ajaccio != nullptr);
  CHECK(ajaccio->name == "Ajaccio");
  CHECK(ajaccio->departement == "2A");
  CHECK(ajaccio->region == "94");  // région Corse: code 94, not the département 94
  CHECK(t.RegionName("94") == "Corse");
  CHECK(t.DepartementName("2A") == "Corse-du-Sud");
  CHECK(t.IntercommunalityName(*ajaccio) == "CA du Pays Ajaccien");

  const match::Commune* reunion = t.Find("97411");
  REQUIRE(reunion != nullptr);
  CHECK(reunion->departement == "974");
  CHECK(t.DepartementName("974") == "La Réunion");

  const match::Commune* lyon3 = t.Find("69383");
  REQUIRE(lyon3 != nullptr);
  CHECK(lyon3->kind == match::Commune::Kind::kArrondissement);
  CHECK(lyon3->commune == "69123");
  CHECK(lyon3->epci == "200046977");
  CHECK(t.IntercommunalityName(*lyon3) == "Métropole de Lyon");
  CHECK(lyon3->departement == "69");
  CHECK(lyon3->region == "84");

  const match::Commune* paris13 = t.Find("75113");
  REQUIRE(paris13 != nullptr);
  CHECK(paris13->commune == "75056");
  CHECK(paris13->epci == "200054781");
  CHECK(paris13->ept.empty());

  // Béon merged into Culoz-Béon (01138) and keeps resolving to it.
  const match::Commune* beon = t.Find("01039");
  REQUIRE(beon != nullptr);
  CHECK(beon->kind == match::Commune::Kind::kMerged);
  CHECK(beon->commune == "01138");
  CHECK(beon->population == match::kUnknownPopulation);
  CHECK(beon->departement == "01");

  // Island communes belong to no EPCI; a "commune morte pour la France" has 0 people.
  const match::Commune* brehat = t.Find("22016");
  REQUIRE(brehat != nullptr);
  CHECK(brehat->epci.empty());
  CHECK(t.IntercommunalityName(*brehat).empty());
  REQUIRE(t.Find("55039") != nullptr);
  CHECK(t.Find("55039")->population == 0);

  CHECK(t.Find("99999") == nullptr);
  CHECK(t.Find("9407") == nullptr);
  CHECK(t.Find("") == nullptr);
}

TEST_CASE("EPT memberships match the Métropole du Grand Paris", "[territory]") {
  const Territory& t = Territory::Builtin();
  auto gosb = t.Members("200058014");
  auto gpsea = t.Members("200058006");
  CHECK(gosb.size() == 24);
  CHECK(gpsea.size() == 16);
  auto has = [](const std::vector<const match::Commune*>& members, std::string_view code) {
    return std::any_of(members.begin(), members.end(), [&](const match::Commune* c) { return c->insee == code; });
  };
  CHECK(has(gosb, "94076"));   // Villejuif
  CHECK(has(gosb, "94041"));   // Ivry-sur-Seine
  CHECK(has(gosb, "91027"));   // Athis-Mons, Essonne
  CHECK(has(gpsea, "94028"));  // Créteil
  CHECK_FALSE(has(gosb, "94028"));
  CHECK(std::is_sorted(gosb.begin(), gosb.end(), [](auto* a, auto* b) { return a->insee < b->insee; }));
  // The métropole counts Paris and the 129 communes of its 11 EPT.
  CHECK(t.Members("200054781").size() == 130);
  CHECK(t.Members("").empty());
  CHECK(t.Members("123456789").empty());
}

TEST_CASE("locality tiers between real places", "[territory]") {
  const Territory& t = Territory::Builtin();
  CHECK(t.Tier("94076", "94076") == LocalityTier::kSameCommune);
  CHECK(t.Tier("75113", "75056") == LocalityTier::kSameCommune);           // arrondissement in Paris
  CHECK(t.Tier("75113", "75120") == LocalityTier::kSameCommune);           // two arrondissements
  CHECK(t.Tier("01039", "01138") == LocalityTier::kSameCommune);           // merged commune
  CHECK(t.Tier("94076", "94041") == LocalityTier::kSameIntercommunality);  // both in GOSB
  CHECK(t.Tier("94076", "91027") == LocalityTier::kSameIntercommunality);  // GOSB across 94/91
  CHECK(t.Tier("69383", "69266") == LocalityTier::kSameIntercommunality);  // Lyon 3e, Villeurbanne
  CHECK(t.Tier("94076", "94080") == LocalityTier::kSameDepartement);       // Vincennes: EPT PEMB
  CHECK(t.Tier("94076", "94028") == LocalityTier::kSameDepartement);       // Créteil: EPT GPSEA
  // Paris is in no EPT: sharing the Métropole du Grand Paris is not local.
  CHECK(t.Tier("75113", "94076") == LocalityTier::kSameRegion);
  CHECK(t.Tier("2A004", "2B033") == LocalityTier::kSameRegion);  // Ajaccio, Bastia
  CHECK(t.Tier("94076", "69383") == LocalityTier::kElsewhere);
  CHECK(t.Tier("94076", "2A004") == LocalityTier::kElsewhere);
  CHECK(t.Tier("94076", "99999") == LocalityTier::kUnknown);
  CHECK(t.Tier("bad", "94076") == LocalityTier::kUnknown);
  // Tiers are symmetric.
  CHECK(t.Tier("91027", "94076") == t.Tier("94076", "91027"));
  CHECK(t.Tier("94076", "75113") == LocalityTier::kSameRegion);
}

TEST_CASE("a département code stands for a place known no closer", "[territory]") {
  const Territory& t = Territory::Builtin();
  CHECK(t.Tier("94", "94076") == LocalityTier::kSameDepartement);
  CHECK(t.Tier("94076", "94") == LocalityTier::kSameDepartement);
  CHECK(t.Tier("94", "94") == LocalityTier::kSameDepartement);  // never the same commune
  CHECK(t.Tier("91", "94076") == LocalityTier::kSameRegion);
  CHECK(t.Tier("2A", "2B033") == LocalityTier::kSameRegion);
  CHECK(t.Tier("974", "94076") == LocalityTier::kElsewhere);
  CHECK(t.Tier("99", "94076") == LocalityTier::kUnknown);
  CHECK(t.Tier("", "94") == LocalityTier::kUnknown);
  CHECK(t.Describe("94", "94076") == "same département: Val-de-Marne (94)");
  CHECK(t.Describe("94076", "91") == "same région: Île-de-France");
  CHECK(t.Describe("94076", "99") == "unknown commune \"99\"");
}

TEST_CASE("tier names and descriptions for people", "[territory]") {
  const Territory& t = Territory::Builtin();
  CHECK(match::TierName(LocalityTier::kSameCommune) == "same commune");
  CHECK(match::TierName(LocalityTier::kSameIntercommunality) == "same intercommunality");
  CHECK(match::TierName(LocalityTier::kSameDepartement) == "same département");
  CHECK(match::TierName(LocalityTier::kSameRegion) == "same région");
  CHECK(match::TierName(LocalityTier::kElsewhere) == "elsewhere");
  CHECK(match::TierName(LocalityTier::kUnknown) == "unknown");
  CHECK(t.Describe("75113", "75120") == "same commune: Paris");
  CHECK(t.Describe("94076", "94041") == "same intercommunality: EPT Grand-Orly Seine Bièvre");
  CHECK(t.Describe("94076", "94080") == "same département: Val-de-Marne (94)");
  CHECK(t.Describe("75113", "94076") == "same région: Île-de-France");
  CHECK(t.Describe("94076", "2A004") == "elsewhere");
  CHECK(t.Describe("94076", "99999") == "unknown commune \"99999\"");
  CHECK(t.Describe("x", "94076") == "unknown commune \"x\"");
}

TEST_CASE("membership of an event's territory", "[territory]") {
  const Territory& t = Territory::Builtin();
  std::vector<std::string> area = {"94076", "94003", "75056"};
  CHECK(t.InArea("94076", area));
  CHECK(t.InArea("75113", area));  // Paris lists all its arrondissements
  CHECK_FALSE(t.InArea("94041", area));
  CHECK_FALSE(t.InArea("99999", area));
  CHECK(t.InArea("99999", {"99999"}));        // an unknown code still matches itself
  CHECK_FALSE(t.InArea("75056", {"75113"}));  // one arrondissement is not all Paris
  CHECK_FALSE(t.InArea("94076", {}));
}

TEST_CASE("the built-in table loads fast", "[territory]") {
  std::string_view csv = match::embedded::TerritoryCsv();
  CHECK(csv.size() < 2'000'000);
  auto start = std::chrono::steady_clock::now();
  auto parsed = Territory::Parse(csv, "communes.csv");
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(parsed.ok());
  CHECK(parsed->size() == Territory::Builtin().size());
  // About 10 ms of CPU in Release; wall time depends on the machine's load, hence a
  // generous bound that still catches an accidental quadratic.
  CHECK(ms < 1000);
  std::printf("territory: parsed %zu places in %.1f ms\n", parsed->size(), ms);
}

TEST_CASE("a small table parses, quoted fields included", "[territory]") {
  std::string csv(kSmallTable);
  csv += "E,200000172,\"CC \"\"Faucigny\"\", Glières\",,,,29204\r\n";
  auto parsed = Territory::Parse(csv, "t.csv");
  REQUIRE(parsed.ok());
  CHECK(parsed->size() == 3);
  CHECK(parsed->EpciName("200000172") == "CC \"Faucigny\", Glières");
  CHECK(parsed->Tier("75113", "94076") == LocalityTier::kSameRegion);
  CHECK(parsed->Find("75113")->departement == "75");
  CHECK(parsed->Find("75113")->epci == "200054781");
  // A byte-order mark is accepted.
  auto with_bom = Territory::Parse("\xEF\xBB\xBF" + std::string(kSmallTable), "t.csv");
  CHECK(with_bom.ok());
  // Moving keeps the places (their text views) valid.
  const match::Commune* paris13 = parsed->Find("75113");
  Territory moved(std::move(parsed).value());
  CHECK(moved.Find("75113") == paris13);
  CHECK(paris13->name == "Paris 13e Arrondissement");
  CHECK(moved.EpciName("200000172") == "CC \"Faucigny\", Glières");
  // An empty Territory knows nothing.
  Territory empty;
  CHECK(empty.Find("94076") == nullptr);
  CHECK(empty.Tier("94076", "94076") == LocalityTier::kUnknown);
}

TEST_CASE("malformed tables name the file, the line and the value", "[territory]") {
  CHECK(Errors("insee,name\n94076,Villejuif\n") ==
        "t.csv: line 1: expected the header \"kind,code,name,parent,epci,ept,population\"");
  CHECK(Errors("") == "t.csv: line 1: expected the header \"kind,code,name,parent,epci,ept,population\"");
  std::string base(kSmallTable);
  CHECK(Errors(base + "C,9407,Nowhere,,,,1\n") == "t.csv: line 10: \"9407\" is not an INSEE commune code");
  CHECK(Errors(base + "C,94041,Ivry-sur-Seine,,200054781,200058014,65O64\n") ==
        "t.csv: line 10: population \"65O64\" is not a non-negative integer");
  CHECK(Errors(base + "C,94041,Ivry\n") == "t.csv: line 10: expected 7 fields, got 3");
  CHECK(Errors(base + "X,94041,Ivry,,,,\n") == "t.csv: line 10: kind \"X\" is not one of R, D, E, T, C, A, M");
  CHECK(Errors(base + "C,94076,Villejuif bis,,,,\n") ==
        "t.csv: line 10: code \"94076\" appears twice (first on line 7)");
  CHECK(Errors(base + "C,94041,Ivry-sur-Seine,,200000000,,1\n") ==
        "t.csv: line 10: EPCI \"200000000\" of \"94041\" is not in the table");
  CHECK(Errors(base + "C,93001,Aubervilliers,,200054781,200057867,1\n") ==
        "t.csv: line 10: département \"93\" of \"93001\" is not in the table");
  CHECK(Errors(base + "A,75114,Paris 14e Arrondissement,75113,,,1\n") ==
        "t.csv: line 10: parent \"75113\" of \"75114\" is not a commune of the table");
  CHECK(Errors(base + "E,20005478,Short,,,,\n") == "t.csv: line 10: \"20005478\" is not a SIREN");
  CHECK(Errors(base + "E,200000172,\"CC Faucigny,,,,\n") == "t.csv: line 10: quoted field is not closed");
  CHECK(Errors(base + "D,93,Seine-Saint-Denis,12,,,\n") ==
        "t.csv: line 10: région \"12\" of département \"93\" is not in the table");
  // Every problem is reported, in input order.
  CHECK(Errors(base + "C,9407,A,,,,\nC,94041,B,,,,x\n") ==
        "t.csv: line 10: \"9407\" is not an INSEE commune code\n"
        "t.csv: line 11: population \"x\" is not a non-negative integer");
}

TEST_CASE("haversine distances", "[territory]") {
  // One degree of a meridian, a quarter of the equator: exact on the sphere.
  CHECK(match::DistanceKm(0, 0, 1, 0) == Approx(111.19508).epsilon(1e-6));
  CHECK(match::DistanceKm(0, 0, 0, 90) == Approx(10007.557).epsilon(1e-6));
  CHECK(match::DistanceKm(48.8566, 2.3522, 48.8566, 2.3522) == 0.0);
  // Paris - London 343.6 km, Paris - Lyon 391.5 km (great circle).
  CHECK(match::DistanceKm(48.8566, 2.3522, 51.5074, -0.1278) == Approx(343.56).margin(0.05));
  CHECK(match::DistanceKm(48.8566, 2.3522, 45.7640, 4.8357) == Approx(391.50).margin(0.05));
  CHECK(match::DistanceKm(45.7640, 4.8357, 48.8566, 2.3522) == match::DistanceKm(48.8566, 2.3522, 45.7640, 4.8357));
  // Antipodes stay finite.
  CHECK(match::DistanceKm(0, 0, 0, 180) == Approx(20015.115).epsilon(1e-6));
}

TEST_CASE("commune centres from the La Poste file", "[territory]") {
  if (!std::ifstream(kCentroids)) {
    WARN("skipped: " << kCentroids << " is absent");
    return;
  }
  auto centres = match::CommuneCentres::Load(kCentroids);
  REQUIRE(centres.ok());
  CHECK(centres->size() == 35006);
  auto villejuif = centres->Centre("94076");
  REQUIRE(villejuif.has_value());
  CHECK(villejuif->lat == Approx(48.7928547268));
  CHECK(villejuif->lon == Approx(2.36006103249));
  CHECK(centres->DistanceKm("94076", "75113").value() == Approx(3.99).margin(0.01));
  CHECK(centres->DistanceKm("2A004", "94076").value() == Approx(908.65).margin(0.01));
  CHECK_FALSE(centres->Centre("55138").has_value());  // listed without coordinates
  CHECK_FALSE(centres->Centre("75056").has_value());  // Paris only as arrondissements
  CHECK_FALSE(centres->DistanceKm("94076", "99999").has_value());
  // Nearly every commune of the built-in table has a centre.
  const Territory& t = Territory::Builtin();
  int located = 0, communes = 0;
  for (const char* code : {"94076", "94041", "69383", "2A004", "13201", "97411"}) {
    ++communes;
    if (t.Find(code) != nullptr && centres->Centre(code)) ++located;
  }
  CHECK(located == communes);
}

TEST_CASE("malformed centre files name the file, the line and the value", "[territory]") {
  auto errors = [](std::string_view csv) {
    auto parsed = match::CommuneCentres::Parse(csv, "c.csv");
    REQUIRE_FALSE(parsed.ok());
    return parsed.status().ToString();
  };
  CHECK(errors("code,lat,lon\n") == "c.csv: line 1: the header has no column \"insee\"");
  CHECK(errors("insee,lat,lon\n94076,48.79,east\n") == "c.csv: line 2: lon \"east\" is not a longitude in degrees");
  CHECK(errors("insee,lat,lon\n94076,98.79,2.36\n") == "c.csv: line 2: lat \"98.79\" is not a latitude in degrees");
  CHECK(errors("insee,lat,lon\n9407,48.79,2.36\n") == "c.csv: line 2: \"9407\" is not an INSEE commune code");
  CHECK(errors("insee,lat,lon\n94076,48.79,2.36\n94076,48.79,2.36\n") == "c.csv: line 3: code \"94076\" appears twice");
  CHECK(errors("insee,lat,lon\n94076,48.79\n") == "c.csv: line 2: expected 3 fields, got 2");
  auto semicolons = match::CommuneCentres::Parse("lon;insee;lat\n2.36;94076;48.79\n", "c.csv");
  REQUIRE(semicolons.ok());
  CHECK(semicolons->Centre("94076")->lat == 48.79);
  auto missing = match::CommuneCentres::Load("/nonexistent/centres.csv");
  CHECK_FALSE(missing.ok());
}
