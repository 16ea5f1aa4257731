// Agendas as JSON (agenda.h): the view standmatchd's supplier and stand pages read.
#include <cmath>
#include <nlohmann/json.hpp>

#include "match/export/agenda.h"

namespace match {

std::string AgendaJson(const Event& event, const Schedule& schedule, AgendaOwner owner, int version) {
  using Json = nlohmann::ordered_json;
  auto score4 = [](double score) { return std::round(score * 10000) / 10000; };
  bool of_supplier = owner.kind == AgendaOwner::Kind::kSupplier;
  Json owner_json{{"kind", of_supplier ? "supplier" : "stand"},
                  {"id", of_supplier ? event.suppliers[owner.index].id : event.stands[owner.index].id},
                  {"name", of_supplier ? event.suppliers[owner.index].name : event.stands[owner.index].title}};
  Json meetings = Json::array();
  for (const Meeting& m : AgendaMeetings(schedule, owner)) {
    if (m.slot < 0 || m.slot >= static_cast<int>(schedule.slots.size())) continue;
    const Slot& slot = schedule.slots[m.slot];
    const auto& supplier = event.suppliers[m.supplier];
    const auto& stand = event.stands[m.stand];
    bool has_need = m.need >= 0 && m.need < static_cast<int>(event.needs.size());
    meetings.push_back(Json{{"slot", m.slot},
                            {"start", FormatTime(slot.start)},
                            {"end", FormatTime(slot.end)},
                            {"supplier", supplier.id},
                            {"supplier_name", supplier.name},
                            {"stand", stand.id},
                            {"stand_name", stand.title},
                            {"table", m.table},
                            {"need", has_need ? event.needs[m.need].id : ""},
                            {"need_title", has_need ? event.needs[m.need].title : ""},
                            {"score", score4(m.score)},
                            {"status", AttendanceName(m.status)}});
  }
  Json agenda{{"event", Json{{"id", event.id}, {"name", event.name}, {"date", event.date}}},
              {"owner", std::move(owner_json)},
              {"version", version},
              {"meetings", std::move(meetings)}};
  return agenda.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace match
