// JobQueue: bounded queue, progress while running, failures, eviction, shutdown.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <future>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "jobs.h"

using standmatchd::JobFunction;
using standmatchd::JobQueue;

namespace {

using Report = std::function<void(double, std::string_view)>;

// Polls CONDITION every millisecond for up to ten seconds.
bool WaitFor(const std::function<bool()>& condition) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return condition();
}

// A gate a job waits at until the test opens it.
class Gate {
 public:
  void Open() {
    std::lock_guard<std::mutex> lock(mu_);
    open_ = true;
    cv_.notify_all();
  }
  void Wait() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return open_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

JobFunction Blocked(Gate& gate, std::string result = "{\"ok\":true}") {
  return [&gate, result](const Report&, std::string*) {
    gate.Wait();
    return result;
  };
}

std::string StateOf(const JobQueue& jobs, const std::string& id) {
  auto state = jobs.Get(id);
  return state ? state->state : "gone";
}

}  // namespace

TEST_CASE("a full queue refuses, then drains", "[jobs]") {
  Gate gate;
  JobQueue jobs(1, 2);
  auto first = jobs.Submit("schedule", "e", Blocked(gate));
  REQUIRE(first);
  REQUIRE(WaitFor([&] { return StateOf(jobs, *first) == "running"; }));
  auto second = jobs.Submit("schedule", "e", Blocked(gate));
  auto third = jobs.Submit("schedule", "e", Blocked(gate));
  REQUIRE(second);
  REQUIRE(third);
  CHECK(jobs.queued() == 2);
  CHECK(jobs.running() == 1);
  CHECK(StateOf(jobs, *second) == "queued");
  CHECK_FALSE(jobs.Submit("schedule", "e", Blocked(gate)));
  CHECK(jobs.rejected() == 1);
  CHECK(jobs.submitted() == 3);

  gate.Open();
  REQUIRE(WaitFor([&] { return jobs.succeeded() == 3; }));
  CHECK(jobs.queued() == 0);
  CHECK(jobs.running() == 0);
  auto done = jobs.Get(*third);
  REQUIRE(done);
  CHECK(done->state == "done");
  CHECK(done->result == "{\"ok\":true}");
  CHECK(done->kind == "schedule");
  CHECK(done->event_id == "e");
  CHECK(jobs.Submit("schedule", "e", Blocked(gate)));  // room again
}

TEST_CASE("progress and step are readable while a job runs", "[jobs]") {
  Gate reported, release;
  JobQueue jobs(2, 4);
  auto id = jobs.Submit("schedule", "e", [&](const Report& report, std::string*) {
    report(0.25, "scoring");
    report(0.5, "selecting meetings");
    reported.Open();
    release.Wait();
    report(7, "clamped");
    return std::string("{\"version\":3}");
  });
  REQUIRE(id);
  CHECK(id->size() == 32);
  CHECK(id->find_first_not_of("0123456789abcdef") == std::string::npos);
  reported.Wait();
  auto running = jobs.Get(*id);
  REQUIRE(running);
  CHECK(running->state == "running");
  CHECK(running->progress == 0.5);
  CHECK(running->step == "selecting meetings");
  CHECK(running->seconds >= 0);
  CHECK(running->result.empty());
  release.Open();
  REQUIRE(WaitFor([&] { return StateOf(jobs, *id) == "done"; }));
  auto done = jobs.Get(*id);
  CHECK(done->progress == 1);
  CHECK(done->result == "{\"version\":3}");
  CHECK(done->error.empty());
  CHECK_FALSE(jobs.Get("0123456789abcdef0123456789abcdef"));
}

TEST_CASE("a failed job keeps its error", "[jobs]") {
  JobQueue jobs(1, 4);
  auto failed = jobs.Submit("schedule", "e", [](const Report& report, std::string* error) {
    report(0.3, "timetable");
    *error = "event.json: no feasible timetable";
    return std::string();
  });
  auto thrown = jobs.Submit(
      "schedule", "e", [](const Report&, std::string*) -> std::string { throw std::runtime_error("out of memory"); });
  REQUIRE(failed);
  REQUIRE(thrown);
  REQUIRE(WaitFor([&] { return jobs.failed() == 2; }));
  auto state = jobs.Get(*failed);
  REQUIRE(state);
  CHECK(state->state == "failed");
  CHECK(state->error == "event.json: no feasible timetable");
  CHECK(state->progress == Approx(0.3));
  CHECK(state->result.empty());
  CHECK(jobs.Get(*thrown)->error == "internal error: out of memory");
  CHECK(jobs.succeeded() == 0);
}

TEST_CASE("only the newest kMaxFinished finished jobs are kept", "[jobs]") {
  const int total = JobQueue::kMaxFinished + 20;
  JobQueue jobs(2, total);
  std::vector<std::string> ids;
  std::set<std::string> distinct;
  for (int i = 0; i < total; ++i) {
    auto id = jobs.Submit("schedule", "e", [](const Report&, std::string*) { return "{}"; });
    REQUIRE(id);
    ids.push_back(*id);
    distinct.insert(*id);
  }
  CHECK(distinct.size() == ids.size());
  REQUIRE(WaitFor([&] { return jobs.succeeded() == total; }));
  int kept = 0;
  for (const auto& id : ids) kept += jobs.Get(id).has_value();
  CHECK(kept == JobQueue::kMaxFinished);
  CHECK(jobs.Get(ids.back()));
}

TEST_CASE("the destructor lets the running job finish and drops the queued ones", "[jobs]") {
  std::atomic<int> ran{0};
  Gate started;
  auto jobs = std::make_unique<JobQueue>(1, 8);
  auto slow = [&](const Report&, std::string*) {
    ++ran;
    started.Open();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return std::string("{}");
  };
  REQUIRE(jobs->Submit("schedule", "e", slow));
  started.Wait();
  for (int i = 0; i < 5; ++i) REQUIRE(jobs->Submit("schedule", "e", slow));
  auto destroyed = std::async(std::launch::async, [&] { jobs.reset(); });
  REQUIRE(destroyed.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  CHECK(ran == 1);
}
