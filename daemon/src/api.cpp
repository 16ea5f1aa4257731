// The front of standmatchd (docs/daemon.md): the route table, dispatch and
// authentication. What a route does is its handler's business (handlers.h); the state
// the handlers share is an ApiContext (api_context.h): the Store, the event cache
// (event_cache.h), the job queue, the token table and the metrics.
//
// ADDING A ROUTE: declare `Response Name(ApiContext&, const Call&)` in handlers.h,
// define it in the handlers_*.cpp file of its concern (a new file for a new concern,
// listed in daemon/CMakeLists.txt), add one line to the route table below (pattern,
// method, who may call it) and describe the route in docs/daemon.md.
#include "api.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>
#include <string_view>

#include "api_context.h"
#include "handlers.h"
#include "json_views.h"
#include "match/domain/territory.h"
#include "match/io/rules.h"
#include "store.h"
#include "web_assets.h"

namespace standmatchd {
namespace {

struct RouteInfo {
  Scope scope = Scope::kOrganiser;
  Handler handler = nullptr;
};

// The metrics label of a method: the usual ones as sent, anything else "OTHER", so
// that a client cannot create label values.
std::string MethodLabel(const std::string& method) {
  static const char* const kKnown[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"};
  for (const char* known : kKnown)
    if (method == known) return method;
  return "OTHER";
}

// Paths in messages: ids from the URL are shown, never a query (it may carry secrets
// by mistake).
std::string DescribePath(const Target& target) {
  std::string path;
  for (const auto& s : target.segments) path += "/" + s;
  if (path.empty()) path = "/";
  return Quote(path);
}

// The embedded web page for "/" and "/ui/...", if any.
std::optional<Response> WebAssetFor(const Target& target) {
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
  // The pages load only their own scripts, styles and API (no inline code, no other
  // origin), and no other site may frame them.
  response.headers.emplace_back("Content-Security-Policy", kWebContentSecurityPolicy);
  return response;
}

Response Health(ApiContext& api, const Call&) {
  return JsonResponse(200, Json{{"status", "ok"}, {"schema", api.store.schema_version()}});
}

Response Metrics(ApiContext& api, const Call&) {
  Response response;
  response.content_type = kMetricsType;
  response.body = api.metrics.Text(&api.jobs);
  return response;
}

}  // namespace

match::Result<match::Lang> Call::Lang() const {
  const std::string name = target.Query("lang").value_or("fr");
  const auto lang = match::ParseLang(name);
  if (!lang) return match::Status::Invalid("query lang: " + Quote(name) + " is not fr or en");
  return *lang;
}

ApiContext::ApiContext(Store& store_in, ApiOptions options_in)
    : store(store_in),
      options(std::move(options_in)),
      tokens(options.organiser_token),
      cache(store_in),
      jobs(std::max(1, options.job_workers), std::max(0, options.max_queued_jobs)) {
  // The library's built-in tables, built once here rather than by whichever thread
  // needs them first.
  match::Rules::Default();
  match::Territory::Builtin();
  RefreshTokens();
}

void ApiContext::RefreshTokens() {
  auto all = store.AllTokens();
  if (all.ok()) tokens.Replace(*all);
}

struct Api::Impl {
  Impl(Store& store, ApiOptions options) : api(store, std::move(options)) { AddRoutes(); }

  ApiContext api;
  Router<RouteInfo> router;

  // ---- the route table ---------------------------------------------------------------
  void AddRoutes() {
    auto add = [this](const char* pattern, const char* method, Scope scope, Handler handler) {
      router.Add(pattern, method, RouteInfo{scope, handler});
    };
    using namespace handlers;
    add("/health", "GET", Scope::kNone, &Health);
    add("/metrics", "GET", Scope::kNone, &Metrics);
    // handlers_events.cpp
    add("/events", "GET", Scope::kOrganiser, &ListEvents);
    add("/events/{id}", "GET", Scope::kOrganiser, &GetEvent);
    add("/events/{id}", "PUT", Scope::kOrganiser, &PutEvent);
    add("/events/{id}", "DELETE", Scope::kOrganiser, &DeleteEvent);
    add("/events/{id}/csv", "PUT", Scope::kOrganiser, &PutEventCsv);
    add("/events/{id}/validate", "POST", Scope::kOrganiser, &Validate);
    add("/events/{id}/rules", "GET", Scope::kOrganiser, &GetRules);
    add("/events/{id}/rules", "PUT", Scope::kOrganiser, &PutRules);
    // handlers_rankings.cpp
    add("/events/{id}/scores", "GET", Scope::kOrganiser, &Scores);
    add("/events/{id}/suppliers/{sid}/stands", "GET", Scope::kSupplier, &SupplierRanking);
    add("/events/{id}/stands/{tid}/suppliers", "GET", Scope::kStand, &StandRanking);
    add("/events/{id}/source", "POST", Scope::kOrganiser, &SourceDirectory);
    add("/events/{id}/source/invitations", "POST", Scope::kOrganiser, &InviteFromDirectory);
    // handlers_schedules.cpp
    add("/events/{id}/schedule", "POST", Scope::kOrganiser, &StartSchedule);
    add("/events/{id}/schedule", "GET", Scope::kOrganiser, &LatestSchedule);
    add("/events/{id}/schedules", "GET", Scope::kOrganiser, &ListSchedules);
    add("/events/{id}/schedules/{v}", "GET", Scope::kOrganiser, &GetScheduleVersion);
    add("/events/{id}/replan", "POST", Scope::kOrganiser, &Replan);
    add("/events/{id}/suppliers/{sid}/agenda", "GET", Scope::kSupplier, &SupplierAgenda);
    add("/events/{id}/suppliers/{sid}/changes", "GET", Scope::kSupplier, &SupplierChanges);
    add("/events/{id}/stands/{tid}/agenda", "GET", Scope::kStand, &StandAgenda);
    // handlers_events.cpp
    add("/events/{id}/tokens", "GET", Scope::kOrganiser, &Tokens);
    // handlers_participants.cpp
    add("/events/{id}/suppliers/{sid}/wishes", "GET", Scope::kSupplier, &GetWishes);
    add("/events/{id}/suppliers/{sid}/wishes", "PUT", Scope::kSupplier, &PutWishes);
    add("/events/{id}/stands/{tid}/invitations", "GET", Scope::kStand, &GetInvitations);
    add("/events/{id}/stands/{tid}/invitations", "PUT", Scope::kStand, &PutInvitations);
    add("/events/{id}/history", "GET", Scope::kOrganiser, &History);
    add("/events/{id}/warnings", "GET", Scope::kOrganiser, &Warnings);
    add("/events/{id}/registration", "GET", Scope::kNone, &GetRegistration);
    add("/events/{id}/registration", "PUT", Scope::kOrganiser, &PutRegistration);
    add("/events/{id}/registrations", "POST", Scope::kNone, &Register);
    add("/events/{id}/registrations", "GET", Scope::kOrganiser, &ListRegistrations);
    add("/events/{id}/registrations/{rid}/accept", "POST", Scope::kOrganiser, &AcceptRegistration);
    add("/events/{id}/registrations/{rid}/reject", "POST", Scope::kOrganiser, &RejectRegistration);
    // handlers_schedules.cpp
    add("/events/{id}/timetable", "GET", Scope::kOrganiser, &Timetable);
    add("/events/{id}/agendas.html", "GET", Scope::kOrganiser, &ChangedAgendas);
    // handlers_feeds.cpp
    add("/feeds/{file}", "GET", Scope::kNone, &Feed);
    add("/events/{id}/suppliers/{sid}/feed", "POST", Scope::kOrganiser, &RotateSupplierFeed);
    add("/events/{id}/stands/{tid}/feed", "POST", Scope::kOrganiser, &RotateStandFeed);
    add("/jobs/{job}", "GET", Scope::kOrganiser, &GetJob);
  }

  // ---- dispatch --------------------------------------------------------------------
  Response Handle(const Request& request) {
    auto started = std::chrono::steady_clock::now();
    std::string route_label = "unmatched";
    Response response = Dispatch(request, &route_label);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    api.metrics.Record(route_label, MethodLabel(request.method), response.status, seconds);
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
    auto match = router.Find(method, target->segments);
    if (!match.route) {
      if (match.allow.empty()) return ErrorResponse(404, "no route for " + DescribePath(*target));
      Response response =
          ErrorResponse(405, "method " + MethodLabel(request.method) + " not allowed here; allowed: " + match.allow);
      response.headers.emplace_back("Allow", match.allow);
      return response;
    }
    *route_label = match.route->pattern;
    if (request.body.size() > api.options.max_body_bytes)
      return ErrorResponse(413, "request body of " + std::to_string(request.body.size()) +
                                    " bytes exceeds the limit of " + std::to_string(api.options.max_body_bytes));
    const RouteInfo& info = match.route->handler;
    std::string caller;
    if (info.scope != Scope::kNone) {
      if (auto refusal = Authorize(request, info.scope, match.params, &caller)) return *refusal;
    }
    try {
      Response response = info.handler(api, Call{request, *target, match.params, caller});
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

  // ---- authentication ----------------------------------------------------------------
  // Sets CALLER to who the token is ("organiser", "supplier ID", "stand ID").
  std::optional<Response> Authorize(const Request& request, Scope scope,
                                    const std::map<std::string, std::string>& params, std::string* caller) {
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
    auto identity = api.tokens.Identify(token);
    if (!identity) return unauthorized("unknown token");
    if (identity->kind == Identity::Kind::kOrganiser) {
      *caller = "organiser";
      return std::nullopt;
    }
    auto owns = [&](const char* key, const std::string& owner) {
      auto id = params.find("id"), other = params.find(key);
      return id != params.end() && other != params.end() && id->second == identity->scope.event_id &&
             other->second == owner;
    };
    if (identity->kind == Identity::Kind::kSupplier && scope == Scope::kSupplier) {
      if (owns("sid", identity->scope.supplier_id)) {
        *caller = "supplier " + identity->scope.supplier_id;
        return std::nullopt;
      }
      return ErrorResponse(403, "this token may only use its own supplier's routes");
    }
    if (identity->kind == Identity::Kind::kStand && scope == Scope::kStand) {
      if (owns("tid", identity->scope.stand_id)) {
        *caller = "stand " + identity->scope.stand_id;
        return std::nullopt;
      }
      return ErrorResponse(403, "this token may only use its own stand's routes");
    }
    return ErrorResponse(
        403, scope == Scope::kOrganiser ? "this route is for the organiser" : "this route is for another participant");
  }
};

Api::Api(Store& store, ApiOptions options) : impl_(std::make_unique<Impl>(store, std::move(options))) {}
Api::~Api() = default;

Response Api::Handle(const Request& request) { return impl_->Handle(request); }

Response Api::Reject(int status, const std::string& message, const std::string& method) {
  Response response = ErrorResponse(status, message);
  impl_->api.metrics.Record("rejected", MethodLabel(method), status, 0);
  return response;
}

const ApiOptions& Api::options() const { return impl_->api.options; }

}  // namespace standmatchd
