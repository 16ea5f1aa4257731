#include "match/domain/categories.h"

#include "match/domain/legal.h"
#include "match/domain/territory.h"

namespace match {

std::string_view CategoryName(Category category) {
  switch (category) {
    case Category::kMicro:
      return "micro";
    case Category::kPme:
      return "pme";
    case Category::kMicroPme:
      return "micro_pme";
    case Category::kEss:
      return "ess";
    case Category::kInclusion:
      return "inclusion";
    case Category::kLocal:
      return "local";
    case Category::kReuse:
      return "reuse";
  }
  return "";
}

bool InCategory(const Event& event, SupplierIndex supplier, Category category) {
  const Supplier& s = event.suppliers[supplier];
  switch (category) {
    case Category::kMicro:
      return s.size == Size::kMicro;
    case Category::kPme:
      return s.size == Size::kPme;
    case Category::kMicroPme:
      return s.size == Size::kMicro || s.size == Size::kPme;
    case Category::kEss:
      return s.ess;
    case Category::kInclusion:
      return IsSiae(s.structure) || IsDisabilityStructure(s.structure);
    case Category::kLocal:
      return IsLocalSupplier(event, supplier);
    case Category::kReuse:
      return !s.reuse.empty();
  }
  return false;
}

bool IsLocalSupplier(const Event& event, SupplierIndex supplier) {
  const std::string& commune = event.suppliers[supplier].commune;
  if (commune.empty()) return false;
  const Territory& territory = Territory::Builtin();
  if (territory.InArea(commune, event.territory)) return true;
  if (event.commune.empty()) return false;
  LocalityTier tier = territory.Tier(commune, event.commune);
  return tier == LocalityTier::kSameCommune || tier == LocalityTier::kSameIntercommunality;
}

}  // namespace match
