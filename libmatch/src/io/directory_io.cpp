// Reading a directory of structures (match/io/directory.h) with the CSV import's sheet
// reader and the directory's column aliases (csv_columns.cpp).
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "base/limits.h"
#include "io/csv_sheet.h"
#include "match/base/files.h"
#include "match/base/huge_pages.h"
#include "match/domain/legal.h"
#include "match/io/directory.h"

namespace match {

namespace {

using csv_import::Cell;
using csv_import::Quote;

// "094" (the SIAE export's three digits), "94", "2a", "974" -> "94", "2A", "974"; empty
// when it is none of these.
std::string DepartementCode(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (text.size() == 3 && text[0] == '0') text.erase(0, 1);
  if (text.size() == 1 && csv_import::AllDigits(text)) text = "0" + text;
  bool ok = (text.size() == 2 && (csv_import::AllDigits(text) || text == "2A" || text == "2B")) ||
            (text.size() == 3 && text.starts_with("97") && csv_import::AllDigits(text));
  return ok ? text : std::string();
}

// The rows of a directory read one by one into its entries.
class DirectoryRows {
 public:
  DirectoryRows(Diagnostics& diag, const DirectoryOptions& options, const Territory& territory,
                const PostalCodes& postal_codes, Directory* out)
      : diag_(diag),
        options_(options),
        territory_(territory),
        postal_codes_(postal_codes),
        out_(out),
        reader_(diag, csv_import::DirectoryColumns(), nullptr, /*warn_unknown=*/false) {}

  // The header row, ROWS (a hint) rows expected after it; false when a required column is
  // missing (the rows are then not read).
  bool Header(int line, const std::vector<std::string_view>& fields, size_t rows) {
    if (!reader_.MapHeader(line, fields)) return false;
    out_->entries.reserve(rows);
    // Some 500 bytes an entry, 50 MB for 10^5: first touched here, one fault per 2 MB.
    AdviseHugePages(out_->entries.data(), out_->entries.capacity() * sizeof(DirectoryEntry));
    ids_.reserve(rows);
    if (!reader_.Has(insee_) && !reader_.Has(postal_code_) && !reader_.Has(departement_))
      diag_.WarningAt(line, "", "no column gives a place (INSEE code, postal code or département)");
    return true;
  }

  void Row(int line, const std::vector<std::string_view>& fields) {
    reader_.StartRow(line, fields);
    std::string_view name = reader_.Text(name_);
    if (name.empty()) {
      reader_.Error("name", "a value is required");
      return;
    }
    DirectoryEntry& entry = out_->entries.emplace_back();
    entry.line = line;
    Supplier& s = entry.supplier;
    s.name = name;
    Cell naf = reader_.Get(naf_);
    if (naf.json.is_string()) s.naf = naf.json.get<std::string>();
    Cell structure = reader_.Get(structure_);
    s.structure = options_.structure;
    if (structure.json.is_string()) {
      for (Structure k : {Structure::kEI, Structure::kETTI, Structure::kAI, Structure::kACI, Structure::kEITI,
                          Structure::kEA, Structure::kESAT, Structure::kGEIQ})
        if (StructureName(k) == structure.json.get<std::string>()) s.structure = k;
    }
    s.legal_form = reader_.Text(legal_form_);
    Cell ess = reader_.Get(ess_);
    s.ess = ess.json.is_boolean() ? ess.json.get<bool>() : IsEssLegalForm(s.legal_form);
    s.activity = reader_.Text(activity_);
    if (std::string siret = csv_import::RemoveBlanks(reader_.Text(siret_)); !siret.empty()) {
      if (std::string problem = SiretProblem(siret); problem.empty())
        s.siret = siret;
      else
        reader_.Warning("siret", problem + "; left out");
    }
    Place(&s);
    // The id: given, else the SIRET, else the line; made unique.
    std::string id = reader_.Get(id_).raw;
    if (id.empty()) id = s.siret.empty() ? "line-" + std::to_string(line) : s.siret;
    // A repeated id takes the next free suffix -2, -3, ... (counted per id: a list
    // repeating one structure many times stays linear).
    if (ids_.insert(id).second) {
      s.id = std::move(id);
      return;
    }
    std::string unique;
    int& suffix = next_suffix_.try_emplace(id, 1).first->second;
    do {
      unique = id;
      unique += '-';
      unique += std::to_string(++suffix);
    } while (!ids_.insert(unique).second);
    s.id = std::move(unique);
  }

 private:
  // The place: an INSEE code, else the postal code and commune name, else the département.
  void Place(Supplier* s) {
    Cell insee = reader_.Get(insee_);
    std::string_view commune_name = reader_.Text(commune_name_);
    if (insee.json.is_null() && IsInseeCodeSyntax(commune_name)) insee.json = commune_name;
    std::string postal = csv_import::RemoveBlanks(reader_.Text(postal_code_));
    if (postal.size() == 4 && csv_import::AllDigits(postal)) postal = "0" + postal;
    std::string departement = DepartementCode(std::string(reader_.Text(departement_)));
    if (insee.json.is_string()) {
      std::string code = insee.json.get<std::string>();
      if (territory_.Find(code))
        s->commune = code;
      else
        reader_.Warning("insee", Quote(code) + " is not a commune of the territory table; the place is unknown");
    } else if (!postal.empty()) {
      if (postal.size() != 5 || !csv_import::AllDigits(postal)) {
        reader_.Warning("postal_code", Quote(postal) + " is not a postal code (5 digits); the place is unknown");
      } else {
        // Entries share their places (a region's 10^5 entries, some 10^4 places): each
        // (postal code, commune name) is resolved once.
        place_key_ = postal;
        place_key_ += '\n';
        place_key_ += commune_name;
        auto cached = places_.find(place_key_);
        if (cached == places_.end())
          cached =
              places_.emplace(place_key_, ResolvePostalPlace(postal, commune_name, territory_, postal_codes_)).first;
        const ResolvedPlace& place = cached->second;
        s->commune = place.insee;
        if (!place.problem.empty()) {
          if (departement.empty()) departement = place.departement;
          reader_.Warning("postal_code",
                          place.problem + (departement.empty() ? "; the place is unknown"
                                                               : "; only the département " + departement + " kept"));
        }
      }
    }
    if (s->commune.empty()) s->departement = departement;
  }

  Diagnostics& diag_;
  const DirectoryOptions& options_;
  const Territory& territory_;
  const PostalCodes& postal_codes_;
  Directory* out_;
  csv_import::SheetReader reader_;
  using ColumnRef = csv_import::SheetReader::ColumnRef;
  const ColumnRef name_ = reader_.Column("name"), naf_ = reader_.Column("naf"),
                  structure_ = reader_.Column("structure"), legal_form_ = reader_.Column("legal_form"),
                  ess_ = reader_.Column("ess"), activity_ = reader_.Column("activity"),
                  siret_ = reader_.Column("siret"), insee_ = reader_.Column("insee"),
                  commune_name_ = reader_.Column("commune_name"), postal_code_ = reader_.Column("postal_code"),
                  departement_ = reader_.Column("departement"), id_ = reader_.Column("id");
  std::unordered_set<std::string> ids_;
  std::unordered_map<std::string, int> next_suffix_;       // per repeated id: the last suffix given
  std::unordered_map<std::string, ResolvedPlace> places_;  // by postal code + '\n' + commune name
  std::string place_key_;
};

}  // namespace

Result<Directory> ReadDirectory(const NamedText& input, const DirectoryOptions& options, const Territory& territory,
                                const PostalCodes& postal_codes) {
  Diagnostics diag(input.name);
  // The rows' problems come after the file's own (as with csv_import::ReadTable's
  // readers), and are dropped with the rows when the file is not usable.
  Diagnostics row_diag(input.name);
  Directory out;
  out.name = input.name;
  DirectoryRows rows(row_diag, options, territory, postal_codes, &out);
  bool header = true, complete = false;
  const bool usable =
      csv_import::ForEachTableRecord(input, diag, [&](int line, const std::vector<std::string_view>& fields) {
        if (header) {
          header = false;
          // About a row per line.
          const size_t lines = std::count(input.text.begin(), input.text.end(), '\n');
          complete = rows.Header(line, fields, std::min(lines, kMaxCsvRows));
        } else if (complete) {
          rows.Row(line, fields);
        }
      });
  if (usable) diag.Append(row_diag);
  diag.SortByLine();
  if (!diag.ok()) return diag.ToStatus();
  out.warnings = diag.MarkedWarnings();
  return out;
}

Result<Directory> LoadDirectory(const std::string& path, const DirectoryOptions& options, const Territory& territory,
                                const PostalCodes& postal_codes) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ReadDirectory(NamedText{path, std::move(text).value()}, options, territory, postal_codes);
}

}  // namespace match
