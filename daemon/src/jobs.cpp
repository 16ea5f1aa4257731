#include "jobs.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "random_token.h"

namespace standmatchd {
namespace {

using Clock = std::chrono::steady_clock;

struct Job {
  JobState state;
  JobFunction function;  // released once the job has run
  Clock::time_point started;
};

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

}  // namespace

struct JobQueue::Impl {
  void Work();
  void Finish(Job& job, std::string result, std::string error);

  int max_queued = 1;
  mutable std::mutex mu;  // guards everything below
  std::condition_variable wake;
  bool stopping = false;
  std::deque<std::shared_ptr<Job>> queue;
  std::unordered_map<std::string, std::shared_ptr<Job>> jobs;  // queued, running, finished
  std::deque<std::string> finished;                            // oldest first
  int running = 0;
  long long submitted = 0, succeeded = 0, failed = 0, rejected = 0;
  std::vector<std::thread> workers;
};

void JobQueue::Impl::Work() {
  for (;;) {
    std::shared_ptr<Job> job;
    JobFunction function;
    {
      std::unique_lock<std::mutex> lock(mu);
      wake.wait(lock, [this] { return stopping || !queue.empty(); });
      if (stopping) return;  // the destructor fails what is still queued
      job = std::move(queue.front());
      queue.pop_front();
      job->state.state = "running";
      job->started = Clock::now();
      function = std::move(job->function);
      job->function = nullptr;
      ++running;
    }
    auto report = [this, &job](double progress, std::string_view step) {
      std::lock_guard<std::mutex> lock(mu);
      job->state.progress = std::clamp(progress, 0.0, 1.0);
      job->state.step.assign(step.data(), step.size());
    };
    std::string result, error;
    try {
      result = function(report, &error);
      if (error.empty() && result.empty()) result = "{}";
    } catch (const std::exception& e) {
      error = std::string("internal error: ") + e.what();
    } catch (...) {
      error = "internal error";
    }
    function = nullptr;  // drop what the job captured before publishing its end
    std::lock_guard<std::mutex> lock(mu);
    --running;
    Finish(*job, std::move(result), std::move(error));
  }
}

// Marks JOB done or failed and keeps only the newest kMaxFinished finished jobs.
// Called with mu held.
void JobQueue::Impl::Finish(Job& job, std::string result, std::string error) {
  if (job.state.state == "running") job.state.seconds = SecondsSince(job.started);
  if (error.empty()) {
    job.state.state = "done";
    job.state.progress = 1;
    job.state.result = std::move(result);
    ++succeeded;
  } else {
    job.state.state = "failed";
    job.state.error = std::move(error);
    ++failed;
  }
  finished.push_back(job.state.id);
  while (finished.size() > static_cast<std::size_t>(kMaxFinished)) {
    jobs.erase(finished.front());
    finished.pop_front();
  }
}

JobQueue::JobQueue(int workers, int max_queued) : impl_(std::make_unique<Impl>()) {
  impl_->max_queued = std::max(1, max_queued);
  for (int i = 0; i < std::max(1, workers); ++i) {
    impl_->workers.emplace_back([impl = impl_.get()] { impl->Work(); });
  }
}

JobQueue::~JobQueue() {
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->stopping = true;
    for (auto& job : impl_->queue) {
      job->function = nullptr;
      impl_->Finish(*job, std::string(), "daemon stopping");
    }
    impl_->queue.clear();
  }
  impl_->wake.notify_all();
  for (auto& worker : impl_->workers) worker.join();  // running jobs finish first
}

std::optional<std::string> JobQueue::Submit(std::string kind, std::string event_id, JobFunction function) {
  match::Result<std::string> id = RandomHex(16);
  std::unique_lock<std::mutex> lock(impl_->mu);
  if (!id.ok() || impl_->stopping || impl_->queue.size() >= static_cast<std::size_t>(impl_->max_queued)) {
    ++impl_->rejected;
    return std::nullopt;
  }
  auto job = std::make_shared<Job>();
  job->state.id = *id;
  job->state.kind = std::move(kind);
  job->state.event_id = std::move(event_id);
  job->state.state = "queued";
  job->state.step = "waiting for a worker";
  job->function = std::move(function);
  impl_->jobs.emplace(*id, job);
  impl_->queue.push_back(std::move(job));
  ++impl_->submitted;
  lock.unlock();
  impl_->wake.notify_one();
  return std::move(id).value();
}

std::optional<JobState> JobQueue::Get(const std::string& id) const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  auto it = impl_->jobs.find(id);
  if (it == impl_->jobs.end()) return std::nullopt;
  JobState state = it->second->state;
  if (state.state == "running") state.seconds = SecondsSince(it->second->started);
  return state;
}

int JobQueue::queued() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return static_cast<int>(impl_->queue.size());
}

int JobQueue::running() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->running;
}

long long JobQueue::submitted() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->submitted;
}

long long JobQueue::succeeded() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->succeeded;
}

long long JobQueue::failed() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->failed;
}

long long JobQueue::rejected() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->rejected;
}

}  // namespace standmatchd
