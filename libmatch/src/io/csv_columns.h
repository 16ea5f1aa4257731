// The columns of the two spreadsheets of the CSV import: their canonical names, the
// accepted titles (aliases, as ColumnKey spells them), whether they are required and
// the kind of value each holds. docs/csv-import.md lists them for people. Internal to
// the io stage.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace match::csv_import {

constexpr size_t kMaxIdLength = 64;

enum class Kind {
  kText,
  kId,
  kWhole,
  kPositiveWhole,
  kNumber,
  kBool,
  kWindows,
  kCpvList,
  kSiret,
  kInsee,
  kDepartement,
  kNaf,
  kQuarter,
  kReserved,
  kSize,
  kStructure,
  kReuseList,
  kTextList,
  kLevels
};

struct ColumnSpec {
  std::string_view key;  // canonical name, also the JSON field unless `field` is set
  bool required;         // the column must be present
  Kind kind;
  std::string_view aliases;  // other accepted keys, '|'-separated (as ColumnKey spells them)
  std::string_view field;    // JSON field name when it differs from key
};

// The stands-and-needs sheet (one row per need) and the suppliers sheet.
const std::vector<ColumnSpec>& StandColumns();
const std::vector<ColumnSpec>& SupplierColumns();
// A directory of structures (match/io/directory.h).
const std::vector<ColumnSpec>& DirectoryColumns();

// The JSON field a column fills.
std::string_view FieldName(const ColumnSpec& spec);

// The titles a column is recognised by, for messages: "cpv, codes_cpv, code_cpv, cpv_codes".
std::string AcceptedTitles(const ColumnSpec& spec);

// Pairs "stand:level" ("mobilier:must|imprimerie:no"); a bare id means "want".
struct LevelEntry {
  std::string id;
  std::string level;
  int line = 0;  // the row that gave it
};

}  // namespace match::csv_import
