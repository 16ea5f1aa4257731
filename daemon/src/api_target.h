// Request targets and routes: the path and query of a request, and the table that maps
// path patterns such as "/events/{id}/suppliers/{sid}/stands" to handlers.
//
// ParseTarget splits "/events/a%20b/stands?top=5" into percent-decoded path segments
// ("events", "a b", "stands") and query parameters (top=5). A Router holds patterns,
// each with the methods it answers; Match finds the pattern of a path and fills its
// parameters, or says whether the path is known under other methods (405) or unknown
// (404). Patterns are matched segment by segment: a literal segment must be equal, a
// "{name}" segment takes any non-empty segment. Plain values; a built Router is
// immutable and safe to share between threads.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "match/base/status.h"

namespace standmatchd {

struct Target {
  std::vector<std::string> segments;                       // percent-decoded
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  // The first value of KEY in the query, if any.
  std::optional<std::string> Query(std::string_view key) const;
};

// InvalidInput when the target is not an origin-form path ("/..."), or holds a bad
// percent escape.
match::Result<Target> ParseTarget(std::string_view target);

// "%41b+c" -> "Ab c" (with PLUS_IS_SPACE); nullopt on a bad escape.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

template <class Handler>
class Router {
 public:
  struct Route {
    std::string pattern;  // e.g. "/events/{id}/schedule": what metrics record
    std::string method;
    Handler handler;
  };
  struct Match {
    const Route* route = nullptr;               // null: no route for this method
    std::map<std::string, std::string> params;  // "{id}" -> its segment
    std::string allow;                          // when the path is known: "GET, PUT"
  };

  void Add(std::string pattern, std::string method, Handler handler) {
    routes_.push_back({std::move(pattern), std::move(method), std::move(handler)});
    split_.push_back(Split(routes_.back().pattern));
  }

  // The route for METHOD and SEGMENTS; when none, `allow` lists the methods the path
  // answers (empty: unknown path). HEAD is served as GET.
  Match Find(std::string_view method, const std::vector<std::string>& segments) const {
    Match match;
    for (size_t i = 0; i < routes_.size(); ++i) {
      std::map<std::string, std::string> params;
      if (!Matches(split_[i], segments, &params)) continue;
      const Route& route = routes_[i];
      if (match.allow.find(route.method) == std::string::npos) {
        if (!match.allow.empty()) match.allow += ", ";
        match.allow += route.method;
      }
      if (!match.route && route.method == method) {
        match.route = &route;
        match.params = std::move(params);
      }
    }
    return match;
  }

 private:
  static std::vector<std::string> Split(std::string_view pattern) {
    std::vector<std::string> out;
    size_t i = 1;
    while (i <= pattern.size() && pattern.size() > 1) {
      size_t j = pattern.find('/', i);
      if (j == std::string_view::npos) j = pattern.size();
      out.emplace_back(pattern.substr(i, j - i));
      i = j + 1;
    }
    return out;
  }
  static bool Matches(const std::vector<std::string>& pattern, const std::vector<std::string>& segments,
                      std::map<std::string, std::string>* params) {
    if (pattern.size() != segments.size()) return false;
    for (size_t i = 0; i < pattern.size(); ++i) {
      const std::string& p = pattern[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        if (segments[i].empty()) return false;
        (*params)[p.substr(1, p.size() - 2)] = segments[i];
      } else if (p != segments[i]) {
        return false;
      }
    }
    return true;
  }

  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> split_;
};

}  // namespace standmatchd
