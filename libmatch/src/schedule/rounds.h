// The select -> place -> exclude loop shared by BuildSchedule and Replan. Internal.
//
// Each round solves the selection without the excluded candidates, hands the chosen
// ones to PLACE, and excludes those that got no slot; it stops when every chosen
// candidate is placed, or after kMaxRounds (each round excludes at least one pair; in
// practice two or three rounds settle), keeping what is placed.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "match/base/status.h"
#include "match/io/rules.h"
#include "match/solve/selection.h"

namespace match {

inline constexpr int kMaxRounds = 25;

struct RoundsResult {
  std::vector<int> chosen;   // placed candidates (indices into the problem's candidates)
  std::vector<int> slot_of;  // the slot of each
  int rounds = 0;
  double selection_seconds = 0, placement_seconds = 0;
};

struct RoundsHooks {
  // Slots of CHOSEN (same order), -1 for a candidate that could not be placed.
  std::function<Result<std::vector<int>>(const std::vector<int>& chosen)> place;
  // Which selected candidates go to placement (default: all).
  std::function<bool(int candidate)> to_place;
  // Called before each step ("selection", "timetable") of round ROUND (from 0).
  std::function<void(int round, std::string_view step)> on_step;
};

// Runs the rounds on PROBLEM with the rules' selection options. EXCLUDED (one flag per
// candidate) comes in with the candidates already ruled out and goes out with those
// that could not be placed added.
Result<RoundsResult> SelectAndPlaceRounds(const SelectionProblem& problem, const Rules& rules,
                                          std::vector<char>& excluded, const RoundsHooks& hooks);

}  // namespace match
