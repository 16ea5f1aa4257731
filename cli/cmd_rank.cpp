// standmatch rank EVENT --supplier ID | --stand ID [--top K] [--json]
#include "command.h"
#include "inputs.h"
#include "match/schedule/schedule.h"
#include "match/score/ranking.h"

namespace standmatch_cli {
namespace {

struct RankOptions {
  InputOptions inputs;
  std::string supplier, stand;
  int top = 10;
  bool json = false;
  match::Lang lang = match::Lang::kFr;
};

REGISTER_COMMAND("rank", [](CLI::App& app) {
  auto opts = std::make_shared<RankOptions>();
  auto* sub = app.add_subcommand("rank", "rank the stands for a supplier, or the suppliers for a stand, with reasons");
  AddInputOptions(sub, opts->inputs);
  auto* supplier = sub->add_option("--supplier", opts->supplier, "supplier id");
  auto* stand = sub->add_option("--stand", opts->stand, "stand id");
  supplier->excludes(stand);
  sub->add_option("--top", opts->top, "how many (0: all)")->check(CLI::NonNegativeNumber);
  sub->add_flag("--json", opts->json, "print JSON");
  AddLangOption(sub, opts->lang, "the reasons");
  return std::function<int()>([opts] {
    if (opts->supplier.empty() == opts->stand.empty()) {
      std::cerr << "rank: give --supplier ID or --stand ID\n";
      return kExitUsage;
    }
    const auto lang = &opts->lang;
    auto inputs = LoadInputs(opts->inputs);
    if (!inputs.ok()) return Fail(inputs.status());
    const auto& event = inputs->event;
    const auto& territory = match::Territory::Builtin();
    bool of_supplier = !opts->supplier.empty();
    std::vector<const match::PairScore*> ranking;
    int owner = 0;
    auto table = match::Score(event, inputs->rules, territory);
    if (of_supplier) {
      auto s = event.FindSupplier(opts->supplier);
      if (!s)
        return Fail(match::Status::NotFound(opts->inputs.event_path + ": no supplier \"" + opts->supplier + "\""));
      ranking = match::RankStands(table, *s, opts->top);
      owner = *s;
    } else {
      auto t = event.FindStand(opts->stand);
      if (!t) return Fail(match::Status::NotFound(opts->inputs.event_path + ": no stand \"" + opts->stand + "\""));
      ranking = match::RankSuppliers(table, *t, opts->top);
      owner = *t;
    }
    // A supplier with nothing to rank is told why, stand by stand (the unmet reasons).
    std::vector<match::Unranked> unranked;
    if (of_supplier && ranking.empty()) unranked = match::UnrankedForRanking(event, inputs->rules, table, owner);
    if (opts->json)
      std::cout << match::RankingJson(event, table, ranking, of_supplier, owner, territory, inputs->labels(), &unranked,
                                      *lang);
    else
      std::cout << match::RankingText(event, table, ranking, of_supplier, territory, inputs->labels(), owner, &unranked,
                                      *lang);
    return kExitOk;
  });
});

}  // namespace
}  // namespace standmatch_cli
