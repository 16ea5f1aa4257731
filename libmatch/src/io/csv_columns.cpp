// The columns of the CSV import (csv_columns.h).
#include "io/csv_columns.h"

namespace match::csv_import {

const std::vector<ColumnSpec>& StandColumns() {
  static const std::vector<ColumnSpec> kColumns = {
      {"buyer_id", true, Kind::kId, "acheteur|id_acheteur|acheteur_id|buyer", "id"},
      {"buyer_name", true, Kind::kText, "nom_acheteur|acheteur_nom|nom_de_l_acheteur", "name"},
      {"buyer_kind", false, Kind::kText, "type_acheteur|type_d_acheteur|categorie_acheteur", "kind"},
      {"buyer_commune", false, Kind::kInsee, "commune|code_insee|commune_acheteur|code_insee_acheteur|insee_acheteur",
       "commune"},
      {"buyer_departement", false, Kind::kDepartement, "departement|departement_acheteur|dep_acheteur", "departement"},
      {"buyer_siret", false, Kind::kSiret, "siret|siret_acheteur", "siret"},
      {"stand_id", true, Kind::kId, "stand|id_stand", "id"},
      {"stand_title", true, Kind::kText, "titre_stand|titre_du_stand|intitule_stand|nom_stand|stand_name", "title"},
      {"tables", false, Kind::kPositiveWhole, "nb_tables|nombre_tables|nombre_de_tables", ""},
      {"stand_available", false, Kind::kWindows,
       "available|disponibilite|disponibilites|disponibilite_stand|horaires|horaires_stand", "available"},
      {"invitations", false, Kind::kLevels, "invites|fournisseurs_invites", ""},
      {"need_id", true, Kind::kId, "besoin|id_besoin|besoin_id", "id"},
      {"need_title", true, Kind::kText, "titre_besoin|intitule_besoin|intitule_du_besoin|besoin_titre|intitule",
       "title"},
      {"need_description", false, Kind::kText,
       "description|description_besoin|description_du_besoin|descriptif|descriptif_besoin|descriptif_du_besoin|objet|"
       "objet_du_besoin",
       "description"},
      {"cpv", true, Kind::kCpvList, "codes_cpv|code_cpv|cpv_codes", ""},
      {"amount_eur", false, Kind::kNumber, "montant|montant_eur|montant_ht|montant_estime|amount", ""},
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
      {"id", true, Kind::kId, "supplier_id|id_fournisseur|fournisseur_id|fournisseur|identifiant", ""},
      {"name", true, Kind::kText, "nom|raison_sociale|denomination|supplier_name|entreprise", ""},
      {"siret", false, Kind::kSiret, "", ""},
      {"commune", false, Kind::kInsee, "code_insee|commune_insee|code_commune|insee", ""},
      {"departement", false, Kind::kDepartement, "dep|code_departement|departement_code", ""},
      {"employees", false, Kind::kWhole, "effectif|effectifs|salaries|nb_salaries", ""},
      {"turnover_eur", false, Kind::kNumber, "chiffre_d_affaires|chiffre_affaires|ca|ca_eur|turnover", ""},
      {"size", false, Kind::kSize, "taille|categorie|categorie_entreprise", ""},
      {"legal_form", false, Kind::kText, "forme_juridique|statut_juridique", ""},
      {"ess", false, Kind::kBool, "", ""},
      {"structure", false, Kind::kStructure, "structure_inclusion|structure_d_insertion|type_structure|siae", ""},
      {"cpv", false, Kind::kCpvList, "codes_cpv|code_cpv|cpv_codes", ""},
      {"naf", false, Kind::kNaf, "code_naf|ape|code_ape|naf_ape", ""},
      {"activity", false, Kind::kText,
       "activite|activites|description_activite|activite_principale|metier|description|savoir_faire", ""},
      {"reuse", false, Kind::kReuseList, "reemploi|economie_circulaire", ""},
      {"labels", false, Kind::kTextList, "label", ""},
      {"available", false, Kind::kWindows, "disponibilite|disponibilites|horaires", ""},
      {"max_meetings", false, Kind::kWhole, "rdv_max|nb_rdv_max|max_rdv|rendez_vous_max|nombre_max_de_rdv", ""},
      {"wishes", false, Kind::kLevels, "souhaits|voeux|stands_souhaites", ""},
  };
  return kColumns;
}

const std::vector<ColumnSpec>& DirectoryColumns() {
  // The SIAE export's titles (MESURE, CODE_POSTAL, COMMUNE, CODE_NAF2, NATURE_JURIDIQUE,
  // DENOMINATION_SOCIALE) and the GEIQ list's (GEIQ, VILLE, CODE POSTAL, NAF) among them.
  // Its CODE_POST_COM and LIB_COM (the mail address) are left out: one place a row.
  static const std::vector<ColumnSpec> kColumns = {
      {"id", false, Kind::kId, "identifiant|id_fournisseur|fournisseur_id", ""},
      {"name", true, Kind::kText,
       "nom|raison_sociale|denomination|denomination_sociale|enseigne|entreprise|structure_name|geiq", ""},
      {"siret", false, Kind::kText, "", ""},
      {"naf", false, Kind::kNaf, "code_naf|code_naf2|naf2|ape|code_ape|naf_ape", ""},
      {"structure", false, Kind::kStructure, "mesure|structure_inclusion|structure_d_insertion|type_structure|siae",
       ""},
      {"legal_form", false, Kind::kText, "forme_juridique|statut_juridique|nature_juridique", ""},
      {"ess", false, Kind::kBool, "", ""},
      {"insee", false, Kind::kInsee, "code_insee|commune_insee|code_commune", "commune"},
      {"postal_code", false, Kind::kText, "code_postal|cp|postal|code_post", ""},
      {"commune_name", false, Kind::kText, "commune|ville|nom_commune|libelle_commune|lib_commune", ""},
      {"departement", false, Kind::kText, "dep|code_departement|departement_code", ""},
      {"activity", false, Kind::kText,
       "activite|activites|description_activite|activite_principale|metier|description|savoir_faire", ""},
  };
  return kColumns;
}

std::string_view FieldName(const ColumnSpec& spec) { return spec.field.empty() ? spec.key : spec.field; }

std::string AcceptedTitles(const ColumnSpec& spec) {
  std::string out(spec.key);
  for (std::string_view aliases = spec.aliases; !aliases.empty();) {
    size_t bar = aliases.find('|');
    out += ", " + std::string(aliases.substr(0, bar));
    if (bar == std::string_view::npos) break;
    aliases.remove_prefix(bar + 1);
  }
  return out;
}

}  // namespace match::csv_import
