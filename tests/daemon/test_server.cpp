// The Beast server over a stub handler, on a loopback port chosen by the OS.
#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>

#include "server.h"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Echoes what the server handed over, so tests see the Request it built.
standmatchd::Response Echo(const standmatchd::Request& request) {
  if (request.target == "/throw") throw std::runtime_error("handler failure");
  standmatchd::Response response;
  if (request.target == "/empty") {
    response.status = 204;
    response.body = "ignored";
    return response;
  }
  if (request.target == "/slow") std::this_thread::sleep_for(std::chrono::milliseconds(300));
  response.content_type = "text/plain";
  response.headers.emplace_back("X-Route", "echo");
  response.body = request.method + " " + request.target + " auth=" + request.authorization +
                  " type=" + request.content_type + " body=" + request.body + "\n";
  return response;
}

struct Rejection {
  int status;
  std::string message;
  std::string method;
};

struct LogLine {
  std::string method;
  std::string path;
  int status;
};

class TestServer {
 public:
  explicit TestServer(standmatchd::ServerOptions options = {}) {
    options.port = 0;
    options.handle_signals = false;
    options.access_log = [this](std::string_view method, std::string_view path, int status, double) {
      std::lock_guard<std::mutex> lock(mutex_);
      log_.push_back({std::string(method), std::string(path), status});
    };
    standmatchd::ServerHandlers handlers;
    handlers.handle = Echo;
    handlers.reject = [this](int status, const std::string& message, const std::string& method) {
      std::lock_guard<std::mutex> lock(mutex_);
      rejections_.push_back({status, message, method});
      return standmatchd::ErrorResponse(status, message);
    };
    server_ = std::make_unique<standmatchd::Server>(handlers, options);
    const match::Status status = server_->Listen();
    REQUIRE(status.ok());
    REQUIRE(server_->port() != 0);
    thread_ = std::thread([this] { server_->Run(); });
  }
  ~TestServer() { Stop(); }
  void Stop() {
    if (!thread_.joinable()) return;
    server_->Stop();
    thread_.join();
  }
  uint16_t port() const { return server_->port(); }
  std::vector<Rejection> rejections() {
    std::lock_guard<std::mutex> lock(mutex_);
    return rejections_;
  }
  std::vector<LogLine> log() {
    std::lock_guard<std::mutex> lock(mutex_);
    return log_;
  }

 private:
  std::mutex mutex_;
  std::vector<Rejection> rejections_;
  std::vector<LogLine> log_;
  std::unique_ptr<standmatchd::Server> server_;
  std::thread thread_;
};

// A blocking client connection.
class Client {
 public:
  explicit Client(uint16_t port) : socket_(io_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }
  void Send(const std::string& raw) { asio::write(socket_, asio::buffer(raw)); }
  http::response<http::string_body> Receive(bool head = false) {
    http::response_parser<http::string_body> parser;
    parser.skip(head);
    http::read(socket_, buffer_, parser);
    return parser.release();
  }
  // Reads until the server closes; what arrived.
  std::string ReadToEnd() {
    std::string out = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    beast::error_code ec;
    std::array<char, 4096> chunk;
    for (;;) {
      const std::size_t n = socket_.read_some(asio::buffer(chunk), ec);
      if (ec) break;
      out.append(chunk.data(), n);
    }
    return out;
  }
  tcp::socket& socket() { return socket_; }

 private:
  asio::io_context io_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
};

std::string Get(const std::string& target, const std::string& extra = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + extra + "\r\n";
}

}  // namespace

TEST_CASE("server: a request reaches the handler whole and its response comes back", "[server]") {
  TestServer server;
  Client client(server.port());
  client.Send(
      "PUT /events/e1?top=3 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer abc\r\n"
      "Content-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}");
  auto response = client.Receive();
  CHECK(response.result_int() == 200);
  CHECK(response.body() == "PUT /events/e1?top=3 auth=Bearer abc type=application/json body={\"a\":1}\n");
  CHECK(response[http::field::content_type] == "text/plain");
  CHECK(response["X-Route"] == "echo");
  CHECK(response[http::field::content_length] == std::to_string(response.body().size()));
  CHECK(response.keep_alive());
  // The same connection serves the next request (keep-alive), and a pipelined pair.
  client.Send(Get("/a") + Get("/b"));
  CHECK(client.Receive().body() == "GET /a auth= type= body=\n");
  CHECK(client.Receive().body() == "GET /b auth= type= body=\n");
  server.Stop();
  auto log = server.log();
  REQUIRE(log.size() == 3);
  CHECK(log[0].method == "PUT");
  CHECK(log[0].path == "/events/e1");  // never the query string
  CHECK(log[0].status == 200);
}

TEST_CASE("server: HEAD answers the GET's headers without the body", "[server]") {
  TestServer server;
  Client client(server.port());
  client.Send("HEAD /x HTTP/1.1\r\nHost: x\r\n\r\n");
  auto response = client.Receive(/*head=*/true);
  CHECK(response.result_int() == 200);
  CHECK(response[http::field::content_length] == std::to_string(std::string("GET /x auth= type= body=\n").size()));
  CHECK(response.body().empty());
  // The connection stays usable: no stray body bytes before the next response.
  client.Send(Get("/y"));
  CHECK(client.Receive().body() == "GET /y auth= type= body=\n");
}

TEST_CASE("server: 204 has neither body nor Content-Length", "[server]") {
  TestServer server;
  Client client(server.port());
  client.Send(Get("/empty"));
  auto response = client.Receive();
  CHECK(response.result_int() == 204);
  CHECK(response.body().empty());
  CHECK(response.find(http::field::content_length) == response.end());
}

TEST_CASE("server: a body over the limit is refused with 413 through reject", "[server]") {
  standmatchd::ServerOptions options;
  options.max_body_bytes = 100;
  TestServer server(options);
  {
    Client client(server.port());
    client.Send("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + std::string(1000, 'a'));
    auto response = client.Receive();
    CHECK(response.result_int() == 413);
    CHECK(response.body() == "{\"error\":\"request body too large (limit 100 bytes)\"}\n");
    CHECK_FALSE(response.keep_alive());
  }
  {
    // Chunked: the limit holds without a Content-Length too.
    Client client(server.port());
    client.Send("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n80\r\n" + std::string(128, 'b') +
                "\r\n0\r\n\r\n");
    CHECK(client.Receive().result_int() == 413);
  }
  {
    // At the limit: accepted.
    Client client(server.port());
    client.Send("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n" + std::string(100, 'c'));
    CHECK(client.Receive().result_int() == 200);
  }
  auto rejections = server.rejections();
  REQUIRE(rejections.size() == 2);
  CHECK(rejections[0].status == 413);
  CHECK(rejections[0].method == "POST");
}

TEST_CASE("server: oversized headers are refused with 413", "[server]") {
  standmatchd::ServerOptions options;
  options.max_header_bytes = 1024;
  TestServer server(options);
  Client client(server.port());
  client.Send(Get("/x", "X-Big: " + std::string(4000, 'h') + "\r\n"));
  auto response = client.Receive();
  CHECK(response.result_int() == 413);
  CHECK(response.body().find("request header too large") != std::string::npos);
}

TEST_CASE("server: Expect: 100-continue gets the interim response, then the answer", "[server]") {
  standmatchd::ServerOptions options;
  options.max_body_bytes = 100;
  TestServer server(options);
  {
    Client client(server.port());
    client.Send("PUT /x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
    auto interim = client.Receive();
    CHECK(interim.result_int() == 100);
    client.Send("hello");
    auto response = client.Receive();
    CHECK(response.result_int() == 200);
    CHECK(response.body() == "PUT /x auth= type= body=hello\n");
  }
  {
    // Too large: 413 at once, no 100.
    Client client(server.port());
    client.Send("PUT /x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 500\r\n\r\n");
    CHECK(client.Receive().result_int() == 413);
  }
}

TEST_CASE("server: unreadable HTTP is a 400 and a throwing handler a 500", "[server]") {
  TestServer server;
  {
    Client client(server.port());
    client.Send("this is not http\r\n\r\n");
    auto text = client.ReadToEnd();
    CHECK(text.rfind("HTTP/1.1 400", 0) == 0);
    CHECK(text.find("unreadable HTTP request") != std::string::npos);
  }
  {
    Client client(server.port());
    client.Send(Get("/throw"));
    auto response = client.Receive();
    CHECK(response.result_int() == 500);
    CHECK(response.body() == "{\"error\":\"internal error\"}\n");
    // The connection survives a failing handler.
    client.Send(Get("/ok"));
    CHECK(client.Receive().result_int() == 200);
  }
  auto rejections = server.rejections();
  REQUIRE(rejections.size() == 2);
  CHECK(rejections[0].status == 400);
  CHECK(rejections[1].status == 500);
}

TEST_CASE("server: an idle connection is closed after the read timeout", "[server]") {
  standmatchd::ServerOptions options;
  options.read_timeout_seconds = 1;
  TestServer server(options);
  Client client(server.port());
  client.Send("GET /x HTTP/1.1\r\nHost:");  // and nothing more
  const auto start = std::chrono::steady_clock::now();
  const std::string text = client.ReadToEnd();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(text.empty());
  CHECK(seconds >= 0.5);
  CHECK(seconds < 5);
}

TEST_CASE("server: past max_connections, new connections wait for a free slot", "[server]") {
  standmatchd::ServerOptions options;
  options.max_connections = 1;
  TestServer server(options);
  auto first = std::make_unique<Client>(server.port());
  first->Send(Get("/1"));
  CHECK(first->Receive().result_int() == 200);
  Client second(server.port());  // completes in the listen backlog
  second.Send(Get("/2"));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(second.socket().available() == 0);  // not served yet
  first.reset();                            // frees the slot
  auto response = second.Receive();
  CHECK(response.result_int() == 200);
  CHECK(response.body() == "GET /2 auth= type= body=\n");
}

TEST_CASE("server: Stop closes idle connections, finishes requests in flight and returns", "[server]") {
  standmatchd::ServerOptions options;
  options.threads = 2;
  TestServer server(options);
  Client idle(server.port());
  idle.Send(Get("/warm"));
  CHECK(idle.Receive().result_int() == 200);
  Client busy(server.port());
  busy.Send(Get("/slow"));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto start = std::chrono::steady_clock::now();
  server.Stop();  // joins Run
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 5);
  auto response = busy.Receive();
  CHECK(response.result_int() == 200);
  CHECK_FALSE(response.keep_alive());
  CHECK(idle.ReadToEnd().empty());
  // Nobody listens any more.
  asio::io_context io;
  tcp::socket socket(io);
  beast::error_code ec;
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server.port()), ec);
  CHECK(ec);
}

TEST_CASE("server: Listen reports an address in use", "[server]") {
  TestServer first;
  standmatchd::ServerOptions options;
  options.port = first.port();
  options.handle_signals = false;
  standmatchd::Server second(standmatchd::ServerHandlers{Echo, nullptr}, options);
  const match::Status status = second.Listen();
  REQUIRE_FALSE(status.ok());
  CHECK(status.ToString().find("--listen 127.0.0.1:" + std::to_string(first.port())) == 0);
}

TEST_CASE("server: many concurrent clients each get their own answer", "[server]") {
  standmatchd::ServerOptions options;
  options.threads = 4;
  TestServer server(options);
  std::atomic<int> correct{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&, c] {
      Client client(server.port());
      for (int i = 0; i < 50; ++i) {
        const std::string target = "/c" + std::to_string(c) + "/" + std::to_string(i);
        client.Send(Get(target));
        if (client.Receive().body() == "GET " + target + " auth= type= body=\n") ++correct;
      }
    });
  }
  for (auto& t : clients) t.join();
  CHECK(correct == 400);
}
