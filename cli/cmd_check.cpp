// standmatch check EVENT SCHEDULE [--rules FILE]: verifies a schedule.json against its
// event with the independent checker (match/schedule/check.h). Prints "SCHEDULE: valid: N
// meetings" and exits 0, or every violation on stderr, one per line, and exits 1.
#include "command.h"
#include "inputs.h"
#include "match/schedule/check.h"

namespace standmatch_cli {
namespace {

struct CheckOptions {
  InputOptions inputs;
  std::string schedule_path;
};

REGISTER_COMMAND("check", [](CLI::App& app) {
  auto opts = std::make_shared<CheckOptions>();
  auto* sub = app.add_subcommand(
      "check", "verify a schedule against its event: double booking, tables, availability, breaks, eligibility");
  AddInputOptions(sub, opts->inputs);
  sub->add_option("SCHEDULE", opts->schedule_path, "schedule file (standmatch.schedule/1 JSON)")->required();
  return std::function<int()>([opts] {
    auto inputs = LoadInputs(opts->inputs);
    if (!inputs.ok()) return Fail(inputs.status());
    for (const auto& w : inputs->warnings) std::cerr << "warning: " << w << "\n";
    auto check = match::CheckScheduleFile(inputs->event, inputs->rules, opts->schedule_path);
    if (!check.ok()) return Fail(check.status());
    if (!check->valid()) {
      for (const auto& violation : check->violations) std::cerr << violation << "\n";
      return kExitBadInput;
    }
    std::cout << opts->schedule_path << ": valid: " << check->meetings << " meetings\n";
    return kExitOk;
  });
});

}  // namespace
}  // namespace standmatch_cli
