// Api: every route and status code, without sockets, on a temporary Store holding the
// villejuif-2025 event. Schedules the daemon produces go through the independent
// checker (match/schedule/check.h).
#include <stdlib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>

#include "api.h"
#include "api_call.h"
#include "api_target.h"
#include "api_tokens.h"
#include "match/base/files.h"
#include "match/io/event_io.h"
#include "match/io/rules.h"
#include "match/schedule/check.h"
#include "store.h"
#include "temp_dir.h"
#include "web_assets.h"

namespace fs = std::filesystem;
using nlohmann::json;
using standmatchd::Api;
using standmatchd::ApiOptions;
using standmatchd::Request;
using standmatchd::Response;
using standmatchd::Store;

namespace {

constexpr char kOrganiser[] = "organiser-secret-token-0123456789";
constexpr char kEventId[] = "villejuif-fad-2025";

struct ApiTempDir : standmatchd_test::TempDir {
  ApiTempDir() : TempDir("standmatchd-api") {}
};

std::string Source(const std::string& relative) {
  auto text = match::ReadFile(std::string(STANDMATCH_SOURCE_DIR) + "/" + relative);
  REQUIRE(text.ok());
  return *text;
}

std::string EventJson() { return Source("datasets/villejuif-2025/event.json"); }

// An Api over a fresh Store.
struct Daemon {
  explicit Daemon(ApiOptions options = {}, const std::string& db_name = "api.sqlite") {
    auto opened = Store::Open(dir.File(db_name));
    REQUIRE(opened.ok());
    store = std::move(opened).value();
    options.organiser_token = kOrganiser;
    api = std::make_unique<Api>(*store, options);
  }

  Response Call(const std::string& method, const std::string& target, const std::string& body = "",
                const std::string& token = kOrganiser) {
    return standmatchd_test::CallApi(*api, method, target, body, token);
  }

  json CallJson(const std::string& method, const std::string& target, int expected_status, const std::string& body = "",
                const std::string& token = kOrganiser) {
    Response response = Call(method, target, body, token);
    INFO(method << " " << target << ": " << response.body);
    REQUIRE(response.status == expected_status);
    REQUIRE(!response.body.empty());
    CHECK(response.body.back() == '\n');
    return json::parse(response.body);
  }

  void PutEvent() { CallJson("PUT", std::string("/events/") + kEventId, 201, EventJson()); }

  std::map<std::string, std::string> Tokens() {
    json tokens = CallJson("GET", std::string("/events/") + kEventId + "/tokens", 200);
    std::map<std::string, std::string> out;
    for (const auto& t : tokens["tokens"]) out[t["supplier"].get<std::string>()] = t["token"].get<std::string>();
    return out;
  }

  // Starts a schedule job and waits for it; returns the finished job.
  json Schedule() {
    Response started = Call("POST", std::string("/events/") + kEventId + "/schedule");
    REQUIRE(started.status == 202);
    std::string job = json::parse(started.body)["job"].get<std::string>();
    bool located = false;
    for (const auto& [name, value] : started.headers) located |= name == "Location" && value == "/jobs/" + job;
    CHECK(located);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      json state = CallJson("GET", "/jobs/" + job, 200);
      std::string s = state["state"].get<std::string>();
      if (s == "done" || s == "failed") return state;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL("schedule job did not finish in 60 s");
    return {};
  }

  ApiTempDir dir;
  std::unique_ptr<Store> store;
  std::unique_ptr<Api> api;
};

std::string Header(const Response& response, const std::string& name) {
  for (const auto& [n, v] : response.headers)
    if (n == name) return v;
  return {};
}

// The schedule JSON checked against the event JSON by the independent checker.
void CheckValid(const std::string& event_json, const std::string& schedule_json, const std::string& rules_json = "") {
  auto event = match::ParseEvent(event_json, "event.json");
  REQUIRE(event.ok());
  match::Rules rules = match::Rules::Default();
  if (!rules_json.empty()) {
    auto parsed = match::Rules::Parse(rules_json, "rules.json");
    REQUIRE(parsed.ok());
    rules = *parsed;
  }
  auto check = match::CheckSchedule(*event, rules, schedule_json, "schedule.json");
  REQUIRE(check.ok());
  INFO((check->violations.empty() ? std::string() : check->violations.front()));
  CHECK(check->valid());
  CHECK(check->meetings > 0);
}

}  // namespace

TEST_CASE("targets: segments are percent-decoded, the query is split", "[api]") {
  auto t = standmatchd::ParseTarget("/events/a%20b/suppliers/s%2F1/stands?top=5&x=a+b&flag");
  REQUIRE(t.ok());
  CHECK(t->segments == std::vector<std::string>{"events", "a b", "suppliers", "s/1", "stands"});
  CHECK(t->Query("top") == "5");
  CHECK(t->Query("x") == "a b");
  CHECK(t->Query("flag") == "");
  CHECK_FALSE(t->Query("missing"));
  CHECK(standmatchd::ParseTarget("/")->segments.empty());
  CHECK_FALSE(standmatchd::ParseTarget("events").ok());
  CHECK_FALSE(standmatchd::ParseTarget("/events/%zz").ok());
  CHECK_FALSE(standmatchd::ParseTarget("/events/%4").ok());
  CHECK(standmatchd::PercentDecode("%41b", false) == "Ab");
}

TEST_CASE("routes: parameters, 405's Allow list, unknown paths", "[api]") {
  standmatchd::Router<int> router;
  router.Add("/events/{id}", "GET", 1);
  router.Add("/events/{id}", "PUT", 2);
  router.Add("/events/{id}/rules", "GET", 3);
  auto get = router.Find("GET", {"events", "e1"});
  REQUIRE(get.route);
  CHECK(get.route->handler == 1);
  CHECK(get.params.at("id") == "e1");
  auto post = router.Find("POST", {"events", "e1"});
  CHECK_FALSE(post.route);
  CHECK(post.allow == "GET, PUT");
  auto unknown = router.Find("GET", {"events", "e1", "nothing"});
  CHECK_FALSE(unknown.route);
  CHECK(unknown.allow.empty());
  CHECK_FALSE(router.Find("GET", {"events", ""}).route);
}

// ConstantTimeEquals is meant not to leak where two tokens differ through its timing;
// that is not measurable reliably here, so this checks what it answers: equal only for
// the same bytes, wherever a difference lies (first byte, last byte, length, NUL).
TEST_CASE("tokens: token comparison answers equal only for the same bytes, and the token table", "[api]") {
  CHECK(standmatchd::ConstantTimeEquals("abc", "abc"));
  CHECK(standmatchd::ConstantTimeEquals("", ""));
  CHECK_FALSE(standmatchd::ConstantTimeEquals("abc", "abd"));
  CHECK_FALSE(standmatchd::ConstantTimeEquals("abc", "xbc"));
  CHECK_FALSE(standmatchd::ConstantTimeEquals("abc", "abcd"));
  CHECK_FALSE(standmatchd::ConstantTimeEquals("abcd", "abc"));
  CHECK_FALSE(standmatchd::ConstantTimeEquals("", "a"));
  CHECK_FALSE(standmatchd::ConstantTimeEquals(std::string("ab\0c", 4), std::string("ab\0d", 4)));
  CHECK(standmatchd::ConstantTimeEquals(std::string("ab\0c", 4), std::string("ab\0c", 4)));
  CHECK(standmatchd::Sha1Digest("abc").size() == 20);
  standmatchd::TokenTable table("boss");
  table.Replace({{{"e", "s1"}, "tok-1"}, {{"e", "s2"}, "tok-2"}});
  CHECK(table.Identify("boss")->kind == standmatchd::Identity::Kind::kOrganiser);
  auto s2 = table.Identify("tok-2");
  REQUIRE(s2);
  CHECK(s2->kind == standmatchd::Identity::Kind::kSupplier);
  CHECK(s2->scope.supplier_id == "s2");
  CHECK_FALSE(table.Identify("tok-3"));
  CHECK_FALSE(table.Identify(""));
  table.Replace({});
  CHECK_FALSE(table.Identify("tok-1"));
}

TEST_CASE("api: health, metrics, 401, 404, 405, web pages", "[api]") {
  Daemon d;
  json health = d.CallJson("GET", "/health", 200, "", "");
  CHECK(health["status"] == "ok");
  CHECK(health["schema"] == Store::kSchemaVersion);

  Response no_token = d.Call("GET", "/events", "", "");
  CHECK(no_token.status == 401);
  CHECK(Header(no_token, "WWW-Authenticate").rfind("Bearer", 0) == 0);
  CHECK(d.Call("GET", "/events", "", "not-a-token").status == 401);
  Request basic{"GET", "/events", "Basic b3JnOnNlY3JldA==", "", ""};
  CHECK(d.api->Handle(basic).status == 401);

  Response unknown = d.Call("GET", "/nothing/here");
  CHECK(unknown.status == 404);
  CHECK(json::parse(unknown.body)["error"].get<std::string>().find("/nothing/here") != std::string::npos);
  CHECK(d.Call("GET", "/events/x/unknown").status == 404);

  Response wrong = d.Call("DELETE", "/health");
  CHECK(wrong.status == 405);
  CHECK(Header(wrong, "Allow") == "GET");
  Response put_only = d.Call("POST", std::string("/events/") + kEventId);
  CHECK(put_only.status == 405);
  CHECK(Header(put_only, "Allow") == "GET, PUT, DELETE");

  CHECK(d.Call("GET", "bad-target").status == 400);

  // The web pages are built in: served without a token, as HTML.
  Response page = d.Call("GET", "/", "", "");
  CHECK(page.status == 200);
  CHECK(page.content_type.find("text/html") == 0);
  CHECK(page.body.find("<!DOCTYPE html>") != std::string::npos);

  CHECK(d.CallJson("GET", "/events", 200)["events"].empty());
  CHECK(d.Call("GET", std::string("/events/") + kEventId).status == 404);
  Response metrics = d.Call("GET", "/metrics", "", "");
  CHECK(metrics.status == 200);
  CHECK(metrics.content_type.find("text/plain") == 0);
}

TEST_CASE("api: every page is served with the Content-Security-Policy header", "[api][web]") {
  Daemon d;
  for (const char* path : {"/", "/ui/", "/ui/index.html", "/ui/index.js", "/ui/timetable.html?event=x",
                           "/ui/timetable.js", "/ui/supplier.html", "/ui/supplier.js", "/ui/app.js", "/ui/style.css"}) {
    for (const char* method : {"GET", "HEAD"}) {
      INFO(method << " " << path);
      Response page = d.Call(method, path, "", "");
      REQUIRE(page.status == 200);
      const std::string policy = Header(page, "Content-Security-Policy");
      CHECK(policy == standmatchd::kWebContentSecurityPolicy);
      CHECK(policy.rfind("default-src 'self'", 0) == 0);
      CHECK(policy.find("unsafe-") == std::string::npos);
    }
  }
}

TEST_CASE("api: PUT event 201 then 200, validation 400 with the JSON path, 413", "[api]") {
  ApiOptions options;
  options.max_body_bytes = 1 << 20;
  Daemon d(options);
  std::string path = std::string("/events/") + kEventId;
  json created = d.CallJson("PUT", path, 201, EventJson());
  CHECK(created["id"] == kEventId);
  CHECK(created["suppliers"] == 41);
  CHECK(created["warnings"].is_array());
  int64_t revision = created["revision"].get<int64_t>();
  json replaced = d.CallJson("PUT", path, 200, EventJson());
  CHECK(replaced["revision"].get<int64_t>() > revision);

  json events = d.CallJson("GET", "/events", 200);
  REQUIRE(events["events"].size() == 1);
  CHECK(events["events"][0]["id"] == kEventId);
  CHECK(events["events"][0]["revision"] == replaced["revision"]);

  Response got = d.Call("GET", path);
  CHECK(got.status == 200);
  CHECK(json::parse(got.body) == json::parse(EventJson()));

  // A bad CPV code: 400 naming the file, the JSON path and the value; nothing changes.
  json bad = json::parse(EventJson());
  bad["suppliers"][3]["cpv"][0] = "3913";
  Response rejected = d.Call("PUT", path, bad.dump());
  CHECK(rejected.status == 400);
  std::string message = json::parse(rejected.body)["error"].get<std::string>();
  CHECK(message.find("event.json: suppliers[3].cpv[0]") != std::string::npos);
  CHECK(message.find("3913") != std::string::npos);
  CHECK(d.CallJson("GET", "/events", 200)["events"][0]["revision"] == replaced["revision"]);

  Response not_json = d.Call("PUT", path, "{\"format\": ");
  CHECK(not_json.status == 400);
  CHECK(json::parse(not_json.body)["error"].get<std::string>().find("event.json") == 0);

  Response other_id = d.Call("PUT", "/events/another", EventJson());
  CHECK(other_id.status == 400);
  CHECK(json::parse(other_id.body)["error"].get<std::string>().find("event.id") != std::string::npos);

  Response too_big = d.Call("PUT", path, std::string((1 << 20) + 1, ' '));
  CHECK(too_big.status == 413);
  Response rejected_by_server = d.api->Reject(413, "body too large", "PUT");
  CHECK(rejected_by_server.status == 413);
  CHECK(json::parse(rejected_by_server.body)["error"] == "body too large");

  // validate: the stored event, or a body.
  json valid = d.CallJson("POST", path + "/validate", 200);
  CHECK(valid["valid"] == true);
  json invalid = d.CallJson("POST", path + "/validate", 200, bad.dump());
  CHECK(invalid["valid"] == false);
  REQUIRE(invalid["errors"].size() >= 1);
  CHECK(invalid["errors"][0].get<std::string>().find("suppliers[3].cpv[0]") != std::string::npos);

  // DELETE: 204, then 404 everywhere.
  Response deleted = d.Call("DELETE", path);
  CHECK(deleted.status == 204);
  CHECK(deleted.body.empty());
  CHECK(d.Call("GET", path).status == 404);
  CHECK(d.Call("DELETE", path).status == 404);
  CHECK(d.Call("GET", path + "/suppliers/f001/stands").status == 404);
}

TEST_CASE("api: the CSV import route, and its messages name the CSV line", "[api]") {
  Daemon d;
  std::string dir = "datasets/villejuif-2025/csv/";
  json body{{"stands", Source(dir + "stands.csv")},
            {"suppliers", Source(dir + "suppliers.csv")},
            {"header", Source(dir + "header.json")}};
  std::string path = std::string("/events/") + kEventId + "/csv";
  json created = d.CallJson("PUT", path, 201, body.dump());
  CHECK(created["suppliers"] == 41);
  CHECK(d.Tokens().size() == 41);

  json missing = d.CallJson("PUT", path, 400, json{{"stands", "x"}}.dump());
  CHECK(missing["error"].get<std::string>().find("body.suppliers: missing") != std::string::npos);
  json wrong_type = d.CallJson("PUT", path, 400,
                               json{{"stands", "x"}, {"suppliers", "y"}, {"options", {{"sessions", "10:00"}}}}.dump());
  CHECK(wrong_type["error"].get<std::string>().find("body.options.sessions") != std::string::npos);
  CHECK(d.Call("PUT", path, "[1,").status == 400);

  // Errors in "error", warnings (an unknown column) apart in "warnings".
  json flawed{{"stands",
               "buyer_id;buyer_name;stand_id;stand_title;need_id;need_title;cpv;couleur\n"
               "vj;V;s;S;n1;N;391;bleu\n"},
              {"suppliers", "id;name\nf1;A\n"},
              {"header", Source(dir + "header.json")}};
  json rejected = d.CallJson("PUT", path, 400, flawed.dump());
  const std::string error = rejected["error"].get<std::string>();
  CHECK(error.find("stands.csv:2: column \"cpv\": \"391\"") != std::string::npos);
  CHECK(error.find("warning") == std::string::npos);
  REQUIRE(rejected["warnings"].size() == 1);
  CHECK(rejected["warnings"][0] == "stands.csv:1: warning: column \"couleur\" is unknown; ignored");
}

TEST_CASE("api: rankings, rules and scores, supplier tokens see only their own", "[api]") {
  Daemon d;
  d.PutEvent();
  std::string event = std::string("/events/") + kEventId;
  auto tokens = d.Tokens();
  REQUIRE(tokens.size() == 41);
  REQUIRE(tokens.count("f001"));
  std::set<std::string> distinct;
  for (const auto& [supplier, token] : tokens) {
    distinct.insert(token);
    CHECK(token.size() >= 32);
  }
  CHECK(distinct.size() == tokens.size());

  json ranking = d.CallJson("GET", event + "/suppliers/f001/stands?top=3", 200);
  CHECK(ranking["supplier"] == "f001");
  REQUIRE(ranking["ranking"].size() <= 3);
  REQUIRE(!ranking["ranking"].empty());
  CHECK(ranking["ranking"][0]["rank"] == 1);
  CHECK(ranking["ranking"][0].contains("reasons"));
  // Rankings are memoised per event state: a repeated read is the response computed
  // afresh by a new Api (empty cache) over the same store, and each query has its own.
  const std::string top3 = d.Call("GET", event + "/suppliers/f001/stands?top=3").body;
  CHECK(d.Call("GET", event + "/suppliers/f001/stands?top=3").body == top3);
  {
    ApiOptions fresh_options;
    fresh_options.organiser_token = kOrganiser;
    Api fresh(*d.store, fresh_options);
    CHECK(standmatchd_test::CallApi(fresh, "GET", event + "/suppliers/f001/stands?top=3", "", kOrganiser).body == top3);
  }
  json all = d.CallJson("GET", event + "/suppliers/f001/stands?top=0", 200);
  CHECK(all["ranking"].size() >= ranking["ranking"].size());
  // f035 has two candidate stands: top=1 and top=0 are memoised apart.
  const std::string one = d.Call("GET", event + "/suppliers/f035/stands?top=1").body;
  CHECK(json::parse(one)["ranking"].size() == 1);
  CHECK(d.CallJson("GET", event + "/suppliers/f035/stands?top=0", 200)["ranking"].size() == 2);
  CHECK(d.Call("GET", event + "/suppliers/f035/stands?top=1").body == one);
  json by_default = d.CallJson("GET", event + "/suppliers/f001/stands", 200);
  CHECK(by_default["ranking"].size() <= 10);

  json bad_top = d.CallJson("GET", event + "/suppliers/f001/stands?top=many", 400);
  CHECK(bad_top["error"].get<std::string>().find("many") != std::string::npos);
  CHECK(d.Call("GET", event + "/suppliers/nobody/stands").status == 404);

  json stand = d.CallJson("GET", event + "/stands/mobilier/suppliers?top=5", 200);
  CHECK(stand["stand"] == "mobilier");
  CHECK(stand["ranking"].size() <= 5);

  CHECK(Header(d.Call("GET", event + "/suppliers/f001/stands"), "Cache-Control") == "private, no-store");
  CHECK(Header(d.Call("GET", event + "/tokens"), "Cache-Control") == "private, no-store");

  // The supplier's own token: its ranking only.
  const std::string& own = tokens["f001"];
  CHECK(d.Call("GET", event + "/suppliers/f001/stands", "", own).status == 200);
  CHECK(d.Call("GET", event + "/suppliers/f002/stands", "", own).status == 403);
  CHECK(d.Call("GET", event + "/stands/mobilier/suppliers", "", own).status == 403);
  CHECK(d.Call("GET", event + "/tokens", "", own).status == 403);
  CHECK(d.Call("GET", event, "", own).status == 403);
  CHECK(d.Call("PUT", event, EventJson(), own).status == 403);
  CHECK(d.Call("POST", event + "/schedule", "", own).status == 403);
  CHECK(d.Call("GET", "/events/other-event/suppliers/f001/stands", "", own).status == 403);

  // Scores as CSV.
  Response scores = d.Call("GET", event + "/scores");
  CHECK(scores.status == 200);
  CHECK(scores.content_type.find("text/csv") == 0);
  CHECK(scores.body.rfind("supplier,stand,score", 0) == 0);

  // Rules: default, then set; a bad key is 400 naming the path; the ranking follows.
  json rules = d.CallJson("GET", event + "/rules", 200);
  CHECK(rules.contains("weights"));
  json bad_rules = d.CallJson("PUT", event + "/rules", 400, R"({"weights": {"relevance": "high"}})");
  CHECK(bad_rules["error"].get<std::string>().find("rules.json: weights.relevance") != std::string::npos);
  json set = d.CallJson("PUT", event + "/rules", 200, R"({"weights": {"relevance": 10}})");
  CHECK(set["revision"].get<int64_t>() >= 2);
  CHECK(d.CallJson("GET", event + "/rules", 200)["weights"]["relevance"] == 10);
  // The memoised ranking was dropped with the old rules: the scores are the new ones.
  const std::string reranked = d.Call("GET", event + "/suppliers/f001/stands?top=3").body;
  CHECK(reranked != top3);
  CHECK(json::parse(reranked)["ranking"][0]["score"] != ranking["ranking"][0]["score"]);
  CHECK(d.Call("PUT", "/events/nothing/rules", "{}").status == 404);
  // A re-import keeps tokens of suppliers that remain.
  d.CallJson("PUT", event, 200, EventJson());
  CHECK(d.Tokens() == tokens);
}

TEST_CASE("api: with the official CPV list, codes are checked and reasons carry its labels", "[api]") {
  auto list = match::CpvList::Load(STANDMATCH_SHARED_DIR "/data/cpv2008/cpv_2008_fr_en.csv");
  REQUIRE(list.ok());
  ApiOptions options;
  options.cpv_list = std::make_shared<const match::CpvList>(std::move(list).value());
  Daemon labelled(options);
  Daemon plain;
  const std::string event = std::string("/events/") + kEventId;

  json doc = json::parse(EventJson());
  doc["suppliers"][0]["cpv"][0] = "45999999";  // well formed, not in the list
  json refused = labelled.CallJson("PUT", event, 400, doc.dump());
  CHECK(refused.dump().find("suppliers[0].cpv[0]") != std::string::npos);
  CHECK(refused.dump().find("is not in the official CPV list") != std::string::npos);
  plain.CallJson("PUT", event, 201, doc.dump());  // without a list the code is only syntax-checked

  labelled.PutEvent();
  plain.CallJson("PUT", event, 200, EventJson());
  json with = labelled.CallJson("GET", event + "/suppliers/f001/stands", 200);
  json without = plain.CallJson("GET", event + "/suppliers/f001/stands", 200);
  REQUIRE(with["ranking"].size() == without["ranking"].size());
  REQUIRE(!with["ranking"].empty());
  int relabelled = 0;
  for (size_t i = 0; i < with["ranking"].size(); ++i) {
    CHECK(with["ranking"][i]["stand"] == without["ranking"][i]["stand"]);
    relabelled += with["ranking"][i]["reasons"] != without["ranking"][i]["reasons"];
  }
  // The built-in French labels are the official ones: the same reasons with or without the list.
  CHECK(relabelled == 0);
  CHECK(with["ranking"][0]["reasons"].get<std::string>().find("CPV ") != std::string::npos);
}

TEST_CASE("api: schedule job, agendas as JSON, CSV and ICS, timetable, replan history", "[api]") {
  Daemon d;
  d.PutEvent();
  std::string event = std::string("/events/") + kEventId;
  CHECK(d.CallJson("GET", event + "/schedule", 404)["error"] == "no schedule yet");
  CHECK(d.CallJson("GET", event + "/suppliers/f001/agenda", 404)["error"] == "no schedule yet");
  CHECK(d.CallJson("GET", event + "/timetable", 404)["error"] == "no schedule yet");
  CHECK(d.Call("POST", "/events/nothing/schedule").status == 404);
  CHECK(d.CallJson("GET", "/jobs/nope", 404)["error"].get<std::string>().find("nope") != std::string::npos);

  json job = d.Schedule();
  INFO(job.dump());
  REQUIRE(job["state"] == "done");
  CHECK(job["kind"] == "schedule");
  CHECK(job["event"] == kEventId);
  CHECK(job["progress"] == 1.0);
  REQUIRE(job["result"]["version"] == 1);
  int meetings = job["result"]["meetings"].get<int>();
  CHECK(meetings > 0);

  Response schedule = d.Call("GET", event + "/schedule");
  REQUIRE(schedule.status == 200);
  CheckValid(EventJson(), schedule.body);
  json doc = json::parse(schedule.body);
  CHECK(static_cast<int>(doc["meetings"].size()) == meetings);

  // The agenda of each of a few suppliers is exactly its meetings in the schedule.
  auto tokens = d.Tokens();
  for (const std::string supplier : {"f001", "f002", "f010"}) {
    json agenda = d.CallJson("GET", event + "/suppliers/" + supplier + "/agenda", 200, "", tokens[supplier]);
    CHECK(agenda["event"]["id"] == kEventId);
    CHECK(agenda["owner"]["kind"] == "supplier");
    CHECK(agenda["owner"]["id"] == supplier);
    CHECK(agenda["version"] == 1);
    std::set<std::pair<std::string, int>> expected, got;
    for (const auto& m : doc["meetings"])
      if (m["supplier"] == supplier) expected.insert({m["stand"].get<std::string>(), m["slot"].get<int>()});
    int last_slot = -1;
    for (const auto& m : agenda["meetings"]) {
      CHECK(m["supplier"] == supplier);
      CHECK(m["slot"].get<int>() >= last_slot);
      last_slot = m["slot"].get<int>();
      CHECK(m["start"].get<std::string>().size() == 5);
      CHECK(!m["stand_name"].get<std::string>().empty());
      got.insert({m["stand"].get<std::string>(), m["slot"].get<int>()});
    }
    CHECK(got == expected);
    CHECK(d.Call("GET", event + "/suppliers/" + supplier + "/agenda", "", tokens[supplier == "f001" ? "f002" : "f001"])
              .status == 403);
  }
  CHECK(d.Call("GET", event + "/stands/mobilier/agenda", "", tokens["f001"]).status == 403);

  Response csv = d.Call("GET", event + "/suppliers/f001/agenda?format=csv", "", tokens["f001"]);
  CHECK(csv.status == 200);
  CHECK(csv.content_type.find("text/csv") == 0);
  CHECK(csv.body.rfind("start,end,stand_id", 0) == 0);
  CHECK(Header(csv, "Content-Disposition").find(".csv") != std::string::npos);
  Response ics = d.Call("GET", event + "/suppliers/f001/agenda?format=ics", "", tokens["f001"]);
  CHECK(ics.status == 200);
  CHECK(ics.content_type.find("text/calendar") == 0);
  CHECK(ics.body.rfind("BEGIN:VCALENDAR", 0) == 0);
  CHECK(d.Call("GET", event + "/suppliers/f001/agenda?format=pdf").status == 400);

  json stand_agenda = d.CallJson("GET", event + "/stands/mobilier/agenda", 200);
  CHECK(stand_agenda["owner"]["kind"] == "stand");
  for (const auto& m : stand_agenda["meetings"]) CHECK(m["stand"] == "mobilier");
  Response stand_ics = d.Call("GET", event + "/stands/mobilier/agenda?format=ics");
  CHECK(stand_ics.body.find("BEGIN:VEVENT") != std::string::npos);

  json timetable = d.CallJson("GET", event + "/timetable", 200);
  CHECK(timetable["version"] == 1);
  CHECK(timetable["slots"].size() == doc["slots"].size());
  CHECK(timetable["stands"].size() == 8);
  CHECK(timetable["suppliers"].size() == 41);
  REQUIRE(static_cast<int>(timetable["meetings"].size()) == meetings);
  CHECK(timetable["meetings"][0]["stand"].is_string());

  // Re-plan: f001 cancels. A new version; version 1 is unchanged.
  json agenda_before = d.CallJson("GET", event + "/suppliers/f002/agenda", 200);
  std::string changes =
      R"({"format": "standmatch.changes/1", "changes": [{"kind": "cancel_supplier", "supplier": "f001"}]})";
  json replanned = d.CallJson("POST", event + "/replan", 200, changes);
  CHECK(replanned["version"] == 2);
  CHECK(replanned["diff"].is_object());
  CHECK(d.Call("GET", event + "/schedules/1").body == schedule.body);
  Response latest = d.Call("GET", event + "/schedule");
  CHECK(latest.body == d.Call("GET", event + "/schedules/2").body);
  CheckValid(d.Call("GET", event).body, latest.body);
  json latest_doc = json::parse(latest.body);
  for (const auto& m : latest_doc["meetings"]) CHECK(m["supplier"] != "f001");
  json list = d.CallJson("GET", event + "/schedules", 200);
  REQUIRE(list["schedules"].size() == 2);
  CHECK(list["schedules"][0]["version"] == 1);
  CHECK(list["schedules"][0]["kind"] == "computed");
  CHECK(list["schedules"][1]["kind"] == "replanned");
  CHECK(list["schedules"][1]["based_on"] == 1);
  CHECK(d.CallJson("GET", event + "/suppliers/f001/agenda", 200)["meetings"].empty());
  CHECK(d.CallJson("GET", event + "/suppliers/f002/agenda", 200)["version"] == 2);
  CHECK(agenda_before["version"] == 1);
  CHECK(d.Call("GET", event + "/schedules/3").status == 404);
  CHECK(d.Call("GET", event + "/schedules/x").status == 404);

  // A changes body naming an unknown supplier: 400 with the JSON path.
  json bad =
      d.CallJson("POST", event + "/replan", 400,
                 R"({"format": "standmatch.changes/1", "changes": [{"kind": "cancel_supplier", "supplier": "f999"}]})");
  CHECK(bad["error"].get<std::string>().find("changes.json: changes[0].supplier") != std::string::npos);
  CHECK(d.CallJson("GET", event + "/schedules", 200)["schedules"].size() == 2);

  // The same changes posted again, spaced otherwise: detected, nothing re-applied.
  json again = d.CallJson("POST", event + "/replan", 409, json::parse(changes).dump(2));
  CHECK(again["error"].get<std::string>().find("these changes were already applied: schedule version 2") !=
        std::string::npos);
  CHECK(d.CallJson("GET", event + "/schedules", 200)["schedules"].size() == 2);

  // A walk-in gets a token with the re-plan that adds it.
  std::string walk_in = R"({"format": "standmatch.changes/1", "changes": [{"kind": "walk_in", "supplier":
      {"id": "f900", "name": "Traiteur du marché", "commune": "94076", "cpv": ["55520000"]}}]})";
  json third = d.CallJson("POST", event + "/replan", 200, walk_in);
  CHECK(third["version"] == 3);
  auto after = d.Tokens();
  REQUIRE(after.count("f900"));
  CHECK(after["f002"] == tokens["f002"]);
  CHECK(d.Call("GET", event + "/suppliers/f900/agenda", "", after["f900"]).status == 200);
  CheckValid(d.Call("GET", event).body, d.Call("GET", event + "/schedule").body);
}

TEST_CASE("api: metrics record route patterns, never ids or tokens", "[api]") {
  Daemon d;
  d.PutEvent();
  std::string event = std::string("/events/") + kEventId;
  auto tokens = d.Tokens();
  d.Call("GET", event + "/suppliers/f001/stands", "", tokens["f001"]);
  d.Call("GET", event + "/suppliers/f003/stands", "", tokens["f001"]);
  d.Call("GET", "/events/" + tokens["f002"] + "/rules");
  d.Call("GET", "/no/such/" + tokens["f003"]);
  d.Call("BREW", "/health");
  std::string text = d.Call("GET", "/metrics", "", "").body;
  CHECK(text.find("/events/{id}/suppliers/{sid}/stands") != std::string::npos);
  CHECK(text.find(kEventId) == std::string::npos);
  CHECK(text.find("f001") == std::string::npos);
  CHECK(text.find("BREW") == std::string::npos);
  CHECK(text.find(kOrganiser) == std::string::npos);
  for (const auto& [supplier, token] : tokens) CHECK(text.find(token) == std::string::npos);
}

TEST_CASE("api: storage failures answer 503, reads still work", "[api]") {
  ApiTempDir dir;
  std::string path = dir.File("rw.sqlite");
  {
    auto store = Store::Open(path);
    REQUIRE(store.ok());
    Api api(**store, ApiOptions{kOrganiser});
    Request put{"PUT", std::string("/events/") + kEventId, std::string("Bearer ") + kOrganiser, "", EventJson()};
    REQUIRE(api.Handle(put).status == 201);
  }
  std::string copy = dir.File("ro.sqlite");
  fs::copy_file(path, copy);
  auto store = Store::Open("file:" + copy + "?mode=ro");
  REQUIRE(store.ok());
  Api api(**store, ApiOptions{kOrganiser});
  std::string auth = std::string("Bearer ") + kOrganiser;
  Response put = api.Handle({"PUT", std::string("/events/") + kEventId, auth, "", EventJson()});
  CHECK(put.status == 503);
  CHECK(json::parse(put.body)["error"].get<std::string>().find("storage") != std::string::npos);
  CHECK(api.Handle({"DELETE", std::string("/events/") + kEventId, auth, "", ""}).status == 503);
  CHECK(api.Handle({"PUT", std::string("/events/") + kEventId + "/rules", auth, "", "{}"}).status == 503);
  CHECK(api.Handle({"GET", std::string("/events/") + kEventId + "/suppliers/f001/stands", auth, "", ""}).status == 200);
}

TEST_CASE("api: a full job queue answers 503 with Retry-After", "[api]") {
  ApiOptions options;
  options.job_workers = 1;
  options.max_queued_jobs = 0;
  Daemon d(options);
  d.PutEvent();
  std::string path = std::string("/events/") + kEventId + "/schedule";
  // With no room in the queue, some submission among a burst is refused.
  bool refused = false;
  for (int i = 0; i < 8 && !refused; ++i) {
    Response response = d.Call("POST", path);
    if (response.status == 503) {
      refused = true;
      CHECK(Header(response, "Retry-After") == "5");
    } else {
      CHECK(response.status == 202);
    }
  }
  CHECK(refused);
}

TEST_CASE("api: no request makes it fail: odd targets, methods and bodies", "[api]") {
  Daemon d;
  d.PutEvent();
  std::string event = std::string("/events/") + kEventId;
  d.Schedule();
  const std::vector<std::string> targets = {"/",
                                            "//",
                                            "/events/",
                                            "/events//rules",
                                            event + "/",
                                            event + "/suppliers/%00/stands",
                                            event + "/suppliers/f001/stands?top=-1",
                                            event + "/suppliers/f001/stands?top=99999999999",
                                            event + "/suppliers/f001/stands?top=1&top=2",
                                            event + "/stands/mobilier/agenda?format=",
                                            event + "/schedules/0",
                                            event + "/schedules/99999999999",
                                            "/jobs/%FF",
                                            "/events/%C3%28",
                                            event + "/rules",
                                            event + "/validate",
                                            event + "/replan",
                                            event + "/csv",
                                            event + "/schedule",
                                            event,
                                            "/ui/../../etc/passwd",
                                            "/metrics?x=%zz",
                                            std::string(5000, '/'),
                                            "/events/" + std::string(3000, 'x')};
  const std::vector<std::string> bodies = {"",
                                           "null",
                                           "[]",
                                           "{}",
                                           "\xff\xfe",
                                           "{\"format\": 3}",
                                           "1e400",
                                           std::string(10000, '['),
                                           R"({"changes": [{"kind": "walk_in"}]})"};
  const std::vector<std::string> methods = {"GET", "PUT", "POST", "DELETE", "HEAD", "PATCH", ""};
  int calls = 0;
  for (const auto& target : targets)
    for (const auto& method : methods)
      for (const auto& body : bodies) {
        if (method == "DELETE" && target == event) continue;  // keep the event for the other calls
        Response response = d.Call(method, target, body);
        ++calls;
        INFO(method << " " << target.substr(0, 80) << " body " << body.substr(0, 40));
        CHECK(response.status >= 200);
        CHECK((response.status < 500 || response.status == 503));  // 503: the job queue is full
        if (response.content_type == "application/json" && !response.body.empty())
          CHECK_FALSE(json::parse(response.body, nullptr, false).is_discarded());
      }
  CHECK(calls > 1000);
}

TEST_CASE("api: concurrent reads while the event is rewritten", "[api]") {
  Daemon d;
  d.PutEvent();
  d.Schedule();
  std::string event = std::string("/events/") + kEventId;
  auto tokens = d.Tokens();
  std::atomic<int> failures{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t)
    readers.emplace_back([&, t] {
      const std::string supplier = t == 0 ? "f001" : t == 1 ? "f002" : "f003";
      for (int i = 0; i < 200 && !stop; ++i) {
        Request ranking{"GET", event + "/suppliers/" + supplier + "/stands?top=" + std::to_string(1 + i % 5),
                        "Bearer " + tokens[supplier], "", ""};
        Request agenda{"GET", event + "/suppliers/" + supplier + "/agenda", "Bearer " + tokens[supplier], "", ""};
        if (d.api->Handle(ranking).status != 200) ++failures;
        if (d.api->Handle(agenda).status != 200) ++failures;
      }
    });
  for (int i = 0; i < 5; ++i) {
    CHECK(d.Call("PUT", event + "/rules", i % 2 ? "{}" : R"({"weights": {"relevance": 5}})").status == 200);
    CHECK(d.Call("PUT", event, EventJson()).status == 200);
  }
  stop = true;
  for (auto& r : readers) r.join();
  CHECK(failures == 0);
}

TEST_CASE("api: a corrected event file is re-planned onto, history kept, a removed participant refused", "[api]") {
  Daemon d;
  d.PutEvent();
  d.Schedule();
  std::string event = std::string("/events/") + kEventId;
  std::string changes =
      R"({"format": "standmatch.changes/1", "changes": [{"kind": "cancel_supplier", "supplier": "f002"}]})";
  // New rules keep the event file: the re-plan goes ahead.
  d.CallJson("PUT", event + "/rules", 200, R"({"weights": {"relevance": 4}})");
  CHECK(d.CallJson("POST", event + "/replan", 200, changes)["version"] == 2);
  // A corrected event file: the same changes re-plan onto it (not "already applied").
  json changed = json::parse(d.CallJson("GET", event, 200).dump());
  changed["event"]["name"] = "Forum renamed";
  d.CallJson("PUT", event, 200, changed.dump());
  CHECK(d.CallJson("POST", event + "/replan", 200, changes)["version"] == 3);
  CHECK(d.CallJson("GET", event + "/suppliers/f001/agenda", 200)["event"]["name"] == "Forum renamed");
  // A supplier with meetings removed from the event: 409 naming it; nothing is stored.
  json schedule = d.CallJson("GET", event + "/schedule", 200);
  const std::string busy = schedule["meetings"][0]["supplier"];
  json removed = json::parse(d.CallJson("GET", event, 200).dump());
  json kept = json::array();
  for (const auto& s : removed["suppliers"])
    if (s["id"] != busy) kept.push_back(s);
  removed["suppliers"] = kept;
  d.CallJson("PUT", event, 200, removed.dump());
  json conflict = d.CallJson("POST", event + "/replan", 409, changes);
  CHECK(conflict["error"].get<std::string>().find("\"" + busy + "\" names no supplier") != std::string::npos);
  CHECK(conflict["error"].get<std::string>().find("cancel_supplier") != std::string::npos);
  CHECK(d.CallJson("GET", event + "/schedules", 200)["schedules"].size() == 3);
}
