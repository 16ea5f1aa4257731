#include "match/io/event_edit.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "base/limits.h"
#include "io/json_reader.h"

namespace match {
namespace {

using Ordered = nlohmann::ordered_json;

const char* ListKey(InterestKind kind) { return kind == InterestKind::kWishes ? "wishes" : "invitations"; }
const char* IdKey(InterestKind kind) { return kind == InterestKind::kWishes ? "stand" : "supplier"; }

// EVENT_JSON parsed, keys in their order; Invalid when it is not a JSON object.
Result<Ordered> ParseOrdered(std::string_view event_json) {
  Ordered root = Ordered::parse(event_json, nullptr, false);
  if (root.is_discarded() || !root.is_object()) return Status::Invalid("event file: not a JSON object");
  return root;
}

std::string Dump(const Ordered& root) { return root.dump(1, ' ', false, Ordered::error_handler_t::replace) + "\n"; }

Ordered Entries(const std::vector<InterestById>& list, const char* id_key) {
  Ordered out = Ordered::array();
  for (const auto& i : list) out.push_back(Ordered{{id_key, i.id}, {"level", std::string(LevelName(i.level))}});
  return out;
}

}  // namespace

Result<std::vector<InterestById>> ParseInterests(std::string_view body, const std::string& file, InterestKind kind,
                                                 const Event& event) {
  Diagnostics diag(file);
  JsonReader r(diag);
  auto root = r.Parse(body);
  if (!root) return diag.ToStatus();
  if (!r.Object(*root, "")) return diag.ToStatus();
  std::vector<InterestById> out;
  const char* list_key = ListKey(kind);
  const char* id_key = IdKey(kind);
  std::set<std::string> seen;
  if (const auto* list = r.Array(*root, "", list_key, true, kMaxListItems)) {
    for (size_t i = 0; i < list->size(); ++i) {
      std::string path = JsonReader::Item(list_key, i);
      const auto& item = (*list)[i];
      if (!r.Object(item, path)) continue;
      auto id = r.String(item, path, id_key, true);
      auto level =
          r.Enum<Level>(item, path, "level", {{"must", Level::kMust}, {"want", Level::kWant}, {"no", Level::kNo}});
      if (item.find("level") == item.end()) r.Error(path, "\"level\" is missing");
      if (!id || !level) continue;
      bool known =
          kind == InterestKind::kWishes ? event.FindStand(*id).has_value() : event.FindSupplier(*id).has_value();
      if (!known) {
        r.Error(JsonReader::Child(path, id_key),
                JsonReader::Quote(*id) + (kind == InterestKind::kWishes ? " names no stand" : " names no supplier") +
                    " of event " + JsonReader::Quote(event.id));
        continue;
      }
      if (!seen.insert(*id).second) {
        r.Error(JsonReader::Child(path, id_key), JsonReader::Quote(*id) + " is given twice");
        continue;
      }
      out.push_back({*id, *level});
    }
  }
  if (!diag.ok()) return diag.ToStatus();
  return out;
}

std::vector<InterestById> WishesOf(const Event& event, SupplierIndex supplier) {
  std::vector<InterestById> out;
  for (const auto& w : event.wishes)
    if (w.supplier == supplier) out.push_back({event.stands[w.stand].id, w.level});
  return out;
}

std::vector<InterestById> InvitationsOf(const Event& event, StandIndex stand) {
  std::vector<InterestById> out;
  for (const auto& i : event.invitations)
    if (i.stand == stand) out.push_back({event.suppliers[i.supplier].id, i.level});
  return out;
}

std::string InterestsJson(const std::vector<InterestById>& list, InterestKind kind) {
  return Ordered{{ListKey(kind), Entries(list, IdKey(kind))}}.dump(-1, ' ', false, Ordered::error_handler_t::replace);
}

Result<std::string> ReplaceWishes(std::string_view event_json, const std::string& supplier_id,
                                  const std::vector<InterestById>& wishes) {
  auto root = ParseOrdered(event_json);
  if (!root.ok()) return root.status();
  auto suppliers = root->find("suppliers");
  if (suppliers != root->end() && suppliers->is_array()) {
    for (auto& supplier : *suppliers) {
      if (!supplier.is_object() || supplier.value("id", Ordered()) != supplier_id) continue;
      if (wishes.empty())
        supplier.erase("wishes");
      else
        supplier["wishes"] = Entries(wishes, "stand");
      return Dump(*root);
    }
  }
  return Status::NotFound("no supplier \"" + supplier_id + "\" in the event");
}

Result<std::string> ReplaceInvitations(std::string_view event_json, const std::string& stand_id,
                                       const std::vector<InterestById>& invitations) {
  auto root = ParseOrdered(event_json);
  if (!root.ok()) return root.status();
  bool found = false;
  if (auto stands = root->find("stands"); stands != root->end() && stands->is_array())
    for (const auto& stand : *stands) found |= stand.is_object() && stand.value("id", Ordered()) == stand_id;
  if (!found) return Status::NotFound("no stand \"" + stand_id + "\" in the event");
  Ordered kept = Ordered::array();
  if (auto old = root->find("invitations"); old != root->end() && old->is_array())
    for (const auto& entry : *old)
      if (!entry.is_object() || entry.value("stand", Ordered()) != stand_id) kept.push_back(entry);
  for (const auto& i : invitations)
    kept.push_back(Ordered{{"stand", stand_id}, {"supplier", i.id}, {"level", std::string(LevelName(i.level))}});
  if (kept.empty())
    root->erase("invitations");
  else
    (*root)["invitations"] = std::move(kept);
  return Dump(*root);
}

Result<std::string> AppendSupplier(std::string_view event_json, const std::string& supplier_id,
                                   std::string_view supplier_json) {
  auto root = ParseOrdered(event_json);
  if (!root.ok()) return root.status();
  Ordered record = Ordered::parse(supplier_json, nullptr, false);
  if (record.is_discarded() || !record.is_object()) return Status::Invalid("supplier record: not a JSON object");
  Ordered supplier{{"id", supplier_id}};
  for (auto it = record.begin(); it != record.end(); ++it)
    if (it.key() != "id") supplier[it.key()] = it.value();
  auto& suppliers = (*root)["suppliers"];
  if (!suppliers.is_array()) return Status::Invalid("event file: \"suppliers\" is not a list");
  for (const auto& s : suppliers)
    if (s.is_object() && s.value("id", Ordered()) == supplier_id)
      return Status::Invalid("event file: supplier \"" + supplier_id + "\" exists already");
  suppliers.push_back(std::move(supplier));
  return Dump(*root);
}

namespace {

// "must", "want", "no" -> the level; kNone for anything else.
Level LevelNamed(const std::string& name) {
  for (Level level : {Level::kMust, Level::kWant, Level::kNo})
    if (LevelName(level) == name) return level;
  return Level::kNone;
}

}  // namespace

Result<std::string> MergeInvitations(std::string_view event_json, std::string_view invitations_json,
                                     const std::string& file) {
  auto root = ParseOrdered(event_json);
  if (!root.ok()) return root.status();
  Ordered sourced = Ordered::parse(invitations_json, nullptr, false);
  if (sourced.is_discarded() || !sourced.is_object() || !sourced.value("suppliers", Ordered()).is_array() ||
      !sourced.value("invitations", Ordered()).is_array())
    return Status::Invalid(file + ": not an invitations file ({\"suppliers\": [...], \"invitations\": [...]})");
  // The event's suppliers by id and by SIRET.
  std::map<std::string, std::string> by_siret;
  std::set<std::string> ids;
  if (auto suppliers = root->find("suppliers"); suppliers != root->end() && suppliers->is_array())
    for (const auto& s : *suppliers) {
      if (!s.is_object() || !s.value("id", Ordered()).is_string()) continue;
      ids.insert(s["id"].get<std::string>());
      if (s.value("siret", Ordered()).is_string()) by_siret[s["siret"].get<std::string>()] = s["id"];
    }
  std::string text(event_json);
  std::map<std::string, std::string> renamed;  // sourced id -> the event's id for the same SIRET
  for (size_t k = 0; k < sourced["suppliers"].size(); ++k) {
    const Ordered& record = sourced["suppliers"][k];
    if (!record.is_object() || !record.value("id", Ordered()).is_string())
      return Status::Invalid(file + ": suppliers[" + std::to_string(k) + "]: a supplier record with an id is expected");
    std::string id = record["id"];
    std::string siret = record.value("siret", std::string());
    if (auto it = by_siret.find(siret); !siret.empty() && it != by_siret.end()) {
      renamed[id] = it->second;
      continue;
    }
    if (ids.count(id)) continue;
    auto appended = AppendSupplier(text, id, record.dump());
    if (!appended.ok()) return appended.status();
    text = std::move(appended).value();
    ids.insert(id);
  }
  // The new invitations, stand by stand, after those each stand has.
  std::map<std::string, std::vector<InterestById>> by_stand;
  auto current = ParseOrdered(text);
  if (!current.ok()) return current.status();
  if (auto old = current->find("invitations"); old != current->end() && old->is_array())
    for (const auto& i : *old)
      if (i.is_object() && i.value("stand", Ordered()).is_string() && i.value("supplier", Ordered()).is_string())
        by_stand[i["stand"]].push_back({i["supplier"], LevelNamed(i.value("level", std::string("want")))});
  std::set<std::string> touched;
  for (size_t k = 0; k < sourced["invitations"].size(); ++k) {
    const Ordered& i = sourced["invitations"][k];
    const std::string where = file + ": invitations[" + std::to_string(k) + "]";
    if (!i.is_object() || !i.value("stand", Ordered()).is_string() || !i.value("supplier", Ordered()).is_string())
      return Status::Invalid(where + ": {\"stand\", \"supplier\", \"level\"} is expected");
    std::string supplier = i["supplier"];
    if (auto it = renamed.find(supplier); it != renamed.end()) supplier = it->second;
    Level level = LevelNamed(i.value("level", std::string("want")));
    if (level != Level::kMust && level != Level::kWant)
      return Status::Invalid(where + ".level: \"" + i.value("level", std::string()) + "\" is not must or want");
    auto& list = by_stand[i["stand"]];
    bool listed = false;
    for (const auto& existing : list) listed |= existing.id == supplier;
    if (!listed) list.push_back({supplier, level});
    touched.insert(i["stand"].get<std::string>());
  }
  for (const std::string& stand : touched) {
    auto replaced = ReplaceInvitations(text, stand, by_stand[stand]);
    if (!replaced.ok()) return Status::Invalid(file + ": " + replaced.status().ToString());
    text = std::move(replaced).value();
  }
  return text;
}

}  // namespace match
