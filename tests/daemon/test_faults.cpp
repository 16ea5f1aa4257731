// standmatchd under faults, in process: a real Store, Api and Server on a loopback
// port chosen by the OS. Concurrent writers, clients that abort or dawdle, a file size
// limit standing in for a full disk, and a read-only database: every answer is an
// expected status, nothing half-written becomes visible, and the daemon keeps serving.
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "api.h"
#include "match/base/files.h"
#include "match/io/event_io.h"
#include "match/io/rules.h"
#include "match/schedule/check.h"
#include "server.h"
#include "store.h"
#include "temp_dir.h"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace fs = std::filesystem;
namespace http = beast::http;
using nlohmann::json;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using standmatchd::Api;
using standmatchd::ApiOptions;
using standmatchd::Request;
using standmatchd::Response;
using standmatchd::Store;

constexpr char kOrganiser[] = "faults-organiser-token-0123456789";
constexpr char kEventId[] = "villejuif-fad-2025";

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

struct FaultDir : standmatchd_test::TempDir {
  FaultDir() : TempDir("standmatchd-faults") {}
};

std::string BaseEvent() {
  auto text = match::ReadFile(std::string(STANDMATCH_SOURCE_DIR) + "/datasets/villejuif-2025/event.json");
  REQUIRE(text.ok());
  return *text;
}

// The villejuif event under another id and name.
std::string EventVariant(const std::string& base, const std::string& id, const std::string& name) {
  json doc = json::parse(base);
  doc["event"]["id"] = id;
  doc["event"]["name"] = name;
  return doc.dump(1);
}

std::string CancelSupplier(const std::string& supplier) {
  return R"({"format": "standmatch.changes/1", "changes": [{"kind": "cancel_supplier", "supplier": ")" + supplier +
         "\"}]}";
}

Request Make(const std::string& method, const std::string& target, const std::string& body = "") {
  return Request{method, target, std::string("Bearer ") + kOrganiser, body.empty() ? "" : "application/json", body};
}

// A Store and an Api over it; optionally a Server in front, on its own thread.
class Daemon {
 public:
  explicit Daemon(const std::string& db, ApiOptions api_options = {}) {
    auto store = Store::Open(db);
    REQUIRE(store.ok());
    store_ = std::move(store).value();
    api_options.organiser_token = kOrganiser;
    api_ = std::make_unique<Api>(*store_, api_options);
  }
  ~Daemon() {
    if (thread_.joinable()) {
      server_->Stop();
      thread_.join();
    }
  }

  void Serve(standmatchd::ServerOptions options) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.handle_signals = false;
    server_ = std::make_unique<standmatchd::Server>(*api_, options);
    REQUIRE(server_->Listen().ok());
    thread_ = std::thread([this] { server_->Run(); });
  }

  Response Call(const std::string& method, const std::string& target, const std::string& body = "") {
    return api_->Handle(Make(method, target, body));
  }
  json Expect(int status, const std::string& method, const std::string& target, const std::string& body = "") {
    Response response = Call(method, target, body);
    INFO(method << " " << target << ": " << response.body.substr(0, 300));
    REQUIRE(response.status == status);
    return json::parse(response.body);
  }
  // Waits for job JOB; its final document.
  json WaitJob(const std::string& job) {
    const auto start = Clock::now();
    while (SecondsSince(start) < 60) {
      json state = Expect(200, "GET", "/jobs/" + job);
      if (state["state"] == "done" || state["state"] == "failed") return state;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    FAIL("job " << job << " did not finish in 60 s");
    return {};
  }
  json Schedule(const std::string& event = kEventId) {
    return WaitJob(Expect(202, "POST", "/events/" + event + "/schedule")["job"].get<std::string>());
  }

  uint16_t port() const { return server_->port(); }
  Store& store() { return *store_; }

 private:
  std::unique_ptr<Store> store_;
  std::unique_ptr<Api> api_;
  std::unique_ptr<standmatchd::Server> server_;
  std::thread thread_;
};

tcp::socket Connect(asio::io_context& io, uint16_t port) {
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  return socket;
}

std::string RawRequest(const std::string& method, const std::string& target, const std::string& body = "") {
  std::string head = method + " " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kOrganiser + "\r\n";
  if (!body.empty())
    head += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  return head + "\r\n" + body;
}

// One request over its own connection; the response.
http::response<http::string_body> HttpCall(uint16_t port, const std::string& method, const std::string& target,
                                           const std::string& body = "") {
  asio::io_context io;
  tcp::socket socket = Connect(io, port);
  asio::write(socket, asio::buffer(RawRequest(method, target, body)));
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  http::read(socket, buffer, response);
  return response;
}

// Seconds until the server closes SOCKET (end of stream or reset); reads what it sends.
double SecondsUntilClosed(tcp::socket& socket) {
  const auto start = Clock::now();
  std::array<char, 4096> chunk;
  beast::error_code ec;
  while (!ec) socket.read_some(asio::buffer(chunk), ec);
  return SecondsSince(start);
}

// Closes SOCKET with a reset (SO_LINGER 0) instead of a FIN.
void Reset(tcp::socket& socket) {
  beast::error_code ignored;
  socket.set_option(asio::socket_base::linger(true, 0), ignored);
  socket.close(ignored);
}

// Every schedule of EVENT_ID passes the independent checker against its event revision.
int CheckEverySchedule(Store& store, const std::string& event_id) {
  auto infos = store.ListSchedules(event_id);
  REQUIRE(infos.ok());
  int version = 0;
  for (const auto& info : *infos) {
    INFO(event_id << " schedule version " << info.version << " of revision " << info.event_revision);
    CHECK(info.version == ++version);
    auto schedule = store.GetSchedule(event_id, info.version);
    REQUIRE(schedule.ok());
    REQUIRE(schedule->has_value());
    auto revision = store.GetEvent(event_id, info.event_revision);
    REQUIRE(revision.ok());
    REQUIRE(revision->has_value());
    auto event = match::ParseEvent((*revision)->json, "event.json");
    REQUIRE(event.ok());
    match::Rules rules = match::Rules::Default();
    if (!(*revision)->rules_json.empty()) {
      auto parsed = match::Rules::Parse((*revision)->rules_json, "rules.json");
      REQUIRE(parsed.ok());
      rules = *parsed;
    }
    auto check = match::CheckSchedule(*event, rules, (*schedule)->json, "schedule.json");
    REQUIRE(check.ok());
    INFO((check->violations.empty() ? std::string() : check->violations.front()));
    CHECK(check->valid());
  }
  return version;
}

// What the read routes answer: compared before and after a fault.
std::map<std::string, std::string> Reads(Daemon& d) {
  const std::string event = std::string("/events/") + kEventId;
  std::map<std::string, std::string> out;
  for (const std::string& target :
       {std::string("/events"), event, event + "/schedules", event + "/schedule", event + "/tokens",
        event + "/suppliers/f020/stands?top=5", event + "/suppliers/f020/agenda?format=ics", event + "/timetable"}) {
    Response response = d.Call("GET", target);
    INFO("GET " << target << ": " << response.body.substr(0, 200));
    CHECK(response.status == 200);
    out[target] = response.body;
  }
  return out;
}

// Lowers this process's file size limit (soft) for its lifetime; writes past it fail
// with EFBIG (SIGXFSZ ignored meanwhile).
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    REQUIRE(getrlimit(RLIMIT_FSIZE, &saved_) == 0);
    previous_ = signal(SIGXFSZ, SIG_IGN);
    rlimit lowered = saved_;
    lowered.rlim_cur = bytes;
    REQUIRE(setrlimit(RLIMIT_FSIZE, &lowered) == 0);
  }
  ~FileSizeLimit() { Lift(); }
  void Lift() {
    if (lifted_) return;
    lifted_ = true;
    setrlimit(RLIMIT_FSIZE, &saved_);
    signal(SIGXFSZ, previous_);
  }

 private:
  rlimit saved_{};
  sighandler_t previous_ = SIG_DFL;
  bool lifted_ = false;
};

}  // namespace

// Whether BODY is the error of a re-plan refused because of another write: the event
// replaced before it began, or the event or schedule changed while it was solving.
static bool IsReplanConflict(const std::string& body) {
  const std::string error = json::parse(body).value("error", "");
  return error.rfind("the event was replaced (revision ", 0) == 0 ||
         error == "the event changed while re-planning; retry" ||
         error == "the schedule changed while re-planning; retry";
}

TEST_CASE("faults: concurrent writers through the server leave consecutive, checkable states", "[faults]") {
  FaultDir dir;
  ApiOptions options;
  options.job_workers = 2;
  Daemon d(dir.File("writers.sqlite"), options);
  standmatchd::ServerOptions server;
  server.threads = 2;
  d.Serve(server);
  const std::string base = BaseEvent();
  const std::string name = json::parse(base)["event"]["name"];
  const std::vector<std::string> others = {"fault-a", "fault-b"};
  std::map<std::string, std::set<std::string>> names;
  d.Expect(201, "PUT", std::string("/events/") + kEventId, base);
  names[kEventId].insert(name);
  for (const auto& other : others) {
    names[other].insert(name + " " + other);
    d.Expect(201, "PUT", "/events/" + other, EventVariant(base, other, name + " " + other));
  }
  REQUIRE(d.Schedule()["state"] == "done");

  struct Op {
    std::string kind, event, method, target, body;
  };
  std::vector<Op> ops;
  const std::string main = std::string("/events/") + kEventId;
  for (int i = 0; i < 16; ++i) {
    std::string variant = name + " #" + std::to_string(i);
    names[kEventId].insert(variant);
    ops.push_back({"put", kEventId, "PUT", main, EventVariant(base, kEventId, variant)});
  }
  for (const auto& other : others) {
    for (int i = 0; i < 4; ++i) {
      std::string variant = name + " " + other + " #" + std::to_string(i);
      names[other].insert(variant);
      ops.push_back({"put", other, "PUT", "/events/" + other, EventVariant(base, other, variant)});
    }
    ops.push_back({"schedule", other, "POST", "/events/" + other + "/schedule", ""});
  }
  for (int i = 0; i < 4; ++i) ops.push_back({"schedule", kEventId, "POST", main + "/schedule", ""});
  for (int i = 1; i <= 6; ++i) {
    ops.push_back({"replan", kEventId, "POST", main + "/replan", CancelSupplier("f00" + std::to_string(i))});
  }
  for (int i = 10; i < 20; ++i) {
    ops.push_back({"read", kEventId, "GET", main + "/suppliers/f0" + std::to_string(i) + "/stands?top=3", ""});
  }
  // A fixed interleaving: ops[i] goes to client i % 8, in order.
  std::rotate(ops.begin(), ops.begin() + 5, ops.end());

  constexpr int kClients = 8;
  struct Outcome {
    int status = 0;
    std::string body;
  };
  std::vector<Outcome> outcomes(ops.size());
  std::vector<std::thread> clients;
  std::atomic<int> transport_errors{0};
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      for (std::size_t i = c; i < ops.size(); i += kClients) {
        try {
          auto response = HttpCall(d.port(), ops[i].method, ops[i].target, ops[i].body);
          outcomes[i] = {static_cast<int>(response.result_int()), response.body()};
        } catch (const std::exception&) {
          ++transport_errors;
        }
      }
    });
  }
  for (auto& t : clients) t.join();
  CHECK(transport_errors == 0);

  const std::map<std::string, std::set<int>> allowed = {
      {"put", {200}}, {"schedule", {202, 503}}, {"replan", {200, 409}}, {"read", {200}}};
  std::map<std::pair<std::string, std::string>, int> done;  // (kind, event) -> successes
  std::vector<std::pair<std::string, std::string>> jobs;    // (event, job)
  for (std::size_t i = 0; i < ops.size(); ++i) {
    INFO(ops[i].kind << " " << ops[i].target << ": " << outcomes[i].status << " " << outcomes[i].body.substr(0, 300));
    CHECK(allowed.at(ops[i].kind).count(outcomes[i].status) == 1);
    if (outcomes[i].status >= 400) {
      CHECK(json::parse(outcomes[i].body).contains("error"));
      // A re-plan's 409 only when an import (or another write) replaced what it
      // re-plans: how often depends on the interleaving, the reason does not.
      if (ops[i].kind == "replan") CHECK(IsReplanConflict(outcomes[i].body));
      continue;
    }
    if (ops[i].kind == "schedule") jobs.emplace_back(ops[i].event, json::parse(outcomes[i].body)["job"]);
    if (ops[i].kind != "read") ++done[{ops[i].kind, ops[i].event}];
  }
  for (const auto& [event, job] : jobs) {
    json state = d.WaitJob(job);
    INFO(state.dump());
    CHECK(state["state"] == "done");
    ++done[{"job", event}];
  }

  int checked = 0;
  for (const std::string& event : {std::string(kEventId), others[0], others[1]}) {
    INFO("event " << event);
    auto latest = d.store().GetEvent(event);
    REQUIRE(latest.ok());
    REQUIRE(latest->has_value());
    const int64_t revisions = (*latest)->revision;
    CHECK(revisions == 1 + done[{"put", event}] + done[{"replan", event}]);
    for (int64_t r = 1; r <= revisions; ++r) CHECK(d.store().GetEvent(event, r)->has_value());
    // The latest state is one that was written, and it is what GET answers.
    Response got = d.Call("GET", "/events/" + event);
    REQUIRE(got.status == 200);
    CHECK(names[event].count(json::parse(got.body)["event"]["name"].get<std::string>()) == 1);
    CHECK(json::parse(got.body) == json::parse((*latest)->json));
    const int versions = CheckEverySchedule(d.store(), event);
    CHECK(versions == (event == kEventId ? 1 : 0) + done[{"job", event}] + done[{"replan", event}]);
    checked += versions;
  }
  CHECK(checked >= 4);
  // A 409 is a fair answer to a re-plan that lost its race to an import, not to most of
  // them: 3 to 5 of 8 succeed on a 2-core machine. Under AddressSanitizer a re-plan
  // solves several times slower and loses most races (1 of 8 seen), so there only the
  // re-plan after the burst is required. Once the writers are gone a re-plan succeeds.
#ifdef __SANITIZE_ADDRESS__
  constexpr int kMinReplans = 0;
#else
  constexpr int kMinReplans = 2;
#endif
  const int replans = done[{"replan", kEventId}];
  INFO("re-plans that succeeded in the burst: " << replans << " of 8");
  CHECK(replans >= kMinReplans);
  const std::string calm =
      R"({"format": "standmatch.changes/1", "changes": [{"kind": "cancel_supplier", "supplier": ")" +
      json::parse(BaseEvent())["suppliers"][9]["id"].get<std::string>() + R"("}]})";
  auto after = HttpCall(d.port(), "POST", std::string("/events/") + kEventId + "/replan", calm);
  INFO(after.body());
  CHECK(after.result_int() == 200);
  CHECK(HttpCall(d.port(), "GET", "/health").result_int() == 200);
}

TEST_CASE("faults: clients that disconnect mid-request write nothing and free their slots", "[faults]") {
  FaultDir dir;
  Daemon d(dir.File("aborts.sqlite"));
  standmatchd::ServerOptions server;
  server.max_connections = 8;
  server.read_timeout_seconds = 30;  // slots must come back by the disconnects, not the timeout
  d.Serve(server);
  const std::string base = BaseEvent();
  const std::string main = std::string("/events/") + kEventId;
  d.Expect(201, "PUT", main, base);
  REQUIRE(d.Schedule()["state"] == "done");
  const auto before = Reads(d);

  const std::string put = RawRequest("PUT", main, EventVariant(base, kEventId, "half"));
  const std::string replan = RawRequest("POST", main + "/replan", CancelSupplier("f003"));
  const std::string scores = RawRequest("GET", main + "/scores");
  const std::string timetable = RawRequest("GET", main + "/timetable");
  constexpr int kAborts = 200, kThreads = 4;
  std::vector<std::thread> threads;
  std::atomic<int> errors{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      asio::io_context io;
      for (int i = t; i < kAborts; i += kThreads) {
        try {
          tcp::socket socket = Connect(io, d.port());
          switch (i % 6) {
            case 0:  // half a body, then close
              asio::write(socket, asio::buffer(put.data(), put.size() / 2));
              socket.close();
              break;
            case 1:  // a whole request, closed before the answer is read
              asio::write(socket, asio::buffer(scores));
              socket.close();
              break;
            case 2:  // a whole request, then a reset
              asio::write(socket, asio::buffer(timetable));
              Reset(socket);
              break;
            case 3:  // all of a re-plan but its last bytes, then a reset
              asio::write(socket, asio::buffer(replan.data(), replan.size() - 10));
              Reset(socket);
              break;
            case 4:  // a reset at once
              Reset(socket);
              break;
            default:  // half a header, then close
              asio::write(socket, asio::buffer(scores.data(), 20));
              socket.close();
          }
        } catch (const std::exception&) {
          ++errors;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(errors == 0);

  // All 8 slots are free again: 8 connections at once are all answered, quickly.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto start = Clock::now();
  asio::io_context io;
  std::vector<tcp::socket> sockets;
  for (int i = 0; i < server.max_connections; ++i) {
    sockets.push_back(Connect(io, d.port()));
    asio::write(sockets.back(), asio::buffer(RawRequest("GET", "/health")));
  }
  for (auto& socket : sockets) {
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(socket, buffer, response);
    CHECK(response.result_int() == 200);
  }
  const double seconds = SecondsSince(start);
  INFO(kAborts << " aborted clients, then " << server.max_connections << " at once in " << seconds << " s");
  CHECK(seconds < 1.5);
  CHECK(Reads(d) == before);  // no half request was written
  CHECK(d.store().GetEvent(kEventId)->value().revision == 1);
}

TEST_CASE("faults: slow and idle clients are closed by the read timeout, others served in a bound", "[faults]") {
  FaultDir dir;
  Daemon d(dir.File("slow.sqlite"));
  standmatchd::ServerOptions server;
  server.max_connections = 4;
  server.read_timeout_seconds = 1;
  d.Serve(server);

  // Slowloris: a header byte every 250 ms; the deadline covers the whole header.
  constexpr int kSlow = 2;
  std::vector<double> slow_closed(kSlow, 0);
  std::vector<std::thread> slow;
  for (int i = 0; i < kSlow; ++i) {
    slow.emplace_back([&, i] {
      asio::io_context io;
      tcp::socket socket = Connect(io, d.port());
      const std::string header = "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(60, 'a');
      const auto start = Clock::now();
      for (char c : header) {
        beast::error_code ec;
        asio::write(socket, asio::buffer(&c, 1), ec);
        if (ec) break;
        // A closed connection reads as end of stream at once; an open one would block.
        std::array<char, 16> probe;
        socket.non_blocking(true);
        socket.read_some(asio::buffer(probe), ec);
        socket.non_blocking(false);
        if (ec != asio::error::would_block) break;
        if (SecondsSince(start) > 5) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
      }
      slow_closed[i] = SecondsSince(start);
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto start = Clock::now();
  CHECK(HttpCall(d.port(), "GET", "/health").result_int() == 200);
  CHECK(SecondsSince(start) < 0.5);  // two slots of four are free
  for (auto& t : slow) t.join();
  for (double seconds : slow_closed) {
    CHECK(seconds >= 0.7);
    CHECK(seconds < 2.5);
  }

  // Idle connections past the limit: the extra ones wait in the backlog, and each is
  // closed one read timeout after it is accepted.
  asio::io_context io;
  std::vector<tcp::socket> idle;
  for (int i = 0; i < 3 * server.max_connections; ++i) idle.push_back(Connect(io, d.port()));
  start = Clock::now();
  CHECK(HttpCall(d.port(), "GET", "/health").result_int() == 200);
  const double waited = SecondsSince(start);
  INFO("served after " << waited << " s behind " << idle.size() << " idle connections");
  CHECK(waited < 3 * server.read_timeout_seconds + 1.5);
  for (auto& socket : idle) SecondsUntilClosed(socket);
  CHECK(SecondsSince(start) < 3 * server.read_timeout_seconds + 2);
  start = Clock::now();
  CHECK(HttpCall(d.port(), "GET", "/health").result_int() == 200);
  CHECK(SecondsSince(start) < 0.5);
}

TEST_CASE("faults: a full disk answers 503 to writes, keeps reads and takes writes again", "[faults]") {
  FaultDir dir;
  Daemon d(dir.File("full.sqlite"));
  const std::string base = BaseEvent();
  const std::string main = std::string("/events/") + kEventId;
  d.Expect(201, "PUT", main, base);
  REQUIRE(d.Schedule()["state"] == "done");
  const auto before = Reads(d);
  const std::string other = EventVariant(base, "fault-new", "new");

  // Under the limit, results are only collected: assertions may write to a file.
  std::vector<std::pair<std::string, Response>> writes;
  json job;
  std::map<std::string, std::string> reads;
  {
    FileSizeLimit limit(4096);  // the WAL is already past it: every write fails
    writes.emplace_back("PUT event", d.Call("PUT", main, EventVariant(base, kEventId, "full")));
    writes.emplace_back("PUT new event", d.Call("PUT", "/events/fault-new", other));
    writes.emplace_back("PUT rules", d.Call("PUT", main + "/rules", "{}"));
    writes.emplace_back("re-plan", d.Call("POST", main + "/replan", CancelSupplier("f002")));
    writes.emplace_back("DELETE", d.Call("DELETE", main));
    Response started = d.Call("POST", main + "/schedule");
    if (started.status == 202) {
      std::string id = json::parse(started.body)["job"];
      for (int i = 0; i < 3000; ++i) {
        job = json::parse(d.Call("GET", "/jobs/" + id).body);
        if (job["state"] == "done" || job["state"] == "failed") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
    for (const auto& [target, body] : before) reads[target] = d.Call("GET", target).body;
  }
  for (const auto& [what, response] : writes) {
    INFO(what << ": " << response.status << " " << response.body);
    CHECK(response.status == 503);
    CHECK(json::parse(response.body)["error"].get<std::string>().find("storage unavailable") != std::string::npos);
  }
  INFO(job.dump());
  CHECK(job["state"] == "failed");
  CHECK(job.value("error", "").find("store") != std::string::npos);
  CHECK(reads == before);
  CHECK(Reads(d) == before);

  // Space is back: the next revision is the very next number, nothing was spent.
  CHECK(d.Expect(200, "PUT", main, EventVariant(base, kEventId, "after"))["revision"] == 2);
  CHECK(d.Expect(201, "PUT", "/events/fault-new", other)["revision"] == 1);
  CHECK(d.Schedule()["state"] == "done");
  CHECK(CheckEverySchedule(d.store(), kEventId) == 2);
}

TEST_CASE("faults: a read-only database answers 503 to writes and changes nothing", "[faults]") {
  FaultDir dir;
  const std::string path = dir.File("ro.sqlite");
  const std::string base = BaseEvent();
  const std::string main = std::string("/events/") + kEventId;
  std::map<std::string, std::string> before;
  {
    Daemon d(path);
    d.Expect(201, "PUT", main, base);
    REQUIRE(d.Schedule()["state"] == "done");
    before = Reads(d);
  }
  {
    Daemon d("file:" + path + "?mode=ro");
    for (const auto& [method, target, body] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"PUT", main, EventVariant(base, kEventId, "ro")},
             {"PUT", main + "/rules", "{}"},
             {"POST", main + "/replan", CancelSupplier("f002")},
             {"DELETE", main, ""}}) {
      Response response = d.Call(method, target, body);
      INFO(method << " " << target << ": " << response.body);
      CHECK(response.status == 503);
    }
    json job = d.Schedule();
    CHECK(job["state"] == "failed");
    CHECK(Reads(d) == before);
  }
  Daemon d(path);
  CHECK(Reads(d) == before);
  CHECK(d.store().ListSchedules(kEventId)->size() == 1);
  CHECK(d.Expect(200, "PUT", main, EventVariant(base, kEventId, "writable"))["revision"] == 2);
}

TEST_CASE("faults: a re-plan never undoes an import that landed while it was solving", "[faults]") {
  FaultDir dir;
  Daemon d(dir.File("lost-update.sqlite"));
  const std::string base = BaseEvent();
  const std::string main = std::string("/events/") + kEventId;
  d.Expect(201, "PUT", main, base);
  // How long a re-plan and an import take here (sanitizers and load change it): the
  // rounds spread the import's start from before the re-plan to well after its end.
  REQUIRE(d.Schedule()["state"] == "done");
  auto timed = [](auto&& call) {
    const auto start = std::chrono::steady_clock::now();
    call();
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  };
  const auto replan_time = timed([&] { d.Expect(200, "POST", main + "/replan", CancelSupplier("f001")); });
  const auto put_time = timed([&] { d.Expect(200, "PUT", main, EventVariant(base, kEventId, "timed")); });
  constexpr int kRounds = 12;
  int raced = 0, replanned = 0, caught = 0;
  for (int round = 0; round < kRounds; ++round) {
    REQUIRE(d.Schedule()["state"] == "done");  // of the latest event: a re-plan may start
    const std::string variant = "import " + std::to_string(round);
    Response replan, put;
    // The import starts at OFFSET from the re-plan's start: from one import's time
    // before it to twice a re-plan's time after it.
    const auto offset = -put_time + (put_time + 2 * replan_time) * round / (kRounds - 1);
    std::thread importer, replanner;
    if (offset.count() < 0) {
      importer = std::thread([&] { put = d.Call("PUT", main, EventVariant(base, kEventId, variant)); });
      std::this_thread::sleep_for(-offset);
      replanner = std::thread([&] { replan = d.Call("POST", main + "/replan", CancelSupplier("f001")); });
    } else {
      replanner = std::thread([&] { replan = d.Call("POST", main + "/replan", CancelSupplier("f001")); });
      std::this_thread::sleep_for(offset);
      importer = std::thread([&] { put = d.Call("PUT", main, EventVariant(base, kEventId, variant)); });
    }
    importer.join();
    replanner.join();
    INFO("round " << round << ": re-plan " << replan.status << " " << replan.body.substr(0, 200));
    CHECK(put.status == 200);
    CHECK((replan.status == 200 || replan.status == 409));
    replanned += replan.status == 200 ? 1 : 0;
    if (replan.status == 409) {
      // Only for an import: it replaced the event before the re-plan began, or while
      // it was solving.
      CHECK(IsReplanConflict(replan.body));
      caught += json::parse(replan.body)["error"] == "the event changed while re-planning; retry" ? 1 : 0;
    }
    // Whatever the order, the import is the event now, or the re-plan came after it (it
    // re-plans onto the latest revision) and kept its name: a re-plan that committed after
    // the import without it would have lost the name.
    json now = json::parse(d.Call("GET", main).body);
    if (replan.status == 200 && json::parse(put.body)["revision"] < d.store().GetEvent(kEventId)->value().revision &&
        now["event"]["name"] != variant)
      ++raced;
    auto stored = d.store().GetEvent(kEventId);
    INFO("put " << put.body << " stored revision " << stored->value().revision << " stored name "
                << json::parse(stored->value().json)["event"]["name"]);
    CHECK(now["event"]["name"] == variant);
  }
  // The race was run, not only logged: re-plans succeeded when the import came after
  // them, at least one import landed while a re-plan was solving and was caught (409),
  // and no re-plan ever committed over an import it had not seen (losing its name).
  INFO(replanned << " re-plans succeeded, " << caught << " caught an import landing while solving, " << raced
                 << " committed over an import (re-plan " << replan_time.count() << " us, import " << put_time.count()
                 << " us)");
  CHECK(replanned >= 2);
  CHECK(caught >= 1);
  CHECK(raced == 0);
  CHECK(CheckEverySchedule(d.store(), kEventId) >= 12);
}
