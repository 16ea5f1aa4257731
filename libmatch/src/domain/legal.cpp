#include "match/domain/legal.h"

#include <array>
#include <cctype>
#include <string>

namespace match {
namespace {

struct SizeThreshold {
  Size size;
  int64_t max_employees_exclusive;
  double max_turnover_eur;
};
// Décret 2008-1354 art. 3. (The balance-sheet alternative is not collected.)
constexpr std::array<SizeThreshold, 3> kSizeThresholds = {{
    {Size::kMicro, 10, 2e6},
    {Size::kPme, 250, 50e6},
    {Size::kEti, 5000, 1.5e9},
}};

// Lower-case ASCII and fold the accents of the forms we look for.
std::string Fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0xC3 && i + 1 < text.size()) {  // é è ê É È
      unsigned char d = static_cast<unsigned char>(text[++i]);
      if (d == 0xA9 || d == 0xA8 || d == 0xAA || d == 0x89 || d == 0x88) out += 'e';
      continue;
    }
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

constexpr std::array<std::string_view, 9> kEssLegalForms = {
    "association", "scop", "scic", "cooperative", "mutuelle", "fondation", "sa scop", "sarl scop", "cae"};

bool Luhn(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (size_t i = digits.size(); i-- > 0;) {
    if (digits[i] < '0' || digits[i] > '9') return false;
    int d = digits[i] - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

constexpr std::string_view kLaPosteSiren = "356000000";

}  // namespace

Size DeriveSize(std::optional<int64_t> employees, std::optional<double> turnover_eur) {
  if (!employees) return Size::kUnknown;
  for (const auto& t : kSizeThresholds) {
    if (*employees < t.max_employees_exclusive && (!turnover_eur || *turnover_eur <= t.max_turnover_eur)) return t.size;
  }
  return Size::kGe;
}

bool IsEssLegalForm(std::string_view legal_form) {
  std::string folded = Fold(legal_form);
  for (auto form : kEssLegalForms) {
    // The form, alone or followed by a word ("association declaree").
    if (folded.starts_with(form) && (folded.size() == form.size() || folded[form.size()] == ' ')) return true;
  }
  return false;
}

bool EligibleForReserved(Reserved reserved, const Supplier& supplier) {
  switch (reserved) {
    case Reserved::kNone:
      return true;
    case Reserved::kDisability:
      return IsDisabilityStructure(supplier.structure);
    case Reserved::kInsertion:
      return IsSiae(supplier.structure);
    case Reserved::kDisabilityOrInsertion:
      return IsDisabilityStructure(supplier.structure) || IsSiae(supplier.structure);
    case Reserved::kEss:
      return supplier.ess;
  }
  return false;
}

std::string_view ReservedAudience(Reserved reserved) {
  switch (reserved) {
    case Reserved::kNone:
      return "everyone";
    case Reserved::kDisability:
      return "EA and ESAT";
    case Reserved::kInsertion:
      return "inclusion structures (SIAE)";
    case Reserved::kDisabilityOrInsertion:
      return "EA, ESAT and inclusion structures (SIAE)";
    case Reserved::kEss:
      return "ESS enterprises";
  }
  return "";
}

std::string_view ReservedArticle(Reserved reserved) {
  switch (reserved) {
    case Reserved::kNone:
      return "";
    case Reserved::kDisability:
      return "L2113-12";
    case Reserved::kInsertion:
      return "L2113-13";
    case Reserved::kDisabilityOrInsertion:
      return "L2113-14";
    case Reserved::kEss:
      return "L2113-15";
  }
  return "";
}

bool IsValidSiren(std::string_view siren) {
  if (siren.size() != 9) return false;
  return siren == kLaPosteSiren || Luhn(siren);
}

bool IsValidSiret(std::string_view siret) {
  if (siret.size() != 14) return false;
  if (siret.substr(0, 9) == kLaPosteSiren) {
    // La Poste's establishments: Luhn, or the digits sum to a multiple of 5.
    if (Luhn(siret)) return true;
    int sum = 0;
    for (char c : siret) {
      if (c < '0' || c > '9') return false;
      sum += c - '0';
    }
    return sum % 5 == 0;
  }
  return Luhn(siret);
}

std::string SiretProblem(std::string_view id) {
  const auto quoted = [id] { return "\"" + std::string(id) + "\""; };  // only for a problem
  bool digits = id.find_first_not_of("0123456789") == std::string_view::npos;
  if (!digits || (id.size() != 14 && id.size() != 9))
    return quoted() + " is not a valid SIRET (14 digits) or SIREN (9 digits)";
  if (id.size() == 14 ? IsValidSiret(id) : IsValidSiren(id)) return "";
  return quoted() + " is not a valid " + (id.size() == 14 ? "SIRET" : "SIREN") + ": it has " +
         std::to_string(id.size()) + " digits but its check digit (Luhn) fails";
}

}  // namespace match
