// Loading what most commands take: an event, a rules file and the optional CPV list.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "match/base/lang.h"
#include "match/domain/cpv.h"
#include "match/export/outputs.h"
#include "match/io/event_io.h"
#include "match/io/rules.h"

namespace standmatch_cli {

struct InputOptions {
  std::string event_path;
  std::string rules_path;     // --rules FILE, default: the built-in rules
  std::string cpv_list_path;  // --cpv-list FILE, or $STANDMATCH_CPV_LIST
  std::string awards_path;    // --awards FILE: award history attached to suppliers
};

// Adds EVENT (positional, required), --rules, --cpv-list and --awards to SUB.
void AddInputOptions(CLI::App* sub, InputOptions& options);
// Adds --lang fr|en (participant-facing text: French by default) to SUB; WHAT says what
// it translates in the help.
void AddLangOption(CLI::App* sub, match::Lang& lang, const std::string& what);
// The options of the published files (agendas, pages) in LANG.
match::OutputOptions Outputs(match::Lang lang);
// Adds --cpv-list FILE (read with CpvList::LoadOptional: FILE, else $STANDMATCH_CPV_LIST).
void AddCpvListOption(CLI::App* sub, std::string& path);

struct Inputs {
  match::Event event;
  match::Rules rules;
  std::shared_ptr<const match::CpvList> cpv_list;  // null without --cpv-list
  std::vector<std::string> warnings;
  const match::CpvList* labels() const { return cpv_list.get(); }
};

match::Result<Inputs> LoadInputs(const InputOptions& options);

}  // namespace standmatch_cli
