#include "match/io/event_io.h"

#include <algorithm>
#include <set>

#include "base/limits.h"
#include "io/event_json.h"
#include "match/base/files.h"
#include "match/domain/legal.h"
#include "match/domain/territory.h"

namespace match {
namespace {

using json = nlohmann::json;

std::vector<CpvCode> ReadCpvList(JsonReader& r, const json& obj, const std::string& path, bool required,
                                 const LoadOptions& options) {
  std::vector<CpvCode> out;
  const json* list = r.Array(obj, path, "cpv", required, kMaxListItems);
  if (!list) return out;
  std::string list_path = JsonReader::Child(path, "cpv");
  if (required && list->empty()) r.Error(list_path, "the list is empty");
  for (size_t i = 0; i < list->size(); ++i) {
    const json& item = (*list)[i];
    std::string item_path = JsonReader::Item(list_path, i);
    auto code = item.is_string() ? CpvCode::Parse(item.get<std::string>()) : std::nullopt;
    if (!code) {
      r.Error(item_path, JsonReader::Quote(item) + " is not a CPV code");
      continue;
    }
    if (options.cpv_list) {
      if (!options.cpv_list->Contains(*code)) {
        r.Error(item_path, JsonReader::Quote(item) + " is not in the official CPV list");
        continue;
      }
      auto official = options.cpv_list->CheckDigit(*code);
      if (code->check_digit() && official && *official != *code->check_digit()) {
        r.Error(item_path, JsonReader::Quote(item) + " has the wrong check digit (the official code is " +
                               code->ToString() + "-" + std::to_string(*official) + ")");
        continue;
      }
    }
    out.push_back(*code);
  }
  return out;
}

void CheckSiret(JsonReader& r, const std::string& path, const std::optional<std::string>& siret) {
  if (!siret) return;
  if (std::string problem = SiretProblem(*siret); !problem.empty()) r.Error(path, problem);
}

// Records ID at PATH; reports a duplicate of an earlier one.
bool Unique(JsonReader& r, std::map<std::string, std::string>& seen, const std::string& id, const std::string& path) {
  auto [it, inserted] = seen.emplace(id, path);
  if (!inserted) r.Error(path, JsonReader::Quote(id) + " is a duplicate of " + it->second);
  return inserted;
}

std::optional<Level> ReadLevel(JsonReader& r, const json& obj, const std::string& path) {
  auto it = obj.find("level");
  if (it == obj.end() || it->is_null()) {
    r.Error(path, "\"level\" is missing");
    return std::nullopt;
  }
  return r.Enum<Level>(obj, path, "level", {{"must", Level::kMust}, {"want", Level::kWant}, {"no", Level::kNo}});
}

// YYYY-MM-DD naming a real day of the Gregorian calendar.
// The optional "departement" of a buyer or supplier at PATH whose commune (if any) is
// COMMUNE: a département of the territory table, and the commune's when both are given.
void ReadDepartement(JsonReader& r, const json& node, const std::string& path, const std::string& commune,
                     std::string& out) {
  auto code = r.String(node, path, "departement", false);
  if (!code) return;
  const std::string where = JsonReader::Child(path, "departement");
  const Territory& territory = Territory::Builtin();
  if (territory.DepartementName(*code).empty()) {
    r.Error(where, JsonReader::Quote(*code) + " is not a département code of the territory table");
    return;
  }
  if (const Commune* c = commune.empty() ? nullptr : territory.Find(commune); c && c->departement != *code) {
    r.Error(where, JsonReader::Quote(*code) + " is not the département of commune " + JsonReader::Quote(commune) +
                       " (" + std::string(c->departement) + ")");
    return;
  }
  out = *code;
}

bool IsDate(const std::string& date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(date[i]))) return false;
  int year = std::stoi(date.substr(0, 4)), month = std::stoi(date.substr(5, 2)), day = std::stoi(date.substr(8, 2));
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

void ReadEventHeader(JsonReader& r, const json& node, Event& event) {
  const std::string path = "event";
  if (!r.Object(node, path)) return;
  if (auto id = r.Id(node, path, "id")) event.id = *id;
  event.name = r.String(node, path, "name", true).value_or("");
  if (auto date = r.String(node, path, "date", true)) {
    if (!IsDate(*date))
      r.Error(JsonReader::Child(path, "date"), JsonReader::Quote(*date) + " is not a date (YYYY-MM-DD)");
    else
      event.date = *date;
  }
  if (auto commune = r.String(node, path, "commune", false)) {
    if (CheckCommune(r, JsonReader::Child(path, "commune"), *commune)) event.commune = *commune;
  }
  if (auto territory = r.StringList(node, path, "territory")) {
    for (size_t i = 0; i < territory->size(); ++i) {
      if (CheckCommune(r, JsonReader::Item(JsonReader::Child(path, "territory"), i), (*territory)[i]))
        event.territory.push_back((*territory)[i]);
    }
  }
  event.sessions = r.Windows(node, path, "sessions", true);
  for (size_t i = 1; i < event.sessions.size(); ++i) {
    if (event.sessions[i].start < event.sessions[i - 1].end)
      r.Error(JsonReader::Item(JsonReader::Child(path, "sessions"), i),
              "the session starts (" + FormatTime(event.sessions[i].start) + ") before the previous one ends (" +
                  FormatTime(event.sessions[i - 1].end) + ")");
  }
  event.slot_minutes = static_cast<int>(r.Integer(node, path, "slot_minutes", 1, 480).value_or(10));
  if (auto close = r.String(node, path, "wishes_close", false)) {
    if (auto at = ParseDateTime(*close)) {
      event.wishes_close = *close;
      event.wishes_close_at = at;
    } else {
      r.Error(JsonReader::Child(path, "wishes_close"),
              JsonReader::Quote(*close) + " is not a date-time (YYYY-MM-DDTHH:MM, optionally with an offset)");
    }
  }
  if (const json* breaks = r.Array(node, path, "breaks", false, kMaxListItems)) {
    for (size_t i = 0; i < breaks->size(); ++i) {
      std::string item_path = JsonReader::Item(JsonReader::Child(path, "breaks"), i);
      auto window = r.WindowAt((*breaks)[i], item_path);
      if (!window) continue;
      event.breaks.push_back({*window, r.String((*breaks)[i], item_path, "label", false).value_or("")});
    }
  }
}

void ReadBuyers(JsonReader& r, const json& root, Event& event, std::map<std::string, BuyerIndex>& index) {
  const json* buyers = r.Array(root, "", "buyers", true, kMaxBuyers);
  if (!buyers) return;
  std::map<std::string, std::string> seen;
  for (size_t i = 0; i < buyers->size(); ++i) {
    std::string path = JsonReader::Item("buyers", i);
    const json& node = (*buyers)[i];
    if (!r.Object(node, path)) continue;
    Buyer buyer;
    auto id = r.Id(node, path, "id");
    buyer.name = r.String(node, path, "name", true).value_or("");
    buyer.kind = r.String(node, path, "kind", false).value_or("");
    if (auto commune = r.String(node, path, "commune", false)) {
      if (CheckCommune(r, JsonReader::Child(path, "commune"), *commune)) buyer.commune = *commune;
    }
    ReadDepartement(r, node, path, buyer.commune, buyer.departement);
    auto siret = r.String(node, path, "siret", false);
    CheckSiret(r, JsonReader::Child(path, "siret"), siret);
    buyer.siret = siret.value_or("");
    if (!id || !Unique(r, seen, *id, JsonReader::Child(path, "id"))) continue;
    buyer.id = *id;
    index[buyer.id] = static_cast<BuyerIndex>(event.buyers.size());
    event.buyers.push_back(std::move(buyer));
  }
}

void ReadNeed(JsonReader& r, const json& node, const std::string& path, const LoadOptions& options, Need& need) {
  need.title = r.String(node, path, "title", true).value_or("");
  need.description = r.String(node, path, "description", false).value_or("");
  need.cpv = ReadCpvList(r, node, path, true, options);
  need.amount_eur = r.Number(node, path, "amount_eur", 0, 1e13);
  if (auto quarter = r.String(node, path, "quarter", false)) {
    bool ok = quarter->size() == 7 && quarter->substr(4, 2) == "-Q" && (*quarter)[6] >= '1' && (*quarter)[6] <= '4';
    for (int i = 0; i < 4 && ok; ++i) ok = (*quarter)[i] >= '0' && (*quarter)[i] <= '9';
    if (!ok)
      r.Error(JsonReader::Child(path, "quarter"), JsonReader::Quote(*quarter) + " is not a quarter (YYYY-Qn)");
    else
      need.quarter = *quarter;
  }
  need.reserved = r.Enum<Reserved>(node, path, "reserved",
                                   {{"none", Reserved::kNone},
                                    {"disability", Reserved::kDisability},
                                    {"insertion", Reserved::kInsertion},
                                    {"disability-or-insertion", Reserved::kDisabilityOrInsertion},
                                    {"ess", Reserved::kEss}})
                      .value_or(Reserved::kNone);
  need.reuse = r.Bool(node, path, "reuse").value_or(false);
  need.insertion_clause_pct = r.Number(node, path, "insertion_clause_pct", 0, 100).value_or(0);
}

void ReadStands(JsonReader& r, const json& root, const LoadOptions& options, Event& event,
                const std::map<std::string, BuyerIndex>& buyer_index) {
  const json* stands = r.Array(root, "", "stands", true, kMaxStands);
  if (!stands) return;
  std::map<std::string, std::string> seen;
  for (size_t i = 0; i < stands->size(); ++i) {
    std::string path = JsonReader::Item("stands", i);
    const json& node = (*stands)[i];
    if (!r.Object(node, path)) continue;
    Stand stand;
    auto id = r.Id(node, path, "id");
    if (auto buyer = r.String(node, path, "buyer", true)) {
      auto it = buyer_index.find(*buyer);
      if (it == buyer_index.end())
        r.Error(JsonReader::Child(path, "buyer"), JsonReader::Quote(*buyer) + " names no buyer");
      else
        stand.buyer = it->second;
    }
    stand.title = r.String(node, path, "title", true).value_or("");
    stand.tables = static_cast<int>(r.Integer(node, path, "tables", 1, 1000).value_or(1));
    stand.available = r.Windows(node, path, "available", false);
    const json* needs = r.Array(node, path, "needs", true, kMaxNeedsPerStand);
    std::vector<Need> stand_needs;
    if (needs) {
      std::map<std::string, std::string> seen_needs;
      for (size_t n = 0; n < needs->size(); ++n) {
        std::string need_path = JsonReader::Item(JsonReader::Child(path, "needs"), n);
        const json& need_node = (*needs)[n];
        if (!r.Object(need_node, need_path)) continue;
        Need need;
        auto need_id = r.Id(need_node, need_path, "id");
        ReadNeed(r, need_node, need_path, options, need);
        if (!need_id || !Unique(r, seen_needs, *need_id, JsonReader::Child(need_path, "id"))) continue;
        need.id = *need_id;
        stand_needs.push_back(std::move(need));
      }
      if (needs->empty()) r.Error(JsonReader::Child(path, "needs"), "the list is empty");
    }
    if (!id || !Unique(r, seen, *id, JsonReader::Child(path, "id"))) continue;
    stand.id = *id;
    StandIndex index = static_cast<StandIndex>(event.stands.size());
    for (auto& need : stand_needs) {
      need.stand = index;
      stand.needs.push_back(static_cast<NeedIndex>(event.needs.size()));
      event.needs.push_back(std::move(need));
    }
    event.stand_index[stand.id] = index;
    event.stands.push_back(std::move(stand));
    if (event.needs.size() > kMaxNeeds) {
      r.Error("stands", "more than " + std::to_string(kMaxNeeds) + " needs in all (the limit) by " + path);
      return;
    }
  }
}

void AddInterest(JsonReader& r, std::vector<Interest>& list, std::unordered_map<int64_t, Level>& levels,
                 SupplierIndex supplier, StandIndex stand, Level level, const std::string& path) {
  auto [it, inserted] = levels.emplace(Event::PairKey(supplier, stand), level);
  if (!inserted) {
    r.Error(path, "a second entry for the same pair");
    return;
  }
  list.push_back({supplier, stand, level});
}

}  // namespace

bool CheckCommune(JsonReader& r, const std::string& path, const std::string& code) {
  if (!IsInseeCodeSyntax(code)) {
    r.Error(path, JsonReader::Quote(code) + " is not an INSEE commune code");
    return false;
  }
  if (!Territory::Builtin().Find(code)) {
    r.Error(path, JsonReader::Quote(code) + " is not a commune of the territory table");
    return false;
  }
  return true;
}

void WarnNoSlot(JsonReader& r, const std::string& path, const std::vector<bool>& slots) {
  if (std::find(slots.begin(), slots.end(), true) == slots.end())
    r.Warning(path, "the availability leaves no meeting slot");
}

void ReadSupplier(JsonReader& r, const json& node, const std::string& path, const LoadOptions& options, Supplier& s,
                  std::vector<std::pair<std::string, Level>>& wishes) {
  s.name = r.String(node, path, "name", true).value_or("");
  auto siret = r.String(node, path, "siret", false);
  CheckSiret(r, JsonReader::Child(path, "siret"), siret);
  s.siret = siret.value_or("");
  if (auto commune = r.String(node, path, "commune", false)) {
    if (CheckCommune(r, JsonReader::Child(path, "commune"), *commune)) s.commune = *commune;
  }
  ReadDepartement(r, node, path, s.commune, s.departement);
  s.employees = r.Integer(node, path, "employees", 0, 10'000'000);
  s.turnover_eur = r.Number(node, path, "turnover_eur", 0, 1e13);
  auto size = r.Enum<Size>(node, path, "size",
                           {{"micro", Size::kMicro}, {"pme", Size::kPme}, {"eti", Size::kEti}, {"ge", Size::kGe}});
  s.size = size ? *size : DeriveSize(s.employees, s.turnover_eur);
  s.legal_form = r.String(node, path, "legal_form", false).value_or("");
  s.activity = r.String(node, path, "activity", false).value_or("");
  auto ess = r.Bool(node, path, "ess");
  s.ess = ess ? *ess : IsEssLegalForm(s.legal_form);
  s.structure = r.Enum<Structure>(node, path, "structure",
                                  {{"EI", Structure::kEI},
                                   {"ETTI", Structure::kETTI},
                                   {"AI", Structure::kAI},
                                   {"ACI", Structure::kACI},
                                   {"EITI", Structure::kEITI},
                                   {"EA", Structure::kEA},
                                   {"ESAT", Structure::kESAT},
                                   {"GEIQ", Structure::kGEIQ}})
                    .value_or(Structure::kNone);
  s.cpv = ReadCpvList(r, node, path, false, options);
  if (auto naf = r.String(node, path, "naf", false)) {
    auto digit = [&](int i) { return (*naf)[i] >= '0' && (*naf)[i] <= '9'; };
    bool ok = naf->size() == 6 && digit(0) && digit(1) && (*naf)[2] == '.' && digit(3) && digit(4) &&
              (*naf)[5] >= 'A' && (*naf)[5] <= 'Z';
    if (!ok) r.Error(JsonReader::Child(path, "naf"), JsonReader::Quote(*naf) + " is not a NAF code (e.g. 31.01Z)");
    s.naf = *naf;
  }
  if (auto reuse = r.StringList(node, path, "reuse")) {
    for (size_t i = 0; i < reuse->size(); ++i) {
      const auto& kind = (*reuse)[i];
      if (kind != "reemploi" && kind != "reconditionnement" && kind != "recyclage" && kind != "location")
        r.Error(JsonReader::Item(JsonReader::Child(path, "reuse"), i),
                JsonReader::Quote(kind) + " is not one of reemploi, reconditionnement, recyclage, location");
      else
        s.reuse.push_back(kind);
    }
  }
  s.labels = r.StringList(node, path, "labels").value_or(std::vector<std::string>{});
  s.lat = r.Number(node, path, "lat", -90, 90);
  s.lon = r.Number(node, path, "lon", -180, 180);
  s.available = r.Windows(node, path, "available", false);
  if (auto max = r.Integer(node, path, "max_meetings", 0, 10000)) s.max_meetings = static_cast<int>(*max);
  if (const json* list = r.Array(node, path, "wishes", false, kMaxListItems)) {
    for (size_t i = 0; i < list->size(); ++i) {
      std::string item_path = JsonReader::Item(JsonReader::Child(path, "wishes"), i);
      const json& item = (*list)[i];
      if (!r.Object(item, item_path)) continue;
      auto stand = r.String(item, item_path, "stand", true);
      auto level = ReadLevel(r, item, item_path);
      if (stand && level) wishes.emplace_back(*stand, *level);
    }
  }
}

Result<Event> ParseEvent(std::string_view json_text, const std::string& file_name, const LoadOptions& options) {
  Diagnostics diag(file_name);
  JsonReader r(diag);
  auto root = r.Parse(json_text);
  if (!root) return diag.ToStatus();
  if (!r.Object(*root, "")) return diag.ToStatus();
  Event event;
  r.Format(*root, "standmatch.event/1");
  auto header = root->find("event");
  if (header == root->end())
    r.Error("", "\"event\" is missing");
  else
    ReadEventHeader(r, *header, event);

  std::map<std::string, BuyerIndex> buyer_index;
  ReadBuyers(r, *root, event, buyer_index);
  ReadStands(r, *root, options, event, buyer_index);

  // Suppliers; their wishes are resolved once all stands are known.
  struct PendingWish {
    SupplierIndex supplier;
    std::string stand;
    Level level;
    std::string path;
  };
  std::vector<PendingWish> pending;
  if (const json* suppliers = r.Array(*root, "", "suppliers", true, kMaxSuppliers)) {
    std::map<std::string, std::string> seen;
    for (size_t i = 0; i < suppliers->size(); ++i) {
      std::string path = JsonReader::Item("suppliers", i);
      const json& node = (*suppliers)[i];
      if (!r.Object(node, path)) continue;
      Supplier supplier;
      auto id = r.Id(node, path, "id");
      std::vector<std::pair<std::string, Level>> wishes;
      ReadSupplier(r, node, path, options, supplier, wishes);
      if (!id || !Unique(r, seen, *id, JsonReader::Child(path, "id"))) continue;
      supplier.id = *id;
      SupplierIndex index = static_cast<SupplierIndex>(event.suppliers.size());
      for (size_t w = 0; w < wishes.size(); ++w)
        pending.push_back(
            {index, wishes[w].first, wishes[w].second, JsonReader::Item(JsonReader::Child(path, "wishes"), w)});
      event.supplier_index[supplier.id] = index;
      event.suppliers.push_back(std::move(supplier));
    }
  }
  const bool stands_readable =
      root->contains("stands") && (*root)["stands"].is_array() && (*root)["stands"].size() <= kMaxStands;
  for (const auto& wish : pending) {
    auto stand = event.FindStand(wish.stand);
    if (!stand) {
      // Only when the stand list itself was readable: otherwise the cause is reported already.
      if (stands_readable)
        r.Error(JsonReader::Child(wish.path, "stand"), JsonReader::Quote(wish.stand) + " names no stand");
      continue;
    }
    AddInterest(r, event.wishes, event.wish_levels, wish.supplier, *stand, wish.level, wish.path);
  }
  if (const json* invitations = r.Array(*root, "", "invitations", false, kMaxInvitations)) {
    for (size_t i = 0; i < invitations->size(); ++i) {
      std::string path = JsonReader::Item("invitations", i);
      const json& node = (*invitations)[i];
      if (!r.Object(node, path)) continue;
      auto stand_id = r.String(node, path, "stand", true);
      auto supplier_id = r.String(node, path, "supplier", true);
      auto level = ReadLevel(r, node, path);
      std::optional<StandIndex> stand;
      std::optional<SupplierIndex> supplier;
      if (stand_id && !(stand = event.FindStand(*stand_id)))
        r.Error(JsonReader::Child(path, "stand"), JsonReader::Quote(*stand_id) + " names no stand");
      if (supplier_id && !(supplier = event.FindSupplier(*supplier_id)))
        r.Error(JsonReader::Child(path, "supplier"), JsonReader::Quote(*supplier_id) + " names no supplier");
      if (stand && supplier && level)
        AddInterest(r, event.invitations, event.invitation_levels, *supplier, *stand, *level, path);
    }
  }
  if (!diag.ok()) return diag.ToStatus();

  BuildSlots(event);
  if (event.slots.empty()) r.Error("event.sessions", "the sessions and breaks leave no meeting slot");
  for (size_t i = 0; i < event.stands.size(); ++i)
    WarnNoSlot(r, JsonReader::Item("stands", i) + ".available", event.stands[i].slots);
  for (size_t i = 0; i < event.suppliers.size(); ++i)
    WarnNoSlot(r, JsonReader::Item("suppliers", i) + ".available", event.suppliers[i].slots);
  if (options.warnings) *options.warnings = diag.warnings();
  if (!diag.ok()) return diag.ToStatus();
  return event;
}

Result<Event> LoadEvent(const std::string& path, const LoadOptions& options) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseEvent(*text, path, options);
}

}  // namespace match
