// A directory of structures (interfaces.md §6, "standmatch source"): the public SIAE
// export, the GEIQ list, a chamber's or a network's members, read as suppliers that
// registered nothing: a name, a SIRET, a NAF code, a place and a structure kind.
//
// A directory is a CSV read like the CSV import's sheets (`;`, `,` or tab, UTF-8 or
// Windows-1252, column titles matched through aliases, docs/csv-import.md): the SIAE
// export reads as it is (MESURE, CODE_POSTAL, COMMUNE, CODE_NAF2 such as `8121Z`,
// NATURE_JURIDIQUE, SIRET, DENOMINATION_SOCIALE), and so does the GEIQ list (GEIQ,
// VILLE, CODE POSTAL, NAF, SIRET). The place is an INSEE code column when there is one,
// else the postal code and commune name, resolved through the built-in postal-code
// table (postal_codes.h); an ambiguous or unknown place, an invalid SIRET, are warnings
// naming the line (the entry keeps the département, or no place). A malformed file, a
// missing name column, a value of the wrong kind (a NAF code that is none) are errors
// naming the file, the line, the column and the value. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "match/base/status.h"
#include "match/domain/model.h"
#include "match/domain/postal_codes.h"
#include "match/domain/territory.h"
#include "match/io/csv_import.h"

namespace match {

struct DirectoryEntry {
  // As a supplier: id (the `id` column, else the SIRET, else "line-N"; made unique),
  // name, siret, naf, commune or departement, legal_form (so `ess`), structure, activity.
  Supplier supplier;
  int line = 0;  // the CSV line it came from
};

struct Directory {
  std::string name;  // the file, as messages name it
  std::vector<DirectoryEntry> entries;
  std::vector<std::string> warnings;  // "FILE:LINE: column "COMMUNE": ..."
};

struct DirectoryOptions {
  // The structure kind of an entry whose row gives none (e.g. GEIQ for the GEIQ list).
  Structure structure = Structure::kNone;
};

Result<Directory> ReadDirectory(const NamedText& input, const DirectoryOptions& options = {},
                                const Territory& territory = Territory::Builtin(),
                                const PostalCodes& postal_codes = PostalCodes::Builtin());
// Reads the file at PATH (named PATH in messages).
Result<Directory> LoadDirectory(const std::string& path, const DirectoryOptions& options = {},
                                const Territory& territory = Territory::Builtin(),
                                const PostalCodes& postal_codes = PostalCodes::Builtin());

}  // namespace match
