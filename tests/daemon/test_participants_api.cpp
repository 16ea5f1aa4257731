// Api: what participants do themselves (docs/daemon.md, "Participants"): stand tokens
// and their scope, wishes and invitations (deadline, history, concurrent writers), the
// public registration (pending flow, limits, privacy), the early warnings, and an
// end-to-end run where a must wish and a must invitation written through the API
// appear in the next schedule.
#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "api.h"
#include "api_call.h"
#include "match/base/files.h"
#include "store.h"
#include "temp_dir.h"

using nlohmann::json;
using standmatchd::Api;
using standmatchd::ApiOptions;
using standmatchd::Request;
using standmatchd::Response;
using standmatchd::Store;

namespace {

constexpr char kOrganiser[] = "organiser-secret-token-0123456789";
constexpr char kEventId[] = "villejuif-fad-2025";
const std::string kEvent = std::string("/events/") + kEventId;

std::string EventJson(const std::string& dataset = "villejuif-2025") {
  auto text = match::ReadFile(std::string(STANDMATCH_SOURCE_DIR) + "/datasets/" + dataset + "/event.json");
  REQUIRE(text.ok());
  return *text;
}

// The event with EDIT applied to its JSON.
template <class Edit>
std::string EditedEvent(Edit edit) {
  json event = json::parse(EventJson());
  edit(event);
  return event.dump();
}

// An Api over a fresh Store, with the villejuif-2025 event (EVENT_JSON, of id
// EVENT_ID: PATH is /events/EVENT_ID) imported.
struct Forum {
  explicit Forum(ApiOptions options = {}, const std::string& event_json = EventJson(),
                 const std::string& event_id = kEventId)
      : dir("standmatchd-participants"), path("/events/" + event_id) {
    auto opened = Store::Open(dir.File("api.sqlite"));
    REQUIRE(opened.ok());
    store = std::move(opened).value();
    options.organiser_token = kOrganiser;
    api = std::make_unique<Api>(*store, options);
    Expect("PUT", path, 201, event_json);
    json tokens = Expect("GET", path + "/tokens", 200);
    for (const auto& t : tokens["tokens"]) supplier_tokens[t["supplier"]] = t["token"];
    for (const auto& t : tokens["stands"]) stand_tokens[t["stand"]] = t["token"];
  }

  Response Call(const std::string& method, const std::string& target, const std::string& body = "",
                const std::string& token = kOrganiser) {
    return standmatchd_test::CallApi(*api, method, target, body, token);
  }

  json Expect(const std::string& method, const std::string& target, int status, const std::string& body = "",
              const std::string& token = kOrganiser) {
    Response response = Call(method, target, body, token);
    INFO(method << " " << target << ": " << response.body);
    REQUIRE(response.status == status);
    return json::parse(response.body);
  }

  json Schedule() {
    std::string job = Expect("POST", path + "/schedule", 202)["job"];
    for (int i = 0; i < 3000; ++i) {
      json state = Expect("GET", "/jobs/" + job, 200);
      if (state["state"] == "done") return Expect("GET", path + "/schedule", 200);
      REQUIRE(state["state"] != "failed");
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL("the schedule job did not finish");
    return {};
  }

  standmatchd_test::TempDir dir;
  const std::string path;
  std::unique_ptr<Store> store;
  std::unique_ptr<Api> api;
  std::map<std::string, std::string> supplier_tokens, stand_tokens;
};

std::string Wishes(const std::string& stand, const std::string& level) {
  return json{{"wishes", {{{"stand", stand}, {"level", level}}}}}.dump();
}
std::string Invitations(const std::string& supplier, const std::string& level) {
  return json{{"invitations", {{{"supplier", supplier}, {"level", level}}}}}.dump();
}

const char kRegistration[] =
    R"({"name": "Nettoyage Solidaire", "siret": "73282932000074", "commune": "94076", "size": "micro",
        "ess": true, "structure": "EI", "cpv": ["90910000"], "activity": "nettoyage de locaux",
        "available": [{"start": "10:40", "end": "12:20"}]})";

// The registration with FIELD set to VALUE.
std::string RegistrationWith(const std::string& field, const json& value) {
  json r = json::parse(kRegistration);
  r[field] = value;
  return r.dump();
}

}  // namespace

TEST_CASE("participants: the tokens list the stands and a stand token reads its own stand only", "[participants]") {
  Forum forum;
  json tokens = forum.Expect("GET", kEvent + "/tokens", 200);
  REQUIRE(tokens["stands"].size() == 8);
  CHECK(tokens["stands"][0].contains("stand"));
  CHECK(tokens["stands"][0].contains("name"));
  CHECK(tokens["stands"][0]["token"].get<std::string>().size() == 43);
  // Each stand's calendar feed, distinct from its token and from the suppliers' feeds.
  std::set<std::string> feeds;
  for (const auto& t : tokens["tokens"]) feeds.insert(t.value("feed", ""));
  for (const auto& t : tokens["stands"]) {
    const std::string feed = t.value("feed", "");
    CHECK(feed.rfind("/feeds/", 0) == 0);
    CHECK(feed.find(t["token"].get<std::string>()) == std::string::npos);
    CHECK(feeds.insert(feed).second);
  }
  const std::string mobilier = forum.stand_tokens.at("mobilier");
  forum.Schedule();
  json ranking = forum.Expect("GET", kEvent + "/stands/mobilier/suppliers?top=3", 200, "", mobilier);
  REQUIRE(!ranking["ranking"].empty());
  const json& profile = ranking["ranking"][0]["profile"];
  for (const char* field : {"name", "size", "ess", "structure", "commune", "siret", "cpv"})
    CHECK(profile.contains(field));
  CHECK(ranking["ranking"][0].contains("reasons"));
  forum.Expect("GET", kEvent + "/stands/mobilier/agenda", 200, "", mobilier);
  forum.Expect("GET", kEvent + "/stands/mobilier/invitations", 200, "", mobilier);
  // Another stand, the organiser's routes, a supplier's routes: 403.
  for (const std::string& target : {kEvent + "/stands/nettoyage/suppliers", kEvent + "/stands/nettoyage/agenda",
                                    kEvent + "/stands/nettoyage/invitations", kEvent + "/tokens", kEvent,
                                    kEvent + "/schedule", kEvent + "/registrations", kEvent + "/warnings",
                                    kEvent + "/suppliers/f001/stands", kEvent + "/suppliers/f001/wishes"})
    CHECK(forum.Call("GET", target, "", mobilier).status == 403);
  CHECK(forum.Call("PUT", kEvent + "/stands/nettoyage/invitations", Invitations("f001", "must"), mobilier).status ==
        403);
  // A supplier's token on a stand's route: 403.
  CHECK(forum.Call("GET", kEvent + "/stands/mobilier/suppliers", "", forum.supplier_tokens.at("f001")).status == 403);
}

TEST_CASE("participants: an event stored without stand tokens gets them when its tokens are listed", "[participants]") {
  standmatchd_test::TempDir dir("standmatchd-old-event");
  auto store = Store::Open(dir.File("db.sqlite"));
  REQUIRE(store.ok());
  // As an older standmatchd stored it: supplier tokens only.
  REQUIRE((*store)->PutEvent(kEventId, EventJson(), {"f001"}).ok());
  CHECK((*store)->StandTokens(kEventId)->empty());
  ApiOptions options;
  options.organiser_token = kOrganiser;
  Api api(**store, options);
  json tokens = json::parse(standmatchd_test::CallApi(api, "GET", kEvent + "/tokens", "", kOrganiser).body);
  REQUIRE(tokens["stands"].size() == 8);
  // The new stand token works at once.
  CHECK(tokens["stands"][4]["stand"] == "mobilier");
  CHECK(standmatchd_test::CallApi(api, "GET", kEvent + "/stands/mobilier/invitations", "",
                                  tokens["stands"][4]["token"].get<std::string>())
            .status == 200);
  CHECK((*store)->History(kEventId)->size() == 1);  // no new revision
}

TEST_CASE("participants: a supplier writes its own wishes and gets 403 on another's", "[participants]") {
  Forum forum;
  const std::string f001 = forum.supplier_tokens.at("f001");
  json saved = forum.Expect("PUT", kEvent + "/suppliers/f001/wishes", 200, Wishes("mobilier", "must"), f001);
  CHECK(saved["wishes"] == json::parse(Wishes("mobilier", "must"))["wishes"]);
  json read = forum.Expect("GET", kEvent + "/suppliers/f001/wishes", 200, "", f001);
  CHECK(read["wishes"] == saved["wishes"]);
  CHECK(read["open"] == true);
  CHECK(forum.Call("PUT", kEvent + "/suppliers/f002/wishes", Wishes("mobilier", "no"), f001).status == 403);
  CHECK(forum.Call("GET", kEvent + "/suppliers/f002/wishes", "", f001).status == 403);
  // Bad bodies name the JSON path; the organiser may write anyone's.
  json bad = forum.Expect("PUT", kEvent + "/suppliers/f001/wishes", 400, Wishes("mobilier", "maybe"), f001);
  CHECK(bad["error"].get<std::string>().find("wishes[0].level") != std::string::npos);
  bad = forum.Expect("PUT", kEvent + "/suppliers/f001/wishes", 400, Wishes("no-such-stand", "want"), f001);
  CHECK(bad["error"].get<std::string>().find("names no stand") != std::string::npos);
  forum.Expect("PUT", kEvent + "/suppliers/f002/wishes", 200, Wishes("mobilier", "no"));
  // The stored event file holds them.
  json event = forum.Expect("GET", kEvent, 200);
  for (const auto& s : event["suppliers"]) {
    if (s["id"] == "f001") CHECK(s["wishes"] == saved["wishes"]);
    if (s["id"] == "f002") CHECK(s["wishes"] == json::parse(Wishes("mobilier", "no"))["wishes"]);
  }
}

TEST_CASE("participants: writes after event.wishes_close are refused with 409", "[participants]") {
  Forum closed({}, EditedEvent([](json& e) { e["event"]["wishes_close"] = "2020-01-31T18:00"; }));
  json refused = closed.Expect("PUT", kEvent + "/suppliers/f001/wishes", 409, Wishes("mobilier", "want"),
                               closed.supplier_tokens.at("f001"));
  CHECK(refused["error"].get<std::string>().find("2020-01-31T18:00") != std::string::npos);
  closed.Expect("PUT", kEvent + "/stands/mobilier/invitations", 409, Invitations("f001", "want"),
                closed.stand_tokens.at("mobilier"));
  CHECK(closed.Expect("GET", kEvent + "/suppliers/f001/wishes", 200)["open"] == false);
  Forum open({}, EditedEvent([](json& e) { e["event"]["wishes_close"] = "2999-01-31T18:00+01:00"; }));
  open.Expect("PUT", kEvent + "/suppliers/f001/wishes", 200, Wishes("mobilier", "want"),
              open.supplier_tokens.at("f001"));
  // A malformed deadline is an error of the event file.
  json bad = open.Expect("PUT", kEvent, 400, EditedEvent([](json& e) { e["event"]["wishes_close"] = "demain"; }));
  CHECK(bad["error"].get<std::string>().find("event.wishes_close") != std::string::npos);
}

TEST_CASE("participants: each write is a new revision recorded with its author", "[participants]") {
  Forum forum;
  forum.Expect("PUT", kEvent + "/suppliers/f003/wishes", 200, Wishes("mobilier", "want"),
               forum.supplier_tokens.at("f003"));
  forum.Expect("PUT", kEvent + "/stands/mobilier/invitations", 200, Invitations("f003", "must"),
               forum.stand_tokens.at("mobilier"));
  json history = forum.Expect("GET", kEvent + "/history", 200)["revisions"];
  REQUIRE(history.size() == 3);
  CHECK(history[0]["author"] == "organiser");
  CHECK(history[1]["revision"] == 2);
  CHECK(history[1]["author"] == "supplier f003");
  CHECK(history[1]["change"] == "wishes of supplier f003");
  CHECK(history[2]["author"] == "stand mobilier");
  CHECK(history[2]["change"] == "invitations of stand mobilier");
  CHECK(history[2]["created"].get<int64_t>() > 1700000000);
  // The invitations of the other stands are kept.
  json event = forum.Expect("GET", kEvent, 200);
  int others = 0, mine = 0;
  for (const auto& i : event["invitations"]) (i["stand"] == "mobilier" ? mine : others)++;
  CHECK(mine == 1);
  const json original = json::parse(EventJson());
  int original_others = 0;
  for (const auto& i : original["invitations"]) original_others += i["stand"].get<std::string>() != "mobilier";
  CHECK(others == original_others);
}

TEST_CASE("participants: concurrent writers never lose a write", "[participants]") {
  Forum forum;
  // Every supplier and every stand writes at once, several times: the last write of
  // each must be in the final event file.
  std::vector<std::string> suppliers, stands;
  for (const auto& [id, token] : forum.supplier_tokens) suppliers.push_back(id);
  for (const auto& [id, token] : forum.stand_tokens) stands.push_back(id);
  const char* levels[] = {"want", "must", "no"};
  std::vector<std::thread> threads;
  std::vector<int> failures(suppliers.size() + stands.size(), 0);
  for (size_t i = 0; i < suppliers.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int round = 0; round < 3; ++round) {
        Response r =
            forum.Call("PUT", kEvent + "/suppliers/" + suppliers[i] + "/wishes",
                       Wishes(stands[i % stands.size()], levels[round]), forum.supplier_tokens.at(suppliers[i]));
        failures[i] += r.status != 200;
      }
    });
  }
  for (size_t j = 0; j < stands.size(); ++j) {
    threads.emplace_back([&, j] {
      for (int round = 0; round < 3; ++round) {
        Response r = forum.Call("PUT", kEvent + "/stands/" + stands[j] + "/invitations",
                                Invitations(suppliers[j], levels[round]), forum.stand_tokens.at(stands[j]));
        failures[suppliers.size() + j] += r.status != 200;
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int f : failures) CHECK(f == 0);
  json event = forum.Expect("GET", kEvent, 200);
  std::map<std::string, json> wishes;
  for (const auto& s : event["suppliers"]) wishes[s["id"]] = s.value("wishes", json::array());
  for (size_t i = 0; i < suppliers.size(); ++i)
    CHECK(wishes[suppliers[i]] == json::parse(Wishes(stands[i % stands.size()], "no"))["wishes"]);
  std::map<std::string, std::vector<json>> invitations;
  for (const auto& inv : event["invitations"]) invitations[inv["stand"]].push_back(inv);
  for (size_t j = 0; j < stands.size(); ++j) {
    REQUIRE(invitations[stands[j]].size() == 1);
    CHECK(invitations[stands[j]][0]["supplier"] == suppliers[j]);
    CHECK(invitations[stands[j]][0]["level"] == "no");
  }
  // One revision per write, after the import.
  json history = forum.Expect("GET", kEvent + "/history", 200)["revisions"];
  CHECK(history.size() == 1 + 3 * (suppliers.size() + stands.size()));
}

TEST_CASE("participants: a registration stays pending until the organiser accepts or rejects it", "[participants]") {
  Forum forum;
  // Closed by default: 403, and the public view says so.
  CHECK(forum.Call("POST", kEvent + "/registrations", kRegistration, "").status == 403);
  CHECK(forum.Expect("GET", kEvent + "/registration", 200, "", "")["open"] == false);
  forum.Expect("PUT", kEvent + "/registration", 200, R"({"open": true, "closes": "2999-03-20T18:00"})");
  json info = forum.Expect("GET", kEvent + "/registration", 200, "", "");
  CHECK(info["open"] == true);
  CHECK(info["closes"] == "2999-03-20T18:00");
  CHECK(info["event"]["name"].get<std::string>().find("Villejuif") != std::string::npos);
  // A SIRET whose check digit fails: 400 with the reason.
  json bad = forum.Expect("POST", kEvent + "/registrations", 400, RegistrationWith("siret", "73282932000075"), "");
  CHECK(bad["error"].get<std::string>().find("siret") != std::string::npos);
  CHECK(bad["error"].get<std::string>().find("check digit") != std::string::npos);
  bad = forum.Expect("POST", kEvent + "/registrations", 400, R"({"name": "X", "siret": "73282932000074"})", "");
  CHECK(bad["error"].get<std::string>().find("activity") != std::string::npos);
  bad = forum.Expect("POST", kEvent + "/registrations", 400, RegistrationWith("role", "organiser"), "");
  CHECK(bad["error"].get<std::string>().find("role") != std::string::npos);
  json first = forum.Expect("POST", kEvent + "/registrations", 202, kRegistration, "");
  json second = forum.Expect("POST", kEvent + "/registrations", 202, RegistrationWith("name", "Autre"), "");
  // The answer is the registrant's own id and state: nothing of the others.
  CHECK(first.size() == 2);
  CHECK(first["state"] == "pending");
  CHECK(second.dump().find("Nettoyage Solidaire") == std::string::npos);
  // The list is the organiser's only.
  CHECK(forum.Call("GET", kEvent + "/registrations", "", "").status == 401);
  CHECK(forum.Call("GET", kEvent + "/registrations", "", forum.supplier_tokens.at("f001")).status == 403);
  CHECK(forum.Call("POST", kEvent + "/registrations/" + first["id"].get<std::string>() + "/accept", "", "").status ==
        401);
  json list = forum.Expect("GET", kEvent + "/registrations", 200)["registrations"];
  REQUIRE(list.size() == 2);
  CHECK(list[0]["state"] == "pending");
  CHECK(list[0]["siret"] == "73282932000074");
  // Accepting adds the supplier in a new revision, with its token.
  const std::string rid = first["id"];
  json accepted = forum.Expect("POST", kEvent + "/registrations/" + rid + "/accept", 200);
  CHECK(accepted["supplier"] == rid);
  const std::string token = accepted["token"];
  CHECK(token.size() == 43);
  json event = forum.Expect("GET", kEvent, 200);
  CHECK(event["suppliers"].back()["id"] == rid);
  CHECK(event["suppliers"].back()["name"] == "Nettoyage Solidaire");
  CHECK(forum.Expect("GET", kEvent + "/history", 200)["revisions"].back()["author"] == "registration " + rid);
  forum.Expect("GET", kEvent + "/suppliers/" + rid + "/stands", 200, "", token);
  forum.Expect("POST", kEvent + "/registrations/" + rid + "/accept", 400);  // already accepted
  const std::string other = second["id"];
  forum.Expect("POST", kEvent + "/registrations/" + other + "/reject", 200);
  forum.Expect("POST", kEvent + "/registrations/" + other + "/accept", 400);
  forum.Expect("POST", kEvent + "/registrations/no-such/accept", 404);
  list = forum.Expect("GET", kEvent + "/registrations", 200)["registrations"];
  CHECK(list[0]["state"] == "accepted");
  CHECK(list[1]["state"] == "rejected");
  // Past its closing time the registration is closed.
  forum.Expect("PUT", kEvent + "/registration", 200, R"({"open": true, "closes": "2001-01-01T00:00Z"})");
  CHECK(forum.Call("POST", kEvent + "/registrations", kRegistration, "").status == 403);
  CHECK(forum.Expect("PUT", kEvent + "/registration", 400, R"({"open": true, "closes": "soon"})")["error"]
            .get<std::string>()
            .find("closes") != std::string::npos);
}

TEST_CASE("participants: the public registration has limits", "[participants]") {
  ApiOptions options;
  options.max_registrations_per_event = 2;
  options.max_registration_bytes = 1024;
  Forum forum(options);
  forum.Expect("PUT", kEvent + "/registration", 200, R"({"open": true})");
  std::string big = RegistrationWith("activity", std::string(2000, 'x'));
  CHECK(forum.Call("POST", kEvent + "/registrations", big, "").status == 413);
  forum.Expect("POST", kEvent + "/registrations", 202, kRegistration, "");
  forum.Expect("POST", kEvent + "/registrations", 202, kRegistration, "");
  CHECK(forum.Call("POST", kEvent + "/registrations", kRegistration, "").status == 429);
  CHECK(forum.Call("POST", "/events/no-such-event/registrations", kRegistration, "").status == 404);
}

TEST_CASE("participants: early warnings of the organiser's page", "[participants]") {
  Forum forum;
  // The default rules: the cleaning firms' NAF activity reaches the stand nettoyage.
  json warnings = forum.Expect("GET", kEvent + "/warnings", 200);
  CHECK(warnings["stands"].empty());
  CHECK(warnings["suppliers"].size() == 7);
  CHECK(warnings["quotas"].empty());
  // By CPV codes alone (no text criterion) nobody is eligible there: the page is told.
  forum.Expect("PUT", kEvent + "/rules", 200,
               R"({"format": "standmatch.rules/1", "weights": {"relevance": 0.45, "size": 0.10, "ess": 0.08,
                   "inclusion": 0.10, "locality": 0.12, "reuse": 0.07, "mutual": 0.08, "text": 0}})");
  warnings = forum.Expect("GET", kEvent + "/warnings", 200);
  REQUIRE(warnings["stands"].size() == 1);
  CHECK(warnings["stands"][0]["stand"] == "nettoyage");
  CHECK(warnings["stands"][0]["reasons"]["low_relevance"] == 41);
  CHECK(forum.Call("GET", kEvent + "/warnings", "", forum.supplier_tokens.at("f001")).status == 403);
}

TEST_CASE("participants: a must wish and a must invitation written through the API are in the next schedule",
          "[participants]") {
  // GOSB: pairs worth meeting that the first schedule does not hold.
  Forum forum({}, EventJson("gosb-2025"), "gosb-matinale-2025");
  const std::string& kEvent = forum.path;
  json first = forum.Schedule();
  std::set<std::pair<std::string, std::string>> met;
  for (const auto& m : first["meetings"]) met.insert({m["supplier"].get<std::string>(), m["stand"].get<std::string>()});
  // Two eligible pairs (scored) that the first schedule did not hold, with distinct
  // suppliers and stands.
  std::string scores = forum.Call("GET", kEvent + "/scores").body;
  std::istringstream lines(scores);
  std::string line;
  std::getline(lines, line);  // header
  std::vector<std::pair<std::string, std::string>> picked;
  while (std::getline(lines, line) && picked.size() < 2) {
    std::string supplier = line.substr(0, line.find(','));
    std::string rest = line.substr(line.find(',') + 1);
    std::string stand = rest.substr(0, rest.find(','));
    if (met.count({supplier, stand})) continue;
    if (!picked.empty() && (picked[0].first == supplier || picked[0].second == stand)) continue;
    picked.push_back({supplier, stand});
  }
  REQUIRE(picked.size() == 2);
  const auto& [wisher, wished] = picked[0];
  const auto& [invited, inviter] = picked[1];
  forum.Expect("PUT", kEvent + "/suppliers/" + wisher + "/wishes", 200, Wishes(wished, "must"),
               forum.supplier_tokens.at(wisher));
  forum.Expect("PUT", kEvent + "/stands/" + inviter + "/invitations", 200, Invitations(invited, "must"),
               forum.stand_tokens.at(inviter));
  json next = forum.Schedule();
  met.clear();
  for (const auto& m : next["meetings"]) met.insert({m["supplier"].get<std::string>(), m["stand"].get<std::string>()});
  INFO("wish " << wisher << " -> " << wished << ", invitation " << inviter << " -> " << invited);
  CHECK(met.count({wisher, wished}) == 1);
  CHECK(met.count({invited, inviter}) == 1);
  CHECK(next["metrics"]["wishes"]["must_met"].get<int>() >= 1);
}

TEST_CASE("participants: read-modify-writes through two connections to one database lose nothing", "[participants]") {
  // Two Stores on one file stand for two daemons (two processes): each edit reads the
  // latest revision and writes the next inside one write transaction.
  standmatchd_test::TempDir dir("standmatchd-edits");
  auto first = Store::Open(dir.File("db.sqlite"));
  auto second = Store::Open(dir.File("db.sqlite"));
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  REQUIRE((*first)->PutEvent("e", R"({"count": 0})", {}).ok());
  constexpr int kEdits = 15;
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    Store& store = t % 2 ? **second : **first;
    threads.emplace_back([&store, &failures, t] {
      for (int i = 0; i < kEdits; ++i) {
        auto revision =
            store.EditEvent("e", "writer " + std::to_string(t), "count",
                            [](const standmatchd::EventRecord& latest) -> match::Result<standmatchd::EventEdit> {
                              json doc = json::parse(latest.json);
                              doc["count"] = doc["count"].get<int>() + 1;
                              return standmatchd::EventEdit{doc.dump(), {}, {}};
                            });
        failures[t] += !revision.ok();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int f : failures) CHECK(f == 0);
  auto latest = (*first)->GetEvent("e");
  REQUIRE(latest.ok());
  REQUIRE(latest->has_value());
  CHECK(json::parse((*latest)->json)["count"] == 4 * kEdits);
  auto history = (*second)->History("e");
  REQUIRE(history.ok());
  CHECK(history->size() == 1 + 4 * kEdits);
  CHECK(history->back().change == "count");
  // An editor's error writes nothing.
  auto refused =
      (*first)->EditEvent("e", "x", "y", [](const standmatchd::EventRecord&) -> match::Result<standmatchd::EventEdit> {
        return match::Status::Invalid("no");
      });
  CHECK(!refused.ok());
  CHECK((*first)->History("e")->size() == 1 + 4 * kEdits);
}

TEST_CASE("source: a directory posted by the organiser is ranked against each stand, as the CLI does", "[source]") {
  Forum forum;
  const std::string directory =
      match::ReadFile(std::string(STANDMATCH_SOURCE_DIR) + "/tests/data/directory/structures.csv").value();
  json got = forum.Expect("POST", forum.path + "/source?top=3&stand=nettoyage", 200, directory);
  REQUIRE(got["stands"].size() == 1);
  CHECK(got["stands"][0]["stand"] == "nettoyage");
  REQUIRE_FALSE(got["stands"][0]["candidates"].empty());
  CHECK(got["stands"][0]["candidates"].size() <= 3);
  const json& best = got["stands"][0]["candidates"][0];
  CHECK(best["siret"] == "99900100000010");  // the cleaning structure of the directory
  CHECK(best["naf"].get<std::string>().rfind("81.21", 0) == 0);
  CHECK_FALSE(best["reasons"].get<std::string>().empty());
  CHECK(got.contains("warnings"));
  // Every stand without ?stand; an unknown stand, a bad body, a participant's token.
  CHECK(forum.Expect("POST", forum.path + "/source", 200, directory)["stands"].size() == 8);
  CHECK(forum.Call("POST", forum.path + "/source?stand=nope", directory).status == 404);
  Response bad = forum.Call("POST", forum.path + "/source", "MESURE;SIRET\nACI;123\n");
  CHECK(bad.status == 400);
  CHECK(bad.body.find("directory") != std::string::npos);
  CHECK(forum.Call("POST", forum.path + "/source", directory, forum.supplier_tokens.at("f001")).status == 403);
}

TEST_CASE("source invitations: the organiser invites chosen structures of a directory in a new revision", "[source]") {
  Forum forum;
  // The test directory, and the event's own f001 listed under its SIRET as a cleaner.
  const std::string directory =
      match::ReadFile(std::string(STANDMATCH_SOURCE_DIR) + "/tests/data/directory/structures.csv").value() +
      "EI;094;VAL-DE-MARNE;94800;VILLEJUIF;8121Z;SARL;86723520206321;F001 AS LISTED\n";
  json ranked = forum.Expect("POST", forum.path + "/source?top=0&stand=nettoyage", 200, directory);
  std::set<std::string> candidates;
  for (const auto& c : ranked["stands"][0]["candidates"]) candidates.insert(c["siret"]);
  REQUIRE(candidates.count("99900100000010"));
  REQUIRE(candidates.count("99900100000044"));
  CHECK_FALSE(candidates.count("86723520206321"));  // already a supplier: not ranked
  const int64_t before = forum.Expect("GET", forum.path + "/history", 200)["revisions"].size();
  const size_t suppliers = json::parse(EventJson())["suppliers"].size();

  json got = forum.Expect(
      "POST", forum.path + "/source/invitations?stand=nettoyage&level=must&siret=99900100000010,99900100000044", 200,
      directory);
  CHECK(got["revision"] == before + 1);
  CHECK(got["stand"] == "nettoyage");
  REQUIRE(got["invitations"].size() == 2);
  for (const auto& i : got["invitations"]) {
    CHECK(i["level"] == "must");
    CHECK(i["supplier"] == i["siret"]);  // new suppliers take their SIRET as id
  }
  // The new revision holds the two structures as suppliers and the stand's invitations.
  json event = forum.Expect("GET", forum.path, 200);
  REQUIRE(event["suppliers"].size() == suppliers + 2);
  CHECK(event["suppliers"][suppliers]["name"] == "PROPRETE SOLIDAIRE IVRY");
  std::map<std::string, std::string> invited;
  json stand_invitations = forum.Expect("GET", forum.path + "/stands/nettoyage/invitations", 200);
  INFO(stand_invitations.dump());
  for (const auto& i : stand_invitations["invitations"]) invited[i["supplier"]] = i["level"];
  CHECK(invited["99900100000010"] == "must");
  CHECK(invited["99900100000044"] == "must");
  json history = forum.Expect("GET", forum.path + "/history", 200)["revisions"];
  CHECK(history.back()["change"] == "invitations of stand nettoyage from a directory");
  // The new suppliers got their tokens.
  json tokens = forum.Expect("GET", forum.path + "/tokens", 200)["tokens"];
  CHECK(tokens.size() == suppliers + 2);

  // A structure already a supplier keeps its record and gets the invitation.
  json again = forum.Expect("POST", forum.path + "/source/invitations?stand=nettoyage&level=want&siret=86723520206321",
                            200, directory);
  REQUIRE(again["invitations"].size() == 1);
  CHECK(again["invitations"][0]["supplier"] == "f001");
  CHECK(again["invitations"][0]["level"] == "want");
  event = forum.Expect("GET", forum.path, 200);
  CHECK(event["suppliers"].size() == suppliers + 2);
  CHECK(event["suppliers"][0]["name"] == "Cuisine en commun Elsaric");

  // Errors name what is wrong; nothing is written.
  const std::string invite = forum.path + "/source/invitations?";
  auto error = [&](const std::string& query, int status, const std::string& body, const std::string& token) {
    Response response = forum.Call("POST", invite + query, body, token);
    INFO(query << ": " << response.body);
    CHECK(response.status == status);
    return response.body;
  };
  CHECK_THAT(error("stand=nope&level=must&siret=99900100000010", 400, directory, kOrganiser),
             Catch::Contains("no stand \\\"nope\\\""));
  CHECK_THAT(error("stand=nettoyage&level=maybe&siret=99900100000010", 400, directory, kOrganiser),
             Catch::Contains("query level: \\\"maybe\\\" is not want or must"));
  CHECK_THAT(error("stand=nettoyage&level=must&siret=12345678901234", 400, directory, kOrganiser),
             Catch::Contains("no structure of SIRET \\\"12345678901234\\\" in the directory"));
  CHECK_THAT(error("stand=nettoyage&level=must", 400, directory, kOrganiser), Catch::Contains("no structure chosen"));
  CHECK_THAT(error("stand=nettoyage&level=must&siret=99900100000069", 400, directory, kOrganiser),
             Catch::Contains("answers none of the needs of stand \\\"nettoyage\\\""));
  CHECK_THAT(error("stand=nettoyage&level=must&siret=99900100000010", 400, "MESURE;SIRET\nACI;123\n", kOrganiser),
             Catch::Contains("directory"));
  error("stand=nettoyage&level=must&siret=99900100000010", 403, directory, forum.supplier_tokens.at("f001"));
  error("stand=nettoyage&level=must&siret=99900100000010", 403, directory, forum.stand_tokens.at("nettoyage"));
  CHECK(forum.Expect("GET", forum.path + "/history", 200)["revisions"].size() == history.size() + 1);
  // After event.wishes_close, as every write of invitations: 409.
  Forum closed({}, EditedEvent([](json& e) { e["event"]["wishes_close"] = "2020-01-31T18:00"; }));
  Response late = closed.Call("POST", invite + "stand=nettoyage&level=must&siret=99900100000010", directory);
  CHECK(late.status == 409);
  CHECK_THAT(late.body, Catch::Contains("event.wishes_close"));
}
