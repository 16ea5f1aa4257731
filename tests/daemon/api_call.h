// CallApi: one request straight to an Api (no server), as the daemon's API tests send them.
#pragma once

#include <string>

#include "api.h"

namespace standmatchd_test {

// METHOD TARGET with BODY, and "Authorization: Bearer TOKEN" unless TOKEN is empty.
inline standmatchd::Response CallApi(standmatchd::Api& api, const std::string& method, const std::string& target,
                                     const std::string& body = "", const std::string& token = "") {
  standmatchd::Request request;
  request.method = method;
  request.target = target;
  request.body = body;
  if (!token.empty()) request.authorization = "Bearer " + token;
  return api.Handle(request);
}

}  // namespace standmatchd_test
