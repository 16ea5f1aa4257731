// RequestMetrics: what /metrics exposes, in the Prometheus text format (0.0.4).
//
// Counts requests by route pattern (e.g. "/events/{id}/schedule"), method and status,
// and a latency histogram per route (fixed buckets from 0.1 ms to 10 s). Route
// patterns, never concrete paths: ids and tokens never reach the metrics. As a guard
// against a caller passing concrete paths anyway, at most 256 distinct routes get
// series of their own; requests of any further route count under route="(other)".
// Thread-safety: Record and Text may be called from any thread.
#pragma once
#include <memory>
#include <string>

namespace standmatchd {

class JobQueue;

class RequestMetrics {
 public:
  RequestMetrics();
  ~RequestMetrics();
  void Record(const std::string& route, const std::string& method, int status, double seconds);
  // The exposition text: standmatchd_requests_total{route,method,status},
  // standmatchd_request_seconds_bucket/sum/count{route}, and, when JOBS is given,
  // standmatchd_jobs{state="queued"|"running"} and
  // standmatchd_jobs_total{result="succeeded"|"failed"|"rejected"}. Series are sorted
  // (route, then method, then status), so the same counts give the same text.
  std::string Text(const JobQueue* jobs) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace standmatchd
