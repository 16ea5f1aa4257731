// standmatch compare EVENT --rules A B ...: several rule sets on one event, side by side.
#include <filesystem>

#include "command.h"
#include "match/base/files.h"
#include "match/io/event_io.h"
#include "match/tools/compare.h"

namespace standmatch_cli {
namespace {

struct CompareOptions {
  std::string event_path;
  std::vector<std::string> rules_paths;
  bool json = false;
  std::string html;
};

// The label of a rules file in the table: its file name without .json, made
// unique by a suffix when two files share it.
std::string Label(const std::string& path, const std::vector<match::NamedRules>& before) {
  std::string label = path == "default" ? path : std::filesystem::path(path).stem().string();
  std::string unique = label;
  for (int n = 2;; ++n) {
    bool taken = false;
    for (const auto& r : before) taken = taken || r.label == unique;
    if (!taken) return unique;
    unique = label + "#" + std::to_string(n);
  }
}

REGISTER_COMMAND("compare", [](CLI::App& app) {
  auto opts = std::make_shared<CompareOptions>();
  auto* sub = app.add_subcommand("compare", "run several rule sets on one event and print their metrics side by side");
  sub->add_option("EVENT", opts->event_path, "event file (standmatch.event/1 JSON)")->required();
  sub->add_option("--rules", opts->rules_paths,
                  "rules files to compare (standmatch.rules/1 JSON); the word `default` stands for the built-in rules")
      ->required()
      ->expected(1, -1);
  sub->add_flag("--json", opts->json, "print the comparison as JSON instead of a table");
  sub->add_option("--html", opts->html, "also write an HTML report with plots (inline SVG) to this file");
  return std::function<int()>([opts] {
    std::vector<match::NamedRules> rule_sets;
    for (const auto& path : opts->rules_paths) {
      match::NamedRules named;
      named.label = Label(path, rule_sets);
      if (path == "default" && !std::filesystem::exists(path)) {
        named.rules = match::Rules::Default();
      } else {
        auto rules = match::Rules::Load(path);
        if (!rules.ok()) return Fail(rules.status());
        named.rules = std::move(rules).value();
      }
      rule_sets.push_back(std::move(named));
    }
    auto event = match::LoadEvent(opts->event_path);
    if (!event.ok()) return Fail(event.status());
    auto comparison = match::CompareRules(*event, rule_sets);
    if (!comparison.ok()) return Fail(comparison.status());
    if (!opts->html.empty()) {
      if (auto st = match::WriteFileAtomic(opts->html, match::ComparisonHtml(*comparison)); !st.ok()) return Fail(st);
    }
    std::cout << (opts->json ? match::ComparisonJson(*comparison) : match::ComparisonText(*comparison));
    return kExitOk;
  });
});

}  // namespace
}  // namespace standmatch_cli
