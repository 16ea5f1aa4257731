#include "match/io/rules.h"

#include <nlohmann/json.hpp>
#include <sstream>
#include <variant>
#include <vector>

#include "base/embedded.h"
#include "base/limits.h"
#include "io/json_reader.h"
#include "match/base/files.h"

namespace match {
namespace {

using json = nlohmann::ordered_json;  // keeps the file's key order for messages

struct Field {
  std::string path;
  std::variant<double*, int*, int64_t*, bool*, std::string*> target;
  double min = 0, max = 0;
};

// Every key of the rules file, its place in Rules, and its valid range.
std::vector<Field> Fields(Rules& r) {
  std::vector<Field> f;
  f.push_back({"name", &r.name});
  for (int c = 0; c < kNumCriteria; ++c)
    f.push_back({"weights." + std::string(CriterionName(static_cast<Criterion>(c))), &r.weights[c], 0, 1e6});
  for (int depth = 2; depth <= 8; ++depth)
    f.push_back({"cpv_depth." + std::to_string(depth), &r.cpv_depth[depth], 0, 1});
  f.push_back({"cpv_contained", &r.cpv_contained, 0, 1});
  const char* sizes[] = {"unknown", "micro", "pme", "eti", "ge"};
  for (int s = 0; s < 5; ++s) f.push_back({std::string("size.") + sizes[s], &r.size[s], 0, 1});
  f.push_back({"ess", &r.ess, 0, 1});
  f.push_back({"inclusion.siae", &r.inclusion.siae, 0, 1});
  f.push_back({"inclusion.disability", &r.inclusion.disability, 0, 1});
  f.push_back({"inclusion.geiq", &r.inclusion.geiq, 0, 1});
  f.push_back({"inclusion.with_insertion_clause", &r.inclusion.with_insertion_clause, 0, 1});
  const char* tiers[] = {"same_commune", "same_intercommunality", "same_departement", "same_region", "elsewhere",
                         "unknown"};
  for (int t = 0; t < 6; ++t) f.push_back({std::string("locality.") + tiers[t], &r.locality[t], 0, 1});
  f.push_back({"locality.in_territory", &r.in_territory, 0, 1});
  f.push_back({"reuse.wanted", &r.reuse.wanted, 0, 1});
  f.push_back({"reuse.not_wanted", &r.reuse.not_wanted, 0, 1});
  f.push_back({"mutual.wish_must", &r.mutual.wish_must, 0, 1});
  f.push_back({"mutual.wish_want", &r.mutual.wish_want, 0, 1});
  f.push_back({"mutual.invitation_must", &r.mutual.invitation_must, 0, 1});
  f.push_back({"mutual.invitation_want", &r.mutual.invitation_want, 0, 1});
  f.push_back({"text.full", &r.text.full, 0.01, 1});
  f.push_back({"text.candidate_max_needs", &r.text.candidate_max_needs, 0, 1e9});
  f.push_back({"history.half_count", &r.history.half_count, 0.01, 1e6});
  f.push_back({"history.size_decades", &r.history.size_decades, 0.01, 100});
  f.push_back({"gates.min_relevance", &r.min_relevance, 0, 1});
  f.push_back({"gates.min_text", &r.min_text, 0, 1});
  f.push_back({"gates.wish_overrides_min_relevance", &r.wish_overrides_min_relevance});
  f.push_back({"gates.enforce_reserved", &r.enforce_reserved});
  f.push_back({"default_max_meetings", &r.default_max_meetings, 1, 1000});
  f.push_back({"selection.cover_suppliers", &r.selection.cover_suppliers});
  f.push_back({"selection.score_scale", &r.selection.score_scale, 1, 1e6});
  f.push_back({"selection.quotas.micro", &r.selection.quota_micro, 0, 1});
  f.push_back({"selection.quotas.ess", &r.selection.quota_ess, 0, 1});
  f.push_back({"selection.quotas.inclusion", &r.selection.quota_inclusion, 0, 1});
  f.push_back({"selection.quotas.local", &r.selection.quota_local, 0, 1});
  f.push_back({"timetable.fairness", &r.timetable.fairness, -1, 1000});
  f.push_back({"replan.max_moves_per_participant", &r.replan.max_moves_per_participant, 0, 1000});
  f.push_back({"replan.min_notice_minutes", &r.replan.min_notice_minutes, 0, 1440});
  f.push_back({"unmet_best_pairs", &r.unmet_best_pairs, 0, 1000});
  return f;
}

// Flattens nested objects into dotted paths; arrays and scalars are leaves.
void Flatten(const json& node, const std::string& prefix, std::vector<std::pair<std::string, const json*>>& out) {
  if (node.is_object()) {  // an empty object sets nothing
    for (auto it = node.begin(); it != node.end(); ++it)
      Flatten(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key(), out);
  } else {
    out.emplace_back(prefix, &node);
  }
}

std::string FormatNumber(double v) {
  std::ostringstream s;
  s.precision(12);
  s << v;
  return s.str();
}

}  // namespace

std::string_view CriterionName(Criterion criterion) {
  static constexpr std::string_view kNames[kNumCriteria] = {
      "relevance", "size",    "ess",          "inclusion",    "locality", "reuse",       "mutual",
      "text",      "history", "history_text", "track_record", "size_fit", "repeat_buyer"};
  return kNames[static_cast<int>(criterion)];
}

Result<Rules> Rules::Parse(std::string_view json_text, const std::string& file_name, const Rules& defaults) {
  Diagnostics diag(file_name);
  if (std::string problem = JsonTextProblem(json_text); !problem.empty()) {
    diag.Error("", problem);
    return diag.ToStatus();
  }
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::exception& e) {
    diag.Error("", JsonSyntaxMessage(e, json_text));
    return diag.ToStatus();
  }
  if (!doc.is_object()) {
    diag.Error("", "a rules file is a JSON object, not " + JsonReader::Quote(doc));
    return diag.ToStatus();
  }
  Rules rules = defaults;
  auto fields = Fields(rules);
  std::vector<std::pair<std::string, const json*>> leaves;
  Flatten(doc, "", leaves);
  for (const auto& leaf : leaves) {
    const std::string& path = leaf.first;  // not a structured binding: the lambda below captures it
    const json* value = leaf.second;
    if (path == "format") {
      if (std::string message = JsonReader::FormatMismatch(*value, "standmatch.rules/1"); !message.empty())
        diag.Error(path, message);
      continue;
    }
    if (path.rfind("description", 0) == 0) continue;
    const Field* field = nullptr;
    for (const auto& f : fields)
      if (f.path == path) field = &f;
    if (!field) {
      diag.Error(path, "unknown rule " + JsonReader::Quote(*value));
      continue;
    }
    std::visit(
        [&](auto* target) {
          using T = std::remove_pointer_t<decltype(target)>;
          if constexpr (std::is_same_v<T, std::string>) {
            if (!value->is_string()) return diag.Error(path, JsonReader::Quote(*value) + " is not a string");
            if (value->get_ref<const std::string&>().size() > kMaxStringBytes)
              return diag.Error(
                  path, JsonReader::Quote(*value) + " is longer than " + std::to_string(kMaxStringBytes) + " bytes");
            *target = value->get<std::string>();
          } else if constexpr (std::is_same_v<T, bool>) {
            if (!value->is_boolean()) return diag.Error(path, JsonReader::Quote(*value) + " is not true or false");
            *target = value->get<bool>();
          } else {
            if (!value->is_number()) return diag.Error(path, JsonReader::Quote(*value) + " is not a number");
            double v = value->get<double>();
            if (!std::is_same_v<T, double> && !value->is_number_integer())
              return diag.Error(path, JsonReader::Quote(*value) + " is not a whole number");
            if (v < field->min || v > field->max)
              return diag.Error(path, JsonReader::Quote(*value) + " is out of range [" + FormatNumber(field->min) +
                                          ", " + FormatNumber(field->max) + "]");
            *target = static_cast<T>(v);
          }
        },
        field->target);
  }
  double total = 0;
  for (double w : rules.weights) total += w;
  if (total <= 0) diag.Error("weights", "at least one weight must be positive");
  for (int depth = 3; depth <= 8; ++depth) {
    if (rules.cpv_depth[depth] < rules.cpv_depth[depth - 1])
      diag.Error("cpv_depth." + std::to_string(depth), FormatNumber(rules.cpv_depth[depth]) +
                                                           " is below the value of depth " + std::to_string(depth - 1) +
                                                           " (a deeper match may not count less)");
  }
  if (rules.cpv_contained > rules.cpv_depth[8])
    diag.Error("cpv_contained", FormatNumber(rules.cpv_contained) + " is above cpv_depth.8, " +
                                    FormatNumber(rules.cpv_depth[8]) +
                                    " (a code the need contains may not count more than the need's own code)");
  if (!diag.ok()) return diag.ToStatus();
  return rules;
}

const Rules& Rules::Default() {
  static const Rules rules = [] {
    Rules empty;
    auto parsed = Parse(embedded::DefaultRulesJson(), "datasets/rules/default.json", empty);
    if (!parsed.ok()) {
      // The built-in file is part of the build; a broken one is a programming error.
      fprintf(stderr, "%s\n", parsed.status().ToString().c_str());
      abort();
    }
    return *parsed;
  }();
  return rules;
}

Result<Rules> Rules::Load(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  return Parse(*text, path);
}

std::string Rules::ToJson() const {
  Rules copy = *this;
  json doc = {{"format", "standmatch.rules/1"}};
  for (const auto& field : Fields(copy)) {
    // Walk or create the nested objects of the dotted path (keys such as "2" stay keys).
    json* node = &doc;
    std::string_view path = field.path;
    for (size_t dot; (dot = path.find('.')) != std::string_view::npos; path.remove_prefix(dot + 1)) {
      json& child = (*node)[std::string(path.substr(0, dot))];
      if (!child.is_object()) child = json::object();
      node = &child;
    }
    std::visit([&](auto* target) { (*node)[std::string(path)] = *target; }, field.target);
  }
  return doc.dump(2);
}

}  // namespace match
