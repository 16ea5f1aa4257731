// CPV codes (Common Procurement Vocabulary, Regulation (EC) 213/2008).
//
// A code is 8 digits, optionally followed by "-" and a check digit ("39130000-2").
// Its hierarchy is read from the significant digits: division (2 digits), group (3),
// class (4), category (5), then finer levels; trailing zeros pad. The check digit is
// kept but never computed (there is no official formula): a code is validated by
// looking it up in the official list when one is loaded (CpvList).
// CpvCode is a small value type; CpvList is immutable after loading and safe for
// concurrent readers.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "match/base/status.h"

namespace match {

class CpvCode {
 public:
  CpvCode() = default;
  // "39130000" or "39130000-2"; nullopt for anything else (7 digits, letters, ...).
  static std::optional<CpvCode> Parse(std::string_view text);

  // The 8 digits as a number (39130000).
  uint32_t digits() const { return digits_; }
  // The check digit when the text carried one.
  std::optional<int> check_digit() const { return check_ < 0 ? std::nullopt : std::optional<int>(check_); }
  // Number of significant digits, 2 (division) to 8.
  int level() const { return level_; }
  // The first LENGTH (0..8) digits as a number ("391" -> 391).
  uint32_t Prefix(int length) const { return digits_ / kPow10[8 - length]; }
  // "39130000"
  std::string ToString() const;
  // Depth of the common prefix of two codes' significant digits: 0 when the divisions
  // differ, else 2..8, never more than the shorter code's level.
  static int CommonDepth(CpvCode a, CpvCode b) {
    int depth = std::min(a.level_, b.level_);
    while (depth >= 2 && a.Prefix(depth) != b.Prefix(depth)) --depth;
    return depth >= 2 ? depth : 0;
  }

  // How well a supplier's code answers a need's code: the need's code contains the
  // supplier's (the same code, or the need is a parent such as 45000000 for 45210000)
  // gives 8, a full match; otherwise the common depth.
  static int MatchDepth(CpvCode supplier, CpvCode need) {
    int depth = CommonDepth(supplier, need);
    return depth >= 2 && depth == need.level_ && supplier.level_ >= need.level_ ? 8 : depth;
  }
  // True when the need's code contains the supplier's (MatchDepth's full match).
  static bool Contains(CpvCode need, CpvCode supplier) { return MatchDepth(supplier, need) == 8; }

  friend bool operator==(CpvCode a, CpvCode b) { return a.digits_ == b.digits_; }

 private:
  static constexpr uint32_t kPow10[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
  uint32_t digits_ = 0;
  int8_t check_ = -1;
  int8_t level_ = 0;
};

// "division", "group", "class", "category" or "subcategory" for a depth of 2..8.
std::string_view CpvLevelName(int depth);

// The official list of CPV codes with their labels.
class CpvList {
 public:
  // Reads a CSV whose first column is the code (with or without check digit) and which
  // has a label column named fr, FR, label or en (the first found), e.g.
  // cpv_2008_fr_en.csv or cpv_2008_ver_2013_FR.csv of the official CPV 2008 files.
  static Result<CpvList> Load(const std::string& path);
  // The same from the file's text; PATH names it in messages.
  static Result<CpvList> Parse(std::string_view text, const std::string& path);
  // The French labels of the CPV 2008 main vocabulary, compiled into the library
  // (datasets/cpv/cpv_fr.csv): labels without --cpv-list. Loading a list (Load) is what
  // validates codes; this one only names them.
  static const CpvList& Builtin();
  // The list a command was given: PATH, or $STANDMATCH_CPV_LIST when PATH is empty;
  // null when neither names a file. Errors name the file, as Load.
  static Result<std::shared_ptr<const CpvList>> LoadOptional(const std::string& path);

  bool empty() const { return labels_.empty(); }
  size_t size() const { return labels_.size(); }
  bool Contains(CpvCode code) const { return labels_.count(code.digits()) != 0; }
  // The label, or an empty view when unknown.
  std::string_view Label(CpvCode code) const;
  // The official check digit, when the list carries it.
  std::optional<int> CheckDigit(CpvCode code) const;

 private:
  std::unordered_map<uint32_t, std::pair<std::string, int>> labels_;
};

}  // namespace match
