// The CSV import's values (csv_values.h).
#include "io/csv_values.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <regex>

#include "match/domain/model.h"

namespace match::csv_import {

std::string Quote(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 2);
  out.push_back('"');
  out.append(value);
  out.push_back('"');
  return out;
}

std::string_view Trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  // Non-breaking spaces (U+00A0, U+202F) that spreadsheets put around values.
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view nb : {std::string_view("\xC2\xA0"), std::string_view("\xE2\x80\xAF")}) {
      if (s.substr(0, nb.size()) == nb) s.remove_prefix(nb.size()), changed = true;
      if (s.size() >= nb.size() && s.substr(s.size() - nb.size()) == nb) {
        s.remove_suffix(nb.size()), changed = true;
      }
    }
  }
  return s;
}

// Lower-case ASCII with the accents of French letters removed ("Réemploi" -> "reemploi").
std::string Fold(std::string_view s) {
  static const std::pair<std::string_view, std::string_view> kAccents[] = {
      {"à", "a"},  {"â", "a"},  {"ä", "a"},  {"á", "a"},  {"À", "a"}, {"Â", "a"}, {"Ä", "a"}, {"ç", "c"},
      {"Ç", "c"},  {"é", "e"},  {"è", "e"},  {"ê", "e"},  {"ë", "e"}, {"É", "e"}, {"È", "e"}, {"Ê", "e"},
      {"Ë", "e"},  {"î", "i"},  {"ï", "i"},  {"Î", "i"},  {"Ï", "i"}, {"ô", "o"}, {"ö", "o"}, {"Ô", "o"},
      {"Ö", "o"},  {"ù", "u"},  {"û", "u"},  {"ü", "u"},  {"Ù", "u"}, {"Û", "u"}, {"Ü", "u"}, {"ÿ", "y"},
      {"œ", "oe"}, {"Œ", "oe"}, {"æ", "ae"}, {"Æ", "ae"}, {"’", "'"}, {"€", "€"}};
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    if (c < 0x80) {
      out.push_back(static_cast<char>(std::tolower(c)));
      ++i;
      continue;
    }
    bool matched = false;
    for (const auto& [from, to] : kAccents) {
      if (s.substr(i, from.size()) == from) {
        out += to;
        i += from.size();
        matched = true;
        break;
      }
    }
    if (!matched) out.push_back(s[i++]);
  }
  return out;
}

// A header cell as a lookup key: folded, bracketed units dropped, words joined by '_'
// ("Chiffre d'affaires (€)" -> "chiffre_d_affaires").
std::string ColumnKey(std::string_view header) {
  std::string folded = Fold(Trim(header));
  std::string out;
  int depth = 0;
  for (char c : folded) {
    if (c == '(' || c == '[') ++depth;
    if (c == ')' || c == ']') {
      depth = std::max(0, depth - 1);
      continue;
    }
    if (depth > 0) continue;
    bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (word) {
      out.push_back(c);
    } else if (!out.empty() && out.back() != '_') {
      out.push_back('_');
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

// Splits a list cell at '|', ';', ',' and line breaks (and blanks when WORDS_TOO).
std::vector<std::string> SplitList(std::string_view cell, bool blanks_too) {
  std::vector<std::string> items;
  std::string current;
  auto flush = [&] {
    std::string_view t = Trim(current);
    if (!t.empty()) items.emplace_back(t);
    current.clear();
  };
  for (char c : cell) {
    if (c == '|' || c == ';' || c == ',' || c == '\n' || c == '\r' || (blanks_too && (c == ' ' || c == '\t'))) {
      flush();
    } else {
      current.push_back(c);
    }
  }
  flush();
  return items;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Removes blanks, including the non-breaking ones spreadsheets use between thousands.
std::string RemoveBlanks(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == ' ' || s[i] == '\t') {
      ++i;
    } else if (s.substr(i, 2) == "\xC2\xA0") {
      i += 2;
    } else if (s.substr(i, 3) == "\xE2\x80\xAF") {
      i += 3;
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Value parsers: each returns the value or sets *ERROR to the message tail.

// "35 000,50", "35000,5", "35.000,50", "1,250,000.75", "35 000 €", "5 %".
std::optional<double> ParseNumber(std::string_view raw, std::string* error) {
  std::string s = RemoveBlanks(raw);
  for (std::string_view unit : {"€", "EUR", "eur", "%"}) {
    if (s.size() > unit.size() && s.compare(s.size() - unit.size(), unit.size(), unit) == 0) {
      s.resize(s.size() - unit.size());
      break;
    }
  }
  *error = Quote(raw) + " is not a number";
  size_t commas = std::count(s.begin(), s.end(), ',');
  size_t dots = std::count(s.begin(), s.end(), '.');
  char decimal = 0, thousands = 0;
  if (commas > 0 && dots > 0) {
    decimal = s.find_last_of(",.") == s.rfind(',') ? ',' : '.';
    thousands = decimal == ',' ? '.' : ',';
  } else if (commas > 1) {
    thousands = ',';
  } else if (dots > 1) {
    thousands = '.';
  } else {
    decimal = commas == 1 ? ',' : '.';
  }
  std::string plain;
  size_t group = 0;
  bool seen_thousands = false, seen_decimal = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '-' && i == 0) {
      plain.push_back(c);
    } else if (c >= '0' && c <= '9') {
      plain.push_back(c);
      ++group;
    } else if (c == thousands && !seen_decimal) {
      if (group == 0 || group > 3 || (seen_thousands && group != 3)) return std::nullopt;
      seen_thousands = true;
      group = 0;
    } else if (c == decimal && !seen_decimal) {
      if (seen_thousands && group != 3) return std::nullopt;
      seen_decimal = true;
      plain.push_back('.');
      group = 0;
    } else {
      return std::nullopt;
    }
  }
  if (seen_thousands && !seen_decimal && group != 3) return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (ec != std::errc() || end != plain.data() + plain.size()) return std::nullopt;
  error->clear();
  return value;
}

std::optional<bool> ParseBool(std::string_view raw, std::string* error) {
  std::string v = Fold(Trim(raw));
  for (std::string_view yes : {"oui", "o", "vrai", "yes", "y", "true", "1", "x"}) {
    if (v == yes) return true;
  }
  for (std::string_view no : {"non", "n", "faux", "no", "false", "0"}) {
    if (v == no) return false;
  }
  *error = Quote(raw) + " is not a yes/no value (oui/non, vrai/faux, yes/no, true/false, 1/0, x)";
  return std::nullopt;
}

// "10:40", "9:05", "10h40", "10h", "10:40:00" -> minutes since midnight.
std::optional<int> ParseClock(std::string_view raw) {
  static const std::regex kClock(R"(^(\d{1,2})\s*[:hH]\s*(\d{2})?(:00)?$)");
  std::string s(Trim(raw));
  std::smatch m;
  if (!std::regex_match(s, m, kClock)) return std::nullopt;
  if (!m[2].matched && s.find(':') != std::string::npos) return std::nullopt;
  int hours = std::stoi(m[1].str());
  int minutes = m[2].matched ? std::stoi(m[2].str()) : 0;
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * 60 + minutes;
}

// "10:40-11:50" (also with an en dash or blanks) -> {"start", "end"}; LABEL_OUT, when
// given, receives a ":label" suffix.
std::optional<Json> ParseWindow(std::string_view raw, std::string* error, std::string* label_out) {
  // An en dash (U+2013), which word processors substitute for '-', counts as '-'.
  std::string s;
  for (std::string_view t = Trim(raw); !t.empty();) {
    bool dash = t.substr(0, 3) == "\xE2\x80\x93";
    s.push_back(dash ? '-' : t.front());
    t.remove_prefix(dash ? 3 : 1);
  }
  *error = Quote(raw) + " is not a time window (HH:MM-HH:MM)";
  size_t dash = s.find('-');
  if (dash == std::string::npos) return std::nullopt;
  std::string end_text = s.substr(dash + 1);
  if (label_out != nullptr) {
    // The end time is HH:MM; a third colon-separated part is the label.
    size_t first = end_text.find(':');
    size_t second = first == std::string::npos ? first : end_text.find(':', first + 1);
    if (second != std::string::npos) {
      *label_out = std::string(Trim(std::string_view(end_text).substr(second + 1)));
      end_text.resize(second);
    }
  }
  auto start = ParseClock(std::string_view(s).substr(0, dash));
  auto end = ParseClock(end_text);
  if (!start || !end) return std::nullopt;
  if (*end < *start) {
    *error = Quote(raw) + " ends before it starts";
    return std::nullopt;
  }
  if (*end == *start) {
    *error = Quote(raw) + " is empty (it ends when it starts)";
    return std::nullopt;
  }
  error->clear();
  return Json{{"start", FormatTime(*start)}, {"end", FormatTime(*end)}};
}

// "2025-Q2", "2025-T2", "T2 2025", "Q2-2025" -> "2025-Q2".
std::optional<std::string> ParseQuarter(std::string_view raw, std::string* error) {
  static const std::regex kYearFirst(R"(^(\d{4})[-_ /]?[qt]([1-4])$)");
  static const std::regex kQuarterFirst(R"(^[qt]([1-4])[-_ /]?(\d{4})$)");
  std::string s = Fold(Trim(raw));
  std::smatch m;
  if (std::regex_match(s, m, kYearFirst)) return m[1].str() + "-Q" + m[2].str();
  if (std::regex_match(s, m, kQuarterFirst)) return m[2].str() + "-Q" + m[1].str();
  *error = Quote(raw) + " is not a quarter (like 2025-Q2)";
  return std::nullopt;
}

// Maps a folded value to its canonical spelling through an alias table.
std::optional<std::string> ParseEnum(std::string_view raw, std::initializer_list<Alias> aliases,
                                     std::string_view accepted, std::string* error) {
  std::string v = Fold(Trim(raw));
  std::replace(v.begin(), v.end(), '_', '-');
  std::replace(v.begin(), v.end(), ' ', '-');
  for (const auto& a : aliases) {
    if (v == a.from) return std::string(a.to);
  }
  *error = Quote(raw) + " is not one of " + std::string(accepted);
  return std::nullopt;
}

}  // namespace match::csv_import
