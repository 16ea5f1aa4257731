#include "base/csv_reader.h"

#include <csv.h>

#include <array>
#include <cstdint>
#include <cstring>

namespace match::csv {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Windows-1252 code points for bytes 0x80-0x9F (0 where the byte is unassigned);
// the other bytes map to the same Latin-1 code point.
constexpr std::array<uint16_t, 32> kCp1252High = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                                  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                                  0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                                  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string Cp1252ToUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (unsigned char c : text) {
    uint32_t cp = c;
    if (c >= 0x80 && c < 0xA0) cp = kCp1252High[c - 0x80] ? kCp1252High[c - 0x80] : 0xFFFD;
    AppendUtf8(cp, &out);
  }
  return out;
}

// The separator used in the first non-blank line: the most frequent of `;`, `,` and
// tab outside quotes (ties favour `;`, then `,`); `,` when the line has none.
char DetectSeparator(std::string_view text) {
  size_t semicolons = 0, commas = 0, tabs = 0;
  bool quoted = false, seen_content = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') {
      if (seen_content) break;
      continue;
    }
    if (c != ' ' && c != '\t') seen_content = true;
    if (c == ';') ++semicolons;
    if (c == ',') ++commas;
    if (c == '\t') ++tabs;
  }
  if (semicolons == 0 && commas == 0 && tabs == 0) return ',';
  if (semicolons >= commas && semicolons >= tabs) return ';';
  return commas >= tabs ? ',' : '\t';
}

// libcsv calls back per field and per record; this collects them and tracks lines.
// The record being read: its fields copied one after the other into TEXT (libcsv
// reuses its buffer from one field to the next), then handed out as views.
struct ParseState {
  const RecordCallback* on_record = nullptr;
  std::string text;
  std::vector<size_t> ends;  // end of each field in text
  std::vector<std::string_view> fields;
  int line = 0;         // the physical line being read
  int record_line = 0;  // where the record being read started
};

// libcsv's state between records (ROW_NOT_BEGUN in libcsv.c), read from the public
// csv_parser::pstate: only there may a line be split without libcsv.
constexpr int kRowNotBegun = 0;

void OnField(void* data, size_t len, void* user) {
  auto* state = static_cast<ParseState*>(user);
  if (data != nullptr) state->text.append(static_cast<const char*>(data), len);
  state->ends.push_back(state->text.size());
}

void OnRecord(int /*terminator*/, void* user) {
  auto* state = static_cast<ParseState*>(user);
  state->fields.clear();
  size_t start = 0;
  for (size_t end : state->ends) {
    state->fields.push_back(std::string_view(state->text).substr(start, end - start));
    start = end;
  }
  (*state->on_record)(state->record_line, state->fields);
  state->text.clear();
  state->ends.clear();
  // A record ended by a CR inside a line is followed by one starting on that line.
  state->record_line = state->line;
}

// What a byte is to SplitPlainLine.
enum class Byte : unsigned char { kOther, kSpace, kSeparator, kEnd };
using ByteClasses = std::array<Byte, 256>;

ByteClasses ClassesFor(char separator) {
  ByteClasses classes{};
  classes[static_cast<unsigned char>(' ')] = Byte::kSpace;
  classes[static_cast<unsigned char>('\t')] = Byte::kSpace;
  classes[static_cast<unsigned char>('\r')] = Byte::kEnd;
  classes[static_cast<unsigned char>('\n')] = Byte::kEnd;
  classes[static_cast<unsigned char>(separator)] = Byte::kSeparator;
  return classes;
}

// A line holding no quote character needs none of libcsv's quoting states: it is split
// here the way libcsv splits it (spaces and tabs that are not the separator skipped
// before a field and trimmed after it, CR or LF ending a record, a row of nothing but
// spaces not reported, the end of TEXT ending the last record), which is several times
// faster on the large reference tables. Only called where libcsv would be between
// records; tests/base/test_csv_reader.cpp checks both ways agree byte for byte.
void SplitPlainLine(std::string_view line, const ByteClasses& classes, ParseState* state) {
  const auto of = [&classes, &line](size_t i) { return classes[static_cast<unsigned char>(line[i])]; };
  const size_t n = line.size();
  size_t i = 0;
  for (;;) {
    while (i < n && (of(i) == Byte::kSpace || of(i) == Byte::kEnd)) ++i;  // between records
    if (i == n) return;
    state->fields.clear();
    for (;;) {
      while (i < n && of(i) == Byte::kSpace) ++i;
      size_t end = i, kept = i;  // kept: past the field's last byte that is not a space
      for (; end < n; ++end) {
        const Byte b = of(end);
        if (b == Byte::kSeparator || b == Byte::kEnd) break;
        if (b == Byte::kOther) kept = end + 1;
      }
      state->fields.push_back(line.substr(i, kept - i));
      if (end < n && of(end) == Byte::kSeparator) {
        i = end + 1;
        continue;
      }
      // A CR or LF ends the record; so does the end of the text (only the last line
      // may lack its LF).
      i = end < n ? end + 1 : n;
      break;
    }
    (*state->on_record)(state->record_line, state->fields);
  }
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    // Runs of ASCII eight bytes at a time (a directory of 10^5 rows is 15 MB of mostly ASCII).
    if (uint64_t word; i + sizeof word <= text.size()) {
      std::memcpy(&word, text.data() + i, sizeof word);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += sizeof word;
        continue;
      }
    }
    unsigned char c = text[i];
    size_t extra;
    if (c < 0x80) {
      extra = 0;
    } else if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
    } else {
      return false;
    }
    if (extra > 0 && i + extra >= text.size()) return false;
    for (size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

void CsvTable::Add(int line, const std::vector<std::string_view>& fields) {
  if (header_line == 0) {
    header_line = line;
    header.assign(fields.begin(), fields.end());
    return;
  }
  CsvRow& row = rows.emplace_back();
  row.line = line;
  row.fields.assign(fields.begin(), fields.end());
}

CsvTable ReadCsvTable(std::string_view text, std::vector<CsvProblem>* errors, std::vector<CsvProblem>* warnings) {
  CsvTable table;
  const RecordCallback keep = [&table](int line, const std::vector<std::string_view>& fields) {
    table.Add(line, fields);
  };
  table.separator = ForEachCsvRow(text, keep, errors, warnings);
  return table;
}

char ForEachCsvRow(std::string_view text, const RecordCallback& on_row, std::vector<CsvProblem>* errors,
                   std::vector<CsvProblem>* warnings) {
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
  std::string converted;
  if (!IsValidUtf8(text)) {
    converted = Cp1252ToUtf8(text);
    text = converted;
    warnings->push_back({0, "not UTF-8; read as Windows-1252"});
  }
  const char separator = DetectSeparator(text);
  CsvProblem error;
  const RecordCallback non_blank = [&on_row](int line, const std::vector<std::string_view>& fields) {
    for (std::string_view f : fields)
      if (!f.empty()) return on_row(line, fields);
  };
  if (!ForEachRecord(text, separator, non_blank, &error)) errors->push_back(std::move(error));
  return separator;
}

bool ForEachRecord(std::string_view text, char separator, const RecordCallback& on_record, CsvProblem* error,
                   bool plain_lines) {
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
  csv_parser parser;
  csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);
  csv_set_delim(&parser, static_cast<unsigned char>(separator));
  ParseState state;
  state.on_record = &on_record;
  const ByteClasses classes = ClassesFor(separator);
  bool ok = true;
  size_t pos = 0;
  for (int line = 1; pos < text.size(); ++line) {
    size_t end = text.find('\n', pos);
    end = end == std::string_view::npos ? text.size() : end + 1;
    const std::string_view chunk = text.substr(pos, end - pos);
    pos = end;
    state.line = line;
    if (parser.pstate == kRowNotBegun) {
      // Between records: the next one starts on this line (or a later one, which
      // sets it again: blank lines hold no record).
      state.record_line = line;
      if (plain_lines && chunk.find('"') == std::string_view::npos) {
        SplitPlainLine(chunk, classes, &state);
        continue;
      }
    }
    if (csv_parse(&parser, chunk.data(), chunk.size(), OnField, OnRecord, &state) != chunk.size()) {
      *error = {line, "malformed quoted field (a quote must open the field, close it, or be doubled inside it)"};
      ok = false;
      break;
    }
  }
  if (ok && csv_fini(&parser, OnField, OnRecord, &state) != 0) {
    *error = {state.record_line, "quoted field is not closed"};
    ok = false;
  }
  csv_free(&parser);
  return ok;
}

void ForEachListItem(std::string_view text, std::string_view key_name, std::string_view list_name,
                     const std::string& what, Diagnostics& diag, const ListItemCallback& on_item) {
  CsvProblem error;
  bool header = true;
  bool parsed = ForEachRecord(
      text, ',',
      [&](int line, const std::vector<std::string_view>& fields) {
        if (header) {
          header = false;
          if (fields.size() < 2 || fields[0] != key_name || fields[1] != list_name)
            diag.ErrorAt(line, "", "the header is not " + std::string(key_name) + "," + std::string(list_name));
          return;
        }
        if (fields.size() < 2 || fields[0].empty() || fields[1].empty()) {
          diag.ErrorAt(line, "", what + " are expected");
          return;
        }
        for (std::string_view rest = fields[1]; !rest.empty();) {
          const size_t blank = rest.find(' ');
          on_item(line, fields[0], rest.substr(0, blank));
          rest = blank == std::string_view::npos ? std::string_view() : rest.substr(blank + 1);
        }
      },
      &error);
  if (!parsed) diag.ErrorAt(error.line, "", error.message);
}

}  // namespace match::csv
