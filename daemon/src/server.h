// Server: HTTP/1.1 over TCP with Boost.Asio and Boost.Beast, in front of an Api.
//
// N I/O threads run one io_context; each connection reads a request with Beast's
// parser (header and body size limits -> 413, a read timeout -> the connection is
// closed), hands it to Api::Handle and writes the Response, with keep-alive. A
// bounded number of connections is served at once; more wait in the listen backlog.
// Stop() (from a signal handler set or another thread) closes the acceptor, lets the
// requests in flight finish and returns from Run().
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "match/status.h"

namespace standmatchd {

class Api;

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;      // 0 = any free port (see port())
  int threads = 2;           // I/O threads
  int read_timeout_seconds = 30;
  int max_connections = 1024;
};

class Server {
 public:
  Server(Api& api, ServerOptions options);
  ~Server();
  // Binds and listens; after it, port() is the bound port.
  match::Status Listen();
  uint16_t port() const;
  // Serves until Stop() or SIGINT/SIGTERM; returns when every thread has finished.
  void Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace standmatchd
