// Handlers of what participants do themselves: suppliers' wishes, stands'
// invitations, the public registration and its review, and what the organiser reads
// about them (the history of revisions, the early warnings).
//
// Every write of the event file is a read-modify-write inside one SQLite write
// transaction (Store::EditEvent), so concurrent writers never lose a write (other
// processes included); each makes a new revision recorded with its author. The writes
// also hold api.write_mutex, under which the re-plan checks and commits.
#include <algorithm>
#include <ctime>
#include <set>

#include "handlers.h"
#include "json_views.h"
#include "match/io/event_edit.h"
#include "match/io/event_io.h"
#include "match/io/registration.h"
#include "match/schedule/early_warnings.h"
#include "match/tools/source.h"
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

// The new event file after REPLACE, checked as a whole, with the ids its tokens follow;
// the event read in PARSED when given.
match::Result<EventEdit> Checked(const ApiContext& api, match::Result<std::string> json,
                                 match::Event* parsed = nullptr) {
  if (!json.ok()) return json.status();
  auto event = match::ParseEvent(*json, kEventFile, Load(api));
  if (!event.ok()) return event.status();
  EventEdit edit{std::move(json).value(), SupplierIds(*event), StandIds(*event)};
  if (parsed) *parsed = std::move(event).value();
  return edit;
}

// "a,b,,c" -> {"a", "b", "c"}.
std::vector<std::string> CommaList(const std::string& text) {
  std::vector<std::string> items;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = std::min(text.find(',', begin), text.size());
    if (end > begin) items.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return items;
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

// POST /events/{id}/source/invitations?stand=TID&level=want|must&siret=S1,S2 with a
// directory (CSV) body: the chosen structures invited to the stand in a new revision, as
// `standmatch source --invite LEVEL --merge` restricted to them (match::SourceChosen).
Response InviteFromDirectory(ApiContext& api, const Call& call) {
  const std::string& id = call.Param("id");
  const std::string stand_id = call.target.Query("stand").value_or("");
  const std::string level_name = call.target.Query("level").value_or("");
  const match::Level level = level_name == "must" ? match::Level::kMust : match::Level::kWant;
  if (level_name != "must" && level_name != "want")
    return ErrorResponse(400, "query level: " + Quote(level_name) + " is not want or must");
  const std::vector<std::string> sirets = CommaList(call.target.Query("siret").value_or(""));
  auto state = api.cache.State(id);
  if (!state.ok()) return StatusResponse(state.status());
  const match::Event& cached = *(*state)->event;
  if (stand_id.empty()) return ErrorResponse(400, "query stand: the id of the stand to invite to is required");
  auto stand = cached.FindStand(stand_id);
  if (!stand) return ErrorResponse(400, "query stand: no stand " + Quote(stand_id) + " in event " + Quote(id));
  auto directory = match::ReadDirectory({"directory", call.request.body});
  if (!directory.ok()) return StatusResponse(directory.status());
  auto chosen = match::SourceChosen(cached, *directory, *(*state)->rules, match::Territory::Builtin(), *stand, sirets);
  if (!chosen.ok()) return StatusResponse(chosen.status());
  const std::string written = match::SourcingInvitationsJson(*chosen, level);
  match::Event after;
  std::string conflict;
  std::lock_guard write(api.write_mutex);  // as for wishes: never under a re-plan's commit
  auto revision = api.store.EditEvent(
      id, call.caller, "invitations of stand " + stand_id + " from a directory",
      [&](const EventRecord& latest) -> match::Result<EventEdit> {
        auto edit = Checked(api, match::MergeInvitations(latest.json, written, "invitations"), &after);
        if (edit.ok() && after.wishes_close_at && Now() >= *after.wishes_close_at) {
          conflict = "wishes and invitations closed at " + after.wishes_close + " (event.wishes_close)";
          return match::Status::Invalid(conflict);
        }
        return edit;
      });
  if (!revision.ok()) return EditFailure(revision.status(), conflict);
  api.cache.Reload(id);
  api.RefreshTokens();
  // The stand's invitations of the chosen structures, as the new revision holds them.
  const std::set<std::string> chosen_sirets(sirets.begin(), sirets.end());
  Json invitations = Json::array();
  for (const auto& i : after.invitations) {
    const match::Supplier& supplier = after.suppliers[i.supplier];
    if (after.stands[i.stand].id != stand_id || !chosen_sirets.count(supplier.siret)) continue;
    invitations.push_back(Json{{"supplier", supplier.id},
                               {"siret", supplier.siret},
                               {"name", supplier.name},
                               {"level", std::string(match::LevelName(i.level))}});
  }
  return JsonResponse(200, Json{{"revision", *revision}, {"stand", stand_id}, {"invitations", std::move(invitations)}});
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
