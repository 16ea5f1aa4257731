#include "prometheus.h"

#include <array>
#include <charconv>
#include <map>
#include <mutex>
#include <tuple>

#include "jobs.h"

namespace standmatchd {
namespace {

// Upper bounds of the latency buckets, in seconds: 0.1 ms to 10 s.
constexpr std::array<double, 16> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                             0.05,   0.1,     0.25,   0.5,   1,      2.5,   5,    10};
// Distinct routes kept apart; the others (a caller passing concrete paths) share one
// series, route="(other)".
constexpr std::size_t kMaxRoutes = 256;

struct Histogram {
  std::array<long long, kBuckets.size()> counts{};  // per bucket, not cumulative
  long long count = 0;
  double sum = 0;
};

// The shortest plain decimal (no exponent) that reads back as V.
std::string Number(double v) {
  char buffer[400];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed);
  return ec == std::errc() ? std::string(buffer, end) : std::string("NaN");
}

// A label value as the text format wants it: backslash, quote and newline escaped.
std::string Escaped(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void Header(std::string& out, const char* name, const char* type, const char* help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

}  // namespace

struct RequestMetrics::Impl {
  mutable std::mutex mu;  // guards the maps; held for one lookup per request
  std::map<std::tuple<std::string, std::string, int>, long long, std::less<>> requests;
  std::map<std::string, Histogram, std::less<>> latency;
};

RequestMetrics::RequestMetrics() : impl_(std::make_unique<Impl>()) {}
RequestMetrics::~RequestMetrics() = default;

void RequestMetrics::Record(const std::string& route, const std::string& method, int status, double seconds) {
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  static const std::string kOtherRoute = "(other)";
  std::lock_guard<std::mutex> lock(impl_->mu);
  auto histogram = impl_->latency.find(route);
  bool known = histogram != impl_->latency.end();
  const std::string& name = known || impl_->latency.size() < kMaxRoutes ? route : kOtherRoute;
  if (!known) histogram = impl_->latency.try_emplace(name).first;
  if (bucket < kBuckets.size()) ++histogram->second.counts[bucket];
  ++histogram->second.count;
  histogram->second.sum += seconds;

  auto key = std::tie(name, method, status);
  auto counter = impl_->requests.find(key);
  if (counter == impl_->requests.end()) {
    counter = impl_->requests.emplace(std::make_tuple(name, method, status), 0).first;
  }
  ++counter->second;
}

std::string RequestMetrics::Text(const JobQueue* jobs) const {
  std::string out;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    Header(out, "standmatchd_requests_total", "counter",
           "HTTP requests answered, by route pattern, method and status.");
    for (const auto& [key, count] : impl_->requests) {
      const auto& [route, method, status] = key;
      out += "standmatchd_requests_total{route=\"" + Escaped(route) + "\",method=\"" + Escaped(method) +
             "\",status=\"" + std::to_string(status) + "\"} " + std::to_string(count) + "\n";
    }
    Header(out, "standmatchd_request_seconds", "histogram", "Time to answer a request, in seconds, by route pattern.");
    for (const auto& [route, histogram] : impl_->latency) {
      std::string label = "route=\"" + Escaped(route) + "\"";
      long long cumulative = 0;
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += histogram.counts[i];
        out += "standmatchd_request_seconds_bucket{" + label + ",le=\"" + Number(kBuckets[i]) + "\"} " +
               std::to_string(cumulative) + "\n";
      }
      out += "standmatchd_request_seconds_bucket{" + label + ",le=\"+Inf\"} " + std::to_string(histogram.count) + "\n";
      out += "standmatchd_request_seconds_sum{" + label + "} " + Number(histogram.sum) + "\n";
      out += "standmatchd_request_seconds_count{" + label + "} " + std::to_string(histogram.count) + "\n";
    }
  }
  if (jobs != nullptr) {
    Header(out, "standmatchd_jobs", "gauge", "Jobs waiting for a worker or running now.");
    out += "standmatchd_jobs{state=\"queued\"} " + std::to_string(jobs->queued()) + "\n";
    out += "standmatchd_jobs{state=\"running\"} " + std::to_string(jobs->running()) + "\n";
    Header(out, "standmatchd_jobs_total", "counter",
           "Jobs since start, by result: succeeded, failed, or rejected (queue full).");
    out += "standmatchd_jobs_total{result=\"succeeded\"} " + std::to_string(jobs->succeeded()) + "\n";
    out += "standmatchd_jobs_total{result=\"failed\"} " + std::to_string(jobs->failed()) + "\n";
    out += "standmatchd_jobs_total{result=\"rejected\"} " + std::to_string(jobs->rejected()) + "\n";
  }
  return out;
}

}  // namespace standmatchd
