// The procurement facts standmatch relies on, in one place (domain.md §3).
//
// - Company size: Décret 2008-1354 art. 3 (headcount and turnover at group level).
// - ESS by legal form: law 2014-856 art. 1 (associations, cooperatives, mutuals, foundations).
// - Inclusion structures: SIAE (L5132-4 code du travail: EI, ETTI, AI, ACI, EITI),
//   disability (EA, ESAT); a GEIQ is not an SIAE.
// - Reserved contracts (CCP): L2113-12 disability, L2113-13 insertion, L2113-14 either,
//   L2113-15 ESS. ESS status alone does not qualify for L2113-12/13.
// - SIRET (14 digits) and SIREN (9 digits) carry a Luhn check digit; La Poste's SIREN
//   356000000 (and its establishments) is the known exception.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "match/domain/model.h"

namespace match {

// The size class from headcount and turnover; kUnknown without a headcount. A missing
// turnover does not prevent the derivation (headcount alone decides).
Size DeriveSize(std::optional<int64_t> employees, std::optional<double> turnover_eur);

// True for the legal forms that are ESS by law: association, SCOP, SCIC, coopérative,
// mutuelle, fondation (case- and accent-insensitive, a few spellings).
bool IsEssLegalForm(std::string_view legal_form);

// Whether a supplier may hold a contract with this reservation.
bool EligibleForReserved(Reserved reserved, const Supplier& supplier);
// Who may: "inclusion structures (SIAE)", "EA and ESAT", ...
std::string_view ReservedAudience(Reserved reserved);
// "L2113-13", ...
std::string_view ReservedArticle(Reserved reserved);

bool IsValidSiret(std::string_view siret);
bool IsValidSiren(std::string_view siren);

// What is wrong with an identifier given as a SIRET or a SIREN, for people; empty when
// it is a valid SIRET (14 digits) or SIREN (9 digits). Says whether the length, the
// characters or the check digit fails, e.g.
//   "21940076900013" is not a valid SIRET: it has 14 digits but its check digit (Luhn) fails
std::string SiretProblem(std::string_view id);

}  // namespace match
