// Reading the parts of an event file, shared by the event loader and the changes file
// (a walk-in carries a full supplier record). Internal.
#pragma once

#include "io/json_reader.h"
#include "match/io/event_io.h"

namespace match {

// Reads one supplier record at PATH into SUPPLIER (wishes are returned by name in
// WISHES, resolved by the caller). Derives size and ESS status.
void ReadSupplier(JsonReader& reader, const nlohmann::json& node, const std::string& path, const LoadOptions& options,
                  Supplier& supplier, std::vector<std::pair<std::string, Level>>& wishes);

// Checks an INSEE commune code (syntax and territory table); reports at PATH.
bool CheckCommune(JsonReader& reader, const std::string& path, const std::string& code);

// Warns when a participant's availability leaves no slot.
void WarnNoSlot(JsonReader& reader, const std::string& path, const std::vector<bool>& slots);

}  // namespace match
