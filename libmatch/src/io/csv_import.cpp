// CSV import (match/io/csv_import.h): the event header, then the two sheets
// (csv_sheet.h) assembled into the event file, every problem in one pass.
#include "match/io/csv_import.h"

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string_view>

#include "base/limits.h"
#include "io/csv_sheet.h"
#include "io/csv_values.h"
#include "match/base/files.h"

namespace match {

using namespace csv_import;

namespace {

// The event header: header file, then command-line values. Problems of the values go
// to OPTIONS, those of the header file (or of the whole header without one) to HEADER.
Json BuildHeader(const CsvImportInput& input, Diagnostics& options, Diagnostics& header) {
  Json event = Json::object();
  if (input.header) {
    std::string problem = JsonTextProblem(input.header->text);
    Json parsed = problem.empty() ? Json::parse(input.header->text, nullptr, false) : Json();
    if (!problem.empty()) {
      header.Error("", problem);
    } else if (parsed.is_discarded() || !parsed.is_object()) {
      header.Error("", "not a JSON object");
    } else {
      event = parsed.contains("event") && parsed["event"].is_object() ? parsed["event"] : parsed;
    }
  }
  const EventHeaderOptions& o = input.options;
  std::string error;
  if (o.id) event["id"] = *o.id;
  if (o.name) event["name"] = *o.name;
  if (o.date) event["date"] = *o.date;
  if (o.commune) event["commune"] = *o.commune;
  if (!o.territory.empty()) event["territory"] = o.territory;
  // Command-line values are checked here; the header file's by the event loader.
  auto option_error = [&](std::string_view option, const std::string& text) {
    options.Error(std::string(option), text);
  };
  if (!o.sessions.empty()) {
    Json sessions = Json::array();
    for (const auto& s : o.sessions) {
      auto window = ParseWindow(s, &error);
      if (window)
        sessions.push_back(*window);
      else
        option_error("--session", error);
    }
    event["sessions"] = sessions;
  }
  if (o.slot_minutes) {
    auto value = ParseNumber(*o.slot_minutes, &error);
    if (!value || *value < 1 || std::floor(*value) != *value) {
      option_error("--slot-minutes", Quote(*o.slot_minutes) + " is not a whole number of minutes");
    } else {
      event["slot_minutes"] = static_cast<int64_t>(*value);
    }
  }
  if (!o.breaks.empty()) {
    Json breaks = Json::array();
    for (const auto& b : o.breaks) {
      std::string label;
      auto window = ParseWindow(b, &error, &label);
      if (!window) {
        option_error("--break", error);
        continue;
      }
      if (!label.empty()) (*window)["label"] = label;
      breaks.push_back(*window);
    }
    event["breaks"] = breaks;
  }
  if (o.date) {
    static const std::regex kDate(R"(^\d{4}-\d{2}-\d{2}$)");
    if (!std::regex_match(*o.date, kDate)) {
      option_error("--date", Quote(*o.date) + " is not a date (YYYY-MM-DD)");
    }
  }
  for (std::string_view required : {"id", "name", "date", "sessions", "slot_minutes"}) {
    bool rejected = required == "slot_minutes" && o.slot_minutes;  // reported above
    if (!event.contains(required) && !rejected) {
      (input.header ? header : options)
          .Error("", "the event has no \"" + std::string(required) + "\" (give --" +
                         (required == "slot_minutes" ? std::string("slot-minutes")
                          : required == "sessions"   ? std::string("session")
                                                     : std::string(required)) +
                         " or put it in the header file)");
    }
  }
  // Stable key order: the fields of §1 first, then any others in file order.
  Json ordered = Json::object();
  for (std::string_view key : {"id", "name", "date", "commune", "territory", "sessions", "slot_minutes", "breaks"}) {
    if (event.contains(key)) ordered[std::string(key)] = event[std::string(key)];
  }
  for (auto it = event.begin(); it != event.end(); ++it) {
    if (!ordered.contains(it.key())) ordered[it.key()] = it.value();
  }
  return ordered;
}

}  // namespace

Result<CsvImportOutput> ImportCsv(const CsvImportInput& input) {
  // One Diagnostics per input, in the order messages come out: command-line values
  // (named by option), the header file, the stands sheet, the suppliers sheet.
  Diagnostics options(""), header(input.header ? input.header->name : ""), stands_diag(input.stands.name),
      suppliers_diag(input.suppliers.name);

  Json event = BuildHeader(input, options, header);
  StandsSheet stands = ReadStands(input.stands, stands_diag, input.cpv_list);
  SuppliersSheet suppliers = ReadSuppliers(input.suppliers, suppliers_diag, input.cpv_list);

  Json out = Json::object();
  out["format"] = "standmatch.event/1";
  out["event"] = event;
  CsvImportOutput result;
  auto origin = [&](std::string path, const Diagnostics& file, int line) {
    result.origins[std::move(path)] = file.file() + ":" + std::to_string(line);
  };
  // A field's origin also names its column as titled in the file.
  auto field_origin = [&](const std::string& path, const Diagnostics& file, int line,
                          const std::map<std::string, std::string, std::less<>>& titles, const ColumnSpec& spec) {
    auto title = titles.find(spec.key);
    if (title == titles.end()) return;
    result.origins[path + "." + std::string(FieldName(spec))] =
        file.file() + ":" + std::to_string(line) + ": column " + Quote(title->second);
  };
  auto merged_origins = [&](const std::string& path, const Merged& entity, std::string_view prefix) {
    for (const ColumnSpec& spec : StandColumns()) {
      if (!spec.key.starts_with(prefix) || spec.key == "buyer_id") continue;
      auto field = entity.fields.find(spec.key);
      if (field != entity.fields.end()) field_origin(path, stands_diag, field->second.line, stands.titles, spec);
    }
  };
  if (input.header) result.origins["event"] = input.header->name;
  Json buyers = Json::array();
  for (const Merged& b : stands.buyers) {
    origin("buyers[" + std::to_string(buyers.size()) + "]", stands_diag, b.line);
    merged_origins("buyers[" + std::to_string(buyers.size()) + "]", b, "buyer_");
    Json buyer = Json::object();
    for (std::string_view key :
         {"buyer_id", "buyer_name", "buyer_kind", "buyer_commune", "buyer_departement", "buyer_siret"}) {
      if (key == "buyer_id") {
        buyer["id"] = b.id;
      } else if (const Json* v = FieldOf(b, key)) {
        buyer[std::string(key.substr(6))] = *v;
      }
    }
    buyers.push_back(std::move(buyer));
  }
  out["buyers"] = buyers;

  Json stand_list = Json::array();
  Json invitations = Json::array();
  for (size_t s = 0; s < stands.stands.size(); ++s) {
    const Merged& m = stands.stands[s];
    std::string path = "stands[" + std::to_string(s) + "]";
    origin(path, stands_diag, m.line);
    for (std::string_view prefix : {"stand_", "tables"}) merged_origins(path, m, prefix);
    for (size_t n = 0; n < stands.need_lines[s].size(); ++n) {
      std::string need_path = path + ".needs[" + std::to_string(n) + "]";
      origin(need_path, stands_diag, stands.need_lines[s][n]);
      for (const ColumnSpec& spec : StandColumns()) {
        bool of_need = spec.key.starts_with("need_") || stands.needs[s][n].contains(std::string(FieldName(spec)));
        if (of_need && !spec.key.starts_with("buyer_") && !spec.key.starts_with("stand_") && spec.key != "tables" &&
            spec.key != "invitations")
          field_origin(need_path, stands_diag, stands.need_lines[s][n], stands.titles, spec);
      }
    }
    Json stand = Json::object();
    stand["id"] = m.id;
    if (const Json* v = FieldOf(m, "buyer_id")) stand["buyer"] = *v;
    if (const Json* v = FieldOf(m, "stand_title")) stand["title"] = *v;
    if (const Json* v = FieldOf(m, "tables")) stand["tables"] = *v;
    if (const Json* v = FieldOf(m, "stand_available")) stand["available"] = *v;
    stand["needs"] = stands.needs[s];
    stand_list.push_back(std::move(stand));
    std::vector<int> invited_lines;
    Json invited = Interests(stands.invitations[s], stands.invitations_header, stands_diag, "supplier",
                             suppliers.supplier_index, suppliers.complete, &invited_lines);
    for (size_t i = 0; i < invited.size(); ++i) {
      origin("invitations[" + std::to_string(invitations.size()) + "]", stands_diag, invited_lines[i]);
      invitations.push_back(
          Json{{"stand", m.id}, {"supplier", invited[i]["supplier"]}, {"level", invited[i]["level"]}});
    }
  }
  out["stands"] = stand_list;

  Json supplier_list = Json::array();
  for (size_t i = 0; i < suppliers.suppliers.size(); ++i) {
    Json supplier = suppliers.suppliers[i];
    origin("suppliers[" + std::to_string(i) + "]", suppliers_diag, suppliers.lines[i]);
    for (const ColumnSpec& spec : SupplierColumns())
      field_origin("suppliers[" + std::to_string(i) + "]", suppliers_diag, suppliers.lines[i], suppliers.titles, spec);
    Json wishes = Interests(suppliers.wishes[i], suppliers.wishes_header, suppliers_diag, "stand", stands.stand_index,
                            stands.complete, nullptr);
    if (!wishes.empty()) supplier["wishes"] = wishes;
    supplier_list.push_back(std::move(supplier));
  }
  out["suppliers"] = supplier_list;
  out["invitations"] = invitations;

  // Errors then warnings, each by file, then line, then discovery.
  std::vector<std::string> errors, warnings;
  for (Diagnostics* diag : {&options, &header, &stands_diag, &suppliers_diag}) {
    diag->SortByLine();
    errors.insert(errors.end(), diag->errors().begin(), diag->errors().end());
    for (auto& w : diag->MarkedWarnings()) warnings.push_back(std::move(w));
  }
  if (!errors.empty()) {
    errors.insert(errors.end(), warnings.begin(), warnings.end());
    return Status(Status::Code::kInvalidInput, std::move(errors));
  }
  result.event_json = out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
  result.warnings = std::move(warnings);
  return result;
}

bool IsCsvImportWarning(const std::string& message) {
  // As Diagnostics::MarkedWarnings writes them: "warning: " after the place, or first.
  return message.rfind("warning: ", 0) == 0 || message.find(": warning: ") != std::string::npos;
}

std::string LocateInCsv(const CsvImportOutput& output, const std::string& event_name, const std::string& message) {
  std::string prefix = event_name + ": ";
  if (message.compare(0, prefix.size(), prefix) != 0) return message;
  std::string_view rest = std::string_view(message).substr(prefix.size());
  std::string_view path = rest.substr(0, rest.find(": "));
  // The longest origin that is the path or an ancestor of it.
  for (std::string_view candidate = path; !candidate.empty();) {
    auto it = output.origins.find(std::string(candidate));
    if (it != output.origins.end()) return it->second + ": " + std::string(rest);
    size_t cut = candidate.find_last_of(".[");
    if (cut == std::string_view::npos) break;
    candidate = candidate.substr(0, cut);
  }
  return message;
}

Status ReadCsvImportFiles(CsvImportInput* input) {
  std::vector<std::string> errors;
  auto read = [&](NamedText* named) {
    auto text = ReadFile(named->name);
    if (text.ok()) {
      named->text = std::move(text).value();
    } else {
      for (const auto& m : text.status().messages()) errors.push_back(m);
    }
  };
  read(&input->stands);
  read(&input->suppliers);
  if (input->header) read(&*input->header);
  return errors.empty() ? Status() : Status(Status::Code::kIoError, errors);
}

}  // namespace match
