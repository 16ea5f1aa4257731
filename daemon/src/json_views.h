// standmatchd's JSON: responses built from JSON values or from JSON texts libmatch
// wrote, Status -> HTTP status, and the views of daemon records (schedule versions,
// jobs, tokens, the organiser's timetable) the handlers answer with.
//
// Every body is one line of JSON and a newline; invalid UTF-8 is replaced, never thrown
// on. Keys are in the order docs/daemon.md shows. A participant's agenda as JSON is
// libmatch's (match::AgendaJson, match/export/agenda.h), beside the CSV and ICS agendas.
// Pure functions; thread-safe.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http.h"
#include "jobs.h"
#include "match/base/status.h"
#include "match/domain/model.h"
#include "match/schedule/schedule.h"
#include "store.h"

namespace standmatchd {

using Json = nlohmann::ordered_json;

// Content types of the non-JSON answers.
inline constexpr char kCsvType[] = "text/csv; charset=utf-8";
inline constexpr char kIcsType[] = "text/calendar; charset=utf-8";
inline constexpr char kMetricsType[] = "text/plain; version=0.0.4; charset=utf-8";

// TEXT as a JSON string, for messages.
std::string Quote(const std::string& text);

Response JsonResponse(int status, const Json& json);
// A JSON text produced by libmatch, as a response body ending with a newline.
Response JsonTextResponse(int status, std::string text);

// 400 invalid input or infeasible, 404 not found, 503 storage unavailable, else 500.
int HttpStatus(const match::Status& status);
Response StatusResponse(const match::Status& status);
// 404 "no schedule yet".
Response NoSchedule();

// ---- views -----------------------------------------------------------------------
// {"version", "kind", "created", "based_on", "event_revision", "meetings"}
Json ScheduleInfoJson(const ScheduleInfo& info);
// {"id", "kind", "event", "state", "progress", "step", "seconds", "result"?, "error"?}
Json JobJson(const JobState& job);
// {"tokens": [{"supplier", "name", "token"}], "stands": [{"stand", "name", "token"}]}:
// names from EVENT ("" when unknown).
Json TokensJson(const match::Event& event, const std::vector<SupplierToken>& tokens,
                const std::vector<StandToken>& stand_tokens);
// {"event", "version", "slots", "stands", "suppliers", "meetings"}: the whole
// schedule, for the organiser's timetable page.
Json TimetableJson(const match::Event& event, const match::Schedule& schedule, int version);

}  // namespace standmatchd
