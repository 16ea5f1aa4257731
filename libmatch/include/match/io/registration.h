// A supplier's own registration for an event (the public form of standmatchd,
// docs/daemon.md): the fields a supplier gives about itself, checked as the event
// file checks a supplier record (SIRET check digit with its reason, INSEE commune,
// size, structure, CPV codes, windows).
//
// Accepted fields: name and siret (required), commune, size, ess, structure, cpv and/or
// activity (one of them required), available, email, phone. Others are refused, so a
// registration carries nothing the organiser did not ask for. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "match/base/status.h"
#include "match/io/event_io.h"

namespace match {

struct Registration {
  std::string name;
  std::string siret;
  // The supplier record to add to the event file (a JSON object without "id").
  std::string supplier_json;
};

// BODY as a registration; errors name FILE and the field (`siret`) with the value.
Result<Registration> ParseRegistration(std::string_view body, const std::string& file, const LoadOptions& options = {});

}  // namespace match
