#include "http.h"

#include <nlohmann/json.hpp>

namespace standmatchd {

Response ErrorResponse(int status, const std::string& message) {
  Response response;
  response.status = status;
  // dump() with replace: a message quoting invalid UTF-8 input still gives valid JSON.
  response.body = nlohmann::json{{"error", message}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  response.body += '\n';
  return response;
}

}  // namespace standmatchd
