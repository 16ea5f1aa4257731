// CPV codes packed for the scorer's inner loops: CpvCode::MatchDepth without divisions.
//
// CpvCode::Prefix divides by a power of ten chosen at run time, and MatchDepth tries
// prefixes one length after the other: ~10 divisions per pair of codes, the largest
// cost of finding candidate needs and of scoring a pair. Packed, the 8 digits are one
// nibble each (binary-coded decimal, first digit in the top nibble), so the common
// prefix of two codes is the leading zero nibbles of their exclusive or.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>

#include "match/domain/cpv.h"

namespace match {

struct PackedCpv {
  uint32_t bcd = 0;  // the 8 digits, one nibble each
  int level = 0;     // CpvCode::level()

  static PackedCpv Of(CpvCode code) {
    PackedCpv p;
    p.level = code.level();
    uint32_t digits = code.digits();
    for (int i = 0; i < 8; ++i, digits /= 10) p.bcd |= (digits % 10) << (4 * i);
    return p;
  }

  // Equals CpvCode::MatchDepth(supplier, need) for the codes packed.
  static int MatchDepth(PackedCpv supplier, PackedCpv need) {
    uint32_t diff = supplier.bcd ^ need.bcd;
    int common = diff == 0 ? 8 : std::countl_zero(diff) / 4;
    int depth = std::min({supplier.level, need.level, common});
    if (depth < 2) return 0;
    return depth == need.level && supplier.level >= need.level ? 8 : depth;
  }
};

}  // namespace match
