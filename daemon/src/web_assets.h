// The daemon's web pages: plain HTML, CSS and JS files from daemon/web/, compiled into
// the binary, so standmatchd serves them with no files beside it and no build step.
#pragma once
#include <optional>
#include <string_view>

namespace standmatchd {

struct WebAsset {
  std::string_view content_type;  // e.g. "text/html; charset=utf-8"
  std::string_view body;
};

// The asset at PATH ("/", "/ui/timetable.html", "/ui/app.js", ...), or nullopt.
std::optional<WebAsset> FindWebAsset(std::string_view path);

}  // namespace standmatchd
