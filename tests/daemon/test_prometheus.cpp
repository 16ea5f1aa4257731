// RequestMetrics: the exposition text parses back (format 0.0.4) with the right counts.
#include <catch2/catch.hpp>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "jobs.h"
#include "prometheus.h"

using standmatchd::RequestMetrics;

namespace {

struct Exposition {
  std::map<std::string, double> samples;     // "name{labels}" -> value
  std::map<std::string, std::string> types;  // family -> type
  std::set<std::string> helps;
};

// Parses TEXT strictly: every line is a HELP, a TYPE or a well-formed sample.
Exposition Parse(const std::string& text) {
  static const std::regex kSample(
      R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\})? ([^ ]+))");
  static const std::regex kHelp(R"(# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+)");
  static const std::regex kType(R"(# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram))");
  Exposition out;
  REQUIRE(!text.empty());
  REQUIRE(text.back() == '\n');
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::string line = text.substr(start, end - start);
    start = end + 1;
    std::smatch m;
    INFO(line);
    if (std::regex_match(line, m, kHelp)) {
      CHECK(out.helps.insert(m[1]).second);
    } else if (std::regex_match(line, m, kType)) {
      CHECK(out.helps.count(m[1]) == 1);  // HELP comes first
      CHECK(out.types.emplace(m[1], m[2]).second);
    } else {
      REQUIRE(std::regex_match(line, m, kSample));
      std::string family = m[1];
      for (const char* suffix : {"_bucket", "_sum", "_count"}) {
        std::string s = suffix;
        if (family.size() > s.size() && family.compare(family.size() - s.size(), s.size(), s) == 0 &&
            out.types.count(family.substr(0, family.size() - s.size()))) {
          family.resize(family.size() - s.size());
        }
      }
      CHECK(out.types.count(family) == 1);  // TYPE before its samples
      CHECK(out.samples.emplace(m[1].str() + "{" + m[3].str() + "}", std::stod(m[4])).second);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("requests are counted by route, method and status", "[metrics]") {
  RequestMetrics metrics;
  metrics.Record("/health", "GET", 200, 0.00005);
  metrics.Record("/health", "GET", 200, 0.0003);
  metrics.Record("/events/{id}", "PUT", 201, 0.02);
  metrics.Record("/events/{id}", "PUT", 400, 20.0);
  Exposition e = Parse(metrics.Text(nullptr));
  CHECK(e.types["standmatchd_requests_total"] == "counter");
  CHECK(e.types["standmatchd_request_seconds"] == "histogram");
  CHECK(e.samples["standmatchd_requests_total{route=\"/health\",method=\"GET\",status=\"200\"}"] == 2);
  CHECK(e.samples["standmatchd_requests_total{route=\"/events/{id}\",method=\"PUT\",status=\"201\"}"] == 1);
  CHECK(e.samples["standmatchd_requests_total{route=\"/events/{id}\",method=\"PUT\",status=\"400\"}"] == 1);

  CHECK(e.samples["standmatchd_request_seconds_bucket{route=\"/health\",le=\"0.0001\"}"] == 1);
  CHECK(e.samples["standmatchd_request_seconds_bucket{route=\"/health\",le=\"0.00025\"}"] == 1);
  CHECK(e.samples["standmatchd_request_seconds_bucket{route=\"/health\",le=\"0.0005\"}"] == 2);
  CHECK(e.samples["standmatchd_request_seconds_bucket{route=\"/health\",le=\"10\"}"] == 2);
  CHECK(e.samples["standmatchd_request_seconds_bucket{route=\"/health\",le=\"+Inf\"}"] == 2);
  CHECK(e.samples["standmatchd_request_seconds_count{route=\"/health\"}"] == 2);
  CHECK(e.samples["standmatchd_request_seconds_sum{route=\"/health\"}"] == Approx(0.00035));
  // 20 s is beyond the last bucket: only +Inf counts it.
  CHECK(e.samples["standmatchd_request_seconds_bucket{route=\"/events/{id}\",le=\"10\"}"] == 1);
  CHECK(e.samples["standmatchd_request_seconds_bucket{route=\"/events/{id}\",le=\"+Inf\"}"] == 2);
  CHECK(e.samples["standmatchd_request_seconds_count{route=\"/events/{id}\"}"] == 2);
  CHECK(e.types.count("standmatchd_jobs") == 0);
}

TEST_CASE("label values are escaped", "[metrics]") {
  RequestMetrics metrics;
  metrics.Record("/a\"b\\c\nd", "GET", 404, 0.001);
  std::string text = metrics.Text(nullptr);
  Exposition e = Parse(text);
  CHECK(e.samples.count("standmatchd_requests_total{route=\"/a\\\"b\\\\c\\nd\",method=\"GET\",status=\"404\"}") == 1);
}

TEST_CASE("too many distinct routes share one series", "[metrics]") {
  RequestMetrics metrics;
  for (int i = 0; i < 300; ++i) metrics.Record("/r" + std::to_string(i), "GET", 200, 0.001);
  Exposition e = Parse(metrics.Text(nullptr));
  CHECK(e.samples.count("standmatchd_request_seconds_count{route=\"/r0\"}") == 1);
  CHECK(e.samples.count("standmatchd_request_seconds_count{route=\"/r255\"}") == 1);
  CHECK(e.samples.count("standmatchd_request_seconds_count{route=\"/r256\"}") == 0);
  CHECK(e.samples["standmatchd_request_seconds_count{route=\"(other)\"}"] == 300 - 256);
}

TEST_CASE("concurrent records are all counted", "[metrics]") {
  RequestMetrics metrics;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&metrics] {
      for (int i = 0; i < 2000; ++i) metrics.Record("/health", "GET", 200, 0.0002);
    });
  }
  for (auto& t : threads) t.join();
  Exposition e = Parse(metrics.Text(nullptr));
  CHECK(e.samples["standmatchd_requests_total{route=\"/health\",method=\"GET\",status=\"200\"}"] == 8000);
  CHECK(e.samples["standmatchd_request_seconds_sum{route=\"/health\"}"] == Approx(1.6));
}

TEST_CASE("job gauges and counters come from the queue", "[metrics]") {
  standmatchd::JobQueue jobs(1, 4);
  auto id = jobs.Submit("schedule", "e", [](const auto&, std::string* error) {
    *error = "no";
    return std::string();
  });
  REQUIRE(id);
  for (int i = 0; i < 10000 && jobs.failed() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  RequestMetrics metrics;
  Exposition e = Parse(metrics.Text(&jobs));
  CHECK(e.types["standmatchd_jobs"] == "gauge");
  CHECK(e.types["standmatchd_jobs_total"] == "counter");
  CHECK(e.samples["standmatchd_jobs{state=\"queued\"}"] == 0);
  CHECK(e.samples["standmatchd_jobs{state=\"running\"}"] == 0);
  CHECK(e.samples["standmatchd_jobs_total{result=\"failed\"}"] == 1);
  CHECK(e.samples["standmatchd_jobs_total{result=\"succeeded\"}"] == 0);
  CHECK(e.samples["standmatchd_jobs_total{result=\"rejected\"}"] == 0);
}
