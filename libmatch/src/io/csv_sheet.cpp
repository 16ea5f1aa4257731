// Reading one sheet of the CSV import (csv_sheet.h).
#include "io/csv_sheet.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <regex>

#include "base/limits.h"
#include "match/domain/legal.h"

namespace match::csv_import {

namespace {

size_t FindOrAdd(std::vector<Merged>* list, const std::string& id, int line) {
  for (size_t i = 0; i < list->size(); ++i) {
    if ((*list)[i].id == id) return i;
  }
  list->push_back(Merged{id, line, {}});
  return list->size() - 1;
}

}  // namespace

bool ForEachTableRecord(const NamedText& input, Diagnostics& diag, const csv::RecordCallback& on_record) {
  // Not UTF-8 is read as Windows-1252 (with a warning): only the size is a limit here.
  if (std::string problem = InputTextProblem(input.text, /*require_utf8=*/false); !problem.empty()) {
    diag.ErrorAt(0, "", problem);
    return false;
  }
  std::vector<csv::CsvProblem> errors, warnings;
  int header_line = 0;
  size_t rows = 0;  // data rows; those past the limit are counted, not handed out
  const csv::RecordCallback count = [&](int line, const std::vector<std::string_view>& fields) {
    if (header_line == 0) {
      header_line = line;
    } else if (++rows > kMaxCsvRows) {
      return;
    }
    on_record(line, fields);
  };
  csv::ForEachCsvRow(input.text, count, &errors, &warnings);
  for (const auto& e : errors) diag.ErrorAt(e.line, "", e.message);
  for (const auto& w : warnings) diag.WarningAt(w.line, "", w.message);
  if (header_line == 0) {
    if (errors.empty()) diag.ErrorAt(0, "", "the file is empty");
    return false;
  }
  if (rows == 0 && errors.empty()) diag.WarningAt(0, "", "no data rows");
  if (rows > kMaxCsvRows) {
    diag.ErrorAt(0, "", std::to_string(rows) + " data rows, more than the limit of " + std::to_string(kMaxCsvRows));
    return false;
  }
  return true;
}

std::optional<csv::CsvTable> ReadTable(const NamedText& input, Diagnostics& diag) {
  csv::CsvTable table;
  const csv::RecordCallback keep = [&table](int line, const std::vector<std::string_view>& fields) {
    table.Add(line, fields);
  };
  if (!ForEachTableRecord(input, diag, keep)) return std::nullopt;
  return table;
}

Json SheetReader::ConvertNumber(const ColumnSpec& spec, const std::string& raw, std::string* error) {
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

Json SheetReader::ConvertList(const ColumnSpec& spec, const std::string& raw, std::string* error) {
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
        // A spreadsheet drops the leading zero of 03xxxxxx codes; restore it only when
        // the result is a real code (in the list, or without one, in division 03).
        std::string restored = "0" + item;
        auto parsed = CpvCode::Parse(restored);
        // CPV 2008's codes with a leading zero: the groups 030-034 and 090-093.
        bool real = cpv_list_ ? parsed && cpv_list_->Contains(*parsed)
                              : (item[0] == '3' && item[1] <= '4') || (item[0] == '9' && item[1] <= '3');
        if (!real) {
          *error = Quote(item) + " has 7 digits and " + Quote(restored) +
                   (cpv_list_ ? " is not in the CPV list" : " is in none of the groups 030-034, 090-093") +
                   ": a CPV code has 8 digits";
          return nullptr;
        }
        code = restored;
        Warning(spec.key, Quote(item) + " read as " + Quote(code) + " (leading zero restored)");
      } else if (cpv_list_) {
        auto parsed = CpvCode::Parse(code);
        if (!parsed || !cpv_list_->Contains(*parsed)) {
          *error = Quote(item) + " is not in the CPV list";
          return nullptr;
        }
      }
      value = code;
    } else if (spec.kind == Kind::kReuseList) {
      auto kind = ParseEnum(item,
                            {{"reemploi", "reemploi"},
                             {"re-emploi", "reemploi"},
                             {"reuse", "reemploi"},
                             {"reconditionnement", "reconditionnement"},
                             {"reconditionne", "reconditionnement"},
                             {"refurbishing", "reconditionnement"},
                             {"recyclage", "recyclage"},
                             {"recycle", "recyclage"},
                             {"recycling", "recyclage"},
                             {"location", "location"},
                             {"usage", "location"},
                             {"rental", "location"},
                             {"leasing", "location"}},
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

Json SheetReader::Convert(const ColumnSpec& spec, const std::string& raw, Cell* cell, std::string* error) {
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
      // The check digit here, so the message names the row and column.
      if (std::string problem = SiretProblem(digits); !problem.empty()) {
        *error = problem;
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
      std::transform(code.begin(), code.end(), code.begin(), [](char c) { return static_cast<char>(std::toupper(c)); });
      return code;
    }
    case Kind::kDepartement: {
      static const std::regex kDepartement(R"(^(\d{2}|2[AB]|97\d)$)");
      std::string code = RemoveBlanks(raw);
      std::transform(code.begin(), code.end(), code.begin(), [](char c) { return static_cast<char>(std::toupper(c)); });
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
      return m[1].str() + "." + m[2].str() + static_cast<char>(std::toupper(static_cast<unsigned char>(m[3].str()[0])));
    }
    case Kind::kQuarter: {
      return OrNull(ParseQuarter(raw, error));
    }
    case Kind::kReserved: {
      return OrNull(ParseEnum(raw,
                              {{"none", "none"},
                               {"non", "none"},
                               {"no", "none"},
                               {"aucun", "none"},
                               {"aucune", "none"},
                               {"0", "none"},
                               {"disability", "disability"},
                               {"handicap", "disability"},
                               {"l2113-12", "disability"},
                               {"ea-esat", "disability"},
                               {"insertion", "insertion"},
                               {"siae", "insertion"},
                               {"l2113-13", "insertion"},
                               {"disability-or-insertion", "disability-or-insertion"},
                               {"handicap-ou-insertion", "disability-or-insertion"},
                               {"l2113-14", "disability-or-insertion"},
                               {"ess", "ess"},
                               {"l2113-15", "ess"}},
                              "none, disability, insertion, disability-or-insertion, ess", error));
    }
    case Kind::kSize: {
      return OrNull(ParseEnum(raw,
                              {{"micro", "micro"},
                               {"tpe", "micro"},
                               {"micro-entreprise", "micro"},
                               {"pme", "pme"},
                               {"eti", "eti"},
                               {"ge", "ge"},
                               {"grande-entreprise", "ge"}},
                              "micro, pme, eti, ge", error));
    }
    case Kind::kStructure: {
      return OrNull(ParseEnum(raw,
                              {{"ei", "EI"},
                               {"etti", "ETTI"},
                               {"ai", "AI"},
                               {"aci", "ACI"},
                               {"eiti", "EITI"},
                               {"ea", "EA"},
                               {"esat", "ESAT"},
                               {"geiq", "GEIQ"}},
                              "EI, ETTI, AI, ACI, EITI, EA, ESAT, GEIQ", error));
    }
    case Kind::kLevels: {
      Json list = Json::array();
      for (const std::string& item : SplitList(raw, false)) {
        size_t colon = item.rfind(':');
        LevelEntry entry{std::string(Trim(item.substr(0, colon))), "want", line_};
        if (colon != std::string::npos) {
          auto level = ParseEnum(item.substr(colon + 1),
                                 {{"must", "must"},
                                  {"obligatoire", "must"},
                                  {"indispensable", "must"},
                                  {"prioritaire", "must"},
                                  {"want", "want"},
                                  {"souhaite", "want"},
                                  {"oui", "want"},
                                  {"no", "no"},
                                  {"non", "no"},
                                  {"refus", "no"}},
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

void MergeField(SheetReader* sheet, Merged* entity, std::string_view what, std::string_view key) {
  Cell cell = sheet->Get(key);
  if (cell.json.is_null()) return;
  auto it = entity->fields.find(key);
  if (it == entity->fields.end()) {
    entity->fields.emplace(std::string(key), MergedField{cell.raw, sheet->line(), cell.json});
  } else if (it->second.value != cell.json) {
    sheet->Error(key, Quote(cell.raw) + " differs from " + Quote(it->second.raw) + " on line " +
                          std::to_string(it->second.line) + " for " + std::string(what) + " " + Quote(entity->id));
  }
}

const Json* FieldOf(const Merged& entity, std::string_view key) {
  auto it = entity.fields.find(key);
  return it == entity.fields.end() ? nullptr : &it->second.value;
}

StandsSheet ReadStands(const NamedText& input, Diagnostics& diag, const CpvList* cpv_list) {
  StandsSheet sheet;
  auto table = ReadTable(input, diag);
  if (!table) {
    sheet.complete = false;
    return sheet;
  }
  SheetReader reader(diag, StandColumns(), cpv_list);
  // A missing column is reported once; the rows are still read for their other errors.
  sheet.complete = reader.MapHeader(*table);
  sheet.invitations_header = reader.Header("invitations");
  for (const ColumnSpec& spec : StandColumns())
    if (reader.Has(spec.key)) sheet.titles[std::string(spec.key)] = reader.Header(spec.key);
  std::vector<std::map<std::string, int, std::less<>>> need_lines;  // per stand: need id -> line
  for (const csv::CsvRow& row : table->rows) {
    reader.StartRow(row);
    Cell buyer_id = reader.Get("buyer_id");
    Cell stand_id = reader.Get("stand_id");
    for (std::string_view key : {"buyer_id", "stand_id"}) {
      if (reader.Has(key) && (key == "buyer_id" ? buyer_id : stand_id).raw.empty()) {
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
      reader.Error("buyer_id", Quote(buyer_id.raw) + " differs from " + Quote(it->second.raw) + " on line " +
                                   std::to_string(it->second.line) + " for stand " + Quote(stand.id));
    }
    for (std::string_view key : {"stand_title", "tables", "stand_available"}) {
      MergeField(&reader, &stand, "stand", key);
    }
    // Invitations given on several rows of a stand add up.
    Cell invitations = reader.Get("invitations");
    sheet.invitations[s].insert(sheet.invitations[s].end(), invitations.levels.begin(), invitations.levels.end());
    // The need.
    Json need = Json::object();
    bool need_ok = true;
    for (const ColumnSpec& spec : StandColumns()) {
      if (!spec.key.starts_with("need_") && spec.key != "cpv" && spec.key != "amount_eur" && spec.key != "quarter" &&
          spec.key != "reserved" && spec.key != "reuse" && spec.key != "insertion_clause_pct") {
        continue;
      }
      Cell cell = reader.Get(spec.key);
      if (spec.required && cell.raw.empty()) {
        if (reader.Has(spec.key)) reader.Error(spec.key, "a value is required");
        need_ok = false;
      }
      if (spec.required && cell.json.is_null()) need_ok = false;
      if (!cell.json.is_null()) need[std::string(FieldName(spec))] = cell.json;
    }
    if (!need_ok) continue;
    std::string need_id = need["id"];
    auto [it, fresh] = need_lines[s].emplace(need_id, row.line);
    if (!fresh) {
      reader.Error("need_id", Quote(need_id) + " is already a need of stand " + Quote(stand.id) + " (line " +
                                  std::to_string(it->second) + ")");
      continue;
    }
    sheet.needs[s].push_back(std::move(need));
    sheet.need_lines[s].push_back(row.line);
  }
  // Fields required per entity, which any one of its rows may give.
  for (const Merged& buyer : sheet.buyers) {
    if (!FieldOf(buyer, "buyer_name") && reader.Has("buyer_name")) {
      diag.ErrorAt(buyer.line, "column " + Quote(reader.Header("buyer_name")),
                   "no row gives a name for buyer " + Quote(buyer.id));
    }
  }
  for (const Merged& stand : sheet.stands) {
    if (!FieldOf(stand, "stand_title") && reader.Has("stand_title")) {
      diag.ErrorAt(stand.line, "column " + Quote(reader.Header("stand_title")),
                   "no row gives a title for stand " + Quote(stand.id));
    }
  }
  return sheet;
}

SuppliersSheet ReadSuppliers(const NamedText& input, Diagnostics& diag, const CpvList* cpv_list) {
  SuppliersSheet sheet;
  auto table = ReadTable(input, diag);
  if (!table) {
    sheet.complete = false;
    return sheet;
  }
  SheetReader reader(diag, SupplierColumns(), cpv_list);
  // A missing column is reported once; the rows are still read for their other errors.
  sheet.complete = reader.MapHeader(*table);
  sheet.wishes_header = reader.Header("wishes");
  for (const ColumnSpec& spec : SupplierColumns())
    if (reader.Has(spec.key)) sheet.titles[std::string(spec.key)] = reader.Header(spec.key);
  for (const csv::CsvRow& row : table->rows) {
    reader.StartRow(row);
    Json supplier = Json::object();
    std::vector<LevelEntry> wishes;
    bool ok = true;
    for (const ColumnSpec& spec : SupplierColumns()) {
      Cell cell = reader.Get(spec.key);
      if (spec.required && cell.raw.empty() && reader.Has(spec.key)) reader.Error(spec.key, "a value is required");
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
      reader.Error("id",
                   Quote(id) + " is already the id of the supplier on line " + std::to_string(sheet.lines[it->second]));
      continue;
    }
    sheet.suppliers.push_back(std::move(supplier));
    sheet.wishes.push_back(std::move(wishes));
    sheet.lines.push_back(row.line);
  }
  return sheet;
}

Json Interests(const std::vector<LevelEntry>& entries, const std::string& column_header, Diagnostics& diag,
               std::string_view other_what, const std::map<std::string, size_t, std::less<>>& others,
               bool others_complete, std::vector<int>* lines) {
  Json list = Json::array();
  std::map<std::string, bool, std::less<>> seen;
  for (const LevelEntry& e : entries) {
    std::string where = "column " + Quote(column_header);
    if (others.find(e.id) == others.end()) {
      // Not said when the other sheet could not be read whole (its own errors say why).
      if (others_complete) diag.ErrorAt(e.line, where, std::string(other_what) + " " + Quote(e.id) + " does not exist");
      continue;
    }
    if (!seen.emplace(e.id, true).second) {
      diag.ErrorAt(e.line, where, std::string(other_what) + " " + Quote(e.id) + " is named twice");
      continue;
    }
    list.push_back(Json{{std::string(other_what), e.id}, {"level", e.level}});
    if (lines != nullptr) lines->push_back(e.line);
  }
  return list;
}

}  // namespace match::csv_import
