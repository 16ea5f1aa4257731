// standmatch scores EVENT: every eligible pair as CSV on stdout.
#include "command.h"
#include "inputs.h"
#include "match/score/ranking.h"

namespace standmatch_cli {
namespace {

REGISTER_COMMAND("scores", [](CLI::App& app) {
  auto opts = std::make_shared<InputOptions>();
  auto* sub = app.add_subcommand("scores", "print every eligible (supplier, stand) pair with its score as CSV");
  AddInputOptions(sub, *opts);
  return std::function<int()>([opts] {
    auto inputs = LoadInputs(*opts);
    if (!inputs.ok()) return Fail(inputs.status());
    std::cout << match::ScoresCsv(inputs->event, match::Score(inputs->event, inputs->rules));
    return kExitOk;
  });
});

}  // namespace
}  // namespace standmatch_cli
