// The CSV tokenizer: lines without quotes are split outside libcsv; both ways must
// give the same records, lines and errors.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "base/csv_reader.h"

namespace {

struct Parsed {
  std::vector<std::pair<int, std::vector<std::string>>> records;
  bool ok = false;
  int error_line = 0;
  std::string error;
  bool operator==(const Parsed&) const = default;
};

Parsed Parse(std::string_view text, char separator, bool plain_lines) {
  Parsed parsed;
  match::csv::CsvProblem error;
  parsed.ok = match::csv::ForEachRecord(
      text, separator,
      [&](int line, const std::vector<std::string_view>& fields) {
        parsed.records.emplace_back(line, std::vector<std::string>(fields.begin(), fields.end()));
      },
      &error, plain_lines);
  parsed.error_line = error.line;
  parsed.error = error.message;
  return parsed;
}

}  // namespace

namespace Catch {
template <>
struct StringMaker<Parsed> {
  static std::string convert(const Parsed& parsed) {
    std::string out = parsed.ok ? "ok" : "error at line " + std::to_string(parsed.error_line) + ": " + parsed.error;
    for (const auto& [line, fields] : parsed.records) {
      out += "\n  line " + std::to_string(line) + ":";
      for (const auto& f : fields) out += " [" + f + "]";
    }
    return out;
  }
};
}  // namespace Catch

TEST_CASE("csv reader: plain lines split as libcsv splits them", "[csv]") {
  const Parsed parsed = Parse(" a , b\t,\n\n  \nc;d,\r\n,\n x\ry \n\"q\",1\nlast , ", ',', true);
  REQUIRE(parsed.ok);
  const std::vector<std::pair<int, std::vector<std::string>>> expected = {
      {1, {"a", "b", ""}}, {4, {"c;d", ""}}, {5, {"", ""}}, {6, {"x"}}, {6, {"y"}}, {7, {"q", "1"}}, {8, {"last", ""}}};
  CHECK(parsed.records == expected);
  CHECK(parsed == Parse(" a , b\t,\n\n  \nc;d,\r\n,\n x\ry \n\"q\",1\nlast , ", ',', false));
}

TEST_CASE("csv reader: random texts give the same records with and without the plain-line path", "[csv]") {
  // Few distinct bytes, so that quotes, separators, spaces and line ends meet often.
  const std::string alphabet = "ab ,;\t\"\r\n\n";
  std::mt19937 rng(20261204);
  int with_quotes = 0, with_errors = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int length = static_cast<int>(rng() % 40);
    for (int i = 0; i < length; ++i) text.push_back(alphabet[rng() % alphabet.size()]);
    for (char separator : {',', ';', '\t'}) {
      const Parsed fast = Parse(text, separator, true);
      const Parsed slow = Parse(text, separator, false);
      INFO("text: \"" << text << "\", separator code " << static_cast<int>(separator));
      REQUIRE(fast == slow);
      with_errors += slow.ok ? 0 : 1;
    }
    with_quotes += text.find('"') != std::string::npos ? 1 : 0;
  }
  // The comparison covered both paths and the error path.
  CHECK(with_quotes > 5000);
  CHECK(with_errors > 1000);
}

TEST_CASE("csv reader: rows handed out one by one are the rows of the table", "[csv]") {
  // A byte-order mark, Windows-1252 ("é" as 0xE9), a blank row, a quoted field over two
  // lines, CRLF line ends.
  const std::string text =
      "\xEF\xBB\xBFnom;ville\r\n\r\n"
      "Caf\xE9;Ivry\r\n"
      ";;\r\n"
      "\"deux\r\nlignes\";Paris\r\n";
  std::vector<match::csv::CsvProblem> errors, warnings;
  const match::csv::CsvTable table = match::csv::ReadCsvTable(text, &errors, &warnings);
  std::vector<match::csv::CsvProblem> row_errors, row_warnings;
  std::vector<std::pair<int, std::vector<std::string>>> rows;
  const char separator = match::csv::ForEachCsvRow(
      text,
      [&](int line, const std::vector<std::string_view>& fields) {
        rows.emplace_back(line, std::vector<std::string>(fields.begin(), fields.end()));
      },
      &row_errors, &row_warnings);
  CHECK(separator == ';');
  CHECK(errors.empty());
  CHECK(row_errors.empty());
  REQUIRE(row_warnings.size() == 1);
  CHECK(row_warnings[0].message == "not UTF-8; read as Windows-1252");
  // The header first, then the data rows; the blank rows skipped.
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == std::make_pair(1, std::vector<std::string>{"nom", "ville"}));
  CHECK(rows[1] == std::make_pair(3, std::vector<std::string>{"Café", "Ivry"}));
  CHECK(rows[2] == std::make_pair(5, std::vector<std::string>{"deux\r\nlignes", "Paris"}));
  CHECK(table.header_line == rows[0].first);
  CHECK(table.header == rows[0].second);
  REQUIRE(table.rows.size() == 2);
  for (size_t i = 0; i < table.rows.size(); ++i) {
    CHECK(table.rows[i].line == rows[i + 1].first);
    CHECK(table.rows[i].fields == rows[i + 1].second);
  }
}

TEST_CASE("csv reader: UTF-8 checked past runs of ASCII", "[csv]") {
  using match::csv::IsValidUtf8;
  const std::string ascii = "0123456789abcdef";  // two runs of eight bytes
  CHECK(IsValidUtf8(ascii));
  CHECK(IsValidUtf8(ascii + "Caf\xC3\xA9" + ascii));
  CHECK(IsValidUtf8("1234567\xC3\xA9" + ascii));  // "é" across the end of a run
  CHECK_FALSE(IsValidUtf8(ascii + "Caf\xE9" + ascii));
  CHECK_FALSE(IsValidUtf8("1234567\xE9" + ascii));
  CHECK_FALSE(IsValidUtf8(ascii + "\xC3"));  // cut after the lead byte
  CHECK_FALSE(IsValidUtf8(ascii + ascii + "\x80"));
}
