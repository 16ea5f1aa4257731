#include "match/io/registration.h"

#include <nlohmann/json.hpp>

#include "io/event_json.h"
#include "io/json_reader.h"

namespace match {
namespace {

// The fields a registration may carry, in the order they are written.
constexpr const char* kFields[] = {"name", "siret",    "commune",   "size",  "ess",  "structure",
                                   "cpv",  "activity", "available", "email", "phone"};

}  // namespace

Result<Registration> ParseRegistration(std::string_view body, const std::string& file, const LoadOptions& options) {
  Diagnostics diag(file);
  JsonReader r(diag);
  auto root = r.Parse(body);
  if (!root) return diag.ToStatus();
  if (!r.Object(*root, "")) return diag.ToStatus();
  for (auto it = root->begin(); it != root->end(); ++it) {
    bool known = false;
    for (const char* field : kFields) known |= it.key() == field;
    if (!known) r.Error(it.key(), "is not a field of a registration");
  }
  // The supplier record checks, as in an event file; wishes are not part of it.
  Supplier supplier;
  std::vector<std::pair<std::string, Level>> wishes;
  nlohmann::json record = nlohmann::json::object();
  for (const char* field : kFields)
    if (auto it = root->find(field);
        it != root->end() && std::string(field) != "email" && std::string(field) != "phone")
      record[field] = *it;
  ReadSupplier(r, record, "", options, supplier, wishes);
  auto siret = r.String(*root, "", "siret", true);
  auto activity = r.String(*root, "", "activity", false);
  auto email = r.String(*root, "", "email", false);
  auto phone = r.String(*root, "", "phone", false);
  bool has_activity = activity && activity->find_first_not_of(" \t\r\n") != std::string::npos;
  if (supplier.cpv.empty() && !has_activity && !root->contains("cpv"))
    r.Error("", "give CPV codes (\"cpv\") or a description of the activity (\"activity\")");
  if (supplier.name.find_first_not_of(" \t\r\n") == std::string::npos && root->contains("name"))
    r.Error("name", "is empty");
  if (!diag.ok()) return diag.ToStatus();
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const char* field : kFields)
    if (auto it = root->find(field); it != root->end()) out[field] = *it;
  Registration registration;
  registration.name = supplier.name;
  registration.siret = siret.value_or("");
  registration.supplier_json = out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  return registration;
}

}  // namespace match
