// The CSV import use case (csv_event_import.h): import, load, locate.
#include "match/io/csv_event_import.h"

#include <nlohmann/json.hpp>
#include <utility>

namespace match {

Result<CsvEventImport> ImportCsvEvent(const CsvImportInput& input, const std::string& event_name,
                                      const LoadOptions& options) {
  auto imported = ImportCsv(input);
  if (!imported.ok()) return imported.status();
  CsvEventImport out;
  out.csv = std::move(imported).value();
  LoadOptions load = options;
  load.warnings = &out.load_warnings;
  auto event = ParseEvent(out.csv.event_json, event_name, load);
  if (!event.ok()) {
    std::vector<std::string> located;
    for (const auto& message : event.status().messages()) located.push_back(LocateInCsv(out.csv, event_name, message));
    return Status(event.status().code(), std::move(located));
  }
  out.event = std::move(event).value();
  return out;
}

Result<CsvImportInput> CsvImportInputFromJson(std::string_view body_text, const std::string& body_name) {
  using Json = nlohmann::ordered_json;
  Json body;
  try {
    body = Json::parse(body_text);
  } catch (const Json::exception& e) {
    return Status::Invalid(body_name + ": not JSON: " + e.what());
  }
  if (!body.is_object()) return Status::Invalid(body_name + ": expected an object");
  std::vector<std::string> errors;
  // The text under KEY into OUT (a number as JSON writes it); false when absent or wrong.
  auto text = [&](const Json& object, const std::string& key, const std::string& path, bool required,
                  std::string* out) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      if (required) errors.push_back(path + ": missing");
      return false;
    }
    if (it->is_string()) {
      *out = it->get<std::string>();
      return true;
    }
    if (it->is_number()) {
      *out = it->dump();
      return true;
    }
    errors.push_back(path + ": expected a string");
    return false;
  };
  auto list = [&](const Json& object, const std::string& key, const std::string& path, std::vector<std::string>* out) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return;
    if (!it->is_array()) {
      errors.push_back(path + ": expected a list of strings");
      return;
    }
    for (size_t i = 0; i < it->size(); ++i) {
      if ((*it)[i].is_string())
        out->push_back((*it)[i].get<std::string>());
      else
        errors.push_back(path + "[" + std::to_string(i) + "]: expected a string");
    }
  };
  CsvImportInput input;
  input.stands.name = "stands.csv";
  input.suppliers.name = "suppliers.csv";
  const std::string prefix = body_name + ".";
  text(body, "stands", prefix + "stands", true, &input.stands.text);
  text(body, "suppliers", prefix + "suppliers", true, &input.suppliers.text);
  std::string header;
  if (text(body, "header", prefix + "header", false, &header)) input.header = NamedText{"header.json", header};
  if (auto it = body.find("options"); it != body.end() && !it->is_null()) {
    if (!it->is_object()) {
      errors.push_back(prefix + "options: expected an object");
    } else {
      const std::string op = prefix + "options.";
      EventHeaderOptions& o = input.options;
      std::string value;
      if (text(*it, "name", op + "name", false, &value)) o.name = value;
      if (text(*it, "date", op + "date", false, &value)) o.date = value;
      if (text(*it, "commune", op + "commune", false, &value)) o.commune = value;
      if (text(*it, "slot_minutes", op + "slot_minutes", false, &value)) o.slot_minutes = value;
      list(*it, "territory", op + "territory", &o.territory);
      list(*it, "sessions", op + "sessions", &o.sessions);
      list(*it, "breaks", op + "breaks", &o.breaks);
    }
  }
  if (!errors.empty()) return Status(Status::Code::kInvalidInput, std::move(errors));
  return input;
}

}  // namespace match
