// standmatch fit --awards FILE [--rules START] --out RULES [--json]
#include <cstdio>

#include "command.h"
#include "match/base/files.h"
#include "match/io/awards_io.h"
#include "match/tools/fit.h"

namespace standmatch_cli {
namespace {

struct FitCommandOptions {
  std::string awards, rules, out;
  match::FitOptions fit;
  bool json = false;
};

REGISTER_COMMAND("fit", [](CLI::App& app) {
  auto opts = std::make_shared<FitCommandOptions>();
  auto* sub = app.add_subcommand("fit", "learn criterion weights from award history and write a rules file");
  sub->add_option("--awards", opts->awards, "award history: DECP JSON ({\"marches\": [...]}) or flat CSV")->required();
  sub->add_option("--rules", opts->rules, "starting rules (tables, gates, other weights); default: built-in rules");
  sub->add_option("--out", opts->out, "the rules file to write")->required();
  sub->add_option("--folds", opts->fit.folds, "held-out parts per scheme (default 5)")->check(CLI::Range(2, 100));
  sub->add_option("--cpv-cap", opts->fit.cpv_cap, "CPV codes per supplier profile (default 10)")
      ->check(CLI::Range(1, 1000));
  sub->add_flag("--json", opts->json, "print the report as JSON");
  return std::function<int()>([opts] {
    match::Rules start = match::Rules::Default();
    if (!opts->rules.empty()) {
      auto rules = match::Rules::Load(opts->rules);
      if (!rules.ok()) return Fail(rules.status());
      start = std::move(rules).value();
    }
    auto awards = match::LoadAwards(opts->awards);
    if (!awards.ok()) return Fail(awards.status());
    match::FitReport report;
    auto fitted = match::FitWeights(awards->awards, start, opts->fit, &report);
    if (!fitted.ok()) return Fail(match::Status::Invalid(opts->awards + ": " + fitted.status().ToString()));
    if (auto written = match::WriteFileAtomic(opts->out, fitted->ToJson() + "\n"); !written.ok()) return Fail(written);
    std::string weights;
    for (int c = 0; c < match::kNumCriteria; ++c) {
      char w[64];
      std::snprintf(w, sizeof w, "%s\"%s\": %.6g", c ? ", " : "",
                    std::string(match::CriterionName(static_cast<match::Criterion>(c))).c_str(), fitted->weights[c]);
      weights += w;
    }
    char line[512];
    if (opts->json) {
      std::snprintf(line, sizeof line,
                    "{\"contracts\": %d, \"left_out\": %d, \"questions\": %d, \"missed\": %d, \"candidates\": %lld, "
                    "\"loss\": [%.6f, %.6f], \"hit10\": [%.6f, %.6f], ",
                    report.contracts, awards->left_out, report.questions, report.missed,
                    static_cast<long long>(report.candidates), report.loss_start, report.loss_fit, report.hit10_start,
                    report.hit10_fit);
      std::cout << line << "\"weights\": {" << weights << "}}\n";
    } else {
      std::snprintf(line, sizeof line,
                    "%d contracts (%d records left out); %d held-out questions (%d with no candidate awardee), "
                    "%lld candidates\nloss %.4f -> %.4f, hit@10 %.1f%% -> %.1f%% (held out inside the award set)\n",
                    report.contracts, awards->left_out, report.questions, report.missed,
                    static_cast<long long>(report.candidates), report.loss_start, report.loss_fit,
                    100 * report.hit10_start, 100 * report.hit10_fit);
      std::cout << line << "weights: " << weights << "\nwrote " << opts->out << "\n";
    }
    return kExitOk;
  });
});

}  // namespace
}  // namespace standmatch_cli
