// Reading a directory of structures (match/io/directory.h) with the CSV import's sheet
// reader and the directory's column aliases (csv_columns.cpp).
#include <algorithm>
#include <cstdint>
#include <functional>
#include <string_view>
#include <unordered_map>

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

// The ids of a directory's entries, each kept as its entry's index: open addressing
// over a power-of-two table of (hash tag, index + 1), one probe per lookup mostly (a
// std::unordered_set of 10^5 strings, with its three cache misses a lookup and a node
// allocated per id, was a third of reading the directory).
class IdSet {
 public:
  explicit IdSet(const std::vector<DirectoryEntry>& entries) : entries_(entries) {}

  void Reserve(size_t ids) {
    if (2 * ids > slots_.size()) Rehash(ids);
  }
  // The index of the entry whose id is ID, or -1.
  int64_t Find(std::string_view id) const {
    if (slots_.empty()) return -1;
    const uint64_t hash = std::hash<std::string_view>()(id);
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const uint64_t slot = slots_[i];
      if (slot == 0) return -1;
      const uint32_t index = static_cast<uint32_t>(slot) - 1;
      if ((slot >> 32) == (hash >> 32) && entries_[index].supplier.id == id) return index;
    }
  }
  // Adds entry INDEX, its id not yet in the set.
  void Add(size_t index) {
    Reserve(++size_);
    Place(index);
  }

 private:
  void Place(size_t index) {
    const uint64_t hash = std::hash<std::string_view>()(entries_[index].supplier.id);
    size_t i = hash & mask_;
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = (hash >> 32 << 32) | (index + 1);
  }
  void Rehash(size_t ids) {
    size_t capacity = 16;
    while (capacity < 2 * ids) capacity *= 2;
    std::vector<uint64_t> old(capacity, 0);
    old.swap(slots_);
    mask_ = capacity - 1;
    for (uint64_t slot : old)
      if (slot != 0) Place(static_cast<uint32_t>(slot) - 1);
  }

  const std::vector<DirectoryEntry>& entries_;
  std::vector<uint64_t> slots_;  // 0: free
  size_t mask_ = 0, size_ = 0;
};

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
    ids_.Reserve(rows);
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
    const size_t index = out_->entries.size() - 1;
    last_suffix_.push_back(1);
    if (const int64_t given = ids_.Find(id); given < 0) {
      s.id = std::move(id);
    } else {
      std::string unique;
      do {
        unique = id;
        unique += '-';
        unique += std::to_string(++last_suffix_[given]);
      } while (ids_.Find(unique) >= 0);
      s.id = std::move(unique);
    }
    ids_.Add(index);
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
  IdSet ids_{out_->entries};
  std::vector<int> last_suffix_;  // per entry: the last suffix given to a repeat of its id (1: none)
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
