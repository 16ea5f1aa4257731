// JobQueue: long solves (schedule builds) run off the I/O threads.
//
// A fixed pool of worker threads takes jobs from a bounded FIFO queue. Submit never
// blocks: when the queue is full it refuses (the API answers 503 with Retry-After).
// Each job has an opaque random id and a state that any thread may read while it runs:
// queued -> running (progress 0..1, the current step) -> done (a result JSON) or
// failed (an error message). Finished jobs are kept for a while (the newest
// kMaxFinished) so clients can poll them.
//
// Thread-safety: all members are thread-safe. The destructor stops the workers after
// the running jobs finish; queued jobs are dropped as failed ("daemon stopping").
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace standmatchd {

struct JobState {
  std::string id;
  std::string kind;  // e.g. "schedule"
  std::string event_id;
  std::string state;    // "queued", "running", "done", "failed"
  double progress = 0;  // 0..1
  std::string step;     // what runs now, for people
  std::string result;   // JSON object text when done (e.g. {"version": 3, ...})
  std::string error;    // when failed
  double seconds = 0;   // run time so far / in all
};

// What a job does. It reports progress through REPORT and returns the result JSON
// text, or throws nothing and returns an error through ERROR (non-empty = failed).
// REPORT may be called only while the function runs (progress is clamped to 0..1).
// An exception that escapes anyway fails the job with "internal error: WHAT"; an
// empty result of a successful job reads as "{}".
using JobFunction =
    std::function<std::string(const std::function<void(double, std::string_view)>& report, std::string* error)>;

class JobQueue {
 public:
  static constexpr int kMaxFinished = 256;
  JobQueue(int workers, int max_queued);
  ~JobQueue();
  JobQueue(const JobQueue&) = delete;
  JobQueue& operator=(const JobQueue&) = delete;

  // The new job's id (16 random bytes as 32 hex digits), or nullopt when the queue is
  // full (counted in rejected()), the queue is stopping, or the OS random source fails.
  std::optional<std::string> Submit(std::string kind, std::string event_id, JobFunction function);
  std::optional<JobState> Get(const std::string& id) const;

  int queued() const;
  int running() const;
  // Counters for /metrics.
  long long submitted() const;
  long long succeeded() const;
  long long failed() const;
  long long rejected() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace standmatchd
