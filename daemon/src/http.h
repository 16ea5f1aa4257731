// Request and Response: an HTTP exchange as plain values.
//
// The API handlers (api.h) are pure functions from a Request to a Response, so they
// are tested without sockets; the Beast server (server.h) converts to and from these
// values and is the only code that touches the network. Plain values: thread-compatible.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace standmatchd {

struct Request {
  std::string method;         // "GET", "PUT", ...
  std::string target;         // path and query, e.g. "/events/x/suppliers/s1/stands?top=10"
  std::string authorization;  // the Authorization header, e.g. "Bearer TOKEN"; empty if absent
  std::string content_type;   // the Content-Type header; empty if absent
  std::string body;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Allow, Retry-After, ...)
};

// A JSON error response: {"error": MESSAGE}.
Response ErrorResponse(int status, const std::string& message);

}  // namespace standmatchd
