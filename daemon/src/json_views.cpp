// standmatchd's JSON responses and views (json_views.h).
#include "json_views.h"

#include <cmath>
#include <utility>

namespace standmatchd {
namespace {

std::string Dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n"; }

double Score4(double score) { return std::round(score * 10000) / 10000; }

}  // namespace

std::string Quote(const std::string& text) { return Json(text).dump(-1, ' ', false, Json::error_handler_t::replace); }

Response JsonResponse(int status, const Json& json) {
  Response response;
  response.status = status;
  response.body = Dump(json);
  return response;
}

Response JsonTextResponse(int status, std::string text) {
  Response response;
  response.status = status;
  if (text.empty() || text.back() != '\n') text += '\n';
  response.body = std::move(text);
  return response;
}

int HttpStatus(const match::Status& status) {
  switch (status.code()) {
    case match::Status::Code::kInvalidInput:
    case match::Status::Code::kInfeasible:
      return 400;
    case match::Status::Code::kNotFound:
      return 404;
    case match::Status::Code::kIoError:
      return 503;
    default:
      return 500;
  }
}

Response StatusResponse(const match::Status& status) {
  std::string message = status.ToString();
  if (status.code() == match::Status::Code::kIoError) message = "storage unavailable: " + message;
  return ErrorResponse(HttpStatus(status), message);
}

Response NoSchedule() { return ErrorResponse(404, "no schedule yet"); }

Json ScheduleInfoJson(const ScheduleInfo& info) {
  return Json{{"version", info.version},
              {"kind", info.kind},
              {"created", info.created},
              {"based_on", info.based_on},
              {"event_revision", info.event_revision},
              {"meetings", info.meetings}};
}

Json JobJson(const JobState& job) {
  Json out{{"id", job.id},          {"kind", job.kind},         {"event", job.event_id},
           {"state", job.state},    {"progress", job.progress}, {"step", job.step},
           {"seconds", job.seconds}};
  if (!job.result.empty()) {
    auto result = Json::parse(job.result, nullptr, false);
    if (!result.is_discarded()) out["result"] = std::move(result);
  }
  if (!job.error.empty()) out["error"] = job.error;
  return out;
}

Json TokensJson(const match::Event& event, const std::vector<SupplierToken>& tokens,
                const std::vector<StandToken>& stand_tokens) {
  Json list = Json::array();
  for (const auto& t : tokens) {
    auto s = event.FindSupplier(t.supplier_id);
    list.push_back(Json{{"supplier", t.supplier_id}, {"name", s ? event.suppliers[*s].name : ""}, {"token", t.token}});
  }
  Json stands = Json::array();
  for (const auto& t : stand_tokens) {
    auto s = event.FindStand(t.stand_id);
    stands.push_back(Json{{"stand", t.stand_id}, {"name", s ? event.stands[*s].title : ""}, {"token", t.token}});
  }
  return Json{{"tokens", std::move(list)}, {"stands", std::move(stands)}};
}

Json TimetableJson(const match::Event& event, const match::Schedule& schedule, int version) {
  Json slots = Json::array(), stands = Json::array(), suppliers = Json::array(), meetings = Json::array();
  for (const auto& slot : schedule.slots)
    slots.push_back(
        Json{{"index", slot.index}, {"start", match::FormatTime(slot.start)}, {"end", match::FormatTime(slot.end)}});
  for (const auto& stand : event.stands) {
    const std::string& buyer = stand.buyer >= 0 && stand.buyer < static_cast<int>(event.buyers.size())
                                   ? event.buyers[stand.buyer].name
                                   : std::string();
    stands.push_back(Json{{"id", stand.id}, {"name", stand.title}, {"tables", stand.tables}, {"buyer", buyer}});
  }
  for (const auto& supplier : event.suppliers) suppliers.push_back(Json{{"id", supplier.id}, {"name", supplier.name}});
  for (const auto& m : schedule.meetings)
    meetings.push_back(Json{{"slot", m.slot},
                            {"stand", event.stands[m.stand].id},
                            {"table", m.table},
                            {"supplier", event.suppliers[m.supplier].id},
                            {"score", Score4(m.score)},
                            {"status", match::AttendanceName(m.status)}});
  return Json{{"event", Json{{"id", event.id}, {"name", event.name}, {"date", event.date}}},
              {"version", version},
              {"slots", std::move(slots)},
              {"stands", std::move(stands)},
              {"suppliers", std::move(suppliers)},
              {"meetings", std::move(meetings)}};
}

}  // namespace standmatchd
