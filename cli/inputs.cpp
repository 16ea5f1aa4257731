#include "inputs.h"

#include "match/io/awards_io.h"

namespace standmatch_cli {

void AddInputOptions(CLI::App* sub, InputOptions& options) {
  sub->add_option("EVENT", options.event_path, "event file (standmatch.event/1 JSON)")->required();
  sub->add_option("--rules", options.rules_path, "rules file (standmatch.rules/1 JSON); default: built-in rules");
  AddCpvListOption(sub, options.cpv_list_path);
  sub->add_option("--awards", options.awards_path,
                  "award history (DECP JSON or flat CSV), attached to suppliers by SIRET or SIREN");
}

void AddCpvListOption(CLI::App* sub, std::string& path) {
  sub->add_option("--cpv-list", path,
                  "official CPV list (CSV with a code column and fr/en labels); default: $STANDMATCH_CPV_LIST");
}

void AddLangOption(CLI::App* sub, match::Lang& lang, const std::string& what) {
  sub->add_option_function<std::string>(
         "--lang", [&lang](const std::string& name) { lang = *match::ParseLang(name); },
         "language of " + what + ": fr (default) or en")
      ->check(CLI::IsMember({"fr", "en"}));
}

match::OutputOptions Outputs(match::Lang lang) {
  match::OutputOptions options;
  options.ics.lang = lang;
  options.html.lang = lang;
  return options;
}

match::Result<Inputs> LoadInputs(const InputOptions& options) {
  Inputs inputs;
  auto cpv_list = match::CpvList::LoadOptional(options.cpv_list_path);
  if (!cpv_list.ok()) return cpv_list.status();
  inputs.cpv_list = std::move(cpv_list).value();
  if (options.rules_path.empty()) {
    inputs.rules = match::Rules::Default();
  } else {
    auto rules = match::Rules::Load(options.rules_path);
    if (!rules.ok()) return rules.status();
    inputs.rules = std::move(rules).value();
  }
  match::LoadOptions load;
  load.cpv_list = inputs.cpv_list.get();
  load.warnings = &inputs.warnings;
  auto event = match::LoadEvent(options.event_path, load);
  if (!event.ok()) return event.status();
  inputs.event = std::move(event).value();
  if (!options.awards_path.empty()) {
    auto awards = match::LoadAwards(options.awards_path);
    if (!awards.ok()) return awards.status();
    int attached = match::AttachAwards(inputs.event, awards->awards);
    if (attached == 0)
      inputs.warnings.push_back(options.awards_path + ": no supplier's SIRET matches an awardee of its " +
                                std::to_string(awards->awards.size()) + " awards");
  }
  return inputs;
}

}  // namespace standmatch_cli
