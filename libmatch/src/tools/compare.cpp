// Comparing rule sets: runs, text table and JSON (the HTML report is in compare_html.cpp).
#include "match/tools/compare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "match/score/ranking.h"
#include "match/score/scoring.h"

namespace match {

using ojson = nlohmann::ordered_json;

std::vector<int> Histogram(const std::vector<double>& values, double lo, double hi, int bins) {
  std::vector<int> counts(std::max(bins, 1), 0);
  const double width = (hi - lo) / counts.size();
  for (double v : values) {
    int bin = width > 0 ? static_cast<int>(std::floor((v - lo) / width)) : 0;
    bin = std::clamp(bin, 0, static_cast<int>(counts.size()) - 1);
    ++counts[bin];
  }
  return counts;
}

namespace {

int MaxMeetingsPerSupplier(const Comparison& comparison) {
  int most = 0;
  for (const auto& run : comparison.runs)
    for (int m : run.meetings_per_supplier) most = std::max(most, m);
  return most;
}

std::string FormatShare(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100);
  return buf;
}

}  // namespace

std::vector<MetricRow> ComparisonRows(const Comparison& comparison) {
  std::vector<MetricRow> rows;
  enum Kind { kCount, kValue, kPercent };
  auto add = [&](std::string name, auto get, Kind kind) {
    MetricRow row{std::move(name), {}};
    for (const auto& run : comparison.runs) {
      double v = get(run.metrics);
      char buf[32];
      if (kind == kPercent)
        std::snprintf(buf, sizeof buf, "%.1f%%", v * 100);
      else if (kind == kCount)
        std::snprintf(buf, sizeof buf, "%.0f", v);
      else
        std::snprintf(buf, sizeof buf, "%s", FormatScore(v).c_str());
      row.values.push_back(buf);
    }
    rows.push_back(std::move(row));
  };
  add(
      "meetings", [](const Metrics& m) { return double(m.meetings); }, kCount);
  add(
      "suppliers met", [](const Metrics& m) { return double(m.suppliers_met); }, kCount);
  add(
      "coverage", [](const Metrics& m) { return m.coverage; }, kPercent);
  add(
      "total score", [](const Metrics& m) { return m.total_score; }, kValue);
  add(
      "mean score", [](const Metrics& m) { return m.mean_score; }, kValue);
  add(
      "meetings per supplier", [](const Metrics& m) { return m.mean_meetings_per_supplier; }, kValue);
  add(
      "stand fill rate", [](const Metrics& m) { return m.stand_fill_rate; }, kPercent);
  add(
      "supplier breaks", [](const Metrics& m) { return double(m.supplier_breaks); }, kCount);
  add(
      "max breaks per supplier", [](const Metrics& m) { return double(m.max_supplier_breaks); }, kCount);
  add(
      "stand breaks", [](const Metrics& m) { return double(m.stand_breaks); }, kCount);
  add(
      "wishes must met", [](const Metrics& m) { return double(m.wishes_must_met); }, kCount);
  add(
      "wishes want met", [](const Metrics& m) { return double(m.wishes_want_met); }, kCount);
  add(
      "invitations must met", [](const Metrics& m) { return double(m.invitations_must_met); }, kCount);
  add(
      "invitations want met", [](const Metrics& m) { return double(m.invitations_want_met); }, kCount);
  if (!comparison.runs.empty()) {
    const auto& shares = comparison.runs.front().metrics.shares;
    for (size_t i = 0; i < shares.size(); ++i) {
      add(
          "share " + shares[i].category + " (registrants " + FormatShare(shares[i].registrants) + ")",
          [i](const Metrics& m) { return i < m.shares.size() ? m.shares[i].meetings : 0.0; }, kPercent);
    }
  }
  if (!comparison.runs.empty()) {
    // Each quota of any run: its target there, and the share reached.
    std::vector<std::string> categories;
    for (const auto& run : comparison.runs)
      for (const auto& q : run.metrics.quotas)
        if (std::find(categories.begin(), categories.end(), q.category) == categories.end())
          categories.push_back(q.category);
    for (const std::string& category : categories) {
      MetricRow target{"quota " + category + " target", {}}, reached{"quota " + category + " reached", {}};
      for (const auto& run : comparison.runs) {
        const Metrics::Quota* q = nullptr;
        for (const auto& candidate : run.metrics.quotas)
          if (candidate.category == category) q = &candidate;
        target.values.push_back(q ? FormatShare(q->target) : "-");
        reached.values.push_back(q ? FormatShare(q->reached) + (q->met ? "" : " (missed)") : "-");
      }
      rows.push_back(std::move(target));
      rows.push_back(std::move(reached));
    }
  }
  return rows;
}

std::vector<int> MeetingsPerSupplierHistogram(const Comparison& comparison, const CompareRun& run) {
  const int most = MaxMeetingsPerSupplier(comparison);
  std::vector<int> counts(most + 1, 0);
  for (int m : run.meetings_per_supplier) ++counts[std::min(m, most)];
  return counts;
}

Result<Comparison> CompareRules(const Event& event, const std::vector<NamedRules>& rule_sets) {
  if (rule_sets.empty()) return Status::Invalid("compare: no rule set given");
  Comparison out;
  out.event_id = event.id;
  out.suppliers = static_cast<int>(event.suppliers.size());
  out.stands = static_cast<int>(event.stands.size());
  for (const auto& named : rule_sets) {
    ScoreTable scores = Score(event, named.rules);
    auto schedule = BuildSchedule(event, named.rules, scores);
    if (!schedule.ok()) {
      std::vector<std::string> messages;
      for (const auto& m : schedule.status().messages()) messages.push_back(named.label + ": " + m);
      return Status(schedule.status().code(), std::move(messages));
    }
    CompareRun run;
    run.label = named.label;
    run.rules_name = named.rules.name;
    run.metrics = schedule->metrics;
    run.pairs = static_cast<int>(scores.pairs().size());
    // The metrics exactly as schedule.json has them.
    run.metrics_json = ojson::parse(ScheduleToJson(event, *schedule))["metrics"].dump();
    run.meetings_per_supplier.assign(event.suppliers.size(), 0);
    for (const auto& m : schedule->meetings) {
      ++run.meetings_per_supplier[m.supplier];
      run.meeting_scores.push_back(m.score);
    }
    out.runs.push_back(std::move(run));
  }
  return out;
}

std::string ComparisonText(const Comparison& comparison) {
  auto rows = ComparisonRows(comparison);
  size_t name_width = 6;
  for (const auto& r : rows) name_width = std::max(name_width, r.name.size());
  std::vector<size_t> widths;
  for (size_t c = 0; c < comparison.runs.size(); ++c) {
    size_t w = comparison.runs[c].label.size();
    for (const auto& r : rows) w = std::max(w, r.values[c].size());
    widths.push_back(w);
  }
  std::string out = "event " + comparison.event_id + ": " + std::to_string(comparison.suppliers) + " suppliers, " +
                    std::to_string(comparison.stands) + " stands\n";
  auto line = [&](const std::string& name, const std::vector<std::string>& cells) {
    std::string l = name + std::string(name_width - name.size(), ' ');
    for (size_t c = 0; c < cells.size(); ++c) l += "  " + std::string(widths[c] - cells[c].size(), ' ') + cells[c];
    out += l + "\n";
  };
  std::vector<std::string> labels;
  for (const auto& run : comparison.runs) labels.push_back(run.label);
  line("metric", labels);
  for (const auto& r : rows) line(r.name, r.values);
  // Why a quota was missed, run by run.
  for (const auto& run : comparison.runs)
    for (const auto& q : run.metrics.quotas)
      if (!q.met) out += run.label + ": quota " + q.category + " missed: " + q.why + "\n";
  return out;
}

std::string ComparisonJson(const Comparison& comparison) {
  ojson doc;
  doc["event"] = comparison.event_id;
  doc["suppliers"] = comparison.suppliers;
  doc["stands"] = comparison.stands;
  ojson runs = ojson::array();
  for (const auto& run : comparison.runs) {
    runs.push_back({{"label", run.label},
                    {"rules", run.rules_name},
                    {"pairs", run.pairs},
                    {"metrics", ojson::parse(run.metrics_json)},
                    {"meetings_per_supplier", MeetingsPerSupplierHistogram(comparison, run)},
                    {"score_histogram", Histogram(run.meeting_scores, 0, 1, kCompareScoreBins)}});
  }
  doc["runs"] = runs;
  return doc.dump(2) + "\n";
}

}  // namespace match
