// Handlers of event files, the CSV import, validation, rules and supplier tokens.
#include <algorithm>
#include <map>

#include "handlers.h"
#include "json_views.h"
#include "match/io/csv_event_import.h"
#include "match/io/event_io.h"
#include "match/io/rules.h"
#include "store.h"

namespace standmatchd::handlers {
namespace {

// Names the request bodies take in messages, as the CLI names files.
constexpr char kRulesFile[] = "rules.json";
constexpr char kCsvBody[] = "body";

bool Blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

// The message when the event file names another event than the URL; empty when not.
std::string IdMismatch(const match::Event& event, const std::string& id) {
  if (event.id == id) return {};
  return std::string(kEventFile) + ": event.id: " + Quote(event.id) + " differs from the event id " + Quote(id) +
         " of the URL";
}

match::LoadOptions Load(const ApiContext& api, std::vector<std::string>* warnings) {
  match::LoadOptions load;
  load.warnings = warnings;
  load.cpv_list = api.options.cpv_list.get();
  return load;
}

// Stores EVENT_JSON (checked, as EVENT) as event ID; WARNINGS are added to the reply.
Response StoreEvent(ApiContext& api, const std::string& id, const std::string& event_json, const match::Event& event,
                    const std::vector<std::string>& warnings) {
  int64_t revision;
  bool existed;
  {
    std::lock_guard write(api.write_mutex);
    auto previous = api.store.ListEvents();
    if (!previous.ok()) return StatusResponse(previous.status());
    existed = std::binary_search(previous->begin(), previous->end(), id);
    auto stands = StandIds(event);
    auto stored = api.store.PutEvent(id, event_json, SupplierIds(event), &stands);
    if (!stored.ok()) return StatusResponse(stored.status());
    revision = *stored;
    api.cache.Reload(id);
    api.RefreshTokens();
  }
  Json reply{{"id", id}, {"revision", revision}, {"suppliers", event.suppliers.size()}, {"warnings", warnings}};
  return JsonResponse(existed ? 200 : 201, reply);
}

}  // namespace

std::vector<std::string> SupplierIds(const match::Event& event) {
  std::vector<std::string> ids;
  ids.reserve(event.suppliers.size());
  for (const auto& s : event.suppliers) ids.push_back(s.id);
  return ids;
}

std::vector<std::string> StandIds(const match::Event& event) {
  std::vector<std::string> ids;
  ids.reserve(event.stands.size());
  for (const auto& t : event.stands) ids.push_back(t.id);
  return ids;
}

Response ListEvents(ApiContext& api, const Call&) {
  auto ids = api.store.ListEvents();
  if (!ids.ok()) return StatusResponse(ids.status());
  Json events = Json::array();
  for (const auto& id : *ids) {
    auto record = api.store.GetEvent(id);
    if (!record.ok()) return StatusResponse(record.status());
    if (!record->has_value()) continue;
    events.push_back(Json{{"id", id}, {"revision", (*record)->revision}});
  }
  return JsonResponse(200, Json{{"events", std::move(events)}});
}

Response GetEvent(ApiContext& api, const Call& call) {
  auto state = api.cache.State(call.Param("id"));
  if (!state.ok()) return StatusResponse(state.status());
  return JsonTextResponse(200, (*state)->event_json);
}

Response PutEvent(ApiContext& api, const Call& call) {
  const std::string& id = call.Param("id");
  std::vector<std::string> warnings;
  auto event = match::ParseEvent(call.request.body, kEventFile, Load(api, &warnings));
  if (!event.ok()) return StatusResponse(event.status());
  if (auto mismatch = IdMismatch(*event, id); !mismatch.empty()) return ErrorResponse(400, mismatch);
  return StoreEvent(api, id, call.request.body, *event, warnings);
}

Response PutEventCsv(ApiContext& api, const Call& call) {
  const std::string& id = call.Param("id");
  auto input = match::CsvImportInputFromJson(call.request.body, kCsvBody);
  if (!input.ok()) return StatusResponse(input.status());
  input->options.id = id;
  input->cpv_list = api.options.cpv_list.get();  // CPV codes checked as PUT /events checks them
  auto imported = match::ImportCsvEvent(*input, kEventFile, Load(api, nullptr));
  if (!imported.ok()) {
    // The errors in "error", the warnings that came with them in "warnings".
    std::string error;
    Json warnings = Json::array();
    for (const auto& m : imported.status().messages()) {
      if (match::IsCsvImportWarning(m)) {
        warnings.push_back(m);
      } else {
        error += (error.empty() ? "" : "\n") + m;
      }
    }
    if (error.empty()) return StatusResponse(imported.status());
    return JsonResponse(400, Json{{"error", error}, {"warnings", warnings}});
  }
  if (auto mismatch = IdMismatch(imported->event, id); !mismatch.empty())
    return ErrorResponse(400, match::LocateInCsv(imported->csv, kEventFile, mismatch));
  std::vector<std::string> warnings = imported->csv.warnings;
  warnings.insert(warnings.end(), imported->load_warnings.begin(), imported->load_warnings.end());
  return StoreEvent(api, id, imported->csv.event_json, imported->event, warnings);
}

Response DeleteEvent(ApiContext& api, const Call& call) {
  const std::string& id = call.Param("id");
  std::lock_guard write(api.write_mutex);
  auto record = api.store.GetEvent(id);
  if (!record.ok()) return StatusResponse(record.status());
  if (!record->has_value()) return ErrorResponse(404, "no event " + Quote(id));
  auto status = api.store.DeleteEvent(id);
  api.cache.Invalidate(id);
  api.RefreshTokens();
  if (!status.ok()) return StatusResponse(status);
  Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

Response Validate(ApiContext& api, const Call& call) {
  const std::string& id = call.Param("id");
  std::string json = call.request.body;
  if (Blank(json)) {  // the stored event
    auto state = api.cache.State(id);
    if (!state.ok()) return StatusResponse(state.status());
    json = (*state)->event_json;
  }
  std::vector<std::string> warnings;
  auto event = match::ParseEvent(json, kEventFile, Load(api, &warnings));
  std::vector<std::string> errors;
  if (!event.ok()) {
    errors = event.status().messages();
  } else if (auto mismatch = IdMismatch(*event, id); !mismatch.empty()) {
    errors.push_back(mismatch);
  }
  return JsonResponse(200, Json{{"valid", errors.empty()}, {"errors", errors}, {"warnings", warnings}});
}

Response GetRules(ApiContext& api, const Call& call) {
  auto state = api.cache.State(call.Param("id"));
  if (!state.ok()) return StatusResponse(state.status());
  return JsonTextResponse(200, (*state)->rules->ToJson());
}

Response PutRules(ApiContext& api, const Call& call) {
  const std::string& id = call.Param("id");
  std::string json = call.request.body;
  if (Blank(json)) json.clear();  // back to the built-in rules
  if (!json.empty()) {
    auto rules = match::Rules::Parse(json, kRulesFile);
    if (!rules.ok()) return StatusResponse(rules.status());
  }
  std::lock_guard write(api.write_mutex);
  auto revision = api.store.PutRules(id, json);
  if (!revision.ok()) {
    api.cache.Invalidate(id);
    if (revision.status().code() == match::Status::Code::kNotFound) return ErrorResponse(404, "no event " + Quote(id));
    return StatusResponse(revision.status());
  }
  api.cache.Reload(id);
  return JsonResponse(200, Json{{"id", id}, {"revision", *revision}});
}

Response Tokens(ApiContext& api, const Call& call) {
  const std::string& id = call.Param("id");
  auto state = api.cache.State(id);
  if (!state.ok()) return StatusResponse(state.status());
  auto tokens = api.store.Tokens(id);
  if (!tokens.ok()) return StatusResponse(tokens.status());
  auto stands = api.store.StandTokens(id);
  if (!stands.ok()) return StatusResponse(stands.status());
  if (stands->size() != (*state)->event->stands.size()) {
    // An event stored before stands had tokens: they are drawn now.
    auto synced = api.store.SyncStandTokens(id, StandIds(*(*state)->event));
    if (!synced.ok()) return StatusResponse(synced.status());
    api.RefreshTokens();
    stands = api.store.StandTokens(id);
    if (!stands.ok()) return StatusResponse(stands.status());
  }
  Json reply = TokensJson(*(*state)->event, *tokens, *stands);
  // Each participant's calendar feed (created on first listing).
  for (const auto& [kind, list] : {std::pair<std::string, std::string>{"supplier", "tokens"}, {"stand", "stands"}}) {
    auto feeds =
        api.store.Feeds(id, kind, kind == "supplier" ? SupplierIds(*(*state)->event) : StandIds(*(*state)->event));
    if (!feeds.ok()) return StatusResponse(feeds.status());
    std::map<std::string, std::string> feed_of;
    for (const auto& f : *feeds) feed_of[f.owner_id] = FeedPath(f.token);
    for (auto& entry : reply[list]) {
      auto it = feed_of.find(entry[kind].get<std::string>());
      if (it != feed_of.end()) entry["feed"] = it->second;
    }
  }
  return JsonResponse(200, reply);
}

}  // namespace standmatchd::handlers
