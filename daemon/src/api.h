// Api: standmatchd's routes, as a pure function from a Request to a Response.
//
// Api::Handle authenticates (Authorization: Bearer TOKEN; the organiser's token may
// do everything, a supplier's token only that supplier's routes, a stand's token only
// that stand's), routes
// (404 unknown route, 405 known route with another method), validates (400 with the
// file and JSON path), calls libmatch and the Store, and records metrics. Storage
// failures answer 503. Tokens are compared in constant time and never logged.
// Rankings and agendas are served from an in-memory cache per event revision and
// schedule version, so the read routes do no scoring and no SQL. After a write, one
// background thread of the Api loads and scores the event again.
// Schedule builds run on the JobQueue (202 + job id); everything else runs in the
// caller's thread.
//
// Thread-safety: Handle may be called concurrently from any number of threads.
// The routes are listed in docs/daemon.md.
#pragma once
#include <cstddef>
#include <memory>
#include <string>

#include "http.h"
#include "match/domain/cpv.h"

namespace standmatchd {

class Store;

struct ApiOptions {
  std::string organiser_token;             // required, non-empty
  std::size_t max_body_bytes = 32u << 20;  // larger bodies: 413
  // The public registration route (no token): its larger bodies get 413, and an event
  // takes at most this many registrations (then 429).
  std::size_t max_registration_bytes = 16u << 10;
  int max_registrations_per_event = 2000;
  int job_workers = 1;       // threads running schedule builds
  int max_queued_jobs = 16;  // more: 503 + Retry-After
  // The official CPV list (null: none): codes of events written through the API are
  // checked against it, and ranking reasons name codes with their labels. Events
  // already stored load without it, so adding a list never locks an event out.
  std::shared_ptr<const match::CpvList> cpv_list;
};

class Api {
 public:
  // STORE must outlive the Api.
  Api(Store& store, ApiOptions options);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  Response Handle(const Request& request);

  // For the server's own refusals (413 body too large, 400 unreadable HTTP, 408
  // timeout): builds the error response and counts it in the metrics (route
  // "rejected").
  Response Reject(int status, const std::string& message, const std::string& method);

  const ApiOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace standmatchd
