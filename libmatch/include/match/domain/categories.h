// Supplier categories: the groups of suppliers whose share of meetings metrics report
// and quotas protect (micro firms, SMEs, the social economy, inclusion structures,
// local firms, reuse firms). One table, used by metrics, quotas and their reports.
//
// Thread-safe: pure functions of the event.
#pragma once

#include <array>
#include <string_view>

#include "match/domain/model.h"

namespace match {

enum class Category { kMicro, kPme, kMicroPme, kEss, kInclusion, kLocal, kReuse };

// Every category, in the order metrics list them.
inline constexpr std::array<Category, 7> kCategories = {Category::kMicro, Category::kPme,       Category::kMicroPme,
                                                        Category::kEss,   Category::kInclusion, Category::kLocal,
                                                        Category::kReuse};

// micro, pme, micro_pme, ess, inclusion, local, reuse: the names in schedule.json and rules.
std::string_view CategoryName(Category category);

// Whether SUPPLIER of EVENT belongs to CATEGORY: micro and pme by size; ess by status;
// inclusion for SIAE (EI, ETTI, AI, ACI, EITI) and disability structures (EA, ESAT);
// local as IsLocalSupplier; reuse when the supplier names a reuse activity.
bool InCategory(const Event& event, SupplierIndex supplier, Category category);

// Local supplier: same commune, same intercommunality as the buyer, or in the event's
// territory.
bool IsLocalSupplier(const Event& event, SupplierIndex supplier);

}  // namespace match
