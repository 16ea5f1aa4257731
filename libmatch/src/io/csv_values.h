// The CSV import's values: text helpers and the parsers of spreadsheet cells (numbers
// with French separators, yes/no, times and windows, quarters, aliases). Each parser
// returns the value or sets *ERROR to the message tail ("\"douze\" is not a number").
// Internal to the io stage (csv_import.cpp, csv_sheet.cpp). Pure functions.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace match::csv_import {

using Json = nlohmann::ordered_json;

// "VALUE" in double quotes, for messages.
std::string Quote(std::string_view value);

std::string_view Trim(std::string_view s);

// Lower-case ASCII with the accents of French letters removed ("Réemploi" -> "reemploi").
std::string Fold(std::string_view s);

// A header cell as a lookup key: folded, bracketed units dropped, words joined by '_'
// ("Chiffre d'affaires (€)" -> "chiffre_d_affaires").
std::string ColumnKey(std::string_view header);

// Splits a list cell at '|', ';', ',' and line breaks (and blanks when WORDS_TOO).
std::vector<std::string> SplitList(std::string_view cell, bool blanks_too);

bool AllDigits(std::string_view s);

// Removes blanks, including the non-breaking ones spreadsheets use between thousands.
std::string RemoveBlanks(std::string_view s);

// "35 000,50", "35000,5", "35.000,50", "1,250,000.75", "35 000 €", "5 %".
std::optional<double> ParseNumber(std::string_view raw, std::string* error);

std::optional<bool> ParseBool(std::string_view raw, std::string* error);

// "10:40", "9:05", "10h40", "10h", "10:40:00" -> minutes since midnight.
std::optional<int> ParseClock(std::string_view raw);

// "10:40-11:50" (also with an en dash or blanks) -> {"start", "end"}; LABEL_OUT, when
// given, receives a ":label" suffix.
std::optional<Json> ParseWindow(std::string_view raw, std::string* error, std::string* label_out = nullptr);

// "2025-Q2", "2025-T2", "T2 2025", "Q2-2025" -> "2025-Q2".
std::optional<std::string> ParseQuarter(std::string_view raw, std::string* error);

// Maps a folded value to its canonical spelling through an alias table.
struct Alias {
  std::string_view from;
  std::string_view to;
};

std::optional<std::string> ParseEnum(std::string_view raw, std::initializer_list<Alias> aliases,
                                     std::string_view accepted, std::string* error);

template <class T>
Json OrNull(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

}  // namespace match::csv_import
