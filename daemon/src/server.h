// Server: HTTP/1.1 over TCP with Boost.Asio and Boost.Beast, in front of an Api.
//
// N I/O threads run one io_context; each connection reads a request with Beast's
// parser (header and body size limits -> 413, a read timeout -> the connection is
// closed), hands it to Api::Handle and writes the Response, with keep-alive. A
// bounded number of connections is served at once; more wait in the listen backlog.
// Stop() (from a signal handler set or another thread) closes the acceptor, lets the
// requests in flight finish and returns from Run().
//
// The server only converts between Beast messages and Request/Response values: the
// routes live behind ServerHandlers (normally an Api), so tests can run the real
// server over a stub handler. HEAD is answered as GET without the body;
// "Expect: 100-continue" gets its interim 100 once the headers pass the size checks.
// An exception thrown by a handler becomes a 500; none escapes an I/O thread.
// A connection answers its requests one at a time and in order (pipelined requests
// wait in its read buffer), so its response queue is bounded at one. After a 413 or
// 400 the connection half-closes and discards what the client still sends for a
// moment, so that the client reads the answer rather than a reset. Handlers run on
// the I/O threads: they must be short (the Api runs schedule builds on its JobQueue).
//
// Thread-safety: Listen, then Run (blocking) from one thread; Stop and port may be
// called from any thread. The handlers are called concurrently from the I/O threads.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "api.h"
#include "http.h"
#include "match/base/status.h"

namespace standmatchd {

class Api;

// What the server calls. HANDLE answers a request; REJECT builds the server's own
// refusals (413 too large, 400 unreadable HTTP) so that they are counted like any
// other response.
struct ServerHandlers {
  std::function<Response(const Request&)> handle;
  std::function<Response(int status, const std::string& message, const std::string& method)> reject;
};

// One line per answered request, for an access log: the method, the path without
// its query string, the status and the time spent, in milliseconds. Never headers or
// bodies (tokens and personal data stay out of logs).
using AccessLogFunction =
    std::function<void(std::string_view method, std::string_view path, int status, double milliseconds)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 = any free port (see port())
  int threads = 2;       // I/O threads
  int read_timeout_seconds = 30;
  int max_connections = 1024;
  // Additions to the original interface:
  std::size_t max_body_bytes = 32u << 20;    // larger request bodies: 413
  std::size_t max_header_bytes = 16u << 10;  // larger request headers: 413
  bool handle_signals = true;                // SIGINT and SIGTERM call Stop()
  AccessLogFunction access_log;              // optional
};

class Server {
 public:
  // API must outlive the Server. Its body limit replaces options.max_body_bytes.
  Server(Api& api, ServerOptions options)
      : Server(ServerHandlers{[&api](const Request& r) { return api.Handle(r); },
                              [&api](int status, const std::string& message, const std::string& method) {
                                return api.Reject(status, message, method);
                              }},
               WithBodyLimit(std::move(options), api.options().max_body_bytes)) {}
  Server(ServerHandlers handlers, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; after it, port() is the bound port.
  match::Status Listen();
  uint16_t port() const;
  // Serves until Stop() or SIGINT/SIGTERM; returns when every thread has finished.
  void Run();
  void Stop();

 private:
  static ServerOptions WithBodyLimit(ServerOptions options, std::size_t max_body_bytes) {
    options.max_body_bytes = max_body_bytes;
    return options;
  }
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace standmatchd
