// The routes of standmatchd (docs/daemon.md): authentication, routing, the per-event
// cache and the handlers, each a thin call into libmatch and the Store.
//
// The cache holds, per event, the parsed Event, Rules and ScoreTable of the latest
// revision and the latest schedule (parsed, with the event revision it belongs to),
// as an immutable EventState shared by pointer. Ranking, scores and agenda responses
// are memoised in the state as ready Responses, so a repeated read does no SQL and no
// scoring. Every write replaces or drops the event's state. The cache's shared_mutex
// is never held while loading, scoring or solving: a loader builds a state unlocked
// and installs it only if no write happened meanwhile (the generation counter).
#include "api.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <shared_mutex>
#include <thread>
#include <unordered_map>

#include "api_target.h"
#include "api_tokens.h"
#include "jobs.h"
#include "match/export/agenda.h"
#include "match/replan/changes.h"
#include "match/io/csv_import.h"
#include "match/io/event_io.h"
#include "match/score/ranking.h"
#include "match/replan/replan.h"
#include "match/io/rules.h"
#include "match/schedule/schedule.h"
#include "match/replan/schedule_diff.h"
#include "match/score/scoring.h"
#include "match/domain/territory.h"
#include "prometheus.h"
#include "store.h"
#include "web_assets.h"

namespace standmatchd {
namespace {

using Json = nlohmann::ordered_json;

// Names the request bodies take in messages, as the CLI names files.
constexpr char kEventFile[] = "event.json";
constexpr char kRulesFile[] = "rules.json";
constexpr char kChangesFile[] = "changes.json";
constexpr char kScheduleFile[] = "schedule.json";
constexpr char kCsvBody[] = "body";
constexpr int kDefaultTop = 10;
constexpr char kJsonType[] = "application/json";
constexpr char kCsvType[] = "text/csv; charset=utf-8";
constexpr char kIcsType[] = "text/calendar; charset=utf-8";
constexpr char kMetricsType[] = "text/plain; version=0.0.4; charset=utf-8";

// TEXT as a JSON string, for messages; invalid UTF-8 is replaced, never thrown on.
std::string Quote(const std::string& text) { return Json(text).dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string Dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n"; }

Response JsonResponse(int status, const Json& json) {
  Response response;
  response.status = status;
  response.body = Dump(json);
  return response;
}

// A JSON text produced by libmatch, as a response body ending with a newline.
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

double Score4(double score) { return std::round(score * 10000) / 10000; }

std::vector<std::string> SupplierIds(const match::Event& event) {
  std::vector<std::string> ids;
  ids.reserve(event.suppliers.size());
  for (const auto& s : event.suppliers) ids.push_back(s.id);
  return ids;
}

// The metrics label of a method: the usual ones as sent, anything else "OTHER", so
// that a client cannot create label values.
std::string MethodLabel(const std::string& method) {
  static const char* const kKnown[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"};
  for (const char* known : kKnown)
    if (method == known) return method;
  return "OTHER";
}

// Ready responses, keyed by route, owner and options. A copy starts empty.
class ResponseMemo {
 public:
  ResponseMemo() = default;
  ResponseMemo(const ResponseMemo&) {}
  ResponseMemo& operator=(const ResponseMemo&) = delete;

  // The response under KEY, computed by MAKE (unlocked) on the first request; only
  // successes are kept.
  Response Get(const std::string& key, const std::function<Response()>& make) const {
    {
      std::shared_lock lock(mutex_);
      auto it = memo_.find(key);
      if (it != memo_.end()) return *it->second;
    }
    auto response = std::make_shared<const Response>(make());
    if (response->status == 200) {
      std::unique_lock lock(mutex_);
      memo_.emplace(key, response);
    }
    return *response;
  }

 private:
  mutable std::shared_mutex mutex_;
  mutable std::unordered_map<std::string, std::shared_ptr<const Response>> memo_;
};

// The latest revision of one event, parsed and scored, and its latest schedule.
// Immutable once shared (the memo aside, which is internally locked).
struct EventState {
  std::string id;
  int64_t revision = 0;
  std::string event_json;
  std::shared_ptr<const match::Event> event;
  std::shared_ptr<const match::Rules> rules;
  std::shared_ptr<const match::ScoreTable> scores;
  // The latest schedule; version 0 when there is none. SCHEDULE_EVENT is the event
  // revision it belongs to (EVENT itself when that is the latest).
  int schedule_version = 0;
  int64_t schedule_revision = 0;
  std::string schedule_json;
  std::string schedule_event_json;
  std::shared_ptr<const match::Event> schedule_event;
  std::shared_ptr<const match::Schedule> schedule;
  ResponseMemo memo;

  Response Memo(const std::string& key, const std::function<Response()>& make) const { return memo.Get(key, make); }
};

// Loads events again in the background after writes, so that the first read after a
// write finds the event parsed and scored instead of doing that on an I/O thread. One
// thread; an event waits in the queue at most once.
class Prefetcher {
 public:
  explicit Prefetcher(std::function<void(const std::string&)> load) : load_(std::move(load)) {
    thread_ = std::thread([this] { Run(); });
  }
  // Stops after the load in progress, dropping the queue.
  ~Prefetcher() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }
  Prefetcher(const Prefetcher&) = delete;
  Prefetcher& operator=(const Prefetcher&) = delete;

  void Add(const std::string& id) {
    {
      std::lock_guard lock(mutex_);
      if (!queued_.insert(id).second) return;
      queue_.push_back(id);
    }
    wake_.notify_one();
  }

 private:
  void Run() {
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      std::string id = std::move(queue_.front());
      queue_.pop_front();
      queued_.erase(id);
      lock.unlock();
      try {
        load_(id);
      } catch (...) {
        // A failed prefetch only means the next read loads the event itself.
      }
      lock.lock();
    }
  }

  std::function<void(const std::string&)> load_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;
  std::set<std::string> queued_;
  bool stop_ = false;
  std::thread thread_;
};

using StatePtr = std::shared_ptr<const EventState>;

enum class Scope { kNone, kOrganiser, kSupplier };

struct Call {
  const Request& request;
  const Target& target;
  const std::map<std::string, std::string>& params;
  const std::string& Param(const std::string& name) const { return params.at(name); }
};

}  // namespace

struct Api::Impl {
  using Handler = std::function<Response(Impl&, const Call&)>;
  struct RouteInfo {
    Scope scope = Scope::kOrganiser;
    Handler handler;
  };

  Impl(Store& store, ApiOptions options)
      : store_(store),
        options_(std::move(options)),
        tokens_(options_.organiser_token),
        jobs_(std::max(1, options_.job_workers), std::max(0, options_.max_queued_jobs)) {
    // The library's built-in tables, built once here rather than by whichever thread
    // needs them first.
    match::Rules::Default();
    match::Territory::Builtin();
    RefreshTokens();
    AddRoutes();
  }

  Store& store_;
  const ApiOptions options_;
  TokenTable tokens_;
  RequestMetrics metrics_;
  Router<RouteInfo> router_;

  // The cache: event id -> state. GENERATION_ counts the writes, so that a loader
  // that read the Store before a write does not install what it read.
  std::shared_mutex cache_mutex_;
  std::map<std::string, StatePtr, std::less<>> cache_;
  uint64_t generation_ = 0;
  // Events being loaded, for the requests that miss the cache meanwhile.
  // A write drops the event's entry: requests after it never wait for a load that
  // began before it. TICKET tells a loader whether the entry is still its own.
  struct Loading {
    uint64_t ticket = 0;
    std::shared_future<match::Result<StatePtr>> result;
  };
  std::map<std::string, Loading, std::less<>> loading_;
  uint64_t next_ticket_ = 0;
  // Serialises the read-check-commit of writes that depend on the latest schedule.
  std::mutex write_mutex_;

  // Destroyed before the cache and the store it uses.
  Prefetcher prefetch_{[this](const std::string& id) { State(id); }};

  // Last member: destroyed first, so running jobs finish while the rest still exists.
  JobQueue jobs_;

  // ---- plumbing ------------------------------------------------------------------

  void AddRoutes() {
    auto add = [this](const char* pattern, const char* method, Scope scope, Handler handler) {
      router_.Add(pattern, method, RouteInfo{scope, std::move(handler)});
    };
    add("/health", "GET", Scope::kNone, &Impl::Health);
    add("/metrics", "GET", Scope::kNone, &Impl::Metrics);
    add("/events", "GET", Scope::kOrganiser, &Impl::ListEvents);
    add("/events/{id}", "GET", Scope::kOrganiser, &Impl::GetEvent);
    add("/events/{id}", "PUT", Scope::kOrganiser, &Impl::PutEvent);
    add("/events/{id}", "DELETE", Scope::kOrganiser, &Impl::DeleteEvent);
    add("/events/{id}/csv", "PUT", Scope::kOrganiser, &Impl::PutEventCsv);
    add("/events/{id}/validate", "POST", Scope::kOrganiser, &Impl::Validate);
    add("/events/{id}/rules", "GET", Scope::kOrganiser, &Impl::GetRules);
    add("/events/{id}/rules", "PUT", Scope::kOrganiser, &Impl::PutRules);
    add("/events/{id}/scores", "GET", Scope::kOrganiser, &Impl::Scores);
    add("/events/{id}/suppliers/{sid}/stands", "GET", Scope::kSupplier, &Impl::SupplierRanking);
    add("/events/{id}/stands/{tid}/suppliers", "GET", Scope::kOrganiser, &Impl::StandRanking);
    add("/events/{id}/schedule", "POST", Scope::kOrganiser, &Impl::StartSchedule);
    add("/events/{id}/schedule", "GET", Scope::kOrganiser, &Impl::LatestSchedule);
    add("/events/{id}/schedules", "GET", Scope::kOrganiser, &Impl::ListSchedules);
    add("/events/{id}/schedules/{v}", "GET", Scope::kOrganiser, &Impl::GetScheduleVersion);
    add("/events/{id}/replan", "POST", Scope::kOrganiser, &Impl::ReplanRoute);
    add("/events/{id}/suppliers/{sid}/agenda", "GET", Scope::kSupplier, &Impl::SupplierAgenda);
    add("/events/{id}/stands/{tid}/agenda", "GET", Scope::kOrganiser, &Impl::StandAgenda);
    add("/events/{id}/tokens", "GET", Scope::kOrganiser, &Impl::Tokens);
    add("/events/{id}/timetable", "GET", Scope::kOrganiser, &Impl::Timetable);
    add("/jobs/{job}", "GET", Scope::kOrganiser, &Impl::GetJob);
  }

  void RefreshTokens() {
    auto all = store_.AllTokens();
    if (all.ok()) tokens_.Replace(*all);
  }

  Response Handle(const Request& request) {
    auto started = std::chrono::steady_clock::now();
    std::string route_label = "unmatched";
    Response response = Dispatch(request, &route_label);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics_.Record(route_label, MethodLabel(request.method), response.status, seconds);
    return response;
  }

  Response Dispatch(const Request& request, std::string* route_label) {
    auto target = ParseTarget(request.target);
    if (!target.ok()) return ErrorResponse(400, target.status().ToString());
    if (request.method == "GET" || request.method == "HEAD") {
      if (auto asset = WebAssetFor(*target)) {
        *route_label = "/ui";
        return *asset;
      }
    }
    std::string method = request.method == "HEAD" ? "GET" : request.method;
    auto match = router_.Find(method, target->segments);
    if (!match.route) {
      if (match.allow.empty()) return ErrorResponse(404, "no route for " + DescribePath(*target));
      Response response =
          ErrorResponse(405, "method " + MethodLabel(request.method) + " not allowed here; allowed: " + match.allow);
      response.headers.emplace_back("Allow", match.allow);
      return response;
    }
    *route_label = match.route->pattern;
    if (request.body.size() > options_.max_body_bytes)
      return ErrorResponse(413, "request body of " + std::to_string(request.body.size()) +
                                    " bytes exceeds the limit of " + std::to_string(options_.max_body_bytes));
    const RouteInfo& info = match.route->handler;
    if (info.scope != Scope::kNone) {
      if (auto refusal = Authorize(request, info.scope, match.params)) return *refusal;
    }
    try {
      Response response = info.handler(*this, Call{request, *target, match.params});
      // What a token reads (tokens, rankings, agendas, personal data) stays out of shared caches.
      if (info.scope != Scope::kNone) {
        bool has_cache_control = false;
        for (const auto& header : response.headers) has_cache_control |= header.first == "Cache-Control";
        if (!has_cache_control) response.headers.emplace_back("Cache-Control", "private, no-store");
      }
      return response;
    } catch (const std::exception& e) {
      return ErrorResponse(500, std::string("internal error: ") + e.what());
    } catch (...) {
      return ErrorResponse(500, "internal error");
    }
  }

  // Paths in messages: ids from the URL are shown, never a query (it may carry secrets
  // by mistake).
  static std::string DescribePath(const Target& target) {
    std::string path;
    for (const auto& s : target.segments) path += "/" + s;
    if (path.empty()) path = "/";
    return Quote(path);
  }

  static std::optional<Response> WebAssetFor(const Target& target) {
    const auto& seg = target.segments;
    bool web = seg.empty() || (seg.size() >= 2 && seg[0] == "ui");
    if (!web) return std::nullopt;
    std::string path;
    for (const auto& s : seg) path += "/" + s;
    if (path.empty()) path = "/";
    auto asset = FindWebAsset(path);
    if (!asset) return std::nullopt;
    Response response;
    response.content_type = std::string(asset->content_type);
    response.body = std::string(asset->body);
    response.headers.emplace_back("Cache-Control", "no-cache");
    return response;
  }

  std::optional<Response> Authorize(const Request& request, Scope scope,
                                    const std::map<std::string, std::string>& params) {
    std::string_view header = request.authorization;
    constexpr std::string_view kBearer = "bearer ";
    auto unauthorized = [](const std::string& message) {
      Response response = ErrorResponse(401, message);
      response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"standmatchd\"");
      return response;
    };
    if (header.size() <= kBearer.size()) return unauthorized("missing bearer token (Authorization: Bearer TOKEN)");
    for (size_t i = 0; i < kBearer.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(header[i])) != kBearer[i])
        return unauthorized("missing bearer token (Authorization: Bearer TOKEN)");
    std::string_view token = header.substr(kBearer.size());
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && (token.back() == ' ' || token.back() == '\r')) token.remove_suffix(1);
    auto identity = tokens_.Identify(token);
    if (!identity) return unauthorized("unknown token");
    if (identity->kind == Identity::Kind::kOrganiser) return std::nullopt;
    if (scope == Scope::kSupplier) {
      auto id = params.find("id"), sid = params.find("sid");
      if (id != params.end() && sid != params.end() && id->second == identity->scope.event_id &&
          sid->second == identity->scope.supplier_id)
        return std::nullopt;
      return ErrorResponse(403, "this token may only read its own supplier's ranking and agenda");
    }
    return ErrorResponse(403, "this route is for the organiser");
  }

  // ---- the cache -------------------------------------------------------------------

  void Invalidate(const std::string& id) {
    std::unique_lock lock(cache_mutex_);
    cache_.erase(id);
    loading_.erase(id);
    ++generation_;
  }

  // After a write that keeps the event: drops its state and loads it again in the
  // background.
  void Reload(const std::string& id) {
    Invalidate(id);
    prefetch_.Add(id);
  }

  match::Result<std::shared_ptr<const match::Event>> ParseStoredEvent(const std::string& json) {
    auto event = match::ParseEvent(json, kEventFile);
    if (!event.ok()) return match::Status::Internal("stored event does not load: " + event.status().ToString());
    return std::make_shared<const match::Event>(std::move(event).value());
  }

  // The state of event ID, from the cache or loaded (404 Status when no such event).
  // Concurrent misses of one event load it once: the first loads, the others wait
  // for its result (no lock is held while loading).
  match::Result<StatePtr> State(const std::string& id) {
    {
      std::shared_lock lock(cache_mutex_);
      auto it = cache_.find(id);
      if (it != cache_.end()) return it->second;
    }
    std::promise<match::Result<StatePtr>> promise;
    std::shared_future<match::Result<StatePtr>> pending;
    uint64_t generation, ticket = 0;
    {
      std::unique_lock lock(cache_mutex_);
      auto it = cache_.find(id);
      if (it != cache_.end()) return it->second;
      auto loading = loading_.find(id);
      if (loading != loading_.end()) {
        pending = loading->second.result;
      } else {
        ticket = ++next_ticket_;
        loading_.emplace(id, Loading{ticket, promise.get_future().share()});
      }
      generation = generation_;
    }
    if (pending.valid()) return pending.get();
    match::Result<StatePtr> loaded = match::Status::Internal("not loaded");
    try {
      loaded = Load(id);
    } catch (...) {
      loaded = match::Status::Internal("internal error while loading the event");
    }
    {
      std::unique_lock lock(cache_mutex_);
      if (loaded.ok() && generation_ == generation) cache_[id] = *loaded;
      auto mine = loading_.find(id);
      if (mine != loading_.end() && mine->second.ticket == ticket) loading_.erase(mine);
    }
    promise.set_value(loaded);
    return loaded;
  }

  match::Result<StatePtr> Load(const std::string& id) {
    auto record = store_.GetEvent(id);
    if (!record.ok()) return record.status();
    if (!record->has_value()) return match::Status::NotFound("no event " + Quote(id));
    const EventRecord& rec = **record;
    auto state = std::make_shared<EventState>();
    state->id = id;
    state->revision = rec.revision;
    state->event_json = rec.json;
    auto event = ParseStoredEvent(rec.json);
    if (!event.ok()) return event.status();
    state->event = *event;
    if (rec.rules_json.empty()) {
      state->rules = std::make_shared<const match::Rules>(match::Rules::Default());
    } else {
      auto rules = match::Rules::Parse(rec.rules_json, kRulesFile);
      if (!rules.ok()) return match::Status::Internal("stored rules do not load: " + rules.status().ToString());
      state->rules = std::make_shared<const match::Rules>(std::move(rules).value());
    }
    state->scores = std::make_shared<const match::ScoreTable>(match::Score(*state->event, *state->rules));
    auto schedule = store_.GetSchedule(id, 0);
    if (!schedule.ok()) return schedule.status();
    if (schedule->has_value()) {
      const ScheduleRecord& srec = **schedule;
      state->schedule_version = srec.info.version;
      state->schedule_revision = srec.info.event_revision;
      state->schedule_json = srec.json;
      if (srec.info.event_revision == rec.revision) {
        state->schedule_event = state->event;
        state->schedule_event_json = rec.json;
      } else {
        auto old = store_.GetEvent(id, srec.info.event_revision);
        if (!old.ok()) return old.status();
        if (!old->has_value()) return match::Status::Internal("schedule names a missing event revision");
        auto old_event = ParseStoredEvent((*old)->json);
        if (!old_event.ok()) return old_event.status();
        state->schedule_event = *old_event;
        state->schedule_event_json = (*old)->json;
      }
      auto parsed = match::ParseSchedule(srec.json, kScheduleFile, *state->schedule_event);
      if (!parsed.ok()) return match::Status::Internal("stored schedule does not load: " + parsed.status().ToString());
      state->schedule = std::make_shared<const match::Schedule>(std::move(parsed).value());
    }
    return StatePtr(state);
  }

  // After a schedule job: the new version becomes the cached latest schedule when the
  // cached state is still the revision it was computed on; otherwise the state goes.
  void InstallSchedule(const std::string& id, int64_t revision, int version, std::string json,
                       std::shared_ptr<const match::Schedule> schedule) {
    std::unique_lock lock(cache_mutex_);
    ++generation_;
    loading_.erase(id);
    auto it = cache_.find(id);
    if (it == cache_.end()) return;
    if (it->second->revision != revision || it->second->schedule_version >= version) {
      cache_.erase(it);
      return;
    }
    auto state = std::make_shared<EventState>(*it->second);  // with an empty memo
    state->schedule_version = version;
    state->schedule_revision = revision;
    state->schedule_json = std::move(json);
    state->schedule_event = state->event;
    state->schedule_event_json = state->event_json;
    state->schedule = std::move(schedule);
    it->second = std::move(state);
  }

  // ---- helpers for handlers --------------------------------------------------------

  static match::Result<int> TopParam(const Call& call) {
    auto text = call.target.Query("top");
    if (!text) return kDefaultTop;
    int value = 0;
    bool digits = !text->empty() && text->size() <= 9 &&
                  std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) value = std::stoi(*text);
    if (!digits) return match::Status::Invalid("query top: " + Quote(*text) + " is not a non-negative whole number");
    return value;
  }

  static Response NoSchedule() { return ErrorResponse(404, "no schedule yet"); }

  // ---- handlers --------------------------------------------------------------------

  Response Health(const Call&) {
    return JsonResponse(200, Json{{"status", "ok"}, {"schema", store_.schema_version()}});
  }

  Response Metrics(const Call&) {
    Response response;
    response.content_type = kMetricsType;
    response.body = metrics_.Text(&jobs_);
    return response;
  }

  Response ListEvents(const Call&) {
    auto ids = store_.ListEvents();
    if (!ids.ok()) return StatusResponse(ids.status());
    Json events = Json::array();
    for (const auto& id : *ids) {
      auto record = store_.GetEvent(id);
      if (!record.ok()) return StatusResponse(record.status());
      if (!record->has_value()) continue;
      events.push_back(Json{{"id", id}, {"revision", (*record)->revision}});
    }
    return JsonResponse(200, Json{{"events", std::move(events)}});
  }

  Response GetEvent(const Call& call) {
    auto state = State(call.Param("id"));
    if (!state.ok()) return StatusResponse(state.status());
    return JsonTextResponse(200, (*state)->event_json);
  }

  // Stores EVENT_JSON as event ID after checking it; WARNINGS are added to the reply.
  Response StoreEvent(const std::string& id, const std::string& event_json, std::vector<std::string> warnings,
                      const std::string& file_name) {
    match::LoadOptions load;
    load.warnings = &warnings;
    load.cpv_list = options_.cpv_list.get();
    auto event = match::ParseEvent(event_json, file_name, load);
    if (!event.ok()) return StatusResponse(event.status());
    if (event->id != id)
      return ErrorResponse(400, file_name + ": event.id: " + Quote(event->id) + " differs from the event id " +
                                    Quote(id) + " of the URL");
    int64_t revision;
    bool existed;
    {
      std::lock_guard write(write_mutex_);
      auto previous = store_.ListEvents();
      if (!previous.ok()) return StatusResponse(previous.status());
      existed = std::binary_search(previous->begin(), previous->end(), id);
      auto stored = store_.PutEvent(id, event_json, SupplierIds(*event));
      if (!stored.ok()) return StatusResponse(stored.status());
      revision = *stored;
      Reload(id);
      RefreshTokens();
    }
    Json reply{{"id", id}, {"revision", revision}, {"suppliers", event->suppliers.size()}, {"warnings", warnings}};
    return JsonResponse(existed ? 200 : 201, reply);
  }

  Response PutEvent(const Call& call) { return StoreEvent(call.Param("id"), call.request.body, {}, kEventFile); }

  Response PutEventCsv(const Call& call) {
    const std::string& id = call.Param("id");
    Json body;
    try {
      body = Json::parse(call.request.body);
    } catch (const Json::exception& e) {
      return ErrorResponse(400, std::string(kCsvBody) + ": not JSON: " + e.what());
    }
    if (!body.is_object()) return ErrorResponse(400, std::string(kCsvBody) + ": expected an object");
    std::vector<std::string> errors;
    auto text = [&](const Json& object, const std::string& key, const std::string& path, bool required,
                    std::string* out) {
      auto it = object.find(key);
      if (it == object.end() || it->is_null()) {
        if (required) errors.push_back(path + ": missing");
        return false;
      }
      if (it->is_string()) {
        *out = it->get<std::string>();
        return true;
      }
      if (it->is_number()) {
        *out = it->dump();
        return true;
      }
      errors.push_back(path + ": expected a string");
      return false;
    };
    auto list = [&](const Json& object, const std::string& key, const std::string& path,
                    std::vector<std::string>* out) {
      auto it = object.find(key);
      if (it == object.end() || it->is_null()) return;
      if (!it->is_array()) {
        errors.push_back(path + ": expected a list of strings");
        return;
      }
      for (size_t i = 0; i < it->size(); ++i) {
        if ((*it)[i].is_string())
          out->push_back((*it)[i].get<std::string>());
        else
          errors.push_back(path + "[" + std::to_string(i) + "]: expected a string");
      }
    };
    match::CsvImportInput input;
    input.stands.name = "stands.csv";
    input.suppliers.name = "suppliers.csv";
    input.cpv_list = options_.cpv_list.get();  // CPV codes checked as PUT /events checks them
    const std::string prefix = std::string(kCsvBody) + ".";
    text(body, "stands", prefix + "stands", true, &input.stands.text);
    text(body, "suppliers", prefix + "suppliers", true, &input.suppliers.text);
    std::string header;
    if (text(body, "header", prefix + "header", false, &header)) input.header = match::NamedText{"header.json", header};
    input.options.id = id;
    if (auto it = body.find("options"); it != body.end() && !it->is_null()) {
      if (!it->is_object()) {
        errors.push_back(prefix + "options: expected an object");
      } else {
        const std::string op = prefix + "options.";
        std::string value;
        if (text(*it, "name", op + "name", false, &value)) input.options.name = value;
        if (text(*it, "date", op + "date", false, &value)) input.options.date = value;
        if (text(*it, "commune", op + "commune", false, &value)) input.options.commune = value;
        if (text(*it, "slot_minutes", op + "slot_minutes", false, &value)) input.options.slot_minutes = value;
        list(*it, "territory", op + "territory", &input.options.territory);
        list(*it, "sessions", op + "sessions", &input.options.sessions);
        list(*it, "breaks", op + "breaks", &input.options.breaks);
      }
    }
    if (!errors.empty()) return StatusResponse(match::Status(match::Status::Code::kInvalidInput, errors));
    auto imported = match::ImportCsv(input);
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
      return JsonResponse(400, Json{{"error", error}, {"warnings", warnings}});
    }
    Response response = StoreEvent(id, imported->event_json, imported->warnings, kEventFile);
    if (response.status == 400) {
      // Point the event's messages at the spreadsheet rows they came from.
      auto message = nlohmann::json::parse(response.body, nullptr, false);
      if (message.is_object() && message.contains("error") && message["error"].is_string()) {
        std::string located;
        std::string all = message["error"].get<std::string>();
        size_t start = 0;
        while (start <= all.size()) {
          size_t end = all.find('\n', start);
          if (end == std::string::npos) end = all.size();
          if (!located.empty()) located += '\n';
          located += match::LocateInCsv(*imported, kEventFile, all.substr(start, end - start));
          start = end + 1;
        }
        return ErrorResponse(400, located);
      }
    }
    return response;
  }

  Response DeleteEvent(const Call& call) {
    const std::string& id = call.Param("id");
    std::lock_guard write(write_mutex_);
    auto record = store_.GetEvent(id);
    if (!record.ok()) return StatusResponse(record.status());
    if (!record->has_value()) return ErrorResponse(404, "no event " + Quote(id));
    auto status = store_.DeleteEvent(id);
    Invalidate(id);
    RefreshTokens();
    if (!status.ok()) return StatusResponse(status);
    Response response;
    response.status = 204;
    response.content_type.clear();
    return response;
  }

  Response Validate(const Call& call) {
    const std::string& id = call.Param("id");
    std::string json = call.request.body;
    bool stored = json.find_first_not_of(" \t\r\n") == std::string::npos;
    if (stored) {
      auto state = State(id);
      if (!state.ok()) return StatusResponse(state.status());
      json = (*state)->event_json;
    }
    std::vector<std::string> warnings;
    match::LoadOptions load;
    load.warnings = &warnings;
    load.cpv_list = options_.cpv_list.get();
    auto event = match::ParseEvent(json, kEventFile, load);
    std::vector<std::string> errors;
    if (!event.ok()) {
      errors = event.status().messages();
    } else if (event->id != id) {
      errors.push_back(std::string(kEventFile) + ": event.id: " + Quote(event->id) + " differs from the event id " +
                       Quote(id) + " of the URL");
    }
    return JsonResponse(200, Json{{"valid", errors.empty()}, {"errors", errors}, {"warnings", warnings}});
  }

  Response GetRules(const Call& call) {
    auto state = State(call.Param("id"));
    if (!state.ok()) return StatusResponse(state.status());
    return JsonTextResponse(200, (*state)->rules->ToJson());
  }

  Response PutRules(const Call& call) {
    const std::string& id = call.Param("id");
    std::string json = call.request.body;
    if (json.find_first_not_of(" \t\r\n") == std::string::npos) json.clear();
    if (!json.empty()) {
      auto rules = match::Rules::Parse(json, kRulesFile);
      if (!rules.ok()) return StatusResponse(rules.status());
    }
    std::lock_guard write(write_mutex_);
    auto revision = store_.PutRules(id, json);
    if (!revision.ok()) {
      Invalidate(id);
      if (revision.status().code() == match::Status::Code::kNotFound)
        return ErrorResponse(404, "no event " + Quote(id));
      return StatusResponse(revision.status());
    }
    Reload(id);
    return JsonResponse(200, Json{{"id", id}, {"revision", *revision}});
  }

  Response Scores(const Call& call) {
    auto state = State(call.Param("id"));
    if (!state.ok()) return StatusResponse(state.status());
    const EventState& s = **state;
    return s.Memo("scores", [&] {
      Response response;
      response.content_type = kCsvType;
      response.body = match::ScoresCsv(*s.event, *s.scores);
      return response;
    });
  }

  Response Ranking(const Call& call, bool of_supplier) {
    const std::string& owner_id = call.Param(of_supplier ? "sid" : "tid");
    auto top = TopParam(call);
    if (!top.ok()) return StatusResponse(top.status());
    auto state = State(call.Param("id"));
    if (!state.ok()) return StatusResponse(state.status());
    const EventState& s = **state;
    const match::Event& event = *s.event;
    auto owner = of_supplier ? event.FindSupplier(owner_id) : event.FindStand(owner_id);
    if (!owner)
      return ErrorResponse(
          404, std::string(of_supplier ? "no supplier " : "no stand ") + Quote(owner_id) + " in event " + Quote(s.id));
    // Every K at least the number of candidates is "all": one memo entry for them.
    int count = of_supplier ? static_cast<int>(event.stands.size()) : static_cast<int>(event.suppliers.size());
    int k = (*top <= 0 || *top > count) ? 0 : *top;
    std::string key =
        std::string(of_supplier ? "rank/supplier/" : "rank/stand/") + std::to_string(*owner) + "/" + std::to_string(k);
    return s.Memo(key, [&] {
      auto ranking = of_supplier ? match::RankStands(*s.scores, *owner, k) : match::RankSuppliers(*s.scores, *owner, k);
      // An empty supplier ranking carries each stand's reason (the unmet reasons).
      std::vector<match::Unranked> unranked;
      if (of_supplier && ranking.empty()) unranked = match::UnrankedForRanking(event, *s.rules, *s.scores, *owner);
      return JsonTextResponse(200,
                              match::RankingJson(event, ranking, of_supplier, *owner, match::Territory::Builtin(),
                                                 options_.cpv_list.get(), &unranked));
    });
  }

  Response SupplierRanking(const Call& call) { return Ranking(call, true); }
  Response StandRanking(const Call& call) { return Ranking(call, false); }

  Response StartSchedule(const Call& call) {
    const std::string& id = call.Param("id");
    // Only the existence is checked here: loading and scoring run in the job, off the
    // I/O threads.
    bool cached;
    {
      std::shared_lock lock(cache_mutex_);
      cached = cache_.count(id) > 0;
    }
    if (!cached) {
      auto ids = store_.ListEvents();
      if (!ids.ok()) return StatusResponse(ids.status());
      if (!std::binary_search(ids->begin(), ids->end(), id)) return ErrorResponse(404, "no event " + Quote(id));
    }
    Impl* self = this;
    auto job = jobs_.Submit(
        "schedule", id,
        [self, id](const std::function<void(double, std::string_view)>& report, std::string* error) -> std::string {
          report(0, "loading");
          auto state = self->State(id);
          if (!state.ok()) {
            *error = state.status().ToString();
            return {};
          }
          return self->RunSchedule(*state, report, error);
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

  std::string RunSchedule(const StatePtr& state, const std::function<void(double, std::string_view)>& report,
                          std::string* error) {
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
      auto version = store_.AddSchedule(state->id, state->revision, json, meetings);
      if (!version.ok()) {
        *error = version.status().ToString();
        return {};
      }
      InstallSchedule(state->id, state->revision, *version, std::move(json),
                      std::make_shared<const match::Schedule>(std::move(schedule).value()));
      report(1.0, "done");
      return Json{{"version", *version}, {"meetings", meetings}}.dump();
    } catch (const std::exception& e) {
      *error = std::string("internal error: ") + e.what();
      return {};
    }
  }

  Response GetJob(const Call& call) {
    auto job = jobs_.Get(call.Param("job"));
    if (!job) return ErrorResponse(404, "no job " + Quote(call.Param("job")));
    Json out{{"id", job->id},          {"kind", job->kind},         {"event", job->event_id},
             {"state", job->state},    {"progress", job->progress}, {"step", job->step},
             {"seconds", job->seconds}};
    if (!job->result.empty()) {
      auto result = Json::parse(job->result, nullptr, false);
      if (!result.is_discarded()) out["result"] = std::move(result);
    }
    if (!job->error.empty()) out["error"] = job->error;
    return JsonResponse(200, out);
  }

  Response LatestSchedule(const Call& call) {
    auto state = State(call.Param("id"));
    if (!state.ok()) return StatusResponse(state.status());
    if (!(*state)->schedule) return NoSchedule();
    return JsonTextResponse(200, (*state)->schedule_json);
  }

  static Json InfoJson(const ScheduleInfo& info) {
    return Json{{"version", info.version},
                {"kind", info.kind},
                {"created", info.created},
                {"based_on", info.based_on},
                {"event_revision", info.event_revision},
                {"meetings", info.meetings}};
  }

  Response ListSchedules(const Call& call) {
    const std::string& id = call.Param("id");
    auto state = State(id);  // 404 for an unknown event
    if (!state.ok()) return StatusResponse(state.status());
    auto list = store_.ListSchedules(id);
    if (!list.ok()) return StatusResponse(list.status());
    Json schedules = Json::array();
    for (const auto& info : *list) schedules.push_back(InfoJson(info));
    return JsonResponse(200, Json{{"schedules", std::move(schedules)}});
  }

  Response GetScheduleVersion(const Call& call) {
    const std::string& id = call.Param("id");
    const std::string& v = call.Param("v");
    bool digits = v.size() <= 9 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || std::stoi(v) <= 0) return ErrorResponse(404, "no schedule version " + Quote(v));
    auto record = store_.GetSchedule(id, std::stoi(v));
    if (!record.ok()) return StatusResponse(record.status());
    if (!record->has_value()) return ErrorResponse(404, "no schedule version " + v + " of event " + Quote(id));
    return JsonTextResponse(200, (*record)->json);
  }

  Response ReplanRoute(const Call& call) {
    const std::string& id = call.Param("id");
    auto loaded = State(id);
    if (!loaded.ok()) return StatusResponse(loaded.status());
    StatePtr state = *loaded;
    if (!state->schedule) return NoSchedule();
    // A re-plan writes the changed event as the next revision: re-planning a schedule
    // of an older event file would undo the import that replaced it. (A rules change
    // alone keeps the event file, and the re-plan uses the new rules.)
    if (state->schedule_event_json != state->event_json)
      return ErrorResponse(409, "the event was replaced (revision " + std::to_string(state->revision) +
                                    ") after the latest schedule (of revision " +
                                    std::to_string(state->schedule_revision) +
                                    "); compute a schedule of the new event before re-planning");
    // The same changes posted again (a double click, a retried request) are not applied
    // twice: the latest schedule already is their re-plan. Compared as JSON content, so
    // spacing and key order do not matter.
    if (auto latest = store_.GetSchedule(id, state->schedule_version); latest.ok() && latest->has_value() &&
                                                                          !(*latest)->changes_json.empty()) {
      // nlohmann::json (not the ordered Json): objects compare whatever their key order.
      auto before = nlohmann::json::parse((*latest)->changes_json, nullptr, false);
      auto now = nlohmann::json::parse(call.request.body, nullptr, false);
      if (!before.is_discarded() && before == now)
        return ErrorResponse(409, std::string(kChangesFile) + ": these changes were already applied: schedule version " +
                                      std::to_string(state->schedule_version) +
                                      " is their re-plan; nothing was re-applied");
    }
    const match::Event& event = *state->schedule_event;
    auto changes = match::ParseChanges(call.request.body, kChangesFile, event, *state->schedule);
    if (!changes.ok()) return StatusResponse(changes.status());
    auto result = match::Replan(event, *state->rules, *state->schedule, *changes);
    if (!result.ok()) return StatusResponse(result.status());
    const match::Event& changed = result->changed.event;
    auto changed_json =
        match::ChangedEventJson(state->schedule_event_json, kEventFile, event, *changes, result->changed);
    if (!changed_json.ok()) return StatusResponse(changed_json.status());
    std::string schedule_json = match::ScheduleToJson(changed, result->schedule);
    int meetings = static_cast<int>(result->schedule.meetings.size());
    int version;
    {
      std::lock_guard write(write_mutex_);
      // Another write may have come while this one was solving: re-plan the latest only.
      auto latest = store_.ListSchedules(id);
      if (!latest.ok()) return StatusResponse(latest.status());
      if (latest->empty() || latest->back().version != state->schedule_version) {
        Invalidate(id);
        return ErrorResponse(409, "the schedule changed while re-planning; retry");
      }
      // An import may also have come: committing would write the re-planned older event
      // over it.
      auto current = store_.GetEvent(id);
      if (!current.ok()) return StatusResponse(current.status());
      if (!current->has_value() || (*current)->revision != state->revision) {
        Invalidate(id);
        return ErrorResponse(409, "the event changed while re-planning; retry");
      }
      auto committed = store_.CommitReplan(id, *changed_json, SupplierIds(changed), schedule_json, meetings,
                                           call.request.body, state->schedule_version);
      Invalidate(id);
      if (!committed.ok()) return StatusResponse(committed.status());
      prefetch_.Add(id);
      version = *committed;
      RefreshTokens();
    }
    auto diff = Json::parse(match::DiffToJson(changed, result->diff), nullptr, false);
    return JsonResponse(200, Json{{"version", version}, {"diff", std::move(diff)}});
  }

  Response Agenda(const Call& call, bool of_supplier) {
    const std::string& owner_id = call.Param(of_supplier ? "sid" : "tid");
    std::string format = call.target.Query("format").value_or("json");
    if (format != "json" && format != "csv" && format != "ics")
      return ErrorResponse(400, "query format: " + Quote(format) + " is not json, csv or ics");
    auto loaded = State(call.Param("id"));
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
    std::string key =
        std::string(of_supplier ? "agenda/supplier/" : "agenda/stand/") + std::to_string(*owner) + "/" + format;
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
        auto ics = match::AgendaIcs(event, schedule, agenda_owner);
        if (!ics.ok()) return StatusResponse(ics.status());
        Response response;
        response.content_type = kIcsType;
        response.body = std::move(ics).value();
        response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + ".ics\"");
        return response;
      }
      return JsonResponse(200, AgendaJson(s, agenda_owner));
    });
  }

  static Json EventHeader(const match::Event& event) {
    return Json{{"id", event.id}, {"name", event.name}, {"date", event.date}};
  }

  static Json AgendaJson(const EventState& s, match::AgendaOwner owner) {
    const match::Event& event = *s.schedule_event;
    const match::Schedule& schedule = *s.schedule;
    bool of_supplier = owner.kind == match::AgendaOwner::Kind::kSupplier;
    Json owner_json{{"kind", of_supplier ? "supplier" : "stand"},
                    {"id", of_supplier ? event.suppliers[owner.index].id : event.stands[owner.index].id},
                    {"name", of_supplier ? event.suppliers[owner.index].name : event.stands[owner.index].title}};
    Json meetings = Json::array();
    for (const match::Meeting& m : match::AgendaMeetings(schedule, owner)) {
      if (m.slot < 0 || m.slot >= static_cast<int>(schedule.slots.size())) continue;
      const match::Slot& slot = schedule.slots[m.slot];
      const auto& supplier = event.suppliers[m.supplier];
      const auto& stand = event.stands[m.stand];
      bool has_need = m.need >= 0 && m.need < static_cast<int>(event.needs.size());
      meetings.push_back(Json{{"slot", m.slot},
                              {"start", match::FormatTime(slot.start)},
                              {"end", match::FormatTime(slot.end)},
                              {"supplier", supplier.id},
                              {"supplier_name", supplier.name},
                              {"stand", stand.id},
                              {"stand_name", stand.title},
                              {"table", m.table},
                              {"need", has_need ? event.needs[m.need].id : ""},
                              {"need_title", has_need ? event.needs[m.need].title : ""},
                              {"score", Score4(m.score)}});
    }
    return Json{{"event", EventHeader(event)},
                {"owner", std::move(owner_json)},
                {"version", s.schedule_version},
                {"meetings", std::move(meetings)}};
  }

  Response SupplierAgenda(const Call& call) { return Agenda(call, true); }
  Response StandAgenda(const Call& call) { return Agenda(call, false); }

  Response Tokens(const Call& call) {
    const std::string& id = call.Param("id");
    auto state = State(id);
    if (!state.ok()) return StatusResponse(state.status());
    auto tokens = store_.Tokens(id);
    if (!tokens.ok()) return StatusResponse(tokens.status());
    const match::Event& event = *(*state)->event;
    Json list = Json::array();
    for (const auto& t : *tokens) {
      auto s = event.FindSupplier(t.supplier_id);
      list.push_back(
          Json{{"supplier", t.supplier_id}, {"name", s ? event.suppliers[*s].name : ""}, {"token", t.token}});
    }
    Response response = JsonResponse(200, Json{{"tokens", std::move(list)}});
    return response;
  }

  Response Timetable(const Call& call) {
    auto loaded = State(call.Param("id"));
    if (!loaded.ok()) return StatusResponse(loaded.status());
    const EventState& s = **loaded;
    if (!s.schedule) return NoSchedule();
    return s.Memo("timetable", [&] {
      const match::Event& event = *s.schedule_event;
      const match::Schedule& schedule = *s.schedule;
      Json slots = Json::array(), stands = Json::array(), suppliers = Json::array(), meetings = Json::array();
      for (const auto& slot : schedule.slots)
        slots.push_back(Json{
            {"index", slot.index}, {"start", match::FormatTime(slot.start)}, {"end", match::FormatTime(slot.end)}});
      for (const auto& stand : event.stands) {
        const std::string& buyer = stand.buyer >= 0 && stand.buyer < static_cast<int>(event.buyers.size())
                                       ? event.buyers[stand.buyer].name
                                       : std::string();
        stands.push_back(Json{{"id", stand.id}, {"name", stand.title}, {"tables", stand.tables}, {"buyer", buyer}});
      }
      for (const auto& supplier : event.suppliers)
        suppliers.push_back(Json{{"id", supplier.id}, {"name", supplier.name}});
      for (const auto& m : schedule.meetings)
        meetings.push_back(Json{{"slot", m.slot},
                                {"stand", event.stands[m.stand].id},
                                {"table", m.table},
                                {"supplier", event.suppliers[m.supplier].id},
                                {"score", Score4(m.score)}});
      return JsonResponse(200, Json{{"event", EventHeader(event)},
                                    {"version", s.schedule_version},
                                    {"slots", std::move(slots)},
                                    {"stands", std::move(stands)},
                                    {"suppliers", std::move(suppliers)},
                                    {"meetings", std::move(meetings)}});
    });
  }
};

Api::Api(Store& store, ApiOptions options) : impl_(std::make_unique<Impl>(store, std::move(options))) {}
Api::~Api() = default;

Response Api::Handle(const Request& request) { return impl_->Handle(request); }

Response Api::Reject(int status, const std::string& message, const std::string& method) {
  Response response = ErrorResponse(status, message);
  impl_->metrics_.Record("rejected", MethodLabel(method), status, 0);
  return response;
}

const ApiOptions& Api::options() const { return impl_->options_; }

}  // namespace standmatchd
