#include "web_assets.h"

#include <cstddef>

#include "base/embed_file.h"

// Each file of daemon/web/ is compiled in (libmatch/src/base/embed_file.h); daemon/CMakeLists.txt
// lists the files as dependencies of this source, so an edited page rebuilds it. The URL -> file map is a fixed table:
// no request path ever reaches the file system, so no path can escape it.
#define STANDMATCHD_WEB_EMBED(name, file) STANDMATCH_EMBED_FILE(name, STANDMATCHD_WEB_DIR "/" file)

STANDMATCHD_WEB_EMBED(standmatchd_web_index_html, "index.html")
STANDMATCHD_WEB_EMBED(standmatchd_web_index_js, "index.js")
STANDMATCHD_WEB_EMBED(standmatchd_web_timetable_html, "timetable.html")
STANDMATCHD_WEB_EMBED(standmatchd_web_timetable_js, "timetable.js")
STANDMATCHD_WEB_EMBED(standmatchd_web_supplier_html, "supplier.html")
STANDMATCHD_WEB_EMBED(standmatchd_web_supplier_js, "supplier.js")
STANDMATCHD_WEB_EMBED(standmatchd_web_app_js, "app.js")
STANDMATCHD_WEB_EMBED(standmatchd_web_console_html, "console.html")
STANDMATCHD_WEB_EMBED(standmatchd_web_console_js, "console.js")
STANDMATCHD_WEB_EMBED(standmatchd_web_style_css, "style.css")
STANDMATCHD_WEB_EMBED(standmatchd_web_participants_js, "participants.js")
STANDMATCHD_WEB_EMBED(standmatchd_web_stand_html, "stand.html")
STANDMATCHD_WEB_EMBED(standmatchd_web_stand_js, "stand.js")
STANDMATCHD_WEB_EMBED(standmatchd_web_register_html, "register.html")
STANDMATCHD_WEB_EMBED(standmatchd_web_register_js, "register.js")
STANDMATCHD_WEB_EMBED(standmatchd_web_organiser_html, "organiser.html")
STANDMATCHD_WEB_EMBED(standmatchd_web_organiser_js, "organiser.js")

namespace standmatchd {
namespace {

constexpr std::string_view kHtml = "text/html; charset=utf-8";
constexpr std::string_view kJavaScript = "text/javascript; charset=utf-8";
constexpr std::string_view kCss = "text/css; charset=utf-8";

struct Entry {
  std::string_view path;
  std::string_view content_type;
  const char* begin;
  const char* end;
};

const Entry kAssets[] = {
    {"/", kHtml, standmatchd_web_index_html_begin, standmatchd_web_index_html_end},
    {"/ui/", kHtml, standmatchd_web_index_html_begin, standmatchd_web_index_html_end},
    {"/ui/index.html", kHtml, standmatchd_web_index_html_begin, standmatchd_web_index_html_end},
    {"/ui/index.js", kJavaScript, standmatchd_web_index_js_begin, standmatchd_web_index_js_end},
    {"/ui/timetable.html", kHtml, standmatchd_web_timetable_html_begin, standmatchd_web_timetable_html_end},
    {"/ui/timetable.js", kJavaScript, standmatchd_web_timetable_js_begin, standmatchd_web_timetable_js_end},
    {"/ui/supplier.html", kHtml, standmatchd_web_supplier_html_begin, standmatchd_web_supplier_html_end},
    {"/ui/supplier.js", kJavaScript, standmatchd_web_supplier_js_begin, standmatchd_web_supplier_js_end},
    {"/ui/app.js", kJavaScript, standmatchd_web_app_js_begin, standmatchd_web_app_js_end},
    {"/ui/console.html", kHtml, standmatchd_web_console_html_begin, standmatchd_web_console_html_end},
    {"/ui/console.js", kJavaScript, standmatchd_web_console_js_begin, standmatchd_web_console_js_end},
    {"/ui/style.css", kCss, standmatchd_web_style_css_begin, standmatchd_web_style_css_end},
    {"/ui/participants.js", kJavaScript, standmatchd_web_participants_js_begin, standmatchd_web_participants_js_end},
    {"/ui/stand.html", kHtml, standmatchd_web_stand_html_begin, standmatchd_web_stand_html_end},
    {"/ui/stand.js", kJavaScript, standmatchd_web_stand_js_begin, standmatchd_web_stand_js_end},
    {"/ui/register.html", kHtml, standmatchd_web_register_html_begin, standmatchd_web_register_html_end},
    {"/ui/register.js", kJavaScript, standmatchd_web_register_js_begin, standmatchd_web_register_js_end},
    {"/ui/organiser.html", kHtml, standmatchd_web_organiser_html_begin, standmatchd_web_organiser_html_end},
    {"/ui/organiser.js", kJavaScript, standmatchd_web_organiser_js_begin, standmatchd_web_organiser_js_end},
};

}  // namespace

std::optional<WebAsset> FindWebAsset(std::string_view path) {
  // A query string or fragment does not change the page ("/ui/timetable.html?event=x").
  const std::size_t cut = path.find_first_of("?#");
  if (cut != std::string_view::npos) path = path.substr(0, cut);
  for (const Entry& entry : kAssets) {
    if (entry.path == path) {
      return WebAsset{entry.content_type,
                      std::string_view(entry.begin, static_cast<std::size_t>(entry.end - entry.begin))};
    }
  }
  return std::nullopt;
}

}  // namespace standmatchd
