// standmatch generate: writes a synthetic event (standmatch.event/1) of the given size.
#include <memory>

#include "command.h"
#include "match/base/files.h"
#include "match/tools/generate.h"

namespace standmatch_cli {
namespace {

struct Opts {
  match::GenerateOptions generate;
  bool seed_given = false;
  std::string out;
};

REGISTER_COMMAND("generate", [](CLI::App& app) {
  auto opts = std::make_shared<Opts>();
  match::GenerateOptions& g = opts->generate;
  auto* sub = app.add_subcommand("generate", "write a synthetic event of the given size");
  sub->add_option("--suppliers", g.suppliers, "number of suppliers")->capture_default_str();
  sub->add_option("--stands", g.stands, "number of stands")->capture_default_str();
  sub->add_option("--needs-per-stand", g.needs_per_stand_max, "at most this many needs per stand")
      ->capture_default_str();
  sub->add_option("--tables", g.tables_max, "at most this many tables per stand")->capture_default_str();
  sub->add_option("--sessions", g.sessions, "1: a morning; 2: a morning and an afternoon")->capture_default_str();
  sub->add_option("--slots", g.slots, "meeting slots per session")->capture_default_str();
  sub->add_option("--slot-minutes", g.slot_minutes, "length of a slot")->capture_default_str();
  sub->add_flag("!--no-break", g.coffee_break, "no coffee break in the sessions");
  sub->add_option("--partial", g.partial_availability, "share of participants present only part of the time")
      ->capture_default_str();
  sub->add_option("--wishes", g.wish_share, "share of suppliers stating wishes")->capture_default_str();
  sub->add_option("--invitations", g.invitation_share, "invitations from stands, as a share of the suppliers")
      ->capture_default_str();
  sub->add_option("--seed", g.seed, "seed: same options and seed, same bytes")->required();
  sub->add_option("--out", opts->out, "write to FILE (atomically) instead of stdout");
  return std::function<int()>([opts] {
    const match::Status check = match::CheckGenerateOptions(opts->generate);
    if (!check.ok()) {
      std::cerr << "standmatch generate: " << check.ToString() << "\n";
      return kExitUsage;
    }
    const std::string text = match::GenerateEvent(opts->generate);
    if (opts->out.empty()) {
      std::cout << text;
      return kExitOk;
    }
    const match::Status written = match::WriteFileAtomic(opts->out, text);
    if (!written.ok()) return Fail(written);
    return kExitOk;
  });
});

}  // namespace
}  // namespace standmatch_cli
