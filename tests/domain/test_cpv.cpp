// Tests of CPV codes and the official list (match/domain/cpv.h).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "match/domain/cpv.h"

namespace {

using match::CpvCode;

const char kCpvListPath[] = STANDMATCH_SHARED_DIR "/data/cpv2008/cpv_2008_fr_en.csv";

CpvCode Code(const char* text) {
  auto code = CpvCode::Parse(text);
  INFO(text);
  REQUIRE(code.has_value());
  return *code;
}

// A CSV file in the temporary directory, removed at the end of the test.
class TempCsv {
 public:
  TempCsv(const std::string& name, const std::string& content)
      : path_((std::filesystem::temp_directory_path() / ("standmatch_test_cpv_" + name)).string()) {
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempCsv() { std::filesystem::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST_CASE("CPV codes parse with and without check digit", "[cpv]") {
  CpvCode plain = Code("39130000");
  CHECK(plain.digits() == 39130000u);
  CHECK_FALSE(plain.check_digit().has_value());
  CpvCode checked = Code("39130000-2");
  CHECK(checked.digits() == 39130000u);
  CHECK(checked.check_digit() == 2);
  CHECK(plain == checked);  // the check digit is not part of the identity
  CHECK(Code("03000000-1").ToString() == "03000000");
  CHECK(Code("39131100").ToString() == "39131100");
}

TEST_CASE("CPV parsing rejects anything but 8 digits and an optional check digit", "[cpv]") {
  for (const char* text :
       {"3913000", "391300000", "3913", "", "3913000A", "ABCDEFGH", "00000000", "00100000-1", "39130000-", "39130000-X",
        "39130000_2", "39130000-23", " 39130000", "39130000 ", "3913-0000", "-3913000"}) {
    INFO('"' << text << '"');
    CHECK_FALSE(CpvCode::Parse(text).has_value());
  }
}

TEST_CASE("CPV levels count the significant digits", "[cpv]") {
  CHECK(Code("45000000").level() == 2);
  CHECK(Code("03000000").level() == 2);
  CHECK(Code("03100000").level() == 3);
  CHECK(Code("39130000").level() == 4);
  CHECK(Code("33141000").level() == 5);
  CHECK(Code("39131100").level() == 6);
  CHECK(Code("30213100").level() == 6);
  CHECK(Code("39131110").level() == 7);
  CHECK(Code("03111111").level() == 8);
  // A zero inside the significant digits does not end them.
  CHECK(Code("33101000").level() == 5);
  CHECK(Code("90910000").level() == 4);
}

TEST_CASE("CPV prefixes", "[cpv]") {
  CpvCode code = Code("39131100");
  CHECK(code.Prefix(2) == 39u);
  CHECK(code.Prefix(3) == 391u);
  CHECK(code.Prefix(4) == 3913u);
  CHECK(code.Prefix(8) == 39131100u);
  CHECK(Code("03100000").Prefix(3) == 31u);
}

TEST_CASE("CommonDepth is the depth of the common prefix, bounded by the shorter code", "[cpv]") {
  auto depth = [](const char* a, const char* b) {
    int ab = CpvCode::CommonDepth(Code(a), Code(b));
    CHECK(ab == CpvCode::CommonDepth(Code(b), Code(a)));  // symmetric
    return ab;
  };
  CHECK(depth("39130000", "39130000") == 4);
  CHECK(depth("39130000", "39131100") == 4);
  CHECK(depth("39131100", "39131200") == 5);
  CHECK(depth("39131100", "39131100") == 6);
  CHECK(depth("39100000", "39130000") == 3);
  CHECK(depth("39000000", "39130000") == 2);
  CHECK(depth("45000000", "45210000") == 2);
  CHECK(depth("45210000", "45220000") == 3);
  CHECK(depth("39130000", "45000000") == 0);
  CHECK(depth("39130000", "30130000") == 0);  // same first digit, other division
  CHECK(depth("33101000", "33100000") == 3);
  CHECK(depth("03111111", "03111111") == 8);
}

TEST_CASE("CPV level names", "[cpv]") {
  CHECK(match::CpvLevelName(2) == "division");
  CHECK(match::CpvLevelName(3) == "group");
  CHECK(match::CpvLevelName(4) == "class");
  CHECK(match::CpvLevelName(5) == "category");
  CHECK(match::CpvLevelName(6) == "subcategory");
  CHECK(match::CpvLevelName(7) == "subcategory");
  CHECK(match::CpvLevelName(8) == "subcategory");
}

TEST_CASE("the official CPV list loads with labels and check digits", "[cpv]") {
  auto list = match::CpvList::Load(kCpvListPath);
  INFO(list.status().ToString());
  REQUIRE(list.ok());
  CHECK(list->size() == 9454);
  CHECK_FALSE(list->empty());
  CHECK(list->Contains(Code("39130000")));
  CHECK(list->Contains(Code("45000000-7")));
  CHECK_FALSE(list->Contains(Code("99999999")));
  CHECK_FALSE(list->Contains(Code("39130001")));
  // The label column is the first of fr, FR, label, en: French here.
  CHECK(list->Label(Code("39130000")) == "Mobilier de bureau");
  CHECK(list->Label(Code("39131100")) == "Rayonnages d'archives");
  CHECK(list->Label(Code("03000000")) ==
        "Produits agricoles, de l'élevage, de la pêche, de la sylviculture et produits connexes");
  CHECK(list->Label(Code("99999999")).empty());
  CHECK(list->CheckDigit(Code("39130000")) == 2);
  CHECK(list->CheckDigit(Code("45000000")) == 7);
  CHECK(list->CheckDigit(Code("39131100")) == 0);
  CHECK(list->CheckDigit(Code("03000000")) == 1);
  CHECK_FALSE(list->CheckDigit(Code("99999999")).has_value());
}

TEST_CASE("a CPV list without check digits or with an English label column", "[cpv]") {
  TempCsv csv("en.csv",
              "\xEF\xBB\xBF"
              "code,en\r\n39130000,Office furniture\r\n\"45000000\",\"Construction work, all\"\r\n");
  auto list = match::CpvList::Load(csv.path());
  INFO(list.status().ToString());
  REQUIRE(list.ok());
  CHECK(list->size() == 2);
  CHECK(list->Label(Code("39130000")) == "Office furniture");
  CHECK(list->Label(Code("45000000")) == "Construction work, all");
  CHECK_FALSE(list->CheckDigit(Code("39130000")).has_value());
}

TEST_CASE("CPV list errors name the file and the line", "[cpv]") {
  SECTION("no label column") {
    TempCsv csv("nolabel.csv", "code,name\n39130000,Mobilier\n");
    auto list = match::CpvList::Load(csv.path());
    REQUIRE_FALSE(list.ok());
    CHECK(list.status().messages() ==
          std::vector<std::string>{csv.path() + ": line 1: no label column (fr, FR, label or en) in the header"});
  }
  SECTION("bad codes, every one reported") {
    TempCsv csv("bad.csv", "code,fr\n39130000-2,Mobilier\n3913,Trop court\n45000000-7,Travaux\nABC,Lettres\n");
    auto list = match::CpvList::Load(csv.path());
    REQUIRE_FALSE(list.ok());
    CHECK(list.status().messages() == std::vector<std::string>{csv.path() + ": line 3: \"3913\" is not a CPV code",
                                                               csv.path() + ": line 5: \"ABC\" is not a CPV code"});
  }
  SECTION("header only") {
    TempCsv csv("empty.csv", "code,fr\n");
    auto list = match::CpvList::Load(csv.path());
    REQUIRE_FALSE(list.ok());
    CHECK(list.status().ToString() == csv.path() + ": no CPV code in the file");
  }
  SECTION("missing file") {
    auto list = match::CpvList::Load(STANDMATCH_SOURCE_DIR "/tests/data/events/no_such_list.csv");
    REQUIRE_FALSE(list.ok());
    CHECK(list.status().code() == match::Status::Code::kIoError);
  }
}

}  // namespace
