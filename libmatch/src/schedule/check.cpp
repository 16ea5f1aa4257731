#include "match/schedule/check.h"

#include <climits>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "io/json_reader.h"
#include "match/base/files.h"
#include "match/domain/legal.h"

namespace match {
namespace {

using json = nlohmann::json;

constexpr std::string_view kScheduleFormat = "standmatch.schedule/1";
constexpr double kInfinity = std::numeric_limits<double>::infinity();

std::string Quoted(std::string_view id) {
  std::string out(1, '"');
  out.append(id);
  out += '"';
  return out;
}

std::string SlotText(const Slot& slot) {
  return "slot " + std::to_string(slot.index) + " (" + FormatTime(slot.start) + "-" + FormatTime(slot.end) + ")";
}

// "L2113-13: inclusion structures (SIAE)"
std::string ReservationText(Reserved reserved) {
  return std::string(ReservedArticle(reserved)) + ": " + std::string(ReservedAudience(reserved));
}

// One meeting as read from the file; fields the file gets wrong stay empty.
struct MeetingEntry {
  std::optional<SupplierIndex> supplier;
  std::optional<StandIndex> stand;
  std::optional<int> table;  // within 1..tables of the stand
  std::optional<int> slot;   // an index of the event's grid
};

// Walks a schedule document and collects its violations.
class Checker {
 public:
  Checker(const Event& event, const Rules& rules, const std::string& file_name)
      : event_(event), rules_(rules), file_name_(file_name) {}

  // The violations in file order: header and slots, then meeting by meeting, then the
  // optional parts. A Status when the text is not a JSON object.
  Result<ScheduleCheck> Run(std::string_view text) {
    Diagnostics diag(file_name_);
    JsonReader r(diag);
    auto root = r.Parse(text);
    if (!root || !r.Object(*root, "")) return diag.ToStatus();
    CheckHeader(r, *root);
    ScheduleCheck result;
    if (wrong_event_) {
      // A schedule of another event: one line says so, rather than a violation for
      // every slot and meeting that names what this event does not have.
      result.violations = diag.errors();
      if (const json* meetings = r.Array(*root, "", "meetings", false))
        result.meetings = static_cast<int>(meetings->size());
      return result;
    }
    CheckSlots(r, *root);
    const json* meetings = r.Array(*root, "", "meetings", true);
    result.violations = diag.errors();
    if (meetings) {
      result.meetings = static_cast<int>(meetings->size());
      CheckMeetings(*meetings, result.violations);
    }
    Diagnostics tail(file_name_);
    JsonReader rt(tail);
    rt.Array(*root, "", "unmet", false);
    if (auto it = root->find("metrics"); it != root->end() && !it->is_null()) rt.Object(*it, "metrics");
    result.violations.insert(result.violations.end(), tail.errors().begin(), tail.errors().end());
    return result;
  }

 private:
  void CheckHeader(JsonReader& r, const json& root) {
    r.Format(root, kScheduleFormat);
    if (auto id = r.String(root, "", "event", true); id && *id != event_.id) {
      r.Error("event", JsonReader::Quote(*id) + " is not the event's id " + Quoted(event_.id) +
                           ": the schedule belongs to another event (nothing else was checked)");
      wrong_event_ = true;
    }
    r.String(root, "", "rules", false);
  }

  // The file's slots must be the event's grid, entry by entry.
  void CheckSlots(JsonReader& r, const json& root) {
    const json* slots = r.Array(root, "", "slots", true);
    if (!slots) return;
    const size_t expected = event_.slots.size();
    if (slots->size() != expected)
      r.Error("slots", std::to_string(slots->size()) + " slots where the event has " + std::to_string(expected));
    for (size_t i = 0; i < slots->size() && i < expected; ++i) {
      const std::string path = JsonReader::Item("slots", i);
      const json& item = (*slots)[i];
      if (!r.Object(item, path)) continue;
      const Slot& want = event_.slots[i];
      auto index = r.Integer(item, path, "index", INT_MIN, INT_MAX);
      if (!index && item.find("index") == item.end()) r.Error(path, "\"index\" is missing");
      auto start = r.Time(item, path, "start");
      auto end = r.Time(item, path, "end");
      if (!index || !start || !end) continue;
      if (*index != want.index || *start != want.start || *end != want.end)
        r.Error(path, std::to_string(*index) + " (" + FormatTime(*start) + "-" + FormatTime(*end) +
                          ") is not the event's " + SlotText(want));
    }
  }

  // Appends the violations of MEETINGS to OUT, meeting by meeting.
  void CheckMeetings(const json& meetings, std::vector<std::string>& out) {
    // Each meeting's own problems first, then those it has with the meetings before it:
    // the first meeting (index into MEETINGS) of each supplier in a slot, each stand
    // table in a slot, each pair; meetings counted per supplier.
    std::vector<Diagnostics> diags(meetings.size(), Diagnostics(file_name_));
    std::vector<MeetingEntry> entries(meetings.size());
    std::vector<int> count(event_.suppliers.size(), 0);
    for (size_t i = 0; i < meetings.size(); ++i) {
      JsonReader r(diags[i]);
      entries[i] = ReadMeeting(r, meetings[i], JsonReader::Item("meetings", i));
      if (entries[i].supplier) ++count[*entries[i].supplier];
    }
    std::map<std::pair<SupplierIndex, int>, size_t> supplier_slot;
    std::map<std::tuple<StandIndex, int, int>, size_t> table_slot;
    std::map<std::pair<SupplierIndex, StandIndex>, size_t> pairs;
    std::vector<int> seen(event_.suppliers.size(), 0);
    for (size_t i = 0; i < entries.size(); ++i) {
      const std::string path = JsonReader::Item("meetings", i);
      const MeetingEntry& m = entries[i];
      Diagnostics& d = diags[i];
      if (m.supplier && m.slot) {
        auto [it, fresh] = supplier_slot.emplace(std::make_pair(*m.supplier, *m.slot), i);
        if (!fresh)
          d.Error(path, "supplier " + Quoted(SupplierId(m)) + " already has a meeting in " +
                            SlotText(event_.slots[*m.slot]) + ": meetings[" + std::to_string(it->second) + "]");
      }
      if (m.stand && m.table && m.slot) {
        auto [it, fresh] = table_slot.emplace(std::make_tuple(*m.stand, *m.table, *m.slot), i);
        if (!fresh)
          d.Error(path, "table " + std::to_string(*m.table) + " of stand " + Quoted(StandId(m)) +
                            " is already used in " + SlotText(event_.slots[*m.slot]) + " by meetings[" +
                            std::to_string(it->second) + "]");
      }
      if (m.supplier && m.stand) {
        auto [it, fresh] = pairs.emplace(std::make_pair(*m.supplier, *m.stand), i);
        if (!fresh)
          d.Error(path, "supplier " + Quoted(SupplierId(m)) + " meets stand " + Quoted(StandId(m)) +
                            " again (first in meetings[" + std::to_string(it->second) + "])");
      }
      if (m.supplier) {
        const int max = MaxMeetings(*m.supplier);
        // Reported once, at the first meeting beyond the maximum.
        if (++seen[*m.supplier] == max + 1)
          d.Error(path, "supplier " + Quoted(SupplierId(m)) + " has " + std::to_string(count[*m.supplier]) +
                            " meetings, more than its maximum of " + std::to_string(max));
      }
      out.insert(out.end(), d.errors().begin(), d.errors().end());
    }
  }

  // Reads one meeting and reports what is wrong with it on its own.
  MeetingEntry ReadMeeting(JsonReader& r, const json& node, const std::string& path) {
    MeetingEntry m;
    if (!r.Object(node, path)) return m;
    if (auto id = r.String(node, path, "supplier", true)) {
      m.supplier = event_.FindSupplier(*id);
      if (!m.supplier)
        r.Error(JsonReader::Child(path, "supplier"), JsonReader::Quote(*id) + " is not a supplier of the event");
    }
    if (auto id = r.String(node, path, "stand", true)) {
      m.stand = event_.FindStand(*id);
      if (!m.stand) r.Error(JsonReader::Child(path, "stand"), JsonReader::Quote(*id) + " is not a stand of the event");
    }
    if (auto table = RequiredInteger(r, node, path, "table"); table && m.stand) {
      const int tables = event_.stands[*m.stand].tables;
      if (*table >= 1 && *table <= tables)
        m.table = static_cast<int>(*table);
      else
        r.Error(JsonReader::Child(path, "table"), std::to_string(*table) + " is not a table of stand " +
                                                      Quoted(StandId(m)) + " (1 to " + std::to_string(tables) + ")");
    }
    if (auto slot = RequiredInteger(r, node, path, "slot")) {
      if (*slot >= 0 && *slot < static_cast<int64_t>(event_.slots.size()))
        m.slot = static_cast<int>(*slot);
      else
        r.Error(JsonReader::Child(path, "slot"), std::to_string(*slot) + " is not a slot of the event" + SlotRange());
    }
    auto start = r.Time(node, path, "start");
    auto end = r.Time(node, path, "end");
    if (m.slot) {
      const Slot& slot = event_.slots[*m.slot];
      if (start && *start != slot.start)
        r.Error(JsonReader::Child(path, "start"),
                Quoted(FormatTime(*start)) + " is not the start of " + SlotText(slot));
      if (end && *end != slot.end)
        r.Error(JsonReader::Child(path, "end"), Quoted(FormatTime(*end)) + " is not the end of " + SlotText(slot));
    }
    CheckScore(r, node, path);
    if (m.supplier && m.slot && !Within(event_.suppliers[*m.supplier].slots, *m.slot))
      r.Error(path, "supplier " + Quoted(SupplierId(m)) + " is not available in " + SlotText(event_.slots[*m.slot]));
    if (m.stand && m.slot && !Within(event_.stands[*m.stand].slots, *m.slot))
      r.Error(path, "stand " + Quoted(StandId(m)) + " is not staffed in " + SlotText(event_.slots[*m.slot]));
    const bool legal = m.supplier && m.stand && CheckPair(r, m, path);
    if (auto need = r.String(node, path, "need", false); need && m.stand) CheckNeed(r, m, *need, path, legal);
    r.Bool(node, path, "locked");
    return m;
  }

  // Refusals and reserved contracts: may these two meet at all? False when the
  // reservations of the stand rule the supplier out.
  bool CheckPair(JsonReader& r, const MeetingEntry& m, const std::string& path) {
    const SupplierIndex s = *m.supplier;
    const StandIndex t = *m.stand;
    if (event_.WishLevel(s, t) == Level::kNo)
      r.Error(path, "supplier " + Quoted(SupplierId(m)) + " refused stand " + Quoted(StandId(m)) + " (wish \"no\")");
    if (event_.InvitationLevel(s, t) == Level::kNo)
      r.Error(path,
              "stand " + Quoted(StandId(m)) + " refused supplier " + Quoted(SupplierId(m)) + " (invitation \"no\")");
    if (!rules_.enforce_reserved) return true;
    const Supplier& supplier = event_.suppliers[s];
    std::set<Reserved> reservations;
    for (NeedIndex n : event_.stands[t].needs) {
      const Reserved reserved = event_.needs[n].reserved;
      if (EligibleForReserved(reserved, supplier)) return true;
      reservations.insert(reserved);
    }
    if (reservations.empty()) return true;  // a stand without needs reserves nothing
    std::string why;
    for (Reserved kind : reservations) {
      why += why.empty() ? "" : "; ";
      why += ReservationText(kind);
    }
    r.Error(path, "supplier " + Quoted(SupplierId(m)) + " may not meet stand " + Quoted(StandId(m)) +
                      ": every need of the stand is reserved (" + why + ") and the supplier is not eligible");
    return false;
  }

  // The need a meeting names (optional): one of the stand's, and one the supplier may
  // hold when CHECK_RESERVED (not repeated when the stand as a whole rules it out).
  void CheckNeed(JsonReader& r, const MeetingEntry& m, const std::string& id, const std::string& path,
                 bool check_reserved) {
    const Stand& stand = event_.stands[*m.stand];
    for (NeedIndex n : stand.needs) {
      const Need& need = event_.needs[n];
      if (need.id != id) continue;
      if (check_reserved && rules_.enforce_reserved &&
          !EligibleForReserved(need.reserved, event_.suppliers[*m.supplier]))
        r.Error(path, "supplier " + Quoted(SupplierId(m)) + " may not hold need " + Quoted(id) + " of stand " +
                          Quoted(stand.id) + ": it is reserved (" + ReservationText(need.reserved) +
                          ") and the supplier is not eligible");
      return;
    }
    r.Error(JsonReader::Child(path, "need"), JsonReader::Quote(id) + " is not a need of stand " + Quoted(stand.id));
  }

  void CheckScore(JsonReader& r, const json& node, const std::string& path) {
    auto it = node.find("score");
    if (it == node.end() || it->is_null()) {
      r.Error(path, "\"score\" is missing");
      return;
    }
    auto score = r.Number(node, path, "score", -kInfinity, kInfinity);
    if (score && !(*score >= 0 && *score <= 1))
      r.Error(JsonReader::Child(path, "score"), JsonReader::Quote(*it) + " is not in [0, 1]");
  }

  std::optional<int64_t> RequiredInteger(JsonReader& r, const json& node, const std::string& path, const char* key) {
    auto it = node.find(key);
    if (it == node.end() || it->is_null()) {
      r.Error(path, std::string("\"") + key + "\" is missing");
      return std::nullopt;
    }
    return r.Integer(node, path, key, INT_MIN, INT_MAX);
  }

  std::string SlotRange() const {
    if (event_.slots.empty()) return " (it has none)";
    return " (0 to " + std::to_string(event_.slots.size() - 1) + ")";
  }

  static bool Within(const std::vector<bool>& slots, int slot) {
    return slot < static_cast<int>(slots.size()) && slots[slot];
  }

  int MaxMeetings(SupplierIndex s) const {
    return event_.suppliers[s].max_meetings.value_or(rules_.default_max_meetings);
  }
  const std::string& SupplierId(const MeetingEntry& m) const { return event_.suppliers[*m.supplier].id; }
  const std::string& StandId(const MeetingEntry& m) const { return event_.stands[*m.stand].id; }

  const Event& event_;
  const Rules& rules_;
  const std::string file_name_;
  bool wrong_event_ = false;  // the file names another event: nothing else is checked
};

}  // namespace

Result<ScheduleCheck> CheckSchedule(const Event& event, const Rules& rules, std::string_view schedule_json,
                                    const std::string& file_name) {
  return Checker(event, rules, file_name).Run(schedule_json);
}

Result<ScheduleCheck> CheckScheduleFile(const Event& event, const Rules& rules, const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  return CheckSchedule(event, rules, *text, path);
}

}  // namespace match
