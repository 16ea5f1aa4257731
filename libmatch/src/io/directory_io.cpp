// Reading a directory of structures (match/io/directory.h) with the CSV import's sheet
// reader and the directory's column aliases (csv_columns.cpp).
#include <unordered_map>
#include <unordered_set>

#include "io/csv_sheet.h"
#include "match/base/files.h"
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

}  // namespace

Result<Directory> ReadDirectory(const NamedText& input, const DirectoryOptions& options, const Territory& territory,
                                const PostalCodes& postal_codes) {
  Diagnostics diag(input.name);
  Directory out;
  out.name = input.name;
  auto table = csv_import::ReadTable(input, diag);
  if (table) {
    csv_import::SheetReader reader(diag, csv_import::DirectoryColumns(), nullptr, /*warn_unknown=*/false);
    if (reader.MapHeader(*table)) {
      if (!reader.Has("insee") && !reader.Has("postal_code") && !reader.Has("departement"))
        diag.WarningAt(table->header_line, "", "no column gives a place (INSEE code, postal code or département)");
      std::unordered_set<std::string> ids;
      std::unordered_map<std::string, ResolvedPlace> places;  // by postal code + '\n' + commune name
      out.entries.reserve(table->rows.size());
      std::unordered_map<std::string, int> next_suffix;  // per id: the last suffix given (1: none yet)
      for (const csv::CsvRow& row : table->rows) {
        reader.StartRow(row);
        Cell name = reader.Get("name");
        if (name.raw.empty()) {
          reader.Error("name", "a value is required");
          continue;
        }
        DirectoryEntry entry;
        entry.line = row.line;
        Supplier& s = entry.supplier;
        s.name = name.raw;
        Cell naf = reader.Get("naf");
        if (naf.json.is_string()) s.naf = naf.json.get<std::string>();
        Cell structure = reader.Get("structure");
        s.structure = options.structure;
        if (structure.json.is_string()) {
          for (Structure k : {Structure::kEI, Structure::kETTI, Structure::kAI, Structure::kACI, Structure::kEITI,
                              Structure::kEA, Structure::kESAT, Structure::kGEIQ})
            if (StructureName(k) == structure.json.get<std::string>()) s.structure = k;
        }
        s.legal_form = reader.Get("legal_form").raw;
        Cell ess = reader.Get("ess");
        s.ess = ess.json.is_boolean() ? ess.json.get<bool>() : IsEssLegalForm(s.legal_form);
        s.activity = reader.Get("activity").raw;
        if (std::string siret = csv_import::RemoveBlanks(reader.Get("siret").raw); !siret.empty()) {
          if (std::string problem = SiretProblem(siret); problem.empty())
            s.siret = siret;
          else
            reader.Warning("siret", problem + "; left out");
        }
        // The place: an INSEE code, else the postal code and commune name, else the département.
        Cell insee = reader.Get("insee");
        std::string commune_name = reader.Get("commune_name").raw;
        if (insee.json.is_null() && IsInseeCodeSyntax(commune_name)) insee.json = commune_name;
        std::string postal = csv_import::RemoveBlanks(reader.Get("postal_code").raw);
        if (postal.size() == 4 && csv_import::AllDigits(postal)) postal = "0" + postal;
        std::string departement = DepartementCode(reader.Get("departement").raw);
        if (insee.json.is_string()) {
          std::string code = insee.json.get<std::string>();
          if (territory.Find(code))
            s.commune = code;
          else
            reader.Warning("insee", Quote(code) + " is not a commune of the territory table; the place is unknown");
        } else if (!postal.empty()) {
          if (postal.size() != 5 || !csv_import::AllDigits(postal)) {
            reader.Warning("postal_code", Quote(postal) + " is not a postal code (5 digits); the place is unknown");
          } else {
            // Entries share their places (a region's 10^5 entries, some 10^4 places): each
            // (postal code, commune name) is resolved once.
            std::string place_key = postal;
            place_key += '\n';
            place_key += commune_name;
            auto [cached, added] = places.try_emplace(std::move(place_key));
            if (added) cached->second = ResolvePostalPlace(postal, commune_name, territory, postal_codes);
            const ResolvedPlace& place = cached->second;
            s.commune = place.insee;
            if (!place.problem.empty()) {
              if (departement.empty()) departement = place.departement;
              reader.Warning("postal_code",
                             place.problem + (departement.empty() ? "; the place is unknown"
                                                                  : "; only the département " + departement + " kept"));
            }
          }
        }
        if (s.commune.empty()) s.departement = departement;
        // The id: given, else the SIRET, else the line; made unique.
        std::string id = reader.Get("id").raw;
        if (id.empty()) id = s.siret.empty() ? "line-" + std::to_string(row.line) : s.siret;
        // A repeated id takes the next free suffix -2, -3, ... (counted per id: a list
        // repeating one structure many times stays linear).
        std::string unique = id;
        int& suffix = next_suffix.try_emplace(id, 1).first->second;
        while (!ids.insert(unique).second) {
          unique = id;
          unique += '-';
          unique += std::to_string(++suffix);
        }
        s.id = unique;
        out.entries.push_back(std::move(entry));
      }
    }
  }
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
