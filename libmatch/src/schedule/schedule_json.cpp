// schedule.json (standmatch.schedule/1): writing and reading.
#include <nlohmann/json.hpp>

#include "io/json_reader.h"
#include "match/schedule/schedule.h"
#include "match/score/ranking.h"

namespace match {
namespace {

using ojson = nlohmann::ordered_json;

// Numbers as printed everywhere: 4 decimals, deterministic.
double Round4(double value) { return std::stod(FormatScore(value)); }

ojson MetricsJson(const Metrics& m) {
  ojson j;
  j["meetings"] = m.meetings;
  j["meetings_held"] = m.meetings_held;
  j["no_shows"] = m.no_shows;
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
  if (!m.quotas.empty()) {
    ojson quotas = ojson::object();
    for (const auto& q : m.quotas) {
      ojson item = {{"target", Round4(q.target)},
                    {"reached", Round4(q.reached)},
                    {"meetings", q.member_meetings},
                    {"met", q.met},
                    {"best", q.best},
                    {"most_meetings", q.most_meetings}};
      if (!q.met) item["why"] = q.why;
      quotas[q.category] = item;
    }
    j["quotas"] = quotas;
  }
  j["wishes"] = {{"must", m.wishes_must},
                 {"must_met", m.wishes_must_met},
                 {"want", m.wishes_want},
                 {"want_met", m.wishes_want_met}};
  j["invitations"] = {{"must", m.invitations_must},
                      {"must_met", m.invitations_must_met},
                      {"want", m.invitations_want},
                      {"want_met", m.invitations_want_met}};
  return j;
}

Level LevelFromName(const nlohmann::json& node, const char* key) {
  auto it = node.find(key);
  if (it == node.end() || !it->is_string()) return Level::kNone;
  const auto& name = it->get_ref<const std::string&>();
  for (Level level : {Level::kMust, Level::kWant, Level::kNo})
    if (name == LevelName(level)) return level;
  return Level::kNone;
}

// `unmet`, leniently: derived data, so an entry that does not resolve is skipped.
void ReadUnmet(const nlohmann::json& root, const Event& event, std::vector<UnmetPair>& unmet) {
  auto list = root.find("unmet");
  if (list == root.end() || !list->is_array()) return;
  for (const auto& node : *list) {
    if (!node.is_object()) continue;
    auto supplier = node.find("supplier");
    auto stand = node.find("stand");
    if (supplier == node.end() || stand == node.end() || !supplier->is_string() || !stand->is_string()) continue;
    auto s = event.FindSupplier(supplier->get_ref<const std::string&>());
    auto t = event.FindStand(stand->get_ref<const std::string&>());
    if (!s || !t) continue;
    UnmetPair u;
    u.supplier = *s;
    u.stand = *t;
    if (auto score = node.find("score"); score != node.end() && score->is_number()) u.score = score->get<double>();
    u.wish = LevelFromName(node, "wish");
    u.invitation = LevelFromName(node, "invitation");
    if (auto reason = node.find("reason"); reason != node.end() && reason->is_string())
      u.text = reason->get<std::string>();
    if (auto code = node.find("code"); code != node.end() && code->is_string())
      u.reason = UnmetReasonFromCode(code->get_ref<const std::string&>()).value_or(UnmetPair::Reason::kOutranked);
    unmet.push_back(std::move(u));
  }
}

}  // namespace

std::string_view AttendanceName(Attendance attendance) {
  switch (attendance) {
    case Attendance::kHeld:
      return "held";
    case Attendance::kNoShow:
      return "no_show";
    case Attendance::kPlanned:
      break;
  }
  return "planned";
}

std::optional<Attendance> AttendanceFromName(std::string_view name) {
  for (Attendance a : {Attendance::kPlanned, Attendance::kHeld, Attendance::kNoShow})
    if (name == AttendanceName(a)) return a;
  return std::nullopt;
}

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
               {"need", event.needs[m.need].id},
               {"status", AttendanceName(m.status)}};
    if (m.locked) j["locked"] = true;
    if (m.sequence > 0) j["sequence"] = m.sequence;
    meetings.push_back(j);
  }
  doc["meetings"] = meetings;
  ojson unmet = ojson::array();
  for (const auto& u : schedule.unmet) {
    ojson j = {
        {"supplier", event.suppliers[u.supplier].id}, {"stand", event.stands[u.stand].id}, {"score", Round4(u.score)}};
    if (u.wish != Level::kNone) j["wish"] = LevelName(u.wish);
    if (u.invitation != Level::kNone) j["invitation"] = LevelName(u.invitation);
    j["code"] = UnmetCode(u.reason);
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
  r.Format(*root, "standmatch.schedule/1");
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
      m.sequence = static_cast<int>(r.Integer(node, path, "sequence", 0, 1'000'000).value_or(0));
      if (auto status = r.String(node, path, "status", false)) {
        if (auto attendance = AttendanceFromName(*status))
          m.status = *attendance;
        else
          r.Error(JsonReader::Child(path, "status"),
                  JsonReader::Quote(*status) + " is not \"planned\", \"held\" or \"no_show\"");
      }
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
  ReadUnmet(*root, event, schedule.unmet);
  return schedule;
}

}  // namespace match
