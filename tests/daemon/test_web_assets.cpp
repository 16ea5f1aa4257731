#include <catch2/catch.hpp>

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

#include "web_assets.h"

using standmatchd::FindWebAsset;

namespace {

constexpr std::string_view kHtml = "text/html; charset=utf-8";
constexpr std::string_view kJavaScript = "text/javascript; charset=utf-8";
constexpr std::string_view kCss = "text/css; charset=utf-8";

struct Expected {
  std::string_view path;
  std::string_view content_type;
};

constexpr Expected kPages[] = {
    {"/", kHtml},
    {"/ui/index.html", kHtml},
    {"/ui/timetable.html", kHtml},
    {"/ui/supplier.html", kHtml},
    {"/ui/app.js", kJavaScript},
    {"/ui/index.js", kJavaScript},
    {"/ui/timetable.js", kJavaScript},
    {"/ui/supplier.js", kJavaScript},
    {"/ui/style.css", kCss},
    {"/ui/participants.js", kJavaScript},
    {"/ui/stand.html", kHtml},
    {"/ui/stand.js", kJavaScript},
    {"/ui/register.html", kHtml},
    {"/ui/register.js", kJavaScript},
    {"/ui/organiser.html", kHtml},
    {"/ui/organiser.js", kJavaScript},
};

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

}  // namespace

TEST_CASE("every page is embedded with its content type", "[web]") {
  for (const Expected& page : kPages) {
    INFO(page.path);
    auto asset = FindWebAsset(page.path);
    REQUIRE(asset.has_value());
    CHECK(asset->content_type == page.content_type);
    CHECK(asset->body.size() > 100);
  }
}

TEST_CASE("the root is the index page and a query string does not change the page", "[web]") {
  auto root = FindWebAsset("/");
  auto index = FindWebAsset("/ui/index.html");
  REQUIRE(root);
  REQUIRE(index);
  CHECK(root->body == index->body);
  CHECK(Contains(root->body, "<title>standmatchd</title>"));

  auto plain = FindWebAsset("/ui/timetable.html");
  auto queried = FindWebAsset("/ui/timetable.html?event=villejuif-fad-2025#token=x");
  REQUIRE(plain);
  REQUIRE(queried);
  CHECK(plain->body == queried->body);
}

TEST_CASE("embedded pages are complete files", "[web]") {
  for (std::string_view path : {"/ui/timetable.html", "/ui/supplier.html", "/ui/index.html"}) {
    INFO(path);
    auto asset = FindWebAsset(path);
    REQUIRE(asset);
    CHECK(asset->body.substr(0, 15) == "<!DOCTYPE html>");
    CHECK(Contains(asset->body, "</html>"));
    // No NUL byte from the assembler's terminator inside the body.
    CHECK(asset->body.find('\0') == std::string_view::npos);
  }
  auto timetable = FindWebAsset("/ui/timetable.html");
  CHECK(Contains(timetable->body, "id=\"grid\""));
  CHECK(Contains(timetable->body, "src=\"/ui/timetable.js\""));
  auto supplier = FindWebAsset("/ui/supplier.html");
  CHECK(Contains(supplier->body, "id=\"ranking\""));
  CHECK(Contains(supplier->body, "id=\"agenda\""));
  CHECK(Contains(supplier->body, "id=\"ics-download\""));
  auto css = FindWebAsset("/ui/style.css");
  CHECK(Contains(css->body, "@media print"));
  CHECK(Contains(css->body, "size: A4 landscape"));
}

TEST_CASE("unknown and traversing paths are not found", "[web]") {
  const std::string_view paths[] = {"",
                                    "/ui",
                                    "/ui/nope.html",
                                    "/index.html",
                                    "/timetable.html",
                                    "/ui/../ui/app.js",
                                    "/ui/./app.js",
                                    "/ui//app.js",
                                    "/../etc/passwd",
                                    "/ui/../../etc/passwd",
                                    "/ui/%2e%2e/etc/passwd",
                                    "/ui/..%2fapp.js",
                                    "/ui/app.js/",
                                    "/ui/APP.JS",
                                    "/events",
                                    "/ui/web_assets.cpp",
                                    "../CMakeLists.txt",
                                    std::string_view("/ui/app.js\0x", 12)};
  for (std::string_view path : paths) {
    INFO(std::string(path));
    CHECK_FALSE(FindWebAsset(path).has_value());
  }
}

namespace {

// No page holds any of FORBIDDEN.
void CheckNoPageContains(std::initializer_list<std::string_view> forbidden) {
  for (const Expected& page : kPages) {
    auto asset = FindWebAsset(page.path);
    REQUIRE(asset);
    for (std::string_view text : forbidden) {
      INFO(std::string(page.path) + " holds " + std::string(text));
      CHECK_FALSE(Contains(asset->body, text));
    }
  }
}

}  // namespace

TEST_CASE("pages load nothing from outside the daemon", "[web]") {
  CheckNoPageContains({"http://", "https://", "//cdn", "@import"});
}

TEST_CASE("pages keep the token out of query strings and storage, and data out of HTML", "[web]") {
  CheckNoPageContains({"localStorage", "sessionStorage", "document.cookie", "?token=", "&token=", "innerHTML",
                       "outerHTML", "insertAdjacentHTML", "document.write"});
  auto app = FindWebAsset("/ui/app.js");
  REQUIRE(app);
  CHECK(Contains(app->body, "location.hash"));
  CHECK(Contains(app->body, "'Bearer '"));
}

// The header itself is tested in test_api.cpp ("every page is served with the
// Content-Security-Policy header") and in e2e_test.sh on the real daemon.
TEST_CASE("pages hold no inline script or style, so a Content-Security-Policy of default-src 'self' lets them work",
          "[web]") {
  // No inline script, no inline style, no event-handler attribute, no eval: the pages
  // keep working when the daemon forbids all of them.
  for (std::string_view path : {"/ui/index.html", "/ui/timetable.html", "/ui/supplier.html", "/ui/stand.html",
                                "/ui/register.html", "/ui/organiser.html"}) {
    INFO(path);
    auto asset = FindWebAsset(path);
    REQUIRE(asset);
    std::string_view body = asset->body;
    for (std::size_t at = body.find("<script"); at != std::string_view::npos; at = body.find("<script", at + 1)) {
      const std::size_t end = body.find('>', at);
      REQUIRE(end != std::string_view::npos);
      CHECK(Contains(body.substr(at, end - at), " src=\"/ui/"));
      CHECK(body.substr(end + 1, 9) == "</script>");
    }
    CHECK_FALSE(Contains(body, "<style"));
    CHECK_FALSE(Contains(body, " style="));
    CHECK_FALSE(Contains(body, " onclick="));
    CHECK_FALSE(Contains(body, " onload="));
    CHECK_FALSE(Contains(body, " onsubmit="));
  }
  CheckNoPageContains({"eval(", "new Function", "javascript:"});
}
