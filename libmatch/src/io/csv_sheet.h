// Reading one sheet of the CSV import: the header mapped to the columns
// (csv_columns.h), then each row's typed cells (csv_values.h); entities that several
// rows describe (buyers and stands) merged field by field. Every problem goes to the
// sheet's Diagnostics with its line and column. Internal to the io stage.
#pragma once

#include <cassert>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/csv_reader.h"
#include "base/limits.h"
#include "io/csv_columns.h"
#include "io/csv_values.h"
#include "match/base/status.h"
#include "match/domain/cpv.h"
#include "match/io/csv_import.h"

namespace match::csv_import {

// A cell's converted value. `json` is null when the cell is empty.
struct Cell {
  std::string raw;
  Json json;
  std::vector<LevelEntry> levels;  // for Kind::kLevels
};

class SheetReader {
 public:
  // DIAG collects the file's problems; CPV_LIST (optional) is the official list.
  // WARN_UNKNOWN: an unknown column is a warning (a directory's other columns are not).
  SheetReader(Diagnostics& diag, const std::vector<ColumnSpec>& specs, const CpvList* cpv_list,
              bool warn_unknown = true)
      : diag_(diag), specs_(specs), cpv_list_(cpv_list), index_(specs.size(), -1), warn_unknown_(warn_unknown) {}

  // Maps header cells to columns; false when a required column is missing (each is
  // reported with the titles it is accepted under; the rows are read all the same).
  bool MapHeader(const csv::CsvTable& table) {
    return MapHeader(table.header_line, std::vector<std::string_view>(table.header.begin(), table.header.end()));
  }
  // The same for a header row read at LINE (csv::ForEachCsvRow).
  bool MapHeader(int line, const std::vector<std::string_view>& header) {
    line_ = line;
    for (size_t i = 0; i < header.size(); ++i) {
      std::string_view name = Trim(header[i]);
      if (name.empty()) continue;
      std::string key = ColumnKey(name);
      int found = -1;
      for (size_t s = 0; s < specs_.size() && found < 0; ++s) {
        if (specs_[s].key == key || HasAlias(specs_[s].aliases, key)) found = static_cast<int>(s);
      }
      if (found < 0) {
        if (warn_unknown_) diag_.WarningAt(line_, "", "column " + Quote(name) + " is unknown; ignored");
      } else if (index_[found] >= 0) {
        diag_.ErrorAt(line_, "", "column " + Quote(name) + " repeats column " + Quote(Trim(header[index_[found]])));
      } else {
        index_[found] = static_cast<int>(i);
      }
    }
    headers_.assign(header.begin(), header.end());
    bool complete = true;
    for (size_t s = 0; s < specs_.size(); ++s) {
      if (specs_[s].required && index_[s] < 0) {
        diag_.ErrorAt(line_, "",
                      "required column " + Quote(specs_[s].key) +
                          " is missing (accepted titles: " + AcceptedTitles(specs_[s]) + ")");
        complete = false;
      }
    }
    return complete;
  }

  // Starts a row; reports surplus non-empty fields.
  void StartRow(const csv::CsvRow& row) {
    row_views_.assign(row.fields.begin(), row.fields.end());
    StartRow(row.line, row_views_);
  }
  // The same for a row read at LINE (csv::ForEachCsvRow): FIELDS must outlive the row's Gets.
  void StartRow(int line, const std::vector<std::string_view>& fields) {
    fields_ = &fields;
    line_ = line;
    size_t used = fields.size();
    while (used > headers_.size() && Trim(fields[used - 1]).empty()) --used;
    if (used > headers_.size()) {
      diag_.ErrorAt(
          line_, "",
          std::to_string(used) + " fields, but the header has " + std::to_string(headers_.size()) + " columns");
    }
  }

  int line() const { return line_; }
  bool Has(std::string_view key) const { return Has(Column(key)); }

  // A column looked up once, for rows read by the hundred thousand (a key is looked up
  // among the specs on each call).
  struct ColumnRef {
    size_t spec = 0;
  };
  ColumnRef Column(std::string_view key) const { return {Spec(key)}; }
  bool Has(ColumnRef column) const { return index_[column.spec] >= 0; }

  // The header cell of a column as written in the file (the key when absent).
  std::string Header(std::string_view key) const {
    int col = index_[Spec(key)];
    return col < 0 ? std::string(key) : std::string(Trim(headers_[col]));
  }

  void Error(std::string_view key, const std::string& text) {
    diag_.ErrorAt(line_, "column " + Quote(Header(key)), text);
  }
  void Warning(std::string_view key, const std::string& text) {
    diag_.WarningAt(line_, "column " + Quote(Header(key)), text);
  }

  // The converted cell of column KEY in the current row; errors are reported here.
  Cell Get(std::string_view key) { return Get(Column(key)); }
  Cell Get(ColumnRef column) {
    Cell cell;
    cell.raw = std::string(Checked(column));
    if (cell.raw.empty() || cell.raw.size() > kMaxStringBytes) return cell;  // too long: raw kept, no value
    std::string error;
    cell.json = Convert(specs_[column.spec], cell.raw, &cell, &error);
    if (!error.empty()) {
      Error(specs_[column.spec].key, error);
      cell.json = nullptr;
    }
    return cell;
  }

  // Get(COLUMN).raw of a text column (Kind::kText), without copy or conversion: valid
  // during the row.
  std::string_view Text(ColumnRef column) {
    assert(specs_[column.spec].kind == Kind::kText);
    return Checked(column);
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

  // The trimmed cell of COLUMN in the current row (empty when absent); one longer than
  // the limit is an error here.
  std::string_view Checked(ColumnRef column) {
    int col = index_[column.spec];
    if (col < 0 || static_cast<size_t>(col) >= fields_->size()) return {};
    std::string_view raw = Trim((*fields_)[col]);
    if (raw.size() > kMaxStringBytes) {
      Error(specs_[column.spec].key, "the value is " + std::to_string(raw.size()) +
                                         " bytes long, more than the limit of " + std::to_string(kMaxStringBytes));
    }
    return raw;
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

  Diagnostics& diag_;
  const std::vector<ColumnSpec>& specs_;
  const CpvList* cpv_list_;
  std::vector<int> index_;  // per spec: the file's column, -1 when absent
  bool warn_unknown_ = true;
  std::vector<std::string> headers_;
  const std::vector<std::string_view>* fields_ = nullptr;  // the current row's
  std::vector<std::string_view> row_views_;                // of a CsvRow's fields
  int line_ = 0;
};

// Entities that several rows describe (buyers and stands): each field is taken from
// the first row that gives it; a later row giving another value is an error.

struct MergedField {
  std::string raw;
  int line = 0;
  Json value;
};

struct Merged {
  std::string id;
  int line = 0;                                            // first row
  std::map<std::string, MergedField, std::less<>> fields;  // by column key
};

// Takes column KEY of the current row of SHEET into ENTITY (a WHAT: "buyer", "stand").
void MergeField(SheetReader* sheet, Merged* entity, std::string_view what, std::string_view key);
// The value of a merged field, or null when no row gave it.
const Json* FieldOf(const Merged& entity, std::string_view key);

struct StandsSheet {
  std::vector<Merged> buyers;
  std::vector<Merged> stands;
  std::vector<std::vector<Json>> needs;              // per stand
  std::vector<std::vector<int>> need_lines;          // per stand, per need
  std::vector<std::vector<LevelEntry>> invitations;  // per stand
  std::map<std::string, size_t, std::less<>> stand_index;
  std::string invitations_header = "invitations";          // as written in the file
  bool complete = true;                                    // every required column present
  std::map<std::string, std::string, std::less<>> titles;  // column key -> title as written, when present
};

struct SuppliersSheet {
  std::vector<Json> suppliers;
  std::vector<std::vector<LevelEntry>> wishes;
  std::vector<int> lines;
  std::map<std::string, size_t, std::less<>> supplier_index;
  std::string wishes_header = "wishes";                    // as written in the file
  bool complete = true;                                    // every required column present
  std::map<std::string, std::string, std::less<>> titles;  // column key -> title as written, when present
};

// The CSV table of one input, its reader problems reported to DIAG; nullopt when the
// file holds nothing usable (empty, too large, more rows than the limit).
std::optional<csv::CsvTable> ReadTable(const NamedText& input, Diagnostics& diag);
// ReadTable's records handed out instead of kept (csv::ForEachCsvRow): ON_RECORD(line,
// fields) for the header, then each data row; then the reader's problems reported to
// DIAG as ReadTable reports them. False where ReadTable gives nullopt: what the records
// handed out gave is then to be dropped, their problems with it.
bool ForEachTableRecord(const NamedText& input, Diagnostics& diag, const csv::RecordCallback& on_record);

// The stands-and-needs sheet and the suppliers sheet, each reported to DIAG.
StandsSheet ReadStands(const NamedText& input, Diagnostics& diag, const CpvList* cpv_list);
SuppliersSheet ReadSuppliers(const NamedText& input, Diagnostics& diag, const CpvList* cpv_list);

// Wish or invitation entries as JSON objects {OTHER_WHAT: id, "level": level}, checking
// that the ids name existing OTHERS (when OTHERS_COMPLETE) and appear once; LINES
// (optional) receives each kept entry's line.
Json Interests(const std::vector<LevelEntry>& entries, const std::string& column_header, Diagnostics& diag,
               std::string_view other_what, const std::map<std::string, size_t, std::less<>>& others,
               bool others_complete, std::vector<int>* lines);

}  // namespace match::csv_import
