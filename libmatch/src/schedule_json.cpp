// schedule.json (standmatch.schedule/1): writing and reading.
#include <nlohmann/json.hpp>

#include "json_reader.h"
#include "match/ranking.h"
#include "match/schedule.h"

namespace match {
namespace {

using ojson = nlohmann::ordered_json;

// Numbers as printed everywhere: 4 decimals, deterministic.
double Round4(double value) { return std::stod(FormatScore(value)); }

ojson MetricsJson(const Metrics& m) {
  ojson j;
  j["meetings"] = m.meetings;
  j["suppliers"] = m.suppliers;
  j["suppliers_with_candidate"] = m.suppliers_with_candidate;
  j["suppliers_met"] = m.suppliers_met;
  j["coverage"] = Round4(m.coverage);
  j["total_score"] = Round4(m.total_score);
  j["mean_score"] = Round4(m.mean_score);
  j["mean_meetings_per_supplier"] = Round4(m.mean_meetings_per_supplier);
  j["breaks"] = {{"suppliers", m.supplier_breaks},
                 {"stands", m.stand_breaks},
                 {"mean_per_supplier", Round4(m.mean_supplier_breaks)},
                 {"mean_per_stand", Round4(m.mean_stand_breaks)},
                 {"max_per_supplier", m.max_supplier_breaks},
                 {"max_per_stand", m.max_stand_breaks}};
  j["stand_fill_rate"] = Round4(m.stand_fill_rate);
  ojson shares = ojson::object();
  for (const auto& s : m.shares)
    shares[s.category] = {{"meetings", Round4(s.meetings)}, {"registrants", Round4(s.registrants)}};
  j["shares"] = shares;
  j["wishes"] = {{"must", m.wishes_must}, {"must_met", m.wishes_must_met},
                 {"want", m.wishes_want}, {"want_met", m.wishes_want_met}};
  j["invitations"] = {{"must", m.invitations_must}, {"must_met", m.invitations_must_met},
                      {"want", m.invitations_want}, {"want_met", m.invitations_want_met}};
  return j;
}

}  // namespace

std::string ScheduleToJson(const Event& event, const Schedule& schedule) {
  ojson doc;
  doc["format"] = "standmatch.schedule/1";
  doc["event"] = schedule.event_id;
  doc["rules"] = schedule.rules_name;
  ojson slots = ojson::array();
  for (const auto& slot : schedule.slots)
    slots.push_back({{"index", slot.index}, {"start", FormatTime(slot.start)}, {"end", FormatTime(slot.end)}});
  doc["slots"] = slots;
  ojson meetings = ojson::array();
  for (const auto& m : schedule.meetings) {
    const Slot& slot = schedule.slots[m.slot];
    ojson j = {{"supplier", event.suppliers[m.supplier].id},
               {"stand", event.stands[m.stand].id},
               {"table", m.table},
               {"slot", m.slot},
               {"start", FormatTime(slot.start)},
               {"end", FormatTime(slot.end)},
               {"score", Round4(m.score)},
               {"need", event.needs[m.need].id}};
    if (m.locked) j["locked"] = true;
    meetings.push_back(j);
  }
  doc["meetings"] = meetings;
  ojson unmet = ojson::array();
  for (const auto& u : schedule.unmet) {
    ojson j = {{"supplier", event.suppliers[u.supplier].id},
               {"stand", event.stands[u.stand].id},
               {"score", Round4(u.score)}};
    if (u.wish != Level::kNone) j["wish"] = LevelName(u.wish);
    if (u.invitation != Level::kNone) j["invitation"] = LevelName(u.invitation);
    j["reason"] = u.text;
    unmet.push_back(j);
  }
  doc["unmet"] = unmet;
  doc["metrics"] = MetricsJson(schedule.metrics);
  return doc.dump(2) + "\n";
}

Result<Schedule> ParseSchedule(std::string_view json_text, const std::string& file_name, const Event& event) {
  Diagnostics diag(file_name);
  JsonReader r(diag);
  auto root = r.Parse(json_text);
  if (!root) return diag.ToStatus();
  if (!r.Object(*root, "")) return diag.ToStatus();
  Schedule schedule;
  if (auto format = r.String(*root, "", "format", true); format && *format != "standmatch.schedule/1")
    r.Error("format", JsonReader::Quote(*format) + " is not \"standmatch.schedule/1\"");
  if (auto id = r.String(*root, "", "event", true)) {
    if (*id != event.id) r.Error("event", JsonReader::Quote(*id) + " is not the event's id \"" + event.id + "\"");
    schedule.event_id = *id;
  }
  schedule.rules_name = r.String(*root, "", "rules", false).value_or("");
  schedule.slots = event.slots;
  if (const auto* meetings = r.Array(*root, "", "meetings", true)) {
    for (size_t i = 0; i < meetings->size(); ++i) {
      std::string path = JsonReader::Item("meetings", i);
      const auto& node = (*meetings)[i];
      if (!r.Object(node, path)) continue;
      Meeting m;
      auto supplier = r.String(node, path, "supplier", true);
      auto stand = r.String(node, path, "stand", true);
      auto table = r.Integer(node, path, "table", 1, 1000);
      auto slot = r.Integer(node, path, "slot", 0, static_cast<int64_t>(event.slots.size()) - 1);
      m.score = r.Number(node, path, "score", 0, 1).value_or(0);
      m.locked = r.Bool(node, path, "locked").value_or(false);
      std::optional<SupplierIndex> s;
      std::optional<StandIndex> t;
      if (supplier && !(s = event.FindSupplier(*supplier)))
        r.Error(JsonReader::Child(path, "supplier"), JsonReader::Quote(*supplier) + " names no supplier");
      if (stand && !(t = event.FindStand(*stand)))
        r.Error(JsonReader::Child(path, "stand"), JsonReader::Quote(*stand) + " names no stand");
      if (!s || !t || !table || !slot) {
        if (!table && node.find("table") == node.end()) r.Error(path, "\"table\" is missing");
        if (!slot && node.find("slot") == node.end()) r.Error(path, "\"slot\" is missing");
        continue;
      }
      m.supplier = *s;
      m.stand = *t;
      m.table = static_cast<int>(*table);
      m.slot = static_cast<int>(*slot);
      m.need = event.stands[*t].needs.empty() ? 0 : event.stands[*t].needs.front();
      if (auto need = r.String(node, path, "need", false)) {
        for (NeedIndex n : event.stands[*t].needs)
          if (event.needs[n].id == *need) m.need = n;
      }
      schedule.meetings.push_back(m);
    }
  }
  if (!diag.ok()) return diag.ToStatus();
  return schedule;
}

}  // namespace match
