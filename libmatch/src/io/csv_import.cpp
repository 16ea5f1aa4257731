#include "match/io/csv_import.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string_view>

#include "base/csv_reader.h"
#include "match/base/files.h"
#include "base/limits.h"
#include "match/domain/model.h"

namespace match {
namespace {

using Json = nlohmann::ordered_json;

constexpr size_t kMaxIdLength = 64;

// ---------------------------------------------------------------------------
// Messages, kept with their place so they come out ordered by file then line.

// Command-line values come first; their messages name the option, not a file.
enum FileSlot { kOptions = 0, kHeaderFile = 1, kStandsFile = 2, kSuppliersFile = 3 };

class Problems {
 public:
  void Error(int file, int line, std::string where, std::string text) {
    Add(file, line, false, std::move(where), std::move(text));
  }
  void Warning(int file, int line, std::string where, std::string text) {
    Add(file, line, true, std::move(where), std::move(text));
  }
  void SetName(int file, std::string name) { names_[file] = std::move(name); }
  const std::string& name(int file) const { return names_[file]; }
  std::string Place(int file, int line) const { return names_[file] + ":" + std::to_string(line); }
  bool has_errors() const { return errors_ > 0; }

  // Errors then warnings, each ordered by file, line and discovery.
  std::vector<std::string> Render(bool warnings_only) {
    std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
      if (a.warning != b.warning) return !a.warning;
      if (a.file != b.file) return a.file < b.file;
      return a.line < b.line;
    });
    std::vector<std::string> out;
    for (const auto& e : entries_) {
      if (warnings_only && !e.warning) continue;
      std::string text = names_[e.file];
      if (e.line > 0) text.append(":").append(std::to_string(e.line));
      if (!text.empty()) text += ": ";
      if (e.warning) text += "warning: ";
      if (!e.where.empty()) text += e.where + ": ";
      out.push_back(text + e.text);
    }
    return out;
  }

 private:
  struct Entry {
    int file;
    int line;
    bool warning;
    std::string where;
    std::string text;
  };
  void Add(int file, int line, bool warning, std::string where, std::string text) {
    entries_.push_back({file, line, warning, std::move(where), std::move(text)});
    if (!warning) ++errors_;
  }
  std::vector<Entry> entries_;
  std::string names_[4];
  int errors_ = 0;
};

std::string Quote(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 2);
  out.push_back('"');
  out.append(value);
  out.push_back('"');
  return out;
}

// ---------------------------------------------------------------------------
// Text helpers.

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
      {"à", "a"}, {"â", "a"}, {"ä", "a"}, {"á", "a"}, {"À", "a"}, {"Â", "a"}, {"Ä", "a"},
      {"ç", "c"}, {"Ç", "c"}, {"é", "e"}, {"è", "e"}, {"ê", "e"}, {"ë", "e"}, {"É", "e"},
      {"È", "e"}, {"Ê", "e"}, {"Ë", "e"}, {"î", "i"}, {"ï", "i"}, {"Î", "i"}, {"Ï", "i"},
      {"ô", "o"}, {"ö", "o"}, {"Ô", "o"}, {"Ö", "o"}, {"ù", "u"}, {"û", "u"}, {"ü", "u"},
      {"Ù", "u"}, {"Û", "u"}, {"Ü", "u"}, {"ÿ", "y"}, {"œ", "oe"}, {"Œ", "oe"}, {"æ", "ae"},
      {"Æ", "ae"}, {"’", "'"}, {"€", "€"}};
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
    if (c == '|' || c == ';' || c == ',' || c == '\n' || c == '\r' ||
        (blanks_too && (c == ' ' || c == '\t'))) {
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
std::optional<Json> ParseWindow(std::string_view raw, std::string* error,
                                std::string* label_out = nullptr) {
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
struct Alias {
  std::string_view from;
  std::string_view to;
};

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

template <class T>
Json OrNull(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

// ---------------------------------------------------------------------------
// The columns of the two files.

enum class Kind { kText, kId, kWhole, kPositiveWhole, kNumber, kBool, kWindows, kCpvList,
                  kSiret, kInsee, kDepartement, kNaf, kQuarter, kReserved, kSize, kStructure, kReuseList,
                  kTextList, kLevels };

struct ColumnSpec {
  std::string_view key;      // canonical name, also the JSON field unless `field` is set
  bool required;             // the column must be present
  Kind kind;
  std::string_view aliases;  // other accepted keys, '|'-separated (as ColumnKey spells them)
  std::string_view field;    // JSON field name when it differs from key
};

const std::vector<ColumnSpec>& StandColumns() {
  static const std::vector<ColumnSpec> kColumns = {
      {"buyer_id", true, Kind::kId, "acheteur|id_acheteur|acheteur_id|buyer", "id"},
      {"buyer_name", true, Kind::kText, "nom_acheteur|acheteur_nom|nom_de_l_acheteur", "name"},
      {"buyer_kind", false, Kind::kText, "type_acheteur|type_d_acheteur|categorie_acheteur", "kind"},
      {"buyer_commune", false, Kind::kInsee,
       "commune|code_insee|commune_acheteur|code_insee_acheteur|insee_acheteur", "commune"},
      {"buyer_departement", false, Kind::kDepartement, "departement|departement_acheteur|dep_acheteur",
       "departement"},
      {"buyer_siret", false, Kind::kSiret, "siret|siret_acheteur", "siret"},
      {"stand_id", true, Kind::kId, "stand|id_stand", "id"},
      {"stand_title", true, Kind::kText, "titre_stand|titre_du_stand|intitule_stand|nom_stand|stand_name",
       "title"},
      {"tables", false, Kind::kPositiveWhole, "nb_tables|nombre_tables|nombre_de_tables", ""},
      {"stand_available", false, Kind::kWindows,
       "available|disponibilite|disponibilites|disponibilite_stand|horaires|horaires_stand",
       "available"},
      {"invitations", false, Kind::kLevels, "invites|fournisseurs_invites", ""},
      {"need_id", true, Kind::kId, "besoin|id_besoin|besoin_id", "id"},
      {"need_title", true, Kind::kText, "titre_besoin|intitule_besoin|intitule_du_besoin|besoin_titre|intitule",
       "title"},
      {"cpv", true, Kind::kCpvList, "codes_cpv|code_cpv|cpv_codes", ""},
      {"amount_eur", false, Kind::kNumber, "montant|montant_eur|montant_ht|montant_estime|amount",
       ""},
      {"quarter", false, Kind::kQuarter, "trimestre", ""},
      {"reserved", false, Kind::kReserved, "reserve|marche_reserve", ""},
      {"reuse", false, Kind::kBool, "reemploi", ""},
      {"insertion_clause_pct", false, Kind::kNumber,
       "clause_insertion|clause_d_insertion|clause_insertion_pct|insertion_pct", ""},
  };
  return kColumns;
}

const std::vector<ColumnSpec>& SupplierColumns() {
  static const std::vector<ColumnSpec> kColumns = {
      {"id", true, Kind::kId,
       "supplier_id|id_fournisseur|fournisseur_id|fournisseur|identifiant", ""},
      {"name", true, Kind::kText, "nom|raison_sociale|denomination|supplier_name|entreprise", ""},
      {"siret", false, Kind::kSiret, "", ""},
      {"commune", false, Kind::kInsee, "code_insee|commune_insee|code_commune|insee", ""},
      {"departement", false, Kind::kDepartement, "dep|code_departement|departement_code", ""},
      {"employees", false, Kind::kWhole, "effectif|effectifs|salaries|nb_salaries", ""},
      {"turnover_eur", false, Kind::kNumber,
       "chiffre_d_affaires|chiffre_affaires|ca|ca_eur|turnover", ""},
      {"size", false, Kind::kSize, "taille|categorie|categorie_entreprise", ""},
      {"legal_form", false, Kind::kText, "forme_juridique|statut_juridique", ""},
      {"ess", false, Kind::kBool, "", ""},
      {"structure", false, Kind::kStructure, "structure_inclusion|structure_d_insertion|type_structure|siae", ""},
      {"cpv", false, Kind::kCpvList, "codes_cpv|code_cpv|cpv_codes", ""},
      {"naf", false, Kind::kNaf, "code_naf|ape|code_ape|naf_ape", ""},
      {"reuse", false, Kind::kReuseList, "reemploi|economie_circulaire", ""},
      {"labels", false, Kind::kTextList, "label", ""},
      {"available", false, Kind::kWindows, "disponibilite|disponibilites|horaires", ""},
      {"max_meetings", false, Kind::kWhole,
       "rdv_max|nb_rdv_max|max_rdv|rendez_vous_max|nombre_max_de_rdv", ""},
      {"wishes", false, Kind::kLevels, "souhaits|voeux|stands_souhaites", ""},
  };
  return kColumns;
}

std::string_view FieldName(const ColumnSpec& spec) {
  return spec.field.empty() ? spec.key : spec.field;
}

// Pairs "stand:level" ("mobilier:must|imprimerie:no"); a bare id means "want".
struct LevelEntry {
  std::string id;
  std::string level;
  int line = 0;  // the row that gave it
};

// ---------------------------------------------------------------------------
// Reading one CSV file: header mapping, then typed cells.

// A cell's converted value. `json` is null when the cell is empty.
struct Cell {
  std::string raw;
  Json json;
  std::vector<LevelEntry> levels;  // for Kind::kLevels
};

class SheetReader {
 public:
  SheetReader(int file, const std::vector<ColumnSpec>& specs, Problems* problems)
      : file_(file), specs_(specs), problems_(problems), index_(specs.size(), -1) {}

  // Maps header cells to columns; false when a required column is missing.
  bool MapHeader(const csv::CsvTable& table) {
    line_ = table.header_line;
    for (size_t i = 0; i < table.header.size(); ++i) {
      std::string_view name = Trim(table.header[i]);
      if (name.empty()) continue;
      std::string key = ColumnKey(name);
      int found = -1;
      for (size_t s = 0; s < specs_.size() && found < 0; ++s) {
        if (specs_[s].key == key || HasAlias(specs_[s].aliases, key)) found = static_cast<int>(s);
      }
      if (found < 0) {
        problems_->Warning(file_, line_, "", "column " + Quote(name) + " is unknown; ignored");
      } else if (index_[found] >= 0) {
        problems_->Error(file_, line_, "",
                         "column " + Quote(name) + " repeats column " +
                             Quote(Trim(table.header[index_[found]])));
      } else {
        index_[found] = static_cast<int>(i);
      }
    }
    headers_ = table.header;
    bool complete = true;
    for (size_t s = 0; s < specs_.size(); ++s) {
      if (specs_[s].required && index_[s] < 0) {
        problems_->Error(file_, line_, "",
                         "required column " + Quote(specs_[s].key) + " is missing");
        complete = false;
      }
    }
    return complete;
  }

  // Starts a row; reports surplus non-empty fields.
  void StartRow(const csv::CsvRow& row) {
    row_ = &row;
    line_ = row.line;
    size_t used = row.fields.size();
    while (used > headers_.size() && Trim(row.fields[used - 1]).empty()) --used;
    if (used > headers_.size()) {
      problems_->Error(file_, line_, "",
                       std::to_string(used) + " fields, but the header has " +
                           std::to_string(headers_.size()) + " columns");
    }
  }

  int line() const { return line_; }
  bool Has(std::string_view key) const { return index_[Spec(key)] >= 0; }

  // The header cell of a column as written in the file (the key when absent).
  std::string Header(std::string_view key) const {
    int col = index_[Spec(key)];
    return col < 0 ? std::string(key) : std::string(Trim(headers_[col]));
  }

  void Error(std::string_view key, const std::string& text) {
    problems_->Error(file_, line_, "column " + Quote(Header(key)), text);
  }
  void Warning(std::string_view key, const std::string& text) {
    problems_->Warning(file_, line_, "column " + Quote(Header(key)), text);
  }

  // The converted cell of column KEY in the current row; errors are reported here.
  Cell Get(std::string_view key) {
    const ColumnSpec& spec = specs_[Spec(key)];
    Cell cell;
    int col = index_[Spec(key)];
    if (col < 0 || static_cast<size_t>(col) >= row_->fields.size()) return cell;
    cell.raw = std::string(Trim(row_->fields[col]));
    if (cell.raw.empty()) return cell;
    if (cell.raw.size() > kMaxStringBytes) {
      Error(key, "the value is " + std::to_string(cell.raw.size()) + " bytes long, more than the limit of " +
                     std::to_string(kMaxStringBytes));
      return cell;  // raw kept (the cell is not missing), no value
    }
    std::string error;
    cell.json = Convert(spec, cell.raw, &cell, &error);
    if (!error.empty()) {
      Error(key, error);
      cell.json = nullptr;
    }
    return cell;
  }

 private:
  static bool HasAlias(std::string_view aliases, std::string_view key) {
    while (!aliases.empty()) {
      size_t bar = aliases.find('|');
      if (aliases.substr(0, bar) == key) return true;
      if (bar == std::string_view::npos) break;
      aliases.remove_prefix(bar + 1);
    }
    return false;
  }

  size_t Spec(std::string_view key) const {
    for (size_t s = 0; s < specs_.size(); ++s) {
      if (specs_[s].key == key) return s;
    }
    return 0;  // unreachable: keys are compile-time names
  }

  Json Convert(const ColumnSpec& spec, const std::string& raw, Cell* cell, std::string* error);
  Json ConvertNumber(const ColumnSpec& spec, const std::string& raw, std::string* error);
  Json ConvertList(const ColumnSpec& spec, const std::string& raw, std::string* error);

  int file_;
  const std::vector<ColumnSpec>& specs_;
  Problems* problems_;
  std::vector<int> index_;  // per spec: the file's column, -1 when absent
  std::vector<std::string> headers_;
  const csv::CsvRow* row_ = nullptr;
  int line_ = 0;
};

Json SheetReader::ConvertNumber(const ColumnSpec& spec, const std::string& raw,
                                std::string* error) {
  auto value = ParseNumber(raw, error);
  if (!value) return nullptr;
  if (*value < 0) {
    *error = Quote(raw) + " is negative";
    return nullptr;
  }
  bool whole = std::floor(*value) == *value && *value < 9e15;
  if (spec.kind == Kind::kNumber) {
    return whole ? Json(static_cast<int64_t>(*value)) : Json(*value);
  }
  if (!whole) {
    *error = Quote(raw) + " is not a whole number";
    return nullptr;
  }
  if (spec.kind == Kind::kPositiveWhole && *value < 1) {
    *error = Quote(raw) + " is less than 1";
    return nullptr;
  }
  return static_cast<int64_t>(*value);
}

Json SheetReader::ConvertList(const ColumnSpec& spec, const std::string& raw,
                              std::string* error) {
  Json list = Json::array();
  for (const std::string& item : SplitList(raw, spec.kind == Kind::kCpvList)) {
    Json value;
    if (spec.kind == Kind::kWindows) {
      auto window = ParseWindow(item, error);
      if (!window) return nullptr;
      value = *window;
    } else if (spec.kind == Kind::kCpvList) {
      static const std::regex kCpv(R"(^(\d{7,8})(-\d)?$)");
      std::smatch m;
      if (!std::regex_match(item, m, kCpv)) {
        *error = Quote(item) + " is not a CPV code (8 digits, optionally -check digit)";
        return nullptr;
      }
      std::string code = item;
      if (m[1].length() == 7) {
        code = "0" + item;
        Warning(spec.key, Quote(item) + " read as " + Quote(code) + " (leading zero restored)");
      }
      value = code;
    } else if (spec.kind == Kind::kReuseList) {
      auto kind = ParseEnum(item,
                            {{"reemploi", "reemploi"}, {"re-emploi", "reemploi"},
                             {"reuse", "reemploi"}, {"reconditionnement", "reconditionnement"},
                             {"reconditionne", "reconditionnement"},
                             {"refurbishing", "reconditionnement"}, {"recyclage", "recyclage"},
                             {"recycle", "recyclage"}, {"recycling", "recyclage"},
                             {"location", "location"}, {"usage", "location"},
                             {"rental", "location"}, {"leasing", "location"}},
                            "reemploi, reconditionnement, recyclage, location", error);
      if (!kind) return nullptr;
      value = *kind;
    } else {
      value = item;
    }
    list.push_back(std::move(value));
  }
  return list.empty() ? Json(nullptr) : list;
}

Json SheetReader::Convert(const ColumnSpec& spec, const std::string& raw, Cell* cell,
                          std::string* error) {
  switch (spec.kind) {
    case Kind::kText:
      return raw;
    case Kind::kId:
      if (raw.size() > kMaxIdLength) {
        *error = Quote(raw) + " is longer than 64 characters";
        return nullptr;
      }
      return raw;
    case Kind::kWhole:
    case Kind::kPositiveWhole:
    case Kind::kNumber:
      return ConvertNumber(spec, raw, error);
    case Kind::kBool: {
      return OrNull(ParseBool(raw, error));
    }
    case Kind::kWindows:
    case Kind::kCpvList:
    case Kind::kReuseList:
    case Kind::kTextList:
      return ConvertList(spec, raw, error);
    case Kind::kSiret: {
      std::string digits = RemoveBlanks(raw);
      if (digits.size() != 14 || !AllDigits(digits)) {
        *error = Quote(raw) + " is not a SIRET (14 digits)";
        return nullptr;
      }
      return digits;
    }
    case Kind::kInsee: {
      static const std::regex kInsee(R"(^(\d{5}|2[ABab]\d{3})$)");
      std::string code = raw;
      if (code.size() == 4 && AllDigits(code)) {
        code = "0" + code;
        Warning(spec.key, Quote(raw) + " read as " + Quote(code) + " (leading zero restored)");
      }
      if (!std::regex_match(code, kInsee)) {
        *error = Quote(raw) + " is not an INSEE commune code (5 characters)";
        return nullptr;
      }
      std::transform(code.begin(), code.end(), code.begin(),
                     [](char c) { return static_cast<char>(std::toupper(c)); });
      return code;
    }
    case Kind::kDepartement: {
      static const std::regex kDepartement(R"(^(\d{2}|2[AB]|97\d)$)");
      std::string code = RemoveBlanks(raw);
      std::transform(code.begin(), code.end(), code.begin(),
                     [](char c) { return static_cast<char>(std::toupper(c)); });
      if (code.size() == 1 && AllDigits(code)) {
        code = "0" + code;
        Warning(spec.key, Quote(raw) + " read as " + Quote(code) + " (leading zero restored)");
      }
      if (!std::regex_match(code, kDepartement)) {
        *error = Quote(raw) + " is not a département code (like 94, 2A or 974)";
        return nullptr;
      }
      return code;
    }
    case Kind::kNaf: {
      static const std::regex kNaf(R"(^(\d{2})\.?(\d{2})([A-Za-z])$)");
      std::smatch m;
      std::string s = RemoveBlanks(raw);
      if (!std::regex_match(s, m, kNaf)) {
        *error = Quote(raw) + " is not a NAF code (like 31.01Z)";
        return nullptr;
      }
      return m[1].str() + "." + m[2].str() +
             static_cast<char>(std::toupper(static_cast<unsigned char>(m[3].str()[0])));
    }
    case Kind::kQuarter: {
      return OrNull(ParseQuarter(raw, error));
    }
    case Kind::kReserved: {
      return OrNull(ParseEnum(
          raw,
          {{"none", "none"}, {"non", "none"}, {"no", "none"}, {"aucun", "none"},
           {"aucune", "none"}, {"0", "none"}, {"disability", "disability"},
           {"handicap", "disability"}, {"l2113-12", "disability"}, {"ea-esat", "disability"},
           {"insertion", "insertion"}, {"siae", "insertion"}, {"l2113-13", "insertion"},
           {"disability-or-insertion", "disability-or-insertion"},
           {"handicap-ou-insertion", "disability-or-insertion"},
           {"l2113-14", "disability-or-insertion"}, {"ess", "ess"}, {"l2113-15", "ess"}},
          "none, disability, insertion, disability-or-insertion, ess", error));
    }
    case Kind::kSize: {
      return OrNull(ParseEnum(raw,
                             {{"micro", "micro"}, {"tpe", "micro"}, {"micro-entreprise", "micro"},
                              {"pme", "pme"}, {"eti", "eti"}, {"ge", "ge"},
                              {"grande-entreprise", "ge"}},
                             "micro, pme, eti, ge", error));
    }
    case Kind::kStructure: {
      return OrNull(ParseEnum(raw,
                             {{"ei", "EI"}, {"etti", "ETTI"}, {"ai", "AI"}, {"aci", "ACI"},
                              {"eiti", "EITI"}, {"ea", "EA"}, {"esat", "ESAT"}, {"geiq", "GEIQ"}},
                             "EI, ETTI, AI, ACI, EITI, EA, ESAT, GEIQ", error));
    }
    case Kind::kLevels: {
      Json list = Json::array();
      for (const std::string& item : SplitList(raw, false)) {
        size_t colon = item.rfind(':');
        LevelEntry entry{std::string(Trim(item.substr(0, colon))), "want", line_};
        if (colon != std::string::npos) {
          auto level = ParseEnum(item.substr(colon + 1),
                                 {{"must", "must"}, {"obligatoire", "must"},
                                  {"indispensable", "must"}, {"prioritaire", "must"},
                                  {"want", "want"}, {"souhaite", "want"}, {"oui", "want"},
                                  {"no", "no"}, {"non", "no"}, {"refus", "no"}},
                                 "must, want, no", error);
          if (!level) {
            *error = "in " + Quote(item) + ": " + *error;
            return nullptr;
          }
          entry.level = *level;
        }
        if (entry.id.empty()) {
          *error = Quote(item) + " names no id";
          return nullptr;
        }
        list.push_back(entry.id);
        cell->levels.push_back(std::move(entry));
      }
      return list;
    }
  }
  return nullptr;
}

// ---------------------------------------------------------------------------
// Entities that several rows describe (buyers and stands): each field is taken from
// the first row that gives it; a later row giving another value is an error.

struct MergedField {
  std::string raw;
  int line = 0;
  Json value;
};

struct Merged {
  std::string id;
  int line = 0;  // first row
  std::map<std::string, MergedField, std::less<>> fields;  // by column key
};

void MergeField(SheetReader* sheet, Merged* entity, std::string_view what, std::string_view key) {
  Cell cell = sheet->Get(key);
  if (cell.json.is_null()) return;
  auto it = entity->fields.find(key);
  if (it == entity->fields.end()) {
    entity->fields.emplace(std::string(key), MergedField{cell.raw, sheet->line(), cell.json});
  } else if (it->second.value != cell.json) {
    sheet->Error(key, Quote(cell.raw) + " differs from " + Quote(it->second.raw) + " on line " +
                          std::to_string(it->second.line) + " for " + std::string(what) + " " +
                          Quote(entity->id));
  }
}

const Json* FieldOf(const Merged& entity, std::string_view key) {
  auto it = entity.fields.find(key);
  return it == entity.fields.end() ? nullptr : &it->second.value;
}

// ---------------------------------------------------------------------------
// The event header: header file, then command-line values.

Json BuildHeader(const CsvImportInput& input, Problems* problems) {
  Json event = Json::object();
  if (input.header) {
    std::string problem = JsonTextProblem(input.header->text);
    Json parsed = problem.empty() ? Json::parse(input.header->text, nullptr, false) : Json();
    if (!problem.empty()) {
      problems->Error(kHeaderFile, 0, "", problem);
    } else if (parsed.is_discarded() || !parsed.is_object()) {
      problems->Error(kHeaderFile, 0, "", "not a JSON object");
    } else {
      event = parsed.contains("event") && parsed["event"].is_object() ? parsed["event"] : parsed;
    }
  }
  const EventHeaderOptions& o = input.options;
  std::string error;
  if (o.id) event["id"] = *o.id;
  if (o.name) event["name"] = *o.name;
  if (o.date) event["date"] = *o.date;
  if (o.commune) event["commune"] = *o.commune;
  if (!o.territory.empty()) event["territory"] = o.territory;
  // Command-line values are checked here; the header file's by the event loader.
  auto option_error = [&](std::string_view option, const std::string& text) {
    problems->Error(kOptions, 0, std::string(option), text);
  };
  if (!o.sessions.empty()) {
    Json sessions = Json::array();
    for (const auto& s : o.sessions) {
      auto window = ParseWindow(s, &error);
      if (window) sessions.push_back(*window);
      else option_error("--session", error);
    }
    event["sessions"] = sessions;
  }
  if (o.slot_minutes) {
    auto value = ParseNumber(*o.slot_minutes, &error);
    if (!value || *value < 1 || std::floor(*value) != *value) {
      option_error("--slot-minutes", Quote(*o.slot_minutes) + " is not a whole number of minutes");
    } else {
      event["slot_minutes"] = static_cast<int64_t>(*value);
    }
  }
  if (!o.breaks.empty()) {
    Json breaks = Json::array();
    for (const auto& b : o.breaks) {
      std::string label;
      auto window = ParseWindow(b, &error, &label);
      if (!window) {
        option_error("--break", error);
        continue;
      }
      if (!label.empty()) (*window)["label"] = label;
      breaks.push_back(*window);
    }
    event["breaks"] = breaks;
  }
  if (o.date) {
    static const std::regex kDate(R"(^\d{4}-\d{2}-\d{2}$)");
    if (!std::regex_match(*o.date, kDate)) {
      option_error("--date", Quote(*o.date) + " is not a date (YYYY-MM-DD)");
    }
  }
  for (std::string_view required : {"id", "name", "date", "sessions", "slot_minutes"}) {
    bool rejected = required == "slot_minutes" && o.slot_minutes;  // reported above
    if (!event.contains(required) && !rejected) {
      problems->Error(input.header ? kHeaderFile : kOptions, 0, "",
                      "the event has no \"" + std::string(required) + "\" (give --" +
                          (required == "slot_minutes" ? std::string("slot-minutes")
                           : required == "sessions"   ? std::string("session")
                                                      : std::string(required)) +
                          " or put it in the header file)");
    }
  }
  // Stable key order: the fields of §1 first, then any others in file order.
  Json ordered = Json::object();
  for (std::string_view key :
       {"id", "name", "date", "commune", "territory", "sessions", "slot_minutes", "breaks"}) {
    if (event.contains(key)) ordered[std::string(key)] = event[std::string(key)];
  }
  for (auto it = event.begin(); it != event.end(); ++it) {
    if (!ordered.contains(it.key())) ordered[it.key()] = it.value();
  }
  return ordered;
}

// ---------------------------------------------------------------------------
// The two sheets.

struct StandsSheet {
  std::vector<Merged> buyers;
  std::vector<Merged> stands;
  std::vector<std::vector<Json>> needs;  // per stand
  std::vector<std::vector<int>> need_lines;  // per stand, per need
  std::vector<std::vector<LevelEntry>> invitations;  // per stand
  std::map<std::string, size_t, std::less<>> stand_index;
  std::string invitations_header = "invitations";  // as written in the file
};

struct SuppliersSheet {
  std::vector<Json> suppliers;
  std::vector<std::vector<LevelEntry>> wishes;
  std::vector<int> lines;
  std::map<std::string, size_t, std::less<>> supplier_index;
  std::string wishes_header = "wishes";  // as written in the file
};

// Reads the CSV table of one input, reporting reader problems; nullopt when the file
// holds nothing usable.
std::optional<csv::CsvTable> ReadTable(const NamedText& input, int file, Problems* problems) {
  // Not UTF-8 is read as Windows-1252 (with a warning): only the size is a limit here.
  if (std::string problem = InputTextProblem(input.text, /*require_utf8=*/false); !problem.empty()) {
    problems->Error(file, 0, "", problem);
    return std::nullopt;
  }
  std::vector<csv::CsvProblem> errors, warnings;
  csv::CsvTable table = csv::ReadCsvTable(input.text, &errors, &warnings);
  for (const auto& e : errors) problems->Error(file, e.line, "", e.message);
  for (const auto& w : warnings) problems->Warning(file, w.line, "", w.message);
  if (table.header_line == 0) {
    if (errors.empty()) problems->Error(file, 0, "", "the file is empty");
    return std::nullopt;
  }
  if (table.rows.empty() && errors.empty()) problems->Warning(file, 0, "", "no data rows");
  if (table.rows.size() > kMaxCsvRows) {
    problems->Error(file, 0, "", std::to_string(table.rows.size()) + " data rows, more than the limit of " +
                                     std::to_string(kMaxCsvRows));
    return std::nullopt;
  }
  return table;
}

size_t FindOrAdd(std::vector<Merged>* list, const std::string& id, int line) {
  for (size_t i = 0; i < list->size(); ++i) {
    if ((*list)[i].id == id) return i;
  }
  list->push_back(Merged{id, line, {}});
  return list->size() - 1;
}

StandsSheet ReadStands(const NamedText& input, Problems* problems) {
  StandsSheet sheet;
  auto table = ReadTable(input, kStandsFile, problems);
  if (!table) return sheet;
  SheetReader reader(kStandsFile, StandColumns(), problems);
  if (!reader.MapHeader(*table)) return sheet;
  sheet.invitations_header = reader.Header("invitations");
  std::vector<std::map<std::string, int, std::less<>>> need_lines;  // per stand: need id -> line
  for (const csv::CsvRow& row : table->rows) {
    reader.StartRow(row);
    Cell buyer_id = reader.Get("buyer_id");
    Cell stand_id = reader.Get("stand_id");
    for (std::string_view key : {"buyer_id", "stand_id"}) {
      if ((key == "buyer_id" ? buyer_id : stand_id).raw.empty()) {
        reader.Error(key, "a value is required");
      }
    }
    if (buyer_id.json.is_null() || stand_id.json.is_null()) continue;
    size_t b = FindOrAdd(&sheet.buyers, buyer_id.raw, row.line);
    for (std::string_view key : {"buyer_name", "buyer_kind", "buyer_commune", "buyer_departement", "buyer_siret"}) {
      MergeField(&reader, &sheet.buyers[b], "buyer", key);
    }
    size_t s = FindOrAdd(&sheet.stands, stand_id.raw, row.line);
    if (s == sheet.needs.size()) {
      sheet.needs.emplace_back();
      sheet.invitations.emplace_back();
      sheet.need_lines.emplace_back();
      need_lines.emplace_back();
      sheet.stand_index[stand_id.raw] = s;
    }
    Merged& stand = sheet.stands[s];
    // The stand's buyer is merged like its other fields.
    if (auto it = stand.fields.find("buyer_id"); it == stand.fields.end()) {
      stand.fields.emplace("buyer_id", MergedField{buyer_id.raw, row.line, buyer_id.json});
    } else if (it->second.value != buyer_id.json) {
      reader.Error("buyer_id", Quote(buyer_id.raw) + " differs from " + Quote(it->second.raw) +
                                   " on line " + std::to_string(it->second.line) +
                                   " for stand " + Quote(stand.id));
    }
    for (std::string_view key : {"stand_title", "tables", "stand_available"}) {
      MergeField(&reader, &stand, "stand", key);
    }
    // Invitations given on several rows of a stand add up.
    Cell invitations = reader.Get("invitations");
    sheet.invitations[s].insert(sheet.invitations[s].end(), invitations.levels.begin(),
                                invitations.levels.end());
    // The need.
    Json need = Json::object();
    bool need_ok = true;
    for (const ColumnSpec& spec : StandColumns()) {
      if (!spec.key.starts_with("need_") && spec.key != "cpv" && spec.key != "amount_eur" &&
          spec.key != "quarter" && spec.key != "reserved" && spec.key != "reuse" &&
          spec.key != "insertion_clause_pct") {
        continue;
      }
      Cell cell = reader.Get(spec.key);
      if (spec.required && cell.raw.empty()) {
        reader.Error(spec.key, "a value is required");
        need_ok = false;
      }
      if (spec.required && cell.json.is_null()) need_ok = false;
      if (!cell.json.is_null()) need[std::string(FieldName(spec))] = cell.json;
    }
    if (!need_ok) continue;
    std::string need_id = need["id"];
    auto [it, fresh] = need_lines[s].emplace(need_id, row.line);
    if (!fresh) {
      reader.Error("need_id", Quote(need_id) + " is already a need of stand " +
                                  Quote(stand.id) + " (line " + std::to_string(it->second) + ")");
      continue;
    }
    sheet.needs[s].push_back(std::move(need));
    sheet.need_lines[s].push_back(row.line);
  }
  // Fields required per entity, which any one of its rows may give.
  for (const Merged& buyer : sheet.buyers) {
    if (!FieldOf(buyer, "buyer_name")) {
      problems->Error(kStandsFile, buyer.line, "column " + Quote(reader.Header("buyer_name")),
                      "no row gives a name for buyer " + Quote(buyer.id));
    }
  }
  for (const Merged& stand : sheet.stands) {
    if (!FieldOf(stand, "stand_title")) {
      problems->Error(kStandsFile, stand.line, "column " + Quote(reader.Header("stand_title")),
                      "no row gives a title for stand " + Quote(stand.id));
    }
  }
  return sheet;
}

SuppliersSheet ReadSuppliers(const NamedText& input, Problems* problems) {
  SuppliersSheet sheet;
  auto table = ReadTable(input, kSuppliersFile, problems);
  if (!table) return sheet;
  SheetReader reader(kSuppliersFile, SupplierColumns(), problems);
  if (!reader.MapHeader(*table)) return sheet;
  sheet.wishes_header = reader.Header("wishes");
  for (const csv::CsvRow& row : table->rows) {
    reader.StartRow(row);
    Json supplier = Json::object();
    std::vector<LevelEntry> wishes;
    bool ok = true;
    for (const ColumnSpec& spec : SupplierColumns()) {
      Cell cell = reader.Get(spec.key);
      if (spec.required && cell.raw.empty()) reader.Error(spec.key, "a value is required");
      if (spec.required && cell.json.is_null()) ok = false;
      if (spec.kind == Kind::kLevels) {
        wishes = std::move(cell.levels);
      } else if (!cell.json.is_null()) {
        supplier[std::string(FieldName(spec))] = cell.json;
      }
    }
    if (!ok) continue;
    std::string id = supplier["id"];
    auto [it, fresh] = sheet.supplier_index.emplace(id, sheet.suppliers.size());
    if (!fresh) {
      reader.Error("id", Quote(id) + " is already the id of the supplier on line " +
                             std::to_string(sheet.lines[it->second]));
      continue;
    }
    sheet.suppliers.push_back(std::move(supplier));
    sheet.wishes.push_back(std::move(wishes));
    sheet.lines.push_back(row.line);
  }
  return sheet;
}

// Wish or invitation entries as JSON objects {OTHER_WHAT: id, "level": level}, checking
// that the ids name existing OTHERS and appear once.
Json Interests(const std::vector<LevelEntry>& entries, const std::string& column_header,
               int file, std::string_view other_what,
               const std::map<std::string, size_t, std::less<>>& others, Problems* problems,
               std::vector<int>* lines) {
  Json list = Json::array();
  std::map<std::string, bool, std::less<>> seen;
  for (const LevelEntry& e : entries) {
    std::string where = "column " + Quote(column_header);
    if (others.find(e.id) == others.end()) {
      problems->Error(file, e.line, where,
                      std::string(other_what) + " " + Quote(e.id) + " does not exist");
      continue;
    }
    if (!seen.emplace(e.id, true).second) {
      problems->Error(file, e.line, where,
                      std::string(other_what) + " " + Quote(e.id) + " is named twice");
      continue;
    }
    list.push_back(Json{{std::string(other_what), e.id}, {"level", e.level}});
    if (lines != nullptr) lines->push_back(e.line);
  }
  return list;
}

}  // namespace

Result<CsvImportOutput> ImportCsv(const CsvImportInput& input) {
  Problems problems;
  problems.SetName(kHeaderFile, input.header ? input.header->name : "");
  problems.SetName(kStandsFile, input.stands.name);
  problems.SetName(kSuppliersFile, input.suppliers.name);

  Json event = BuildHeader(input, &problems);
  StandsSheet stands = ReadStands(input.stands, &problems);
  SuppliersSheet suppliers = ReadSuppliers(input.suppliers, &problems);

  Json out = Json::object();
  out["format"] = "standmatch.event/1";
  out["event"] = event;
  CsvImportOutput result;
  auto origin = [&](std::string path, int file, int line) {
    result.origins[std::move(path)] = problems.Place(file, line);
  };
  if (input.header) result.origins["event"] = input.header->name;
  Json buyers = Json::array();
  for (const Merged& b : stands.buyers) {
    origin("buyers[" + std::to_string(buyers.size()) + "]", kStandsFile, b.line);
    Json buyer = Json::object();
    for (std::string_view key : {"buyer_id", "buyer_name", "buyer_kind", "buyer_commune",
                                 "buyer_departement", "buyer_siret"}) {
      if (key == "buyer_id") {
        buyer["id"] = b.id;
      } else if (const Json* v = FieldOf(b, key)) {
        buyer[std::string(key.substr(6))] = *v;
      }
    }
    buyers.push_back(std::move(buyer));
  }
  out["buyers"] = buyers;

  Json stand_list = Json::array();
  Json invitations = Json::array();
  for (size_t s = 0; s < stands.stands.size(); ++s) {
    const Merged& m = stands.stands[s];
    std::string path = "stands[" + std::to_string(s) + "]";
    origin(path, kStandsFile, m.line);
    for (size_t n = 0; n < stands.need_lines[s].size(); ++n) {
      origin(path + ".needs[" + std::to_string(n) + "]", kStandsFile, stands.need_lines[s][n]);
    }
    Json stand = Json::object();
    stand["id"] = m.id;
    if (const Json* v = FieldOf(m, "buyer_id")) stand["buyer"] = *v;
    if (const Json* v = FieldOf(m, "stand_title")) stand["title"] = *v;
    if (const Json* v = FieldOf(m, "tables")) stand["tables"] = *v;
    if (const Json* v = FieldOf(m, "stand_available")) stand["available"] = *v;
    stand["needs"] = stands.needs[s];
    stand_list.push_back(std::move(stand));
    std::vector<int> invited_lines;
    Json invited = Interests(stands.invitations[s], stands.invitations_header, kStandsFile,
                             "supplier", suppliers.supplier_index, &problems, &invited_lines);
    for (size_t i = 0; i < invited.size(); ++i) {
      origin("invitations[" + std::to_string(invitations.size()) + "]", kStandsFile,
             invited_lines[i]);
      invitations.push_back(Json{{"stand", m.id}, {"supplier", invited[i]["supplier"]}, {"level", invited[i]["level"]}});
    }
  }
  out["stands"] = stand_list;

  Json supplier_list = Json::array();
  for (size_t i = 0; i < suppliers.suppliers.size(); ++i) {
    Json supplier = suppliers.suppliers[i];
    origin("suppliers[" + std::to_string(i) + "]", kSuppliersFile, suppliers.lines[i]);
    Json wishes = Interests(suppliers.wishes[i], suppliers.wishes_header, kSuppliersFile,
                            "stand", stands.stand_index, &problems, nullptr);
    if (!wishes.empty()) supplier["wishes"] = wishes;
    supplier_list.push_back(std::move(supplier));
  }
  out["suppliers"] = supplier_list;
  out["invitations"] = invitations;

  if (problems.has_errors()) {
    return Status(Status::Code::kInvalidInput, problems.Render(false));
  }
  result.event_json = out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
  result.warnings = problems.Render(true);
  return result;
}

std::string LocateInCsv(const CsvImportOutput& output, const std::string& event_name,
                        const std::string& message) {
  std::string prefix = event_name + ": ";
  if (message.compare(0, prefix.size(), prefix) != 0) return message;
  std::string_view rest = std::string_view(message).substr(prefix.size());
  std::string_view path = rest.substr(0, rest.find(": "));
  // The longest origin that is the path or an ancestor of it.
  for (std::string_view candidate = path; !candidate.empty();) {
    auto it = output.origins.find(std::string(candidate));
    if (it != output.origins.end()) return it->second + ": " + std::string(rest);
    size_t cut = candidate.find_last_of(".[");
    if (cut == std::string_view::npos) break;
    candidate = candidate.substr(0, cut);
  }
  return message;
}

Status ReadCsvImportFiles(CsvImportInput* input) {
  std::vector<std::string> errors;
  auto read = [&](NamedText* named) {
    auto text = ReadFile(named->name);
    if (text.ok()) {
      named->text = std::move(text).value();
    } else {
      for (const auto& m : text.status().messages()) errors.push_back(m);
    }
  };
  read(&input->stands);
  read(&input->suppliers);
  if (input->header) read(&*input->header);
  return errors.empty() ? Status() : Status(Status::Code::kIoError, errors);
}

}  // namespace match
