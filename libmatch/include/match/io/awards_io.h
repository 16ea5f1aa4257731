// Reading award history: DECP files (données essentielles de la commande publique), in
// the official JSON shape ({"marches": [...]}, one record per contract with its
// `titulaires`) or the flat CSV (one row per contract and awardee, with the columns
// acheteur_id, codeCPV_raw or cpv8, lieu_code, lieu_typeCode, dateNotification, montant,
// objet, titulaire_id).
//
// Real DECP files hold junk: a record that cannot be used (no CPV code of 8 digits, no
// awardee with a SIRET or SIREN) is left out and counted, never fatal; the repairs are
// the usual ones (the CPV check digit dropped, a leading zero lost in a spreadsheet put
// back in CPV codes and SIRETs). A file that is neither shape, or a CSV without the
// awardee and CPV columns, is an error naming the file. Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "match/base/status.h"
#include "match/domain/awards.h"
#include "match/domain/territory.h"

namespace match {

struct AwardsFile {
  std::vector<Award> awards;  // one per (contract, awardee), in file order
  int records = 0;            // contracts read (JSON records, or CSV contract groups)
  int left_out = 0;           // records with no usable CPV code or awardee
};

// TEXT is the file's content; FILE_NAME names it in messages. Places are read with
// TERRITORY (an INSEE code gives its département).
Result<AwardsFile> ParseAwards(std::string_view text, const std::string& file_name,
                               const Territory& territory = Territory::Builtin());
Result<AwardsFile> LoadAwards(const std::string& path, const Territory& territory = Territory::Builtin());

}  // namespace match
