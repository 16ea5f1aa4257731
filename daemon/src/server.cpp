#include "server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace standmatchd {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// After a refusal that leaves request bytes unread (413), the connection half-closes
// and discards what the client still sends for this long, so that the client reads
// the answer instead of a reset.
constexpr auto kLingerAfterRefusal = std::chrono::seconds(2);

class Session;

// What the sessions share with the server: handlers, limits, the stop flag and the
// registry of live sessions (so that Stop can close the idle ones).
struct Shared {
  ServerHandlers handlers;
  ServerOptions options;
  std::atomic<bool> stopping{false};
  std::mutex mutex;  // guards sessions
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  // Called by every session when it ends (frees a connection slot).
  std::function<void()> on_session_end;
};

// The path of a request target, without its query string (ids, never tokens).
std::string PathOf(beast::string_view target) {
  const auto query = target.find('?');
  return std::string(target.substr(0, query == beast::string_view::npos ? target.size() : query));
}

// One connection: reads a request, answers it, and repeats while keep-alive holds.
// Lives by shared_from_this on its own strand; every handler below runs on it.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {}

  ~Session() {
    {
      std::lock_guard<std::mutex> lock(shared_.mutex);
      shared_.sessions.erase(this);
    }
    shared_.on_session_end();
  }

  void Start() {
    {
      std::lock_guard<std::mutex> lock(shared_.mutex);
      shared_.sessions.emplace(this, weak_from_this());
    }
    beast::error_code ignored;
    stream_.socket().set_option(tcp::no_delay(true), ignored);
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
  }

  // From Stop(): closes the connection now if it waits for a request; a request in
  // flight finishes and its response says "Connection: close".
  void Shutdown() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) self->stream_.close();
    });
  }

 private:
  void ReadHeader() {
    busy_ = false;
    if (shared_.stopping) {
      Close();
      return;
    }
    parser_.emplace();
    parser_->body_limit(static_cast<std::uint64_t>(shared_.options.max_body_bytes));
    parser_->header_limit(static_cast<std::uint32_t>(shared_.options.max_header_bytes));
    stream_.expires_after(std::chrono::seconds(shared_.options.read_timeout_seconds));
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    busy_ = true;
    start_ = Clock::now();
    if (ec) {
      OnReadError(ec);
      return;
    }
    const auto& request = parser_->get();
    method_ = std::string(request.method_string());
    path_ = PathOf(request.target());
    if (beast::iequals(request[http::field::expect], "100-continue") && !parser_->is_done()) {
      auto interim = std::make_shared<http::response<http::empty_body>>(http::status::continue_, request.version());
      stream_.expires_after(std::chrono::seconds(shared_.options.read_timeout_seconds));
      http::async_write(stream_, *interim, [self = shared_from_this(), interim](beast::error_code ec, std::size_t) {
        if (ec) {
          self->Close();
          return;
        }
        self->ReadBody();
      });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    if (parser_->is_done()) {
      Answer();
      return;
    }
    stream_.expires_after(std::chrono::seconds(shared_.options.read_timeout_seconds));
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) {
        self->OnReadError(ec);
        return;
      }
      self->Answer();
    });
  }

  void OnReadError(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      Refuse(413, "request body too large (limit " + std::to_string(shared_.options.max_body_bytes) + " bytes)");
    } else if (ec == http::error::header_limit) {
      Refuse(413, "request header too large (limit " + std::to_string(shared_.options.max_header_bytes) + " bytes)");
    } else if (ec.category() == http::make_error_code(http::error::body_limit).category() &&
               ec != http::error::end_of_stream && ec != http::error::partial_message) {
      Refuse(400, "unreadable HTTP request: " + ec.message());
    } else {
      Close();  // end of stream, read timeout, reset or Stop(): nobody to answer
    }
  }

  // Hands the request to the API and writes its response.
  void Answer() {
    http::request<http::string_body> message = parser_->release();
    Request request;
    request.method = method_;
    request.target = std::string(message.target());
    request.authorization = std::string(message[http::field::authorization]);
    request.content_type = std::string(message[http::field::content_type]);
    request.body = std::move(message.body());
    const bool head = message.method() == http::verb::head;
    if (head) request.method = "GET";
    Response response;
    try {
      response = shared_.handlers.handle(request);
    } catch (const std::exception&) {
      response = Internal();
    } catch (...) {
      response = Internal();
    }
    Write(std::move(response), message.version(), message.keep_alive(), head);
  }

  Response Internal() {
    try {
      return shared_.handlers.reject(500, "internal error", method_);
    } catch (...) {
      return ErrorResponse(500, "internal error");
    }
  }

  // Answers a request that could not be read whole; the connection closes after it.
  void Refuse(int status, const std::string& message) {
    if (method_.empty() && parser_) {
      method_ = std::string(parser_->get().method_string());
      path_ = PathOf(parser_->get().target());
    }
    Response response;
    try {
      response = shared_.handlers.reject(status, message, method_);
    } catch (...) {
      response = ErrorResponse(status, message);
    }
    linger_ = true;
    Write(std::move(response), 11, false, false);
  }

  void Write(Response response, unsigned version, bool keep_alive, bool head) {
    auto out = std::make_shared<http::response<http::string_body>>();
    out->version(version);
    out->result(static_cast<unsigned>(response.status));
    out->set(http::field::server, "standmatchd");
    if (!response.content_type.empty()) out->set(http::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) out->insert(name, value);
    out->keep_alive(keep_alive && !shared_.stopping);
    const int status = response.status;
    if (status < 200 || status == 204 || status == 304) {
      // No body, no Content-Length (RFC 9110 8.6).
    } else if (head) {
      out->content_length(response.body.size());
    } else {
      out->body() = std::move(response.body);
      out->prepare_payload();
    }
    status_ = status;
    stream_.expires_after(std::chrono::seconds(shared_.options.read_timeout_seconds));
    http::async_write(stream_, *out, [self = shared_from_this(), out](beast::error_code ec, std::size_t) {
      self->OnWrite(ec, out->keep_alive());
    });
  }

  void OnWrite(beast::error_code ec, bool keep_alive) {
    if (shared_.options.access_log) {
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start_).count();
      try {
        shared_.options.access_log(method_.empty() ? std::string_view("-") : std::string_view(method_),
                                   path_.empty() ? std::string_view("-") : std::string_view(path_), status_, ms);
      } catch (...) {
        // A failing log never takes the connection down.
      }
    }
    method_.clear();
    path_.clear();
    if (ec) {
      Close();
      return;
    }
    if (linger_) {
      Linger();
      return;
    }
    if (!keep_alive) {
      Close();
      return;
    }
    ReadHeader();
  }

  // Half-closes and discards input until the client closes or kLingerAfterRefusal passes.
  void Linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLingerAfterRefusal);
    DiscardInput();
  }

  void DiscardInput() {
    stream_.async_read_some(asio::buffer(scratch_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) {
        self->stream_.close();
        return;
      }
      self->DiscardInput();
    });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  Shared& shared_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  bool busy_ = false;    // a request is being read past its header, handled or answered
  bool linger_ = false;  // the connection ends with Linger()
  Clock::time_point start_;
  std::string method_;
  std::string path_;
  int status_ = 0;
  std::array<char, 16384> scratch_;
};

}  // namespace

struct Server::Impl {
  Impl(ServerHandlers handlers, ServerOptions options) : io(std::max(1, options.threads)) {
    shared.handlers = std::move(handlers);
    shared.options = std::move(options);
    shared.options.threads = std::max(1, shared.options.threads);
    shared.options.max_connections = std::max(1, shared.options.max_connections);
    shared.options.read_timeout_seconds = std::max(1, shared.options.read_timeout_seconds);
    shared.on_session_end = [this] { OnSessionEnd(); };
  }

  // A handler can still be queued when Run() has returned (Stop's Shutdown posted to a
  // session that was just ending); it holds the Session, whose destructor uses
  // `shared`. Run such handlers now, while every member lives, not in io's destructor.
  ~Impl() {
    io.restart();
    io.poll();
  }

  // Accepts one connection; pauses while max_connections are open.
  void Accept() {
    acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
      if (ec || shared.stopping) {
        if (ec == asio::error::operation_aborted || shared.stopping || !acceptor.is_open()) return;
        // A transient failure (out of descriptors, aborted handshake): go on accepting
        // after a pause, rather than spinning.
        retry.expires_after(std::chrono::milliseconds(100));
        retry.async_wait([this](beast::error_code ec) {
          if (!ec && !shared.stopping) Accept();
        });
        return;
      }
      const int open = ++connections;
      std::make_shared<Session>(std::move(socket), shared)->Start();
      if (open >= shared.options.max_connections) {
        paused = true;
        return;
      }
      Accept();
    });
  }

  void OnSessionEnd() {
    --connections;
    asio::post(acceptor.get_executor(), [this] {
      if (paused && !shared.stopping && acceptor.is_open() && connections < shared.options.max_connections) {
        paused = false;
        Accept();
      }
    });
  }

  void Stop() {
    shared.stopping = true;
    asio::post(acceptor.get_executor(), [this] {
      beast::error_code ignored;
      acceptor.close(ignored);
      retry.cancel();
      if (signals) signals->cancel(ignored);
    });
    std::vector<std::shared_ptr<Session>> live;
    {
      std::lock_guard<std::mutex> lock(shared.mutex);
      for (auto& [raw, weak] : shared.sessions) {
        if (auto session = weak.lock()) live.push_back(std::move(session));
      }
    }
    for (auto& session : live) session->Shutdown();
  }

  // Declared first: destroyed last, after everything that posts to it.
  asio::io_context io;
  Shared shared;
  tcp::acceptor acceptor{asio::make_strand(io)};
  asio::steady_timer retry{acceptor.get_executor()};
  std::optional<asio::signal_set> signals;
  std::atomic<int> connections{0};
  bool paused = false;  // on the acceptor's strand
  uint16_t port = 0;
};

Server::Server(ServerHandlers handlers, ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(handlers), std::move(options))) {}

Server::~Server() = default;

match::Status Server::Listen() {
  const ServerOptions& options = impl_->shared.options;
  const std::string where = options.host + ":" + std::to_string(options.port);
  beast::error_code ec;
  tcp::resolver resolver(impl_->io);
  auto endpoints = resolver.resolve(options.host, std::to_string(options.port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty()) {
    return match::Status::IoError("--listen " + where + ": cannot resolve \"" + options.host +
                                  "\": " + (ec ? ec.message() : std::string("no address")));
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    beast::error_code ignored;
    acceptor.close(ignored);
    return match::Status::IoError("--listen " + where + ": " + ec.message());
  }
  impl_->port = acceptor.local_endpoint(ec).port();
  return match::Status();
}

uint16_t Server::port() const { return impl_->port; }

void Server::Run() {
  Impl& impl = *impl_;
  if (!impl.acceptor.is_open()) return;
  if (impl.shared.options.handle_signals) {
    impl.signals.emplace(impl.acceptor.get_executor(), SIGINT, SIGTERM);
    impl.signals->async_wait([&impl](beast::error_code ec, int) {
      if (!ec) impl.Stop();
    });
  }
  asio::dispatch(impl.acceptor.get_executor(), [&impl] {
    if (!impl.shared.stopping) impl.Accept();
  });
  std::vector<std::thread> threads;
  for (int i = 1; i < impl.shared.options.threads; ++i) {
    threads.emplace_back([&impl] { impl.io.run(); });
  }
  impl.io.run();
  for (auto& thread : threads) thread.join();
}

void Server::Stop() { impl_->Stop(); }

}  // namespace standmatchd
