// Small standmatch.event/1 documents for tests, built as JSON and edited in place.
//
// MinimalEvent() is a valid event: one morning session of six 10-minute slots, one
// buyer (Ville de Villejuif), one stand "s1" with one need "n1" (office furniture,
// CPV 39130000), one supplier "f1" in Villejuif selling office furniture. Tests add
// or break what they are about and parse the result with Parse() or Errors().
// OfficialCpv() is the official CPV list for LoadOptions and labels. FrozenRules() are
// scoring rules written out in full, for tests whose numbers are computed by hand (the
// built-in defaults may be tuned; these stay put).
#pragma once

#include <catch2/catch.hpp>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "match/domain/cpv.h"
#include "match/domain/model.h"
#include "match/io/event_io.h"
#include "match/io/rules.h"

namespace event_builder {

using nlohmann::json;

// A Luhn-valid SIRET (Ville de Villejuif), for records that need one.
inline const char kBuyerSiret[] = "21940076900010";
inline const char kSupplierSiret[] = "73282932000074";

inline json Need(const std::string& id, std::initializer_list<const char*> cpv) {
  json codes = json::array();
  for (const char* code : cpv) codes.push_back(code);
  return {{"id", id}, {"title", "Need " + id}, {"cpv", codes}};
}

inline json Stand(const std::string& id, std::vector<json> needs, const std::string& buyer = "b1") {
  return {{"id", id}, {"buyer", buyer}, {"title", "Stand " + id}, {"needs", needs}};
}

inline json Supplier(const std::string& id, std::initializer_list<const char*> cpv,
                     const std::string& commune = "94076") {
  json codes = json::array();
  for (const char* code : cpv) codes.push_back(code);
  return {{"id", id}, {"name", "Supplier " + id}, {"commune", commune}, {"cpv", codes}};
}

inline json Buyer(const std::string& id, const std::string& commune = "94076") {
  return {{"id", id}, {"name", "Buyer " + id}, {"kind", "commune"}, {"commune", commune}};
}

inline json MinimalEvent() {
  return {
      {"format", "standmatch.event/1"},
      {"event",
       {{"id", "test-event"},
        {"name", "Test event"},
        {"date", "2025-03-28"},
        {"commune", "94076"},
        {"sessions", json::array({{{"start", "10:00"}, {"end", "11:00"}}})},
        {"slot_minutes", 10}}},
      {"buyers", json::array({Buyer("b1")})},
      {"stands", json::array({Stand("s1", {Need("n1", {"39130000-2"})})})},
      {"suppliers", json::array({Supplier("f1", {"39130000"})})},
  };
}

// Parses DOC as "event.json"; fails the test when it does not load.
inline match::Event Parse(const json& doc, const match::LoadOptions& options = {}) {
  auto event = match::ParseEvent(doc.dump(), "event.json", options);
  INFO(event.status().ToString());
  REQUIRE(event.ok());
  return std::move(event).value();
}

// The official CPV 2008 list of ../shared, loaded once.
inline const match::CpvList& OfficialCpv() {
  static const match::CpvList list = [] {
    auto loaded = match::CpvList::Load(STANDMATCH_SHARED_DIR "/data/cpv2008/cpv_2008_fr_en.csv");
    REQUIRE(loaded.ok());
    return std::move(loaded).value();
  }();
  return list;
}

// Every scoring key written out (the 2025 defaults, minimum relevance 0.30): the
// weights sum to 1, so a contribution is weight * value.
inline const match::Rules& FrozenRules() {
  static const match::Rules rules = [] {
    auto parsed = match::Rules::Parse(R"({
      "name": "frozen",
      "weights": {"relevance": 0.45, "size": 0.10, "ess": 0.08, "inclusion": 0.10, "locality": 0.12,
                  "reuse": 0.07, "mutual": 0.08, "text": 0},
      "cpv_depth": {"2": 0.30, "3": 0.55, "4": 0.80, "5": 0.90, "6": 1.0, "7": 1.0, "8": 1.0},
      "size": {"unknown": 0.30, "micro": 1.0, "pme": 0.75, "eti": 0.25, "ge": 0.0},
      "ess": 1.0,
      "inclusion": {"siae": 0.85, "disability": 0.85, "geiq": 0.40, "with_insertion_clause": 1.0},
      "locality": {"same_commune": 1.0, "same_intercommunality": 0.80, "same_departement": 0.55,
                   "same_region": 0.30, "elsewhere": 0.0, "unknown": 0.10, "in_territory": 0.80},
      "reuse": {"wanted": 1.0, "not_wanted": 0.20},
      "mutual": {"wish_must": 1.0, "wish_want": 0.60, "invitation_must": 1.0, "invitation_want": 0.60},
      "gates": {"min_relevance": 0.30, "wish_overrides_min_relevance": true, "enforce_reserved": true}
    })",
                                      "frozen.json");
    INFO(parsed.status().ToString());
    REQUIRE(parsed.ok());
    return std::move(parsed).value();
  }();
  return rules;
}

// The error messages of DOC parsed as "event.json" (empty when it loads).
inline std::vector<std::string> Errors(const json& doc, const match::LoadOptions& options = {}) {
  auto event = match::ParseEvent(doc.dump(), "event.json", options);
  if (event.ok()) return {};
  return event.status().messages();
}

}  // namespace event_builder
