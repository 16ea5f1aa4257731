// The supplier category table (match/domain/categories.h): one definition of micro,
// pme, ESS, inclusion, local and reuse suppliers, shared by metrics and quotas.
#include <catch2/catch.hpp>

#include "event_builder.h"
#include "match/domain/categories.h"
#include "match/io/rules.h"
#include "match/schedule/metrics.h"
#include "match/schedule/schedule.h"
#include "match/score/scoring.h"

using namespace match;
using event_builder::json;

namespace {

Event CategoryEvent() {
  json doc = event_builder::MinimalEvent();
  json& suppliers = doc["suppliers"];
  suppliers.push_back(event_builder::Supplier("micro", {"39130000"}, "13055"));
  suppliers.back()["size"] = "micro";
  suppliers.push_back(event_builder::Supplier("pme-ess", {"39130000"}, "13055"));
  suppliers.back()["size"] = "pme";
  suppliers.back()["ess"] = true;
  suppliers.push_back(event_builder::Supplier("esat", {"39130000"}, "13055"));
  suppliers.back()["structure"] = "ESAT";
  suppliers.push_back(event_builder::Supplier("ei-reuse", {"39130000"}, "13055"));
  suppliers.back()["structure"] = "EI";
  suppliers.back()["reuse"] = json::array({"reemploi"});
  suppliers.push_back(event_builder::Supplier("ge", {"39130000"}, "13055"));
  suppliers.back()["size"] = "ge";
  return event_builder::Parse(doc);
}

}  // namespace

TEST_CASE("each category has one definition, by name", "[categories]") {
  Event event = CategoryEvent();
  auto member = [&](const char* id, Category c) { return InCategory(event, *event.FindSupplier(id), c); };
  CHECK(member("micro", Category::kMicro));
  CHECK(member("micro", Category::kMicroPme));
  CHECK_FALSE(member("micro", Category::kPme));
  CHECK(member("pme-ess", Category::kPme));
  CHECK(member("pme-ess", Category::kEss));
  CHECK(member("esat", Category::kInclusion));
  CHECK(member("ei-reuse", Category::kInclusion));
  CHECK(member("ei-reuse", Category::kReuse));
  CHECK_FALSE(member("ge", Category::kMicroPme));
  CHECK_FALSE(member("ge", Category::kLocal));  // Marseille, far from Villejuif
  CHECK(member("f1", Category::kLocal));        // Villejuif itself
  std::vector<std::string> names;
  for (Category c : kCategories) names.push_back(std::string(CategoryName(c)));
  CHECK(names == std::vector<std::string>{"micro", "pme", "micro_pme", "ess", "inclusion", "local", "reuse"});
}

TEST_CASE("metrics report the shares of the category table", "[categories][metrics]") {
  Event event = CategoryEvent();
  Metrics m = ComputeMetrics(event, {}, std::vector<bool>(event.suppliers.size(), true));
  REQUIRE(m.shares.size() == kCategories.size());
  for (size_t i = 0; i < kCategories.size(); ++i) {
    CHECK(m.shares[i].category == CategoryName(kCategories[i]));
    int members = 0;
    for (SupplierIndex s = 0; s < static_cast<SupplierIndex>(event.suppliers.size()); ++s)
      members += InCategory(event, s, kCategories[i]);
    CHECK(m.shares[i].registrants == Approx(static_cast<double>(members) / event.suppliers.size()));
  }
}
