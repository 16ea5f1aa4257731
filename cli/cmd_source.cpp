// standmatch source EVENT --directory FILE [--top K] [--stand ID] [--json] [--invite want|must --out FILE]
#include "command.h"
#include "inputs.h"
#include "match/base/files.h"
#include "match/io/event_edit.h"
#include "match/tools/source.h"

namespace standmatch_cli {
namespace {

struct SourceCliOptions {
  InputOptions inputs;
  std::string directory, stand, invite, out, structure, lang = "fr";
  int top = 10;
  bool json = false, merge = false;
};

// "GEIQ" -> Structure::kGEIQ; nullopt when it names no kind.
std::optional<match::Structure> ParseStructure(const std::string& name) {
  for (auto k : {match::Structure::kEI, match::Structure::kETTI, match::Structure::kAI, match::Structure::kACI,
                 match::Structure::kEITI, match::Structure::kEA, match::Structure::kESAT, match::Structure::kGEIQ})
    if (match::StructureName(k) == name) return k;
  return std::nullopt;
}

REGISTER_COMMAND("source", [](CLI::App& app) {
  auto opts = std::make_shared<SourceCliOptions>();
  auto* sub =
      app.add_subcommand("source", "the structures of a directory most worth inviting to each stand, with reasons");
  AddInputOptions(sub, opts->inputs);
  sub->add_option("--directory", opts->directory, "directory of structures (CSV, e.g. the SIAE export)")->required();
  sub->add_option("--top", opts->top, "candidates per stand (0: all)")->check(CLI::NonNegativeNumber);
  sub->add_option("--stand", opts->stand, "one stand id (default: every stand)");
  sub->add_flag("--json", opts->json, "print JSON");
  sub->add_option("--lang", opts->lang, "language of the reasons: fr (default) or en");
  sub->add_option("--structure", opts->structure, "structure kind of rows that give none (e.g. GEIQ)");
  auto* invite = sub->add_option("--invite", opts->invite, "write the candidates as invitations at this level");
  invite->check(CLI::IsMember({"want", "must"}));
  auto* out = sub->add_option("--out", opts->out, "the invitations file (with --invite)");
  auto* merge =
      sub->add_flag("--merge", opts->merge, "write the event with the invitations merged in, not the invitations");
  invite->needs(out);
  out->needs(invite);
  merge->needs(invite);
  return std::function<int()>([opts] {
    const auto lang = match::ParseLang(opts->lang);
    if (!lang) {
      std::cerr << "--lang: \"" << opts->lang << "\" is not fr or en\n";
      return kExitUsage;
    }
    match::DirectoryOptions directory_options;
    if (!opts->structure.empty()) {
      auto kind = ParseStructure(opts->structure);
      if (!kind) {
        std::cerr << "--structure: \"" << opts->structure << "\" is not EI, ETTI, AI, ACI, EITI, EA, ESAT or GEIQ\n";
        return kExitUsage;
      }
      directory_options.structure = *kind;
    }
    auto inputs = LoadInputs(opts->inputs);
    if (!inputs.ok()) return Fail(inputs.status());
    const auto& event = inputs->event;
    const auto& territory = match::Territory::Builtin();
    match::SourceOptions options;
    options.top = opts->top;
    if (!opts->stand.empty()) {
      options.stand = event.FindStand(opts->stand);
      if (!options.stand)
        return Fail(match::Status::NotFound(opts->inputs.event_path + ": no stand \"" + opts->stand + "\""));
    }
    auto directory = match::LoadDirectory(opts->directory, directory_options, territory);
    if (!directory.ok()) return Fail(directory.status());
    for (const auto& w : directory->warnings) std::cerr << w << "\n";
    auto sourcing = match::Source(event, std::move(*directory), inputs->rules, territory, options);
    if (sourcing.already_suppliers > 0)
      std::cerr << opts->directory << ": " << sourcing.already_suppliers
                << " structures left out: already suppliers of the event\n";
    if (!opts->invite.empty()) {
      auto level = opts->invite == "must" ? match::Level::kMust : match::Level::kWant;
      std::string written_text = match::SourcingInvitationsJson(sourcing, level);
      if (opts->merge) {
        // The event file with the structures and their invitations, checked as a whole.
        auto event_text = match::ReadFile(opts->inputs.event_path);
        if (!event_text.ok()) return Fail(event_text.status());
        auto merged = match::MergeInvitations(*event_text, written_text, "invitations");
        if (!merged.ok()) return Fail(merged.status());
        auto check = match::ParseEvent(*merged, opts->out);
        if (!check.ok()) return Fail(check.status());
        written_text = std::move(merged).value();
      }
      auto written = match::WriteFileAtomic(opts->out, written_text);
      if (!written.ok()) return Fail(written);
    }
    if (opts->json)
      std::cout << match::SourcingJson(sourcing, territory, inputs->labels(), *lang);
    else
      std::cout << match::SourcingText(sourcing, territory, inputs->labels(), *lang);
    return kExitOk;
  });
});

}  // namespace
}  // namespace standmatch_cli
