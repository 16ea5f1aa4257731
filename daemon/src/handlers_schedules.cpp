// Handlers of schedules: the schedule job and its versions, the day-of re-plan, the
// participants' agendas and the organiser's timetable.
#include <algorithm>

#include "handlers.h"
#include "json_views.h"
#include "match/export/agenda.h"
#include "match/export/timetable_html.h"
#include "match/replan/replan_event.h"
#include "match/replan/schedule_diff.h"
#include "match/schedule/schedule.h"
#include "store.h"

namespace standmatchd::handlers {
namespace {

// Names the request bodies take in messages, as the CLI names files.
constexpr char kChangesFile[] = "changes.json";

// The schedule job: builds, stores and caches a schedule of STATE.
std::string RunSchedule(ApiContext& api, const StatePtr& state,
                        const std::function<void(double, std::string_view)>& report, std::string* error) {
  try {
    auto schedule =
        match::BuildSchedule(*state->event, *state->rules, *state->scores,
                             [&](double fraction, std::string_view step) { report(fraction * 0.95, step); });
    if (!schedule.ok()) {
      *error = schedule.status().ToString();
      return {};
    }
    report(0.95, "storing");
    std::string json = match::ScheduleToJson(*state->event, *schedule);
    int meetings = static_cast<int>(schedule->meetings.size());
    auto version = api.store.AddSchedule(state->id, state->revision, json, meetings);
    if (!version.ok()) {
      *error = version.status().ToString();
      return {};
    }
    api.cache.InstallSchedule(state->id, state->revision, *version, std::move(json),
                              std::make_shared<const match::Schedule>(std::move(schedule).value()));
    report(1.0, "done");
    return Json{{"version", *version}, {"meetings", meetings}}.dump();
  } catch (const std::exception& e) {
    *error = std::string("internal error: ") + e.what();
    return {};
  }
}

// Whether TEXT is a schedule version number: 1 to 9 digits, not 0.
bool IsVersion(const std::string& text) {
  return !text.empty() && text.size() <= 9 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) && std::stoi(text) > 0;
}

// The meetings of a stored schedule whose status is recorded (held or no_show).
int HistoryMeetings(const std::string& schedule_json) {
  auto doc = nlohmann::json::parse(schedule_json, nullptr, false);
  auto meetings = doc.is_object() ? doc.find("meetings") : doc.end();
  if (doc.is_discarded() || !doc.is_object() || meetings == doc.end() || !meetings->is_array()) return 0;
  int n = 0;
  for (const auto& m : *meetings) {
    auto status = m.is_object() ? m.find("status") : m.end();
    if (m.is_object() && status != m.end() && status->is_string() && *status != "planned") ++n;
  }
  return n;
}

Json WarningsJson(const match::Event& event, const std::vector<match::ReplanWarning>& warnings) {
  Json list = Json::array();
  for (const auto& w : warnings) {
    Json j{{"kind", w.kind}};
    if (w.supplier >= 0) j["supplier"] = event.suppliers[w.supplier].id;
    if (w.stand >= 0) j["stand"] = event.stands[w.stand].id;
    if (w.kind == "short_notice") j["minutes"] = w.minutes;
    j["text"] = w.text;
    list.push_back(std::move(j));
  }
  return list;
}

Response Agenda(ApiContext& api, const Call& call, bool of_supplier) {
  const std::string& owner_id = call.Param(of_supplier ? "sid" : "tid");
  std::string format = call.target.Query("format").value_or("json");
  if (format != "json" && format != "csv" && format != "ics")
    return ErrorResponse(400, "query format: " + Quote(format) + " is not json, csv or ics");
  const auto lang = call.Lang();
  if (!lang.ok()) return StatusResponse(lang.status());
  auto loaded = api.cache.State(call.Param("id"));
  if (!loaded.ok()) return StatusResponse(loaded.status());
  const EventState& s = **loaded;
  auto in_latest = of_supplier ? s.event->FindSupplier(owner_id) : s.event->FindStand(owner_id);
  if (!s.schedule) return NoSchedule();
  const match::Event& event = *s.schedule_event;
  auto owner = of_supplier ? event.FindSupplier(owner_id) : event.FindStand(owner_id);
  if (!owner) {
    if (in_latest)
      return ErrorResponse(404, std::string(of_supplier ? "supplier " : "stand ") + Quote(owner_id) +
                                    " has no agenda in schedule version " + std::to_string(s.schedule_version));
    return ErrorResponse(
        404, std::string(of_supplier ? "no supplier " : "no stand ") + Quote(owner_id) + " in event " + Quote(s.id));
  }
  match::AgendaOwner agenda_owner =
      of_supplier ? match::AgendaOwner::Supplier(*owner) : match::AgendaOwner::Stand(*owner);
  std::string key = std::string(of_supplier ? "agenda/supplier/" : "agenda/stand/") + std::to_string(*owner) + "/" +
                    format + "/" + std::string(match::LangName(*lang));
  return s.Memo(key, [&]() -> Response {
    const match::Schedule& schedule = *s.schedule;
    std::string file = match::SafeId(event.id) + "-" + match::SafeId(owner_id);
    if (format == "csv") {
      Response response;
      response.content_type = kCsvType;
      response.body = match::AgendaCsv(event, schedule, agenda_owner);
      response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + ".csv\"");
      return response;
    }
    if (format == "ics") {
      match::IcsOptions options;
      options.lang = *lang;
      auto ics = match::AgendaIcs(event, schedule, agenda_owner, options);
      if (!ics.ok()) return StatusResponse(ics.status());
      Response response;
      response.content_type = kIcsType;
      response.body = std::move(ics).value();
      response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + ".ics\"");
      return response;
    }
    return JsonTextResponse(200, match::AgendaJson(event, schedule, agenda_owner, s.schedule_version));
  });
}

}  // namespace

Response StartSchedule(ApiContext& api, const Call& call) {
  const std::string& id = call.Param("id");
  // Only the existence is checked here: loading and scoring run in the job, off the
  // I/O threads.
  if (!api.cache.Contains(id)) {
    auto ids = api.store.ListEvents();
    if (!ids.ok()) return StatusResponse(ids.status());
    if (!std::binary_search(ids->begin(), ids->end(), id)) return ErrorResponse(404, "no event " + Quote(id));
  }
  // A rebuild would rewrite the meetings already held: only when the organiser confirms.
  if (call.target.Query("rebuild").value_or("") != "1") {
    auto latest = api.store.GetSchedule(id);
    if (!latest.ok()) return StatusResponse(latest.status());
    if (latest->has_value()) {
      if (int history = HistoryMeetings((*latest)->json); history > 0)
        return ErrorResponse(409, "schedule version " + std::to_string((*latest)->info.version) + " has history (" +
                                      std::to_string(history) +
                                      " meetings held or missed): a full rebuild would rewrite them; re-plan with "
                                      "POST /events/" +
                                      id + "/replan, or confirm the rebuild with ?rebuild=1");
    }
  }
  ApiContext* context = &api;
  auto job = api.jobs.Submit(
      "schedule", id,
      [context, id](const std::function<void(double, std::string_view)>& report, std::string* error) -> std::string {
        report(0, "loading");
        auto state = context->cache.State(id);
        if (!state.ok()) {
          *error = state.status().ToString();
          return {};
        }
        return RunSchedule(*context, *state, report, error);
      });
  if (!job) {
    Response response = ErrorResponse(503, "the job queue is full; retry later");
    response.headers.emplace_back("Retry-After", "5");
    return response;
  }
  Response response = JsonResponse(202, Json{{"job", *job}});
  response.headers.emplace_back("Location", "/jobs/" + *job);
  return response;
}

Response GetJob(ApiContext& api, const Call& call) {
  auto job = api.jobs.Get(call.Param("job"));
  if (!job) return ErrorResponse(404, "no job " + Quote(call.Param("job")));
  return JsonResponse(200, JobJson(*job));
}

Response LatestSchedule(ApiContext& api, const Call& call) {
  auto state = api.cache.State(call.Param("id"));
  if (!state.ok()) return StatusResponse(state.status());
  if (!(*state)->schedule) return NoSchedule();
  return JsonTextResponse(200, (*state)->schedule_json);
}

Response ListSchedules(ApiContext& api, const Call& call) {
  const std::string& id = call.Param("id");
  auto state = api.cache.State(id);  // 404 for an unknown event
  if (!state.ok()) return StatusResponse(state.status());
  auto list = api.store.ListSchedules(id);
  if (!list.ok()) return StatusResponse(list.status());
  Json schedules = Json::array();
  for (const auto& info : *list) schedules.push_back(ScheduleInfoJson(info));
  return JsonResponse(200, Json{{"schedules", std::move(schedules)}});
}

Response GetScheduleVersion(ApiContext& api, const Call& call) {
  const std::string& id = call.Param("id");
  const std::string& v = call.Param("v");
  if (!IsVersion(v)) return ErrorResponse(404, "no schedule version " + Quote(v));
  auto record = api.store.GetSchedule(id, std::stoi(v));
  if (!record.ok()) return StatusResponse(record.status());
  if (!record->has_value()) return ErrorResponse(404, "no schedule version " + v + " of event " + Quote(id));
  return JsonTextResponse(200, (*record)->json);
}

// Re-plans the latest schedule (match::ReplanEventFile) onto the latest revision of the
// event and commits the changed event and the new schedule together, unless another
// write came meanwhile (409). With ?preview=1 nothing is written.
Response Replan(ApiContext& api, const Call& call) {
  const std::string& id = call.Param("id");
  const bool preview = call.target.Query("preview").value_or("") == "1";
  auto loaded = api.cache.State(id);
  if (!loaded.ok()) return StatusResponse(loaded.status());
  StatePtr state = *loaded;
  if (!state->schedule) return NoSchedule();
  // A re-plan writes the changed event as the next revision, so it starts from the
  // latest one: a schedule of an older revision (a name corrected, a supplier added
  // since) is read against it first, keeping every meeting's slot, table and status.
  const match::Schedule* schedule = state->schedule.get();
  match::Schedule rebased;
  std::vector<match::SupplierIndex> added;
  if (state->schedule_event_json != state->event_json) {
    auto read = match::RebaseSchedule(state->schedule_json, *state->schedule_event, *state->event, &added);
    if (!read.ok())
      return ErrorResponse(409, "the event was replaced (revision " + std::to_string(state->revision) +
                                    ") after the latest schedule (of revision " +
                                    std::to_string(state->schedule_revision) + "): " + read.status().ToString());
    rebased = std::move(read).value();
    schedule = &rebased;
  }
  // The same changes posted again (a double click, a retried request) are not applied
  // twice: the latest schedule already is their re-plan. Compared as JSON content, so
  // spacing and key order do not matter.
  // (After a corrected event, the same changes re-plan onto the new revision.)
  if (auto latest = api.store.GetSchedule(id, state->schedule_version);
      schedule == state->schedule.get() && latest.ok() && latest->has_value() && !(*latest)->changes_json.empty()) {
    // nlohmann::json (not the ordered Json): objects compare whatever their key order.
    auto before = nlohmann::json::parse((*latest)->changes_json, nullptr, false);
    auto now = nlohmann::json::parse(call.request.body, nullptr, false);
    if (!before.is_discarded() && before == now)
      return ErrorResponse(409, std::string(kChangesFile) + ": these changes were already applied: schedule version " +
                                    std::to_string(state->schedule_version) +
                                    " is their re-plan; nothing was re-applied");
  }
  match::ReplanEventInput input;
  input.event_json = state->event_json;
  input.event_file = kEventFile;
  input.event = state->event.get();
  input.rules = state->rules.get();
  input.schedule = schedule;
  input.changes_json = call.request.body;
  input.changes_file = kChangesFile;
  input.load.cpv_list = api.options.cpv_list.get();
  input.options.added_suppliers = added;
  auto replanned = match::ReplanEventFile(input);
  if (!replanned.ok()) return StatusResponse(replanned.status());
  const match::Event& changed = replanned->result.changed.event;
  Json warnings = WarningsJson(changed, match::ReplanWarnings(*schedule, replanned->result));
  auto diff = Json::parse(match::DiffToJson(changed, replanned->result.diff), nullptr, false);
  if (preview)
    return JsonResponse(200, Json{{"version", nullptr},
                                  {"based_on", state->schedule_version},
                                  {"preview", true},
                                  {"diff", std::move(diff)},
                                  {"warnings", std::move(warnings)}});
  int meetings = static_cast<int>(replanned->result.schedule.meetings.size());
  int version;
  {
    std::lock_guard write(api.write_mutex);
    // Another write may have come while this one was solving: re-plan the latest only.
    auto latest = api.store.ListSchedules(id);
    if (!latest.ok()) return StatusResponse(latest.status());
    if (latest->empty() || latest->back().version != state->schedule_version) {
      api.cache.Invalidate(id);
      return ErrorResponse(409, "the schedule changed while re-planning; retry");
    }
    // An import may also have come: committing would write the re-planned older event
    // over it.
    auto current = api.store.GetEvent(id);
    if (!current.ok()) return StatusResponse(current.status());
    if (!current->has_value() || (*current)->revision != state->revision) {
      api.cache.Invalidate(id);
      return ErrorResponse(409, "the event changed while re-planning; retry");
    }
    auto committed =
        api.store.CommitReplan(id, replanned->changed_event_json, SupplierIds(changed), replanned->schedule_json,
                               meetings, call.request.body, state->schedule_version);
    api.cache.Invalidate(id);
    if (!committed.ok()) return StatusResponse(committed.status());
    api.cache.Prefetch(id);
    version = *committed;
    api.RefreshTokens();
  }
  return JsonResponse(200, Json{{"version", version},
                                {"based_on", state->schedule_version},
                                {"preview", false},
                                {"diff", std::move(diff)},
                                {"warnings", std::move(warnings)}});
}

Response SupplierAgenda(ApiContext& api, const Call& call) { return Agenda(api, call, true); }
Response StandAgenda(ApiContext& api, const Call& call) { return Agenda(api, call, false); }

Response Timetable(ApiContext& api, const Call& call) {
  auto loaded = api.cache.State(call.Param("id"));
  if (!loaded.ok()) return StatusResponse(loaded.status());
  const EventState& s = **loaded;
  if (!s.schedule) return NoSchedule();
  return s.Memo("timetable",
                [&] { return JsonResponse(200, TimetableJson(*s.schedule_event, *s.schedule, s.schedule_version)); });
}

// The printable agendas (one HTML document, one page per participant) that changed
// between schedule version ?since=N and the latest.
Response ChangedAgendas(ApiContext& api, const Call& call) {
  const std::string since_text = call.target.Query("since").value_or("");
  if (!IsVersion(since_text))
    return ErrorResponse(400, "query since: " + Quote(since_text) + " is not a schedule version (1, 2, ...)");
  const int since = std::stoi(since_text);
  auto loaded = api.cache.State(call.Param("id"));
  if (!loaded.ok()) return StatusResponse(loaded.status());
  const EventState& s = **loaded;
  if (!s.schedule) return NoSchedule();
  auto record = api.store.GetSchedule(s.id, since);
  if (!record.ok()) return StatusResponse(record.status());
  if (!record->has_value()) return ErrorResponse(404, "no schedule version " + since_text + " of event " + Quote(s.id));
  auto earlier = match::ParseSchedule((*record)->json, "schedule.json", *s.schedule_event);
  if (!earlier.ok())
    return ErrorResponse(409, "schedule version " + since_text +
                                  " does not read against the latest event: " + earlier.status().ToString());
  const auto lang = call.Lang();
  if (!lang.ok()) return StatusResponse(lang.status());
  match::HtmlOptions options;
  options.lang = *lang;
  for (const auto& p : match::DiffSchedules(*earlier, *s.schedule).ByParticipant()) options.only.push_back(p.owner);
  Response response;
  response.content_type = "text/html; charset=utf-8";
  if (options.only.empty()) {
    response.body = "<!DOCTYPE html>\n<html lang=\"" + std::string(match::LangName(*lang)) +
                    "\"><head><meta charset=\"utf-8\"><title>" + match::HtmlEscape(s.schedule_event->name) +
                    "</title></head><body><p>" + match::Tr(*lang, match::Msg::kHtmlNoAgendaChanged, {since_text}) +
                    "</p></body></html>\n";
    return response;
  }
  response.body = match::TimetableHtml(*s.schedule_event, *s.schedule, options);
  return response;
}

// A supplier's meetings added, moved or cancelled between schedule version ?since=N and
// the latest (the banner of the supplier's page).
Response SupplierChanges(ApiContext& api, const Call& call) {
  const std::string since_text = call.target.Query("since").value_or("");
  if (!IsVersion(since_text))
    return ErrorResponse(400, "query since: " + Quote(since_text) + " is not a schedule version (1, 2, ...)");
  auto loaded = api.cache.State(call.Param("id"));
  if (!loaded.ok()) return StatusResponse(loaded.status());
  const EventState& s = **loaded;
  if (!s.schedule) return NoSchedule();
  const match::Event& event = *s.schedule_event;
  auto owner = event.FindSupplier(call.Param("sid"));
  if (!owner) return ErrorResponse(404, "no supplier " + Quote(call.Param("sid")) + " in event " + Quote(s.id));
  return s.Memo("changes/" + std::to_string(*owner) + "/" + since_text, [&]() -> Response {
    Json changes = Json::array();
    const int since = std::stoi(since_text);
    if (since < s.schedule_version) {
      auto record = api.store.GetSchedule(s.id, since);
      if (!record.ok()) return StatusResponse(record.status());
      if (!record->has_value()) return ErrorResponse(404, "no schedule version " + since_text);
      auto earlier = match::ParseSchedule((*record)->json, "schedule.json", event);
      if (!earlier.ok()) return StatusResponse(earlier.status());
      auto when = [&](const match::Meeting& m) {
        return Json{{"start", match::FormatTime(s.schedule->slots[m.slot].start)},
                    {"end", match::FormatTime(s.schedule->slots[m.slot].end)},
                    {"table", m.table}};
      };
      for (const auto& c : match::DiffSchedules(*earlier, *s.schedule).changes) {
        if (c.supplier != *owner) continue;
        Json j{{"change", match::MeetingChangeName(c.kind)},
               {"stand", event.stands[c.stand].id},
               {"stand_name", event.stands[c.stand].title}};
        if (c.kind != match::MeetingChange::Kind::kAdded) j["before"] = when(c.before);
        if (c.kind != match::MeetingChange::Kind::kCancelled) j["after"] = when(c.after);
        changes.push_back(std::move(j));
      }
    }
    return JsonResponse(200, Json{{"since", since}, {"version", s.schedule_version}, {"changes", std::move(changes)}});
  });
}

}  // namespace standmatchd::handlers
