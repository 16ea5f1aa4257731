#include "base/csv_reader.h"

#include <csv.h>

#include <array>
#include <cstdint>

namespace match::csv {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Windows-1252 code points for bytes 0x80-0x9F (0 where the byte is unassigned);
// the other bytes map to the same Latin-1 code point.
constexpr std::array<uint16_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

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
  bool in_record = false;
  int record_line = 0;
};

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
  state->in_record = false;
}

bool HasContent(std::string_view chunk) {
  for (char c : chunk) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return true;
  }
  return false;
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
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

CsvTable ReadCsvTable(std::string_view text, std::vector<CsvProblem>* errors,
                      std::vector<CsvProblem>* warnings) {
  CsvTable table;
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
  std::string converted;
  if (!IsValidUtf8(text)) {
    converted = Cp1252ToUtf8(text);
    text = converted;
    warnings->push_back({0, "not UTF-8; read as Windows-1252"});
  }
  table.separator = DetectSeparator(text);
  std::vector<CsvRow> rows;
  CsvProblem error;
  const RecordCallback keep = [&rows](int line, const std::vector<std::string_view>& fields) {
    bool blank = true;
    for (std::string_view f : fields) blank = blank && f.empty();
    if (blank) return;
    CsvRow& row = rows.emplace_back();
    row.line = line;
    row.fields.assign(fields.begin(), fields.end());
  };
  if (!ForEachRecord(text, table.separator, keep, &error)) errors->push_back(std::move(error));
  if (rows.empty()) return table;
  table.header_line = rows.front().line;
  table.header = std::move(rows.front().fields);
  table.rows.assign(std::make_move_iterator(rows.begin() + 1), std::make_move_iterator(rows.end()));
  return table;
}

bool ForEachRecord(std::string_view text, char separator, const RecordCallback& on_record, CsvProblem* error) {
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
  csv_parser parser;
  csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);
  csv_set_delim(&parser, static_cast<unsigned char>(separator));
  ParseState state;
  state.on_record = &on_record;
  int line = 1;
  bool ok = true;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    end = end == std::string_view::npos ? text.size() : end + 1;
    std::string_view chunk = text.substr(pos, end - pos);
    if (!state.in_record && HasContent(chunk)) {
      state.in_record = true;
      state.record_line = line;
    }
    if (csv_parse(&parser, chunk.data(), chunk.size(), OnField, OnRecord, &state) != chunk.size()) {
      *error = {line, "malformed quoted field (a quote must open the field, close it, or be doubled inside it)"};
      ok = false;
      break;
    }
    pos = end;
    ++line;
  }
  if (ok && csv_fini(&parser, OnField, OnRecord, &state) != 0) {
    *error = {state.record_line, "quoted field is not closed"};
    ok = false;
  }
  csv_free(&parser);
  return ok;
}

}  // namespace match::csv
