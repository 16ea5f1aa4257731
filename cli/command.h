// The standmatch command line: each subcommand lives in its own cmd_<name>.cpp and
// registers itself with REGISTER_COMMAND. Commands only parse flags, call the library
// and print; exit codes follow docs/interfaces.md: 0 success, 1 bad input, 2 bad usage,
// 3 an internal error.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>
#include <string>

#include "match/base/status.h"

namespace standmatch_cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInternal = 3;  // a failure of standmatch itself, not of its input

// Adds a subcommand to APP; returns the function main runs when it is chosen.
using Registrar = std::function<std::function<int()>(CLI::App& app)>;

// Called from static initialisers; main registers the commands in name order.
bool RegisterCommand(const std::string& name, Registrar registrar);

// Prints a failed Status on stderr and returns the exit code for it: bad input (1)
// for invalid, missing, unreadable or infeasible input, kExitInternal (3) otherwise.
inline int Fail(const match::Status& status) {
  std::cerr << status.ToString() << "\n";
  return status.code() == match::Status::Code::kInternal ? kExitInternal : kExitBadInput;
}

}  // namespace standmatch_cli

#define STANDMATCH_CONCAT2(a, b) a##b
#define STANDMATCH_CONCAT(a, b) STANDMATCH_CONCAT2(a, b)
#define REGISTER_COMMAND(name, fn) \
  static const bool STANDMATCH_CONCAT(registered_, __LINE__) = ::standmatch_cli::RegisterCommand(name, fn)
