// Tests of the packed CPV codes of the scorer (score/packed_cpv.h): the same depth as
// CpvCode::MatchDepth on every pair of a set of codes that share prefixes of every length.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "match/domain/cpv.h"
#include "score/packed_cpv.h"

TEST_CASE("scoring packs CPV codes to the depth of CpvCode::MatchDepth", "[scoring]") {
  std::vector<match::CpvCode> codes;
  for (const char* text : {"45000000", "45200000",   "45210000", "45211000", "45211100", "45211110", "45211111",
                           "45211119", "45211200",   "45219000", "45300000", "46000000", "03000000", "03100000",
                           "03110000", "39130000-2", "39100000", "90910000", "90911000", "90919200", "99999999"}) {
    auto code = match::CpvCode::Parse(text);
    REQUIRE(code.has_value());
    codes.push_back(*code);
  }
  int full = 0;
  for (match::CpvCode a : codes) {
    for (match::CpvCode b : codes) {
      int expected = match::CpvCode::MatchDepth(a, b);
      INFO(a.ToString() << " against " << b.ToString());
      CHECK(match::PackedCpv::MatchDepth(match::PackedCpv::Of(a), match::PackedCpv::Of(b)) == expected);
      full += expected == 8;
    }
  }
  CHECK(full > static_cast<int>(codes.size()));  // containment, not only equal codes
}
