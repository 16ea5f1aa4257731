// Fuzz target: standmatchd's request handler (standmatchd::Api::Handle) over a Store
// in a fresh temporary directory, as a pure function from request to response. The
// input is "METHOD\nTARGET\nAUTH\nBODY": AUTH "o" sends the organiser's token, "" none,
// anything else is sent as the bearer token. Every response must carry a status the
// API documents and a body that is JSON whenever it says so.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "api.h"
#include "http.h"
#include "store.h"

namespace {

constexpr char kToken[] = "organiser-token-for-fuzzing";

standmatchd::Api& GetApi() {
  static standmatchd::Api* api = [] {
    std::string dir = (std::filesystem::temp_directory_path() / "standmatch-fuzz-api-XXXXXX").string();
    if (!::mkdtemp(dir.data())) std::abort();
    auto store = standmatchd::Store::Open(dir + "/db.sqlite");
    if (!store.ok()) std::abort();
    standmatchd::ApiOptions options;
    options.organiser_token = kToken;
    options.max_body_bytes = 1 << 20;
    return new standmatchd::Api(*std::move(store).value().release(), options);
  }();
  return *api;
}

// The next line of TEXT (consumed); the rest when there is no newline.
std::string TakeLine(std::string_view& text) {
  const size_t end = text.find('\n');
  std::string line(text.substr(0, end));
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  standmatchd::Request request;
  request.method = TakeLine(text);
  request.target = TakeLine(text);
  const std::string auth = TakeLine(text);
  request.authorization = auth == "o" ? std::string("Bearer ") + kToken : auth.empty() ? "" : "Bearer " + auth;
  request.content_type = "application/json";
  request.body = std::string(text);
  standmatchd::Response response = GetApi().Handle(request);
  if (response.status < 200 || response.status > 599) std::abort();
  if (response.content_type == "application/json" && !nlohmann::json::accept(response.body)) std::abort();
  return 0;
}
