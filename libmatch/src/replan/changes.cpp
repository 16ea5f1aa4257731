// The changes file (standmatch.changes/1) and the event as changed from `now` on.
#include "match/replan/changes.h"

#include <algorithm>
#include <limits>
#include <map>

#include "base/limits.h"
#include "io/event_json.h"
#include "io/json_reader.h"
#include "match/base/files.h"

namespace match {
namespace {

using json = nlohmann::json;

constexpr std::pair<const char*, Change::Kind> kKinds[] = {
    {"cancel_supplier", Change::Kind::kCancelSupplier}, {"no_show", Change::Kind::kNoShow},
    {"availability", Change::Kind::kAvailability},      {"walk_in", Change::Kind::kWalkIn},
    {"stand_tables", Change::Kind::kStandTables},       {"stand_availability", Change::Kind::kStandAvailability},
    {"cancel_meeting", Change::Kind::kCancelMeeting},   {"lock_meeting", Change::Kind::kLockMeeting},
};

// A window list that contains no slot at all (an empty list means "all sessions").
// A window list that contains no slot at all (an empty list means "all sessions"); a
// valid window of the event format, 00:00-00:01.
const std::vector<Window> kNever = {{0, 1}};

// Reads the changes of one file; walk-in ids are known beforehand so that any change
// may name a walk-in.
class ChangesReader {
 public:
  ChangesReader(JsonReader& reader, const Event& event, const Schedule& schedule, const LoadOptions& options,
                ChangeSet& out)
      : r_(reader), event_(event), options_(options), out_(out) {
    for (const auto& m : schedule.meetings) meetings_.insert({m.supplier, m.stand});
  }

  void Read(const json& list) {
    // First the walk-in ids, so that changes before a walk-in may name it too.
    for (const auto& node : list) {
      if (!node.is_object() || node.value("kind", json()) != "walk_in") continue;
      auto record = node.find("supplier");
      if (record == node.end() || !record->is_object()) continue;
      auto id = record->find("id");
      if (id == record->end() || !id->is_string()) continue;
      const std::string& text = id->get_ref<const std::string&>();
      if (!event_.FindSupplier(text) && !walk_in_index_.count(text))
        walk_in_index_.emplace(text, static_cast<SupplierIndex>(event_.suppliers.size() + walk_in_index_.size()));
    }
    for (size_t i = 0; i < list.size(); ++i) ReadChange(list[i], JsonReader::Item("changes", i));
  }

 private:
  void ReadChange(const json& node, const std::string& path) {
    if (!r_.Object(node, path)) return;
    Change change;
    change.path = path;
    if (node.find("kind") == node.end()) {
      r_.Error(path, "\"kind\" is missing");
      return;
    }
    auto kind = r_.Enum<Change::Kind>(
        node, path, "kind", {kKinds[0], kKinds[1], kKinds[2], kKinds[3], kKinds[4], kKinds[5], kKinds[6], kKinds[7]});
    if (!kind) return;
    change.kind = *kind;
    bool ok = true;
    switch (change.kind) {
      case Change::Kind::kCancelSupplier:
        ok = ReadSupplierRef(node, path, change);
        break;
      case Change::Kind::kNoShow:
        ok = ReadSupplierRef(node, path, change);
        if (node.find("stand") != node.end()) ok = ReadStandRef(node, path, change, false) && ok;
        if (ok && change.stand >= 0) ok = RequireMeeting(path, change);
        break;
      case Change::Kind::kAvailability:
        ok = ReadSupplierRef(node, path, change);
        ok = ReadWindows(node, path, change) && ok;
        break;
      case Change::Kind::kWalkIn:
        ok = ReadWalkIn(node, path, change);
        break;
      case Change::Kind::kStandTables: {
        ok = ReadStandRef(node, path, change, true);
        auto tables = r_.Integer(node, path, "tables", 1, 1000);
        if (!tables && node.find("tables") == node.end()) r_.Error(path, "\"tables\" is missing");
        if (!tables) ok = false;
        change.tables = static_cast<int>(tables.value_or(0));
        break;
      }
      case Change::Kind::kStandAvailability:
        ok = ReadStandRef(node, path, change, true);
        ok = ReadWindows(node, path, change) && ok;
        break;
      case Change::Kind::kCancelMeeting:
      case Change::Kind::kLockMeeting:
        ok = ReadSupplierRef(node, path, change);
        ok = ReadStandRef(node, path, change, true) && ok;
        if (ok) ok = RequireMeeting(path, change);
        break;
    }
    if (ok) out_.changes.push_back(std::move(change));
  }

  bool ReadSupplierRef(const json& node, const std::string& path, Change& change) {
    auto id = r_.String(node, path, "supplier", true);
    if (!id) return false;
    if (auto s = event_.FindSupplier(*id)) {
      change.supplier = *s;
      return true;
    }
    if (auto it = walk_in_index_.find(*id); it != walk_in_index_.end()) {
      change.supplier = it->second;
      return true;
    }
    r_.Error(JsonReader::Child(path, "supplier"), JsonReader::Quote(*id) + " names no supplier");
    return false;
  }

  bool ReadStandRef(const json& node, const std::string& path, Change& change, bool required) {
    auto id = r_.String(node, path, "stand", required);
    if (!id) return false;
    auto t = event_.FindStand(*id);
    if (!t) {
      r_.Error(JsonReader::Child(path, "stand"), JsonReader::Quote(*id) + " names no stand");
      return false;
    }
    change.stand = *t;
    return true;
  }

  bool RequireMeeting(const std::string& path, const Change& change) {
    if (meetings_.count({change.supplier, change.stand})) return true;
    r_.Error(path, "the schedule holds no meeting between " + JsonReader::Quote(SupplierId(change.supplier)) + " and " +
                       JsonReader::Quote(event_.stands[change.stand].id));
    return false;
  }

  bool ReadWindows(const json& node, const std::string& path, Change& change) {
    if (!r_.Array(node, path, "available", true)) return false;
    const size_t errors = r_.diagnostics().errors().size();
    change.available = r_.Windows(node, path, "available", false);
    return r_.diagnostics().errors().size() == errors;
  }

  bool ReadWalkIn(const json& node, const std::string& path, Change& change) {
    const std::string record_path = JsonReader::Child(path, "supplier");
    auto record = node.find("supplier");
    if (record == node.end()) {
      r_.Error(path, "\"supplier\" is missing");
      return false;
    }
    if (!r_.Object(*record, record_path)) return false;
    const size_t errors = r_.diagnostics().errors().size();
    auto id = r_.Id(*record, record_path, "id");
    Supplier supplier;
    std::vector<std::pair<std::string, Level>> wishes;
    ReadSupplier(r_, *record, record_path, options_, supplier, wishes);
    if (!id) return false;
    const std::string id_path = JsonReader::Child(record_path, "id");
    if (event_.FindSupplier(*id)) {
      r_.Error(id_path, JsonReader::Quote(*id) + " is already a supplier of the event");
      return false;
    }
    auto it = walk_in_index_.find(*id);
    const SupplierIndex index = static_cast<SupplierIndex>(event_.suppliers.size() + out_.walk_ins.size());
    if (it == walk_in_index_.end() || it->second != index) {
      r_.Error(id_path, JsonReader::Quote(*id) + " walks in twice");
      return false;
    }
    for (size_t w = 0; w < wishes.size(); ++w) {
      const std::string wish_path = JsonReader::Item(JsonReader::Child(record_path, "wishes"), w);
      auto stand = event_.FindStand(wishes[w].first);
      if (!stand) {
        r_.Error(JsonReader::Child(wish_path, "stand"), JsonReader::Quote(wishes[w].first) + " names no stand");
        continue;
      }
      bool twice = false;
      for (const auto& earlier : out_.walk_in_wishes)
        twice = twice || (earlier.supplier == index && earlier.stand == *stand);
      if (twice) {
        r_.Error(wish_path, "a second entry for the same pair");
        continue;
      }
      out_.walk_in_wishes.push_back({index, *stand, wishes[w].second});
    }
    if (event_.suppliers.size() + out_.walk_ins.size() >= kMaxSuppliers) {
      r_.Error(record_path,
               "the walk-in would take the event past the limit of " + std::to_string(kMaxSuppliers) + " suppliers");
      return false;
    }
    if (r_.diagnostics().errors().size() != errors) return false;
    supplier.id = *id;
    change.supplier = index;
    out_.walk_ins.push_back(std::move(supplier));
    out_.walk_in_records.push_back(record->dump());
    return true;
  }

  std::string SupplierId(SupplierIndex s) const {
    if (s < static_cast<SupplierIndex>(event_.suppliers.size())) return event_.suppliers[s].id;
    for (const auto& [id, index] : walk_in_index_)
      if (index == s) return id;
    return "";
  }

  JsonReader& r_;
  const Event& event_;
  const LoadOptions& options_;
  ChangeSet& out_;
  std::set<std::pair<SupplierIndex, StandIndex>> meetings_;
  std::map<std::string, SupplierIndex, std::less<>> walk_in_index_;
};

// The part of WINDOWS (empty: the sessions) before CUT, followed by the part of NEW_WINDOWS
// (empty: no slot) from CUT on.
std::vector<Window> Splice(const Event& event, const std::vector<Window>& windows,
                           const std::vector<Window>& new_windows, Minute cut) {
  const std::vector<Window>& before = windows.empty() ? event.sessions : windows;
  std::vector<Window> out;
  for (const auto& w : before) {
    const bool never = w.start == kNever[0].start && w.end == kNever[0].end;
    if (w.start < cut && w.end > w.start && !never) out.push_back({w.start, std::min(w.end, cut)});
  }
  for (const auto& w : new_windows)
    if (w.end > cut && w.end > w.start) out.push_back({std::max(w.start, cut), w.end});
  if (out.empty()) return kNever;
  return out;
}

}  // namespace

std::string_view ChangeKindName(Change::Kind kind) {
  for (const auto& [name, k] : kKinds)
    if (k == kind) return name;
  return "";
}

namespace {

// The error of a cancel_meeting C whose meeting M started before NOW, or "".
std::string HeldMeetingError(const Event& e, const Change& c, const Meeting& m, int first_future_slot, Minute now) {
  if (m.slot >= first_future_slot) return "";
  return "the meeting of \"" + e.suppliers[c.supplier].id + "\" with \"" + e.stands[c.stand].id + "\" at " +
         FormatTime(e.slots[m.slot].start) + " started before now (" + FormatTime(now) +
         "): history cannot be cancelled";
}

}  // namespace

Result<ChangeSet> ParseChanges(std::string_view json_text, const std::string& file_name, const Event& event,
                               const Schedule& schedule, const LoadOptions& options, std::optional<Minute> now) {
  Diagnostics diag(file_name);
  JsonReader r(diag);
  auto root = r.Parse(json_text);
  if (!root) return diag.ToStatus();
  if (!r.Object(*root, "")) return diag.ToStatus();
  ChangeSet out;
  out.file = file_name;
  r.Format(*root, "standmatch.changes/1");
  if (auto now = root->find("now"); now != root->end() && !now->is_null()) out.now = r.Time(*root, "", "now");
  if (const json* list = r.Array(*root, "", "changes", true, kMaxChanges)) {
    ChangesReader reader(r, event, schedule, options, out);
    reader.Read(*list);
  }
  // Cancelling a meeting already held, in the same pass as the other problems.
  if (!now) now = out.now;
  if (now) {
    const int first_future = FirstFutureSlot(event.slots, *now);
    std::map<std::pair<SupplierIndex, StandIndex>, const Meeting*> meeting_of;
    for (const auto& m : schedule.meetings) meeting_of[{m.supplier, m.stand}] = &m;
    for (const Change& c : out.changes) {
      if (c.kind != Change::Kind::kCancelMeeting) continue;
      auto it = meeting_of.find({c.supplier, c.stand});
      if (it == meeting_of.end() || c.supplier >= static_cast<SupplierIndex>(event.suppliers.size())) continue;
      if (std::string error = HeldMeetingError(event, c, *it->second, first_future, *now); !error.empty())
        diag.Error(c.path, error);
    }
  }
  if (!diag.ok()) return diag.ToStatus();
  return out;
}

Result<ChangeSet> LoadChanges(const std::string& path, const Event& event, const Schedule& schedule,
                              const LoadOptions& options, std::optional<Minute> now) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseChanges(*text, path, event, schedule, options, now);
}

int FirstFutureSlot(const std::vector<Slot>& slots, Minute now) {
  int first = 0;
  while (first < static_cast<int>(slots.size()) && slots[first].start < now) ++first;
  return first;
}

Result<ChangedEvent> ApplyChanges(const Event& event, const Schedule& schedule, const ChangeSet& changes, Minute now) {
  ChangedEvent out;
  out.event = event;
  Event& e = out.event;
  const int num_slots = static_cast<int>(e.slots.size());
  out.first_future_slot = FirstFutureSlot(e.slots, now);
  // Every history slot ends by the start of the first future slot.
  const Minute cut =
      out.first_future_slot < num_slots ? e.slots[out.first_future_slot].start : std::numeric_limits<Minute>::max();

  for (size_t k = 0; k < changes.walk_ins.size(); ++k) {
    Supplier s = changes.walk_ins[k];
    s.available = Splice(e, kNever, s.available.empty() ? e.sessions : s.available, cut);
    s.slots = SlotsWithin(e, s.available);
    const auto index = static_cast<SupplierIndex>(e.suppliers.size());
    e.supplier_index[s.id] = index;
    e.suppliers.push_back(std::move(s));
  }
  for (const auto& wish : changes.walk_in_wishes) {
    e.wishes.push_back(wish);
    e.wish_levels[Event::PairKey(wish.supplier, wish.stand)] = wish.level;
  }

  const size_t num_suppliers = e.suppliers.size(), num_stands = e.stands.size();
  out.future_tables.resize(num_stands);
  for (size_t t = 0; t < num_stands; ++t) out.future_tables[t] = e.stands[t].tables;
  out.gone.assign(num_suppliers, 0);
  out.supplier_touched.assign(num_suppliers, 0);
  out.stand_touched.assign(num_stands, 0);
  out.supplier_change.assign(num_suppliers, -1);
  out.stand_change.assign(num_stands, -1);
  for (size_t k = event.suppliers.size(); k < num_suppliers; ++k) out.supplier_touched[k] = 1;

  std::map<std::pair<SupplierIndex, StandIndex>, const Meeting*> meeting_of;
  for (const auto& m : schedule.meetings) meeting_of[{m.supplier, m.stand}] = &m;

  Diagnostics diag(changes.file);
  for (size_t i = 0; i < changes.changes.size(); ++i) {
    const Change& c = changes.changes[i];
    const int index = static_cast<int>(i);
    switch (c.kind) {
      case Change::Kind::kCancelSupplier:
      case Change::Kind::kNoShow:
      case Change::Kind::kAvailability: {
        // A later window brings back a supplier an earlier change took away.
        const bool leaves = c.kind != Change::Kind::kAvailability;
        Supplier& s = e.suppliers[c.supplier];
        s.available = Splice(e, s.available, leaves ? std::vector<Window>{} : c.available, cut);
        out.gone[c.supplier] = leaves ? 1 : 0;
        out.supplier_touched[c.supplier] = 1;
        out.supplier_change[c.supplier] = index;
        break;
      }
      case Change::Kind::kWalkIn:
        break;
      case Change::Kind::kStandTables:
        out.future_tables[c.stand] = c.tables;
        out.stand_touched[c.stand] = 1;
        out.stand_change[c.stand] = index;
        break;
      case Change::Kind::kStandAvailability: {
        Stand& t = e.stands[c.stand];
        t.available = Splice(e, t.available, c.available, cut);
        out.stand_touched[c.stand] = 1;
        out.stand_change[c.stand] = index;
        break;
      }
      case Change::Kind::kCancelMeeting: {
        auto it = meeting_of.find({c.supplier, c.stand});
        if (it != meeting_of.end()) {
          if (std::string error = HeldMeetingError(e, c, *it->second, out.first_future_slot, now); !error.empty()) {
            diag.Error(c.path, error);
            break;
          }
        }
        out.cancelled_pairs.insert({c.supplier, c.stand});
        out.supplier_touched[c.supplier] = 1;
        out.stand_touched[c.stand] = 1;
        break;
      }
      case Change::Kind::kLockMeeting:
        out.locked_pairs.insert({c.supplier, c.stand});
        break;
    }
  }
  if (!diag.ok()) return diag.ToStatus();

  for (auto& s : e.suppliers) s.slots = SlotsWithin(e, s.available);
  for (auto& t : e.stands) t.slots = SlotsWithin(e, t.available);
  // History keeps the tables it used.
  for (size_t t = 0; t < num_stands; ++t) e.stands[t].tables = out.future_tables[t];
  for (const auto& m : schedule.meetings)
    if (m.slot < out.first_future_slot && m.stand < static_cast<StandIndex>(num_stands))
      e.stands[m.stand].tables = std::max(e.stands[m.stand].tables, m.table);
  return out;
}

Result<std::string> ChangedEventJson(std::string_view event_json, const std::string& file_name, const Event& event,
                                     const ChangeSet& changes, const ChangedEvent& changed) {
  using ojson = nlohmann::ordered_json;
  ojson doc;
  try {
    doc = ojson::parse(event_json);
  } catch (const ojson::exception& e) {
    return Status::Invalid(file_name + ": not valid JSON: " + e.what());
  }
  auto suppliers = doc.find("suppliers");
  auto stands = doc.find("stands");
  if (!doc.is_object() || suppliers == doc.end() || stands == doc.end() || !suppliers->is_array() ||
      !stands->is_array() || suppliers->size() != event.suppliers.size() || stands->size() != event.stands.size())
    return Status::Invalid(file_name + ": not the file the event was read from");
  auto windows = [](const std::vector<Window>& list) {
    ojson out = ojson::array();
    for (const auto& w : list) out.push_back({{"start", FormatTime(w.start)}, {"end", FormatTime(w.end)}});
    return out;
  };
  auto same = [](const std::vector<Window>& a, const std::vector<Window>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const Window& x, const Window& y) { return x.start == y.start && x.end == y.end; });
  };
  const Event& e = changed.event;
  for (size_t s = 0; s < event.suppliers.size(); ++s)
    if (!same(event.suppliers[s].available, e.suppliers[s].available))
      (*suppliers)[s]["available"] = windows(e.suppliers[s].available);
  for (size_t t = 0; t < event.stands.size(); ++t) {
    if (!same(event.stands[t].available, e.stands[t].available))
      (*stands)[t]["available"] = windows(e.stands[t].available);
    if (event.stands[t].tables != e.stands[t].tables) (*stands)[t]["tables"] = e.stands[t].tables;
  }
  for (size_t k = 0; k < changes.walk_in_records.size(); ++k) {
    ojson record = ojson::parse(changes.walk_in_records[k]);
    record["available"] = windows(e.suppliers[event.suppliers.size() + k].available);
    suppliers->push_back(std::move(record));
  }
  return doc.dump(2) + "\n";
}

}  // namespace match
