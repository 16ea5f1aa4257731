// What standmatchd's handlers work with: the shared state of one Api (ApiContext) and
// the request being answered (Call), and the signature every handler has.
//
// A handler is a plain function `Response Name(ApiContext&, const Call&)`, declared in
// handlers.h, defined in the handlers_*.cpp file of its concern and listed in the
// route table of api.cpp (pattern, method, scope). Api::Handle has already parsed the
// target, matched the route, checked the body size and authorised the token when a
// handler runs; it turns escaping exceptions into 500 and adds Cache-Control.
// Internal to the daemon.
#pragma once
#include <map>
#include <mutex>
#include <string>

#include "api.h"
#include "api_target.h"
#include "api_tokens.h"
#include "event_cache.h"
#include "http.h"
#include "jobs.h"
#include "match/base/lang.h"
#include "prometheus.h"

namespace standmatchd {

class Store;

// Who may call a route: anyone, the organiser, the organiser and the supplier whose
// token names the route's {id} and {sid}, or the organiser and the stand whose token
// names {id} and {tid}.
enum class Scope { kNone, kOrganiser, kSupplier, kStand };

struct Call {
  const Request& request;
  const Target& target;
  const std::map<std::string, std::string>& params;  // "{id}" -> its path segment
  // Who called, for the history of revisions: "organiser", "supplier ID", "stand ID";
  // empty on a route without a token.
  std::string caller = {};
  const std::string& Param(const std::string& name) const { return params.at(name); }
  // The query's lang=fr|en (French when absent); InvalidInput naming the value otherwise.
  match::Result<match::Lang> Lang() const;
};

struct ApiContext {
  ApiContext(Store& store, ApiOptions options);

  // Loads the supplier and stand tokens of every event into TOKENS (after writes that may
  // change them); a storage failure keeps the previous table.
  void RefreshTokens();

  Store& store;
  const ApiOptions options;
  TokenTable tokens;
  RequestMetrics metrics;
  EventCache cache;
  // Serialises the read-check-commit of writes that depend on the latest state.
  std::mutex write_mutex;
  // Last member: destroyed first, so running jobs finish while the rest still exists.
  JobQueue jobs;
};

using Handler = Response (*)(ApiContext& api, const Call& call);

}  // namespace standmatchd
