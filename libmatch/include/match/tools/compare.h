// Comparing rule sets on one event.
//
// CompareRules scores and schedules the same event once per rule set and keeps,
// for each run, the schedule metrics and the distributions an organiser looks at
// when choosing rules: meetings per supplier and the score of the meetings held.
// The result is rendered as a side-by-side text table, as JSON, or as a
// self-contained HTML report whose plots are inline SVG (no script, no external
// asset). A Comparison owns all its data; the functions are pure and may be
// called from several threads on distinct inputs. Output is deterministic: runs
// keep the order they were given, numbers are printed with fixed precision.
#pragma once

#include <string>
#include <vector>

#include "match/base/status.h"
#include "match/domain/model.h"
#include "match/io/rules.h"
#include "match/schedule/schedule.h"

namespace match {

// One rule set to compare, under the label shown in tables and plots.
struct NamedRules {
  std::string label;
  Rules rules;
};

struct CompareRun {
  std::string label;
  std::string rules_name;
  Metrics metrics;
  std::string metrics_json;                // the "metrics" object of schedule.json
  int pairs = 0;                           // eligible (scored) pairs
  std::vector<int> meetings_per_supplier;  // per supplier index
  std::vector<double> meeting_scores;      // in schedule order
};

struct Comparison {
  std::string event_id;
  int suppliers = 0, stands = 0;
  std::vector<CompareRun> runs;  // in the order of the rule sets
};

// Equal-width histogram of VALUES over [lo, hi) with BINS bins; values outside
// are clamped into the first or last bin.
std::vector<int> Histogram(const std::vector<double>& values, double lo, double hi, int bins);

inline constexpr int kCompareScoreBins = 10;  // score histogram over [0, 1]

// Index k: the number of suppliers with k meetings in RUN, k from 0 to the most
// any supplier has in any run of COMPARISON (so that runs share their bins).
std::vector<int> MeetingsPerSupplierHistogram(const Comparison& comparison, const CompareRun& run);

// The metrics table: one row per metric, values formatted, one per run.
struct MetricRow {
  std::string name;
  std::vector<std::string> values;
};
std::vector<MetricRow> ComparisonRows(const Comparison& comparison);

// Scores and schedules EVENT once per rule set. Fails if RULE_SETS is empty or a
// schedule cannot be built (the status names the rule set).
Result<Comparison> CompareRules(const Event& event, const std::vector<NamedRules>& rule_sets);

// Metrics side by side: one row per metric, one column per run.
std::string ComparisonText(const Comparison& comparison);
// {"event", "suppliers", "stands", "runs": [{"label", "rules", "pairs", "metrics" (as in
// schedule.json), "meetings_per_supplier" (histogram), "score_histogram" (10 bins over [0, 1])}]}
std::string ComparisonJson(const Comparison& comparison);
// The HTML report (compare_html.cpp).
std::string ComparisonHtml(const Comparison& comparison);

}  // namespace match
