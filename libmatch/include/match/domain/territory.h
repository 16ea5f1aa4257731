// Territory: where a commune lies in the French administrative hierarchy, and how
// close two places are in it.
//
// "Local" in French public procurement is read through that hierarchy: same commune,
// then same intercommunality, then same département, then same région. A Territory is
// the table behind it: every current commune (overseas included), the municipal
// arrondissements of Paris, Lyon and Marseille, and the communes déléguées/associées
// whose codes older data still uses, each with its EPCI à fiscalité propre and, in the
// Métropole du Grand Paris, its établissement public territorial (EPT); plus the names
// of EPCI, EPT, départements and régions. The built-in table is compiled from
// datasets/territory/communes.csv (Etalab @etalab/decoupage-administratif, Licence
// Ouverte 2.0; see its README for the columns and how to refresh it).
//
// The intercommunality of a commune is its EPT when it has one, else its EPCI. The EPT
// (e.g. Grand-Orly Seine Bièvre, 24 communes) is the working intercommunality of the
// petite couronne; the Métropole du Grand Paris (130 communes, 7 million people) is too
// wide to mean "local", and Paris, in no EPT, is a territory on its own. So Villejuif and
// Ivry-sur-Seine (both EPT Grand-Orly Seine Bièvre) share an intercommunality, Villejuif
// and Paris do not (same région only).
//
// Ownership and threads: a Territory owns its data (the built-in one views the
// embedded bytes) and is immutable once built;
// concurrent readers need no locking. Builtin() parses the embedded table once, on
// first use (thread-safe), and the reference lives until exit. Commune pointers stay
// valid as long as their Territory. CommuneCentres (coordinates) is separate, loaded at
// run time from a file with its own licence, immutable and thread-safe likewise.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "match/base/status.h"

namespace match {

// How close two places are, from closest to farthest; kUnknown when either code is not
// in the table. The order is meaningful: a smaller value is closer.
enum class LocalityTier : uint8_t {
  kSameCommune,
  kSameIntercommunality,  // same EPT when a commune has one, else same EPCI
  kSameDepartement,
  kSameRegion,
  kElsewhere,
  kUnknown,
};

// "same commune", "same intercommunality", "same département", "same région",
// "elsewhere", "unknown": for reasons shown to people.
std::string_view TierName(LocalityTier tier);

// True when TEXT has the shape of an INSEE commune code: 5 characters, two digits or
// "2A"/"2B" (Corsica), then three digits. Says nothing about whether the code exists.
bool IsInseeCodeSyntax(std::string_view text);

// Great-circle distance in km between two points given in decimal degrees (haversine
// on a sphere of the IUGG mean Earth radius, 6371.0088 km; within 0.5 % of the
// ellipsoid).
double DistanceKm(double lat1, double lon1, double lat2, double lon2);

inline constexpr int64_t kUnknownPopulation = -1;

// One place with an INSEE code. The text fields view the Territory's storage and stay
// valid as long as the Territory.
struct Commune {
  enum class Kind {
    kCommune,         // a current commune
    kArrondissement,  // a municipal arrondissement of Paris, Lyon or Marseille
    kMerged,          // a commune déléguée or associée, part of a current commune
  };
  std::string_view insee;
  std::string_view name;
  // The current commune this place is in: its own code for a commune, the parent's
  // (75056 for 75113) otherwise.
  std::string_view commune;
  std::string_view epci;         // SIREN of the EPCI à fiscalité propre; empty when none
  std::string_view ept;          // SIREN of the EPT (Grand Paris only); empty when none
  std::string_view departement;  // "94", "2A", "974"
  std::string_view region;       // "11"
  // Municipal population (INSEE legal population); kUnknownPopulation when the source
  // has none (communes déléguées/associées, a few overseas communes). 0 is a real value.
  int64_t population = kUnknownPopulation;
  Kind kind = Kind::kCommune;
};

class Territory {
 public:
  // The table compiled into the library, parsed on first use: 37,006 places in about
  // 10 ms of CPU (Release; the load test prints the time).
  static const Territory& Builtin();

  // Reads a table in the communes.csv format (datasets/territory/README.md). Errors
  // name SOURCE_NAME, the line and the value, e.g.
  //   communes.csv: line 12: "9407" is not an INSEE commune code
  // and every problem is reported (up to 50).
  static Result<Territory> Parse(std::string_view csv, const std::string& source_name);

  Territory() = default;  // empty: every lookup is unknown
  // Movable (Commune views stay valid), not copyable.
  Territory(Territory&&) = default;
  Territory& operator=(Territory&&) = default;
  Territory(const Territory&) = delete;
  Territory& operator=(const Territory&) = delete;

  // The place with that code, or nullptr when the code is unknown or malformed.
  const Commune* Find(std::string_view insee) const;

  // How close the places A and B are; kUnknown when either is unknown. A place is an
  // INSEE commune code or, where only that is known (award data often gives no more),
  // a département code ("94", "2A", "974"): then the closest tier is the same
  // département.
  LocalityTier Tier(std::string_view place_a, std::string_view place_b) const;

  // The tier with the name of what A and B share, for people: "same commune: Villejuif",
  // "same intercommunality: EPT Grand-Orly Seine Bièvre", "same département:
  // Val-de-Marne (94)", "same région: Île-de-France", "elsewhere", or
  // "unknown commune "99999"".
  std::string Describe(std::string_view place_a, std::string_view place_b) const;

  // "EPT Grand-Orly Seine Bièvre" when the commune has an EPT, else the EPCI's name
  // ("CA Paris-Saclay", "Métropole de Lyon"); empty when it has neither.
  std::string IntercommunalityName(const Commune& commune) const;

  // Names by code; empty when unknown. EpciName takes the SIREN of an EPCI or an EPT.
  std::string_view EpciName(std::string_view siren) const;
  std::string_view DepartementName(std::string_view code) const;
  std::string_view RegionName(std::string_view code) const;

  // The current communes (kind kCommune) whose EPCI or EPT has that SIREN, in code order.
  // O(table size).
  std::vector<const Commune*> Members(std::string_view siren) const;

  // Whether the place is inside AREA (e.g. an event's territory, a list of INSEE codes):
  // AREA lists its code or the commune it is part of. So an area naming Paris (75056)
  // holds 75113, while one naming only 75113 does not hold 75056. O(area size).
  bool InArea(std::string_view insee, const std::vector<std::string>& area) const;

  // Number of places (communes, arrondissements, merged communes).
  size_t size() const { return places_.size; }

 private:
  struct Unit {     // an EPCI, EPT, département or région
    char kind = 0;  // the table's kind letter: 'E', 'T', 'D', 'R'
    std::string_view name;
    std::string_view parent;  // EPT: its EPCI; département: its région
  };
  // By code; looked up once or twice per commune while the table loads: hashed.
  using Units = std::unordered_map<std::string_view, Unit>;
  static std::string_view IntercommunalityKey(const Commune& c);
  // The département and région of a place (see Tier); false when it is unknown.
  bool Locate(std::string_view place, std::string_view* departement, std::string_view* region) const;
  static constexpr uint32_t kNoPlace = ~uint32_t{0};

  std::unique_ptr<const std::string> text_;  // the fields of the parsed CSV, which places point into
  // The places, in one block that territory.cpp allocates for huge pages where the
  // system offers them (first touching megabytes page by page dominated the load time).
  struct Places {
    struct Free {
      void operator()(Commune* block) const;
    };
    static Places Allocate(size_t capacity);  // room for CAPACITY places
    Places() = default;
    Places(Places&& other) noexcept : block(std::move(other.block)), size(std::exchange(other.size, 0)) {}
    Places& operator=(Places&& other) noexcept {
      block = std::move(other.block);
      size = std::exchange(other.size, 0);
      return *this;
    }
    Commune* begin() const { return block.get(); }
    Commune* end() const { return block.get() + size; }
    Commune& operator[](size_t i) const { return block[i]; }
    std::unique_ptr<Commune[], Free> block;
    size_t size = 0;
  };
  Places places_;
  // Index into places_ by code number (territory.cpp: CodeNumber), kNoPlace where none.
  std::vector<uint32_t> by_code_;
  Units groupings_;  // EPCI and EPT, by SIREN
  Units departements_;
  Units regions_;
};

// Approximate commune centres (latitude, longitude in decimal degrees), by INSEE code.
struct LatLon {
  double lat = 0;
  double lon = 0;
};

class CommuneCentres {
 public:
  // Reads a CSV with a header naming at least the columns insee, lat and lon (in any
  // order, other columns ignored; ',' or ';' separated), such as
  // ../shared/data/communes/commune_centroids.csv. Rows with empty lat/lon are skipped.
  static Result<CommuneCentres> Load(const std::string& path);
  static Result<CommuneCentres> Parse(std::string_view csv, const std::string& source_name);

  // The centre of that code as given in the file (no fallback to a parent commune).
  std::optional<LatLon> Centre(std::string_view insee) const;
  // DistanceKm between two codes' centres; nullopt when either has none.
  std::optional<double> DistanceKm(std::string_view insee_a, std::string_view insee_b) const;
  size_t size() const { return centres_.size(); }

 private:
  std::unordered_map<uint32_t, LatLon> centres_;  // by code number
};

}  // namespace match
