// The comparison report: one HTML page, plots as inline SVG grouped bar charts.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "match/export/timetable_html.h"
#include "match/tools/compare.h"

namespace match {
namespace {

// Bar colours: registrants first (grey), then one per run, cycling.
constexpr const char* kReferenceColor = "#9e9e9e";
constexpr const char* kRunColors[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
constexpr int kNumRunColors = sizeof kRunColors / sizeof kRunColors[0];

// Categories of the share chart, in order (Metrics::shares also has micro_pme).
constexpr const char* kShareCategories[] = {"micro", "pme", "ess", "inclusion", "local", "reuse"};

std::string Num(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", value);
  return buf;
}

struct Series {
  std::string name;
  const char* color;
  std::vector<double> values;  // one per category
};

// A grouped bar chart: one group per category, one bar per series, a legend and
// a y axis from 0 to the largest value. VALUE_TEXT formats the bar tooltips.
std::string BarChart(const std::string& title, const std::vector<std::string>& categories,
                     const std::vector<Series>& series, bool percent) {
  constexpr double kLeft = 50, kTop = 30, kPlotHeight = 200, kBottom = 40, kBarWidth = 12, kGroupGap = 14;
  const double group_width = kBarWidth * std::max<size_t>(series.size(), 1) + kGroupGap;
  const double plot_width = group_width * std::max<size_t>(categories.size(), 1);
  const double width = kLeft + plot_width + 20;
  const double legend_height = 16.0 * series.size();
  const double height = kTop + kPlotHeight + kBottom + legend_height;
  double top = 0;
  for (const auto& s : series)
    for (double v : s.values) top = std::max(top, v);
  if (top <= 0) top = 1;
  auto y = [&](double v) { return kTop + kPlotHeight * (1 - v / top); };
  auto label = [&](double v) {
    char buf[32];
    if (percent)
      std::snprintf(buf, sizeof buf, "%.1f%%", v * 100);
    else
      std::snprintf(buf, sizeof buf, "%g", v);
    return std::string(buf);
  };

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + Num(width) + "\" height=\"" + Num(height) +
                    "\" role=\"img\" aria-label=\"" + HtmlEscape(title) + "\">\n";
  svg += "<text x=\"" + Num(kLeft) + "\" y=\"18\" font-weight=\"bold\">" + HtmlEscape(title) + "</text>\n";
  // Axis and 4 grid lines.
  for (int i = 0; i <= 4; ++i) {
    double v = top * i / 4;
    svg += "<line x1=\"" + Num(kLeft) + "\" x2=\"" + Num(kLeft + plot_width) + "\" y1=\"" + Num(y(v)) + "\" y2=\"" +
           Num(y(v)) + "\" stroke=\"#ddd\"/>";
    svg += "<text x=\"" + Num(kLeft - 4) + "\" y=\"" + Num(y(v) + 4) + "\" text-anchor=\"end\" font-size=\"10\">" +
           label(v) + "</text>\n";
  }
  for (size_t c = 0; c < categories.size(); ++c) {
    double x0 = kLeft + c * group_width + kGroupGap / 2;
    for (size_t s = 0; s < series.size(); ++s) {
      double v = c < series[s].values.size() ? series[s].values[c] : 0;
      svg += "<rect x=\"" + Num(x0 + s * kBarWidth) + "\" y=\"" + Num(y(v)) + "\" width=\"" + Num(kBarWidth - 1) +
             "\" height=\"" + Num(kTop + kPlotHeight - y(v)) + "\" fill=\"" + series[s].color + "\"><title>" +
             HtmlEscape(series[s].name) + " " + HtmlEscape(categories[c]) + ": " + label(v) + "</title></rect>\n";
    }
    svg += "<text x=\"" + Num(x0 + kBarWidth * series.size() / 2) + "\" y=\"" + Num(kTop + kPlotHeight + 14) +
           "\" text-anchor=\"middle\" font-size=\"10\">" + HtmlEscape(categories[c]) + "</text>\n";
  }
  for (size_t s = 0; s < series.size(); ++s) {
    double ly = kTop + kPlotHeight + kBottom + 16.0 * s;
    svg += "<rect x=\"" + Num(kLeft) + "\" y=\"" + Num(ly - 10) + "\" width=\"10\" height=\"10\" fill=\"" +
           series[s].color + "\"/><text x=\"" + Num(kLeft + 14) + "\" y=\"" + Num(ly) + "\" font-size=\"11\">" +
           HtmlEscape(series[s].name) + "</text>\n";
  }
  return svg + "</svg>\n";
}

const char* RunColor(size_t run) { return kRunColors[run % kNumRunColors]; }

std::string SharesChart(const Comparison& comparison) {
  std::vector<std::string> categories(std::begin(kShareCategories), std::end(kShareCategories));
  auto share_of = [](const Metrics& m, const std::string& category, bool registrants) {
    for (const auto& s : m.shares)
      if (s.category == category) return registrants ? s.registrants : s.meetings;
    return 0.0;
  };
  std::vector<Series> series;
  Series reference{"registrants", kReferenceColor, {}};
  for (const auto& c : categories)
    reference.values.push_back(comparison.runs.empty() ? 0 : share_of(comparison.runs[0].metrics, c, true));
  series.push_back(std::move(reference));
  for (size_t r = 0; r < comparison.runs.size(); ++r) {
    Series s{"meetings, " + comparison.runs[r].label, RunColor(r), {}};
    for (const auto& c : categories) s.values.push_back(share_of(comparison.runs[r].metrics, c, false));
    series.push_back(std::move(s));
  }
  return BarChart("Share of meetings by supplier category, next to the share of registrants", categories, series, true);
}

std::string MeetingsChart(const Comparison& comparison) {
  std::vector<Series> series;
  size_t bins = 0;
  for (size_t r = 0; r < comparison.runs.size(); ++r) {
    auto counts = MeetingsPerSupplierHistogram(comparison, comparison.runs[r]);
    bins = std::max(bins, counts.size());
    series.push_back({comparison.runs[r].label, RunColor(r), std::vector<double>(counts.begin(), counts.end())});
  }
  std::vector<std::string> categories;
  for (size_t k = 0; k < bins; ++k) categories.push_back(std::to_string(k));
  return BarChart("Suppliers by number of meetings", categories, series, false);
}

std::string ScoresChart(const Comparison& comparison) {
  std::vector<Series> series;
  for (size_t r = 0; r < comparison.runs.size(); ++r) {
    auto counts = Histogram(comparison.runs[r].meeting_scores, 0, 1, kCompareScoreBins);
    series.push_back({comparison.runs[r].label, RunColor(r), std::vector<double>(counts.begin(), counts.end())});
  }
  std::vector<std::string> categories;
  for (int b = 0; b < kCompareScoreBins; ++b) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f-%.1f", double(b) / kCompareScoreBins, double(b + 1) / kCompareScoreBins);
    categories.push_back(buf);
  }
  return BarChart("Meetings by score", categories, series, false);
}

}  // namespace

std::string ComparisonHtml(const Comparison& comparison) {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>standmatch: rules compared on " +
      HtmlEscape(comparison.event_id) +
      "</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
      "td,th{border:1px solid #ccc;padding:2px 8px}td{text-align:right}td:first-child{text-align:left}"
      "svg{display:block;margin:1.5em 0}</style>\n</head>\n<body>\n";
  html += "<h1>Rules compared on " + HtmlEscape(comparison.event_id) + "</h1>\n<p>" +
          std::to_string(comparison.suppliers) + " suppliers, " + std::to_string(comparison.stands) +
          " stands.</p>\n<table>\n<tr><th>metric</th>";
  for (const auto& run : comparison.runs) html += "<th>" + HtmlEscape(run.label) + "</th>";
  html += "</tr>\n";
  for (const auto& row : ComparisonRows(comparison)) {
    html += "<tr><td>" + HtmlEscape(row.name) + "</td>";
    for (const auto& v : row.values) html += "<td>" + HtmlEscape(v) + "</td>";
    html += "</tr>\n";
  }
  html += "</table>\n";
  html += SharesChart(comparison);
  html += MeetingsChart(comparison);
  html += ScoresChart(comparison);
  return html + "</body>\n</html>\n";
}

}  // namespace match
