// Handlers of what participants do themselves: suppliers' wishes, stands'
// invitations, the public registration and its review, and what the organiser reads
// about them (the history of revisions, the early warnings).
//
// Every write of the event file is a read-modify-write inside one SQLite write
// transaction (Store::EditEvent), so concurrent writers never lose a write (other
// processes included); each makes a new revision recorded with its author. The writes
// also hold api.write_mutex, under which the re-plan checks and commits.
#include <ctime>

#include "handlers.h"
#include "json_views.h"
#include "match/io/event_edit.h"
#include "match/io/event_io.h"
#include "match/io/registration.h"
#include "match/schedule/early_warnings.h"
#include "store.h"

namespace standmatchd::handlers {
namespace {

constexpr char kBody[] = "body";

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

match::LoadOptions Load(const ApiContext& api) {
  match::LoadOptions load;
  load.cpv_list = api.options.cpv_list.get();
  return load;
}

// The answer of a failed edit: CONFLICT (409) when the editor set it, else the status's.
Response EditFailure(const match::Status& status, const std::string& conflict) {
  if (!conflict.empty()) return ErrorResponse(409, conflict);
  return StatusResponse(status);
}

// The new event file after REPLACE, checked as a whole, with the ids its tokens follow.
match::Result<EventEdit> Checked(const ApiContext& api, match::Result<std::string> json) {
  if (!json.ok()) return json.status();
  auto event = match::ParseEvent(*json, kEventFile, Load(api));
  if (!event.ok()) return event.status();
  return EventEdit{std::move(json).value(), SupplierIds(*event), StandIds(*event)};
}

// PUT wishes (KIND kWishes, owner {sid}) or invitations (kInvitations, owner {tid}).
Response PutInterests(ApiContext& api, const Call& call, match::InterestKind kind) {
  const std::string& id = call.Param("id");
  const bool wishes = kind == match::InterestKind::kWishes;
  const std::string& owner = call.Param(wishes ? "sid" : "tid");
  auto state = api.cache.State(id);
  if (!state.ok()) return StatusResponse(state.status());
  const match::Event& cached = *(*state)->event;
  if (wishes ? !cached.FindSupplier(owner) : !cached.FindStand(owner))
    return ErrorResponse(404,
                         std::string(wishes ? "no supplier " : "no stand ") + Quote(owner) + " in event " + Quote(id));
  auto list = match::ParseInterests(call.request.body, kBody, kind, cached);
  if (!list.ok()) return StatusResponse(list.status());
  std::string conflict;
  const std::string change = std::string(wishes ? "wishes of supplier " : "invitations of stand ") + owner;
  // The write lock keeps the re-plan's check-then-commit (handlers_schedules.cpp) whole:
  // a re-plan never writes its older event over this revision.
  std::lock_guard write(api.write_mutex);
  auto revision =
      api.store.EditEvent(id, call.caller, change, [&](const EventRecord& latest) -> match::Result<EventEdit> {
        // The latest revision decides: its deadline, its participants.
        auto event = match::ParseEvent(latest.json, kEventFile, Load(api));
        if (!event.ok()) return event.status();
        if (event->wishes_close_at && Now() >= *event->wishes_close_at) {
          conflict = "wishes and invitations closed at " + event->wishes_close + " (event.wishes_close)";
          return match::Status::Invalid(conflict);
        }
        if (auto again = match::ParseInterests(call.request.body, kBody, kind, *event); !again.ok())
          return again.status();
        return Checked(api, wishes ? match::ReplaceWishes(latest.json, owner, *list)
                                   : match::ReplaceInvitations(latest.json, owner, *list));
      });
  if (!revision.ok()) return EditFailure(revision.status(), conflict);
  api.cache.Reload(id);
  auto reply = Json::parse(match::InterestsJson(*list, kind));
  reply["revision"] = *revision;
  return JsonResponse(200, reply);
}

Response GetInterests(ApiContext& api, const Call& call, match::InterestKind kind) {
  const bool wishes = kind == match::InterestKind::kWishes;
  const std::string& owner = call.Param(wishes ? "sid" : "tid");
  auto state = api.cache.State(call.Param("id"));
  if (!state.ok()) return StatusResponse(state.status());
  const match::Event& event = *(*state)->event;
  auto index = wishes ? event.FindSupplier(owner) : event.FindStand(owner);
  if (!index)
    return ErrorResponse(
        404, std::string(wishes ? "no supplier " : "no stand ") + Quote(owner) + " in event " + Quote(event.id));
  auto list = wishes ? match::WishesOf(event, *index) : match::InvitationsOf(event, *index);
  auto reply = Json::parse(match::InterestsJson(list, kind));
  reply["wishes_close"] = event.wishes_close.empty() ? Json() : Json(event.wishes_close);
  reply["open"] = !(event.wishes_close_at && Now() >= *event.wishes_close_at);
  reply["revision"] = (*state)->revision;
  return JsonResponse(200, reply);
}

Json RegistrationJson(const RegistrationRecord& r) {
  auto record = Json::parse(r.record_json, nullptr, false);
  return Json{{"id", r.id},
              {"state", r.state},
              {"created", r.created},
              {"name", r.name},
              {"siret", r.siret},
              {"supplier", r.supplier_id.empty() ? Json() : Json(r.supplier_id)},
              {"record", record.is_discarded() ? Json() : record}};
}

}  // namespace

Response GetWishes(ApiContext& api, const Call& call) { return GetInterests(api, call, match::InterestKind::kWishes); }
Response PutWishes(ApiContext& api, const Call& call) { return PutInterests(api, call, match::InterestKind::kWishes); }
Response GetInvitations(ApiContext& api, const Call& call) {
  return GetInterests(api, call, match::InterestKind::kInvitations);
}
Response PutInvitations(ApiContext& api, const Call& call) {
  return PutInterests(api, call, match::InterestKind::kInvitations);
}

Response History(ApiContext& api, const Call& call) {
  auto history = api.store.History(call.Param("id"));
  if (!history.ok()) return StatusResponse(history.status());
  Json list = Json::array();
  for (const auto& r : *history)
    list.push_back(Json{{"revision", r.revision},
                        {"created", r.created},
                        {"author", r.author.empty() ? "organiser" : r.author},
                        {"change", r.change.empty() ? "event file or rules" : r.change}});
  return JsonResponse(200, Json{{"revisions", std::move(list)}});
}

Response Warnings(ApiContext& api, const Call& call) {
  auto state = api.cache.State(call.Param("id"));
  if (!state.ok()) return StatusResponse(state.status());
  const EventState& s = **state;
  return s.Memo("warnings", [&] {
    auto warnings = match::FindEarlyWarnings(*s.event, *s.rules, *s.scores);
    return JsonTextResponse(200, match::EarlyWarningsJson(*s.event, warnings));
  });
}

Response GetRegistration(ApiContext& api, const Call& call) {
  const std::string& id = call.Param("id");
  auto state = api.cache.State(id);
  if (!state.ok()) return StatusResponse(state.status());
  auto settings = api.store.GetRegistration(id);
  if (!settings.ok()) return StatusResponse(settings.status());
  bool open = settings->open && !(settings->closes_at && Now() >= *settings->closes_at);
  const match::Event& event = *(*state)->event;
  Json sessions = Json::array();
  for (const auto& w : event.sessions)
    sessions.push_back(Json{{"start", match::FormatTime(w.start)}, {"end", match::FormatTime(w.end)}});
  return JsonResponse(
      200, Json{{"event",
                 Json{{"id", event.id}, {"name", event.name}, {"date", event.date}, {"sessions", std::move(sessions)}}},
                {"open", open},
                {"closes", settings->closes.empty() ? Json() : Json(settings->closes)}});
}

Response PutRegistration(ApiContext& api, const Call& call) {
  const std::string& id = call.Param("id");
  auto body = Json::parse(call.request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return ErrorResponse(400, std::string(kBody) + ": not a JSON object");
  auto open = body.find("open");
  if (open == body.end() || !open->is_boolean())
    return ErrorResponse(400, std::string(kBody) + ": open: must be true or false");
  RegistrationSettings settings;
  settings.open = open->get<bool>();
  if (auto closes = body.find("closes"); closes != body.end() && !closes->is_null()) {
    if (!closes->is_string()) return ErrorResponse(400, std::string(kBody) + ": closes: must be a date-time");
    settings.closes = closes->get<std::string>();
    settings.closes_at = match::ParseDateTime(settings.closes);
    if (!settings.closes_at)
      return ErrorResponse(400, std::string(kBody) + ": closes: " + Quote(settings.closes) +
                                    " is not a date-time (YYYY-MM-DDTHH:MM, optionally with an offset)");
  }
  auto status = api.store.SetRegistration(id, settings);
  if (!status.ok()) return StatusResponse(status);
  return JsonResponse(
      200, Json{{"open", settings.open}, {"closes", settings.closes.empty() ? Json() : Json(settings.closes)}});
}

Response Register(ApiContext& api, const Call& call) {
  const std::string& id = call.Param("id");
  if (call.request.body.size() > api.options.max_registration_bytes)
    return ErrorResponse(413,
                         "a registration is at most " + std::to_string(api.options.max_registration_bytes) + " bytes");
  auto registration = match::ParseRegistration(call.request.body, kBody, Load(api));
  if (!registration.ok()) return StatusResponse(registration.status());
  auto added = api.store.AddRegistration(id, registration->name, registration->siret, registration->supplier_json,
                                         api.options.max_registrations_per_event, Now());
  if (!added.ok()) return StatusResponse(added.status());
  switch (added->outcome) {
    case Store::AddOutcome::kClosed:
      return ErrorResponse(403, "registration for this event is closed");
    case Store::AddOutcome::kFull:
      return ErrorResponse(429, "this event takes no more registrations");
    case Store::AddOutcome::kAdded:
      break;
  }
  // Only the registrant's own id: nothing about the others.
  return JsonResponse(202, Json{{"id", added->id}, {"state", "pending"}});
}

Response ListRegistrations(ApiContext& api, const Call& call) {
  auto list = api.store.Registrations(call.Param("id"));
  if (!list.ok()) return StatusResponse(list.status());
  Json out = Json::array();
  for (const auto& r : *list) out.push_back(RegistrationJson(r));
  return JsonResponse(200, Json{{"registrations", std::move(out)}});
}

Response AcceptRegistration(ApiContext& api, const Call& call) {
  const std::string& id = call.Param("id");
  const std::string& rid = call.Param("rid");
  std::string supplier_id;
  std::lock_guard write(api.write_mutex);  // as for wishes: never under a re-plan's commit
  auto revision = api.store.AcceptRegistration(
      id, rid, [&](const EventRecord& latest, const RegistrationRecord& registration) -> match::Result<EventEdit> {
        supplier_id = registration.id;
        return Checked(api, match::AppendSupplier(latest.json, supplier_id, registration.record_json));
      });
  if (!revision.ok()) return StatusResponse(revision.status());
  api.cache.Reload(id);
  api.RefreshTokens();
  auto tokens = api.store.Tokens(id);
  if (!tokens.ok()) return StatusResponse(tokens.status());
  Json token;
  for (const auto& t : *tokens)
    if (t.supplier_id == supplier_id) token = t.token;
  return JsonResponse(
      200,
      Json{{"id", rid}, {"state", "accepted"}, {"supplier", supplier_id}, {"token", token}, {"revision", *revision}});
}

Response RejectRegistration(ApiContext& api, const Call& call) {
  auto status = api.store.RejectRegistration(call.Param("id"), call.Param("rid"));
  if (!status.ok()) return StatusResponse(status);
  return JsonResponse(200, Json{{"id", call.Param("rid")}, {"state", "rejected"}});
}

}  // namespace standmatchd::handlers
