// RequireValidSchedule: runs a schedule the engine produced through the independent
// checker (match/schedule/check.h) and fails the current Catch2 test with every violation.
// Test files include it and call it on each schedule they build.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "match/schedule/check.h"

inline void RequireValidSchedule(const match::Event& event, const match::Rules& rules,
                                 const std::string& schedule_json) {
  auto check = match::CheckSchedule(event, rules, schedule_json, "schedule.json");
  INFO(check.status().ToString());
  REQUIRE(check.ok());
  std::string violations;
  for (const auto& v : check->violations) violations += v + "\n";
  INFO(violations);
  REQUIRE(check->violations.empty());
}
