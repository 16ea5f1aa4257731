// standmatch validate EVENT: every error, or a one-line summary and the early warnings.
#include "command.h"
#include "inputs.h"
#include "match/schedule/early_warnings.h"
#include "match/score/scoring.h"

namespace standmatch_cli {
namespace {

REGISTER_COMMAND("validate", [](CLI::App& app) {
  auto opts = std::make_shared<InputOptions>();
  auto* sub = app.add_subcommand("validate", "check an event file; print a summary or every error");
  AddInputOptions(sub, *opts);
  return std::function<int()>([opts] {
    auto inputs = LoadInputs(*opts);
    if (!inputs.ok()) return Fail(inputs.status());
    for (const auto& w : inputs->warnings) std::cerr << "warning: " << w << "\n";
    const auto& e = inputs->event;
    int meetings_capacity = 0;
    for (const auto& stand : e.stands) {
      int staffed = 0;
      for (bool b : stand.slots) staffed += b;
      meetings_capacity += staffed * stand.tables;
    }
    std::cout << opts->event_path << ": valid: " << e.id << ", " << e.buyers.size() << " buyers, " << e.stands.size()
              << " stands, " << e.needs.size() << " needs, " << e.suppliers.size() << " suppliers, " << e.slots.size()
              << " slots of " << e.slot_minutes << " min, " << meetings_capacity << " meeting places";
    if (!inputs->warnings.empty()) std::cout << ", " << inputs->warnings.size() << " warnings";
    std::cout << "\n";
    auto early = match::FindEarlyWarnings(e, inputs->rules, match::Score(e, inputs->rules));
    for (const auto& line : match::EarlyWarningLines(e, early)) std::cout << "early warning: " << line << "\n";
    return kExitOk;
  });
});

}  // namespace
}  // namespace standmatch_cli
