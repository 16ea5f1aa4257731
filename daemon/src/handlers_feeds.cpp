// Handlers of calendar feeds: GET /feeds/{token}.ics (no Authorization header: what a
// calendar program subscribes to) and the organiser's rotation of a feed token.
#include "handlers.h"
#include "json_views.h"
#include "match/export/agenda.h"
#include "match/replan/schedule_diff.h"
#include "match/schedule/schedule.h"
#include "store.h"

namespace standmatchd::handlers {
namespace {

constexpr char kFeedSuffix[] = ".ics";

// The meetings of earlier schedule versions of STATE withdrawn since (as last
// published), read against the latest schedule's event; a version that does not read
// against it (a participant removed since) is left out.
match::Result<std::vector<match::Meeting>> Withdrawn(ApiContext& api, const EventState& s) {
  auto list = api.store.ListSchedules(s.id);
  if (!list.ok()) return list.status();
  std::vector<match::Schedule> earlier;
  for (const auto& info : *list) {
    if (info.version >= s.schedule_version) continue;
    auto record = api.store.GetSchedule(s.id, info.version);
    if (!record.ok()) return record.status();
    if (!record->has_value()) continue;
    auto parsed = match::ParseSchedule((*record)->json, "schedule.json", *s.schedule_event);
    if (parsed.ok()) earlier.push_back(std::move(parsed).value());
  }
  return match::WithdrawnMeetings(earlier, *s.schedule);
}

// The time of the latest schedule version (DTSTAMP of the feed).
match::Result<int64_t> VersionTime(ApiContext& api, const EventState& s) {
  auto record = api.store.GetSchedule(s.id, s.schedule_version);
  if (!record.ok()) return record.status();
  return record->has_value() ? (*record)->info.created : 0;
}

Response Rotate(ApiContext& api, const Call& call, bool of_supplier) {
  const std::string& owner_id = call.Param(of_supplier ? "sid" : "tid");
  auto loaded = api.cache.State(call.Param("id"));
  if (!loaded.ok()) return StatusResponse(loaded.status());
  const match::Event& event = *(*loaded)->event;
  if (!(of_supplier ? event.FindSupplier(owner_id) : event.FindStand(owner_id)))
    return ErrorResponse(404, std::string(of_supplier ? "no supplier " : "no stand ") + Quote(owner_id) + " in event " +
                                  Quote(event.id));
  auto token = api.store.RotateFeed(event.id, of_supplier ? "supplier" : "stand", owner_id);
  if (!token.ok()) return StatusResponse(token.status());
  return JsonResponse(200, Json{{of_supplier ? "supplier" : "stand", owner_id}, {"feed", FeedPath(*token)}});
}

}  // namespace

std::string FeedPath(const std::string& token) { return "/feeds/" + token + kFeedSuffix; }

Response Feed(ApiContext& api, const Call& call) {
  const std::string& file = call.Param("file");
  const std::string suffix = kFeedSuffix;
  auto not_found = [] { return ErrorResponse(404, "no such calendar feed"); };
  if (file.size() <= suffix.size() || file.compare(file.size() - suffix.size(), suffix.size(), suffix) != 0)
    return not_found();
  auto owner = api.store.FindFeed(file.substr(0, file.size() - suffix.size()));
  if (!owner.ok()) return StatusResponse(owner.status());
  if (!owner->has_value()) return not_found();
  const FeedOwner& who = **owner;
  const auto lang = call.Lang();
  if (!lang.ok()) return StatusResponse(lang.status());
  auto loaded = api.cache.State(who.event_id);
  if (!loaded.ok()) return StatusResponse(loaded.status());
  const EventState& s = **loaded;
  if (!s.schedule) return NoSchedule();
  const bool of_supplier = who.kind == "supplier";
  const match::Event& event = *s.schedule_event;
  auto index = of_supplier ? event.FindSupplier(who.owner_id) : event.FindStand(who.owner_id);
  if (!index) return not_found();
  const match::AgendaOwner agenda_owner =
      of_supplier ? match::AgendaOwner::Supplier(*index) : match::AgendaOwner::Stand(*index);
  Response response = s.Memo(
      "feed/" + who.kind + "/" + std::to_string(*index) + "/" + std::string(match::LangName(*lang)), [&]() -> Response {
        auto withdrawn = Withdrawn(api, s);
        if (!withdrawn.ok()) return StatusResponse(withdrawn.status());
        auto stamp = VersionTime(api, s);
        if (!stamp.ok()) return StatusResponse(stamp.status());
        match::IcsOptions options;
        options.stamp = *stamp;
        options.lang = *lang;
        auto ics = match::FeedIcs(event, *s.schedule, *withdrawn, agenda_owner, options);
        if (!ics.ok()) return StatusResponse(ics.status());
        Response r;
        r.content_type = kIcsType;
        r.body = std::move(ics).value();
        return r;
      });
  // The token is the secret: no shared cache keeps the feed.
  response.headers.emplace_back("Cache-Control", "private, no-cache");
  return response;
}

Response RotateSupplierFeed(ApiContext& api, const Call& call) { return Rotate(api, call, true); }
Response RotateStandFeed(ApiContext& api, const Call& call) { return Rotate(api, call, false); }

}  // namespace standmatchd::handlers
