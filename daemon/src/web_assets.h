// The daemon's web pages: plain HTML, CSS and JS files from daemon/web/, compiled into
// the binary, so standmatchd serves them with no files beside it and no build step.
//
// The pages (no framework, no external URL) read their data from the API with the
// token of the URL fragment (#token=...), sent as Authorization: Bearer:
//   /  (= /ui/index.html)                     what standmatchd is; opens the pages
//   /ui/timetable.html?event=ID               the organiser's stands x slots grid
//   /ui/supplier.html?event=ID&supplier=SID   a supplier's agenda, ranking, ICS/CSV
// and their /ui/app.js, /ui/index.js, /ui/timetable.js, /ui/supplier.js, /ui/style.css.
// FindWebAsset looks PATH up in a fixed table: no request path reaches the file
// system. The bodies are static and live as long as the program; thread-safe.
#pragma once
#include <optional>
#include <string_view>

namespace standmatchd {

struct WebAsset {
  std::string_view content_type;  // e.g. "text/html; charset=utf-8"
  std::string_view body;
};

// The Content-Security-Policy header every page is served with: scripts, styles,
// images and API calls from the daemon itself only; no <base>, no framing by others.
inline constexpr std::string_view kWebContentSecurityPolicy =
    "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// The asset at PATH ("/", "/ui/timetable.html", "/ui/app.js", ...), or nullopt. A query
// string or fragment after PATH is ignored ("/ui/timetable.html?event=x" is the page).
std::optional<WebAsset> FindWebAsset(std::string_view path);

}  // namespace standmatchd
