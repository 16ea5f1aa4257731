// standmatchd: the standmatch HTTP daemon. Reads flags, opens the store, serves.
//
//   standmatchd --db PATH --listen HOST:PORT [--threads N] [--token-file FILE]
//               [--job-workers N] [--max-body BYTES] [--read-timeout SECONDS]
//               [--max-connections N] [--access-log FILE]
//
// The organiser's token is the first line of --token-file, or else the environment
// variable STANDMATCHD_TOKEN. Once listening, prints exactly one line on stdout,
// "standmatchd listening on http://HOST:PORT" (the bound port when PORT is 0).
// SIGINT and SIGTERM stop it cleanly (exit 0). Exit 1: the store or the address
// cannot be opened; exit 2: bad usage (flags, missing or short token).
// Tokens and request bodies are never written anywhere.
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>

#include <CLI/CLI.hpp>

#include "api.h"
#include "server.h"
#include "store.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;
constexpr std::size_t kMinTokenLength = 16;
constexpr const char* kTokenVariable = "STANDMATCHD_TOKEN";

struct Flags {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  std::string token_file;
  std::string access_log;
  std::string cpv_list;
  int threads = 2;
  int job_workers = 1;
  std::size_t max_body = 32u << 20;
  int read_timeout = 30;
  int max_connections = 1024;
};

// Splits "HOST:PORT" ("[::1]:8080" for IPv6). False when it is not that.
bool ParseListen(const std::string& text, std::string* host, uint16_t* port) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return false;
  std::string h = text.substr(0, colon);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  const std::string p = text.substr(colon + 1);
  if (h.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos) return false;
  const long value = std::strtol(p.c_str(), nullptr, 10);
  if (value > 65535) return false;
  *host = h;
  *port = static_cast<uint16_t>(value);
  return true;
}

std::string TrimLine(std::string line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
  std::size_t start = 0;
  while (start < line.size() && (line[start] == ' ' || line[start] == '\t')) ++start;
  return line.substr(start);
}

// The organiser token, or an error message (never quoting the token).
bool ReadOrganiserToken(const Flags& flags, std::string* token, std::string* error) {
  if (!flags.token_file.empty()) {
    std::ifstream in(flags.token_file);
    std::string line;
    if (!in || !std::getline(in, line)) {
      *error = "--token-file " + flags.token_file + ": cannot read the organiser token (first line)";
      return false;
    }
    *token = TrimLine(line);
    if (token->size() < kMinTokenLength) {
      *error = "--token-file " + flags.token_file + ": the organiser token has " + std::to_string(token->size()) +
               " characters; at least " + std::to_string(kMinTokenLength) + " are required";
      return false;
    }
    return true;
  }
  const char* value = std::getenv(kTokenVariable);
  if (value == nullptr || *value == '\0') {
    *error = std::string("no organiser token: pass --token-file FILE or set ") + kTokenVariable;
    return false;
  }
  *token = TrimLine(value);
  if (token->size() < kMinTokenLength) {
    *error = std::string(kTokenVariable) + ": the organiser token has " + std::to_string(token->size()) +
             " characters; at least " + std::to_string(kMinTokenLength) + " are required";
    return false;
  }
  return true;
}

// "2026-11-22T12:00:00Z GET /events/x/schedule 200 1.234" per request, serialised.
class AccessLog {
 public:
  bool Open(const std::string& path) {
    if (path == "-") {
      out_ = stderr;
      return true;
    }
    out_ = std::fopen(path.c_str(), "a");
    owned_ = out_ != nullptr;
    return owned_;
  }
  ~AccessLog() {
    if (owned_) std::fclose(out_);
  }
  void Write(std::string_view method, std::string_view path, int status, double milliseconds) {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
    std::lock_guard<std::mutex> lock(mutex_);
    std::fprintf(out_, "%s %.*s %.*s %d %.3f\n", stamp, static_cast<int>(method.size()), method.data(),
                 static_cast<int>(path.size()), path.data(), status, milliseconds);
    std::fflush(out_);
  }

 private:
  std::mutex mutex_;
  std::FILE* out_ = nullptr;
  bool owned_ = false;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"standmatchd: the standmatch HTTP daemon (events, rankings, schedules, agendas)"};
  Flags flags;
  app.add_option("--db", flags.db, "SQLite database file (created if missing)")->required();
  app.add_option("--listen", flags.listen, "HOST:PORT to listen on; port 0 picks a free port")->capture_default_str();
  app.add_option("--token-file", flags.token_file,
                 std::string("file whose first line is the organiser token (else $") + kTokenVariable + ")");
  app.add_option("--threads", flags.threads, "I/O threads")->capture_default_str()->check(CLI::Range(1, 256));
  app.add_option("--job-workers", flags.job_workers, "threads running schedule builds")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  app.add_option("--max-body", flags.max_body, "largest request body in bytes (larger: 413)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 32));
  app.add_option("--read-timeout", flags.read_timeout, "seconds to wait for a request before closing")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  app.add_option("--max-connections", flags.max_connections,
                 "connections served at once; more wait in the listen backlog")
      ->capture_default_str()
      ->check(CLI::Range(1, 65536));
  app.add_option("--access-log", flags.access_log,
                 "append method, path (no query), status and milliseconds per request to FILE ('-': stderr)");
  app.add_option("--cpv-list", flags.cpv_list,
                 "official CPV list (CSV with a code column and fr/en labels): checks the codes of events written "
                 "and labels ranking reasons; default: $STANDMATCH_CPV_LIST");
  app.set_version_flag("--version", "standmatchd 0.1.0");
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  standmatchd::ServerOptions server_options;
  if (!ParseListen(flags.listen, &server_options.host, &server_options.port)) {
    std::cerr << "standmatchd: --listen \"" << flags.listen << "\" is not HOST:PORT\n";
    return kExitUsage;
  }
  std::string token;
  std::string error;
  if (!ReadOrganiserToken(flags, &token, &error)) {
    std::cerr << "standmatchd: " << error << "\n";
    return kExitUsage;
  }
  AccessLog access_log;
  if (!flags.access_log.empty()) {
    if (!access_log.Open(flags.access_log)) {
      std::cerr << "standmatchd: --access-log " << flags.access_log << ": cannot open for appending\n";
      return kExitFailure;
    }
    server_options.access_log = [&access_log](std::string_view method, std::string_view path, int status, double ms) {
      access_log.Write(method, path, status, ms);
    };
  }
  std::signal(SIGPIPE, SIG_IGN);
  // Under a file size limit (ulimit -f), a write past it must fail with EFBIG, which
  // SQLite reports and the API answers 503, rather than kill the daemon.
  std::signal(SIGXFSZ, SIG_IGN);

  auto cpv_list = match::CpvList::LoadOptional(flags.cpv_list);
  if (!cpv_list.ok()) {
    std::cerr << "standmatchd: --cpv-list: " << cpv_list.status().ToString() << "\n";
    return kExitFailure;
  }

  auto store = standmatchd::Store::Open(flags.db);
  if (!store.ok()) {
    std::cerr << "standmatchd: --db " << flags.db << ": " << store.status().ToString() << "\n";
    return kExitFailure;
  }
  standmatchd::ApiOptions api_options;
  api_options.organiser_token = token;
  api_options.max_body_bytes = flags.max_body;
  api_options.job_workers = flags.job_workers;
  api_options.cpv_list = *cpv_list;
  standmatchd::Api api(**store, api_options);

  server_options.threads = flags.threads;
  server_options.read_timeout_seconds = flags.read_timeout;
  server_options.max_connections = flags.max_connections;
  standmatchd::Server server(api, server_options);
  if (auto status = server.Listen(); !status.ok()) {
    std::cerr << "standmatchd: " << status.ToString() << "\n";
    return kExitFailure;
  }
  const bool v6 = server_options.host.find(':') != std::string::npos;
  std::cout << "standmatchd listening on http://" << (v6 ? "[" : "") << server_options.host << (v6 ? "]" : "") << ":"
            << server.port() << std::endl;
  server.Run();
  return kExitOk;
}
