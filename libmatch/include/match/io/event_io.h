// Reading an event file (standmatch.event/1, interfaces.md §1) into an Event.
//
// The loader validates everything and reports every problem, not just the first, each
// naming the file, the JSON path and the value:
//   event.json: suppliers[3].cpv[0]: "3913" is not a CPV code
// CPV codes are accepted with or without check digit and, when an official list is
// given, must be in it; SIRET/SIREN pass the Luhn check; INSEE codes must be in the
// territory table; times are HH:MM and windows end after they start; references
// resolve; ids are unique. Unknown fields are ignored. A participant whose
// availability leaves no slot is a warning. Thread-safe (no shared state).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "match/base/status.h"
#include "match/domain/cpv.h"
#include "match/domain/model.h"

namespace match {

struct LoadOptions {
  // When set, CPV codes must be in this official list (and check digits agree with it).
  const CpvList* cpv_list = nullptr;
  // When set, receives the warnings ("... has no available slot").
  std::vector<std::string>* warnings = nullptr;
};

// FILE_NAME is used in messages only.
Result<Event> ParseEvent(std::string_view json_text, const std::string& file_name, const LoadOptions& options = {});
Result<Event> LoadEvent(const std::string& path, const LoadOptions& options = {});

}  // namespace match
