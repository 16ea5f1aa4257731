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
