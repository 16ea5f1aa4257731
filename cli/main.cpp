// standmatch: match suppliers to public buyers' stands at reverse-stand procurement forums.
#include <map>

#include "command.h"

namespace standmatch_cli {
namespace {
std::map<std::string, Registrar>& Registry() {
  static std::map<std::string, Registrar> registry;
  return registry;
}
}  // namespace

bool RegisterCommand(const std::string& name, Registrar registrar) {
  Registry().emplace(name, std::move(registrar));
  return true;
}

}  // namespace standmatch_cli

int main(int argc, char** argv) {
  using namespace standmatch_cli;
  CLI::App app{"standmatch: matches suppliers to public buyers' stands at reverse-stand forums"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "standmatch 0.1.0");
  std::map<std::string, std::function<int()>> runners;
  std::map<const CLI::App*, std::string> names;
  for (auto& [name, registrar] : Registry()) runners[name] = registrar(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  for (auto* sub : app.get_subcommands()) return runners.at(sub->get_name())();
  return kExitUsage;
}
