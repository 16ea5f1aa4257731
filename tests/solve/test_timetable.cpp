// Tests of the timetable solver against a checker written here, independently of the
// library's own TimetableViolations/CountBreaks.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "match/solve/timetable.h"

namespace {

using match::TimetableOptions;
using match::TimetableProblem;
using match::TimetableSolver;

// Returns the first broken hard constraint, or "" when SLOT is a valid (partial) timetable.
std::string Check(const TimetableProblem& pr, const std::vector<int>& slot) {
  const int t = pr.num_slots;
  if (slot.size() != pr.meetings.size()) return "size";
  std::vector<std::vector<int>> load(pr.capacity.size(), std::vector<int>(t, 0));
  std::vector<int> per_slot(t, 0);
  for (size_t m = 0; m < slot.size(); ++m) {
    const int s = slot[m];
    if (s == -1) continue;
    if (s < 0 || s >= t) return "slot out of range";
    const auto& mt = pr.meetings[m];
    if (!mt.allowed.empty() && !mt.allowed[s]) return "not allowed";
    if (mt.fixed_slot >= 0 && mt.fixed_slot != s) return "not at fixed slot";
    for (int p : {mt.a, mt.b}) {
      if (p < static_cast<int>(pr.available.size()) && !pr.available[p].empty() && !pr.available[p][s]) {
        return "unavailable";
      }
      if (++load[p][s] > pr.capacity[p]) return "over capacity";
    }
    if (++per_slot[s] > pr.slot_capacity && pr.slot_capacity > 0) return "slot over capacity";
  }
  for (auto [x, y] : pr.precedences) {
    if (slot[x] >= 0 && slot[y] >= 0 && slot[x] >= slot[y]) return "precedence";
  }
  return "";
}

std::vector<int> Breaks(const TimetableProblem& pr, const std::vector<int>& slot) {
  std::vector<int> out;
  for (int p = 0; p < pr.num_participants(); ++p) {
    std::vector<int> busy;
    for (size_t m = 0; m < slot.size(); ++m) {
      if (slot[m] >= 0 && (pr.meetings[m].a == p || pr.meetings[m].b == p)) busy.push_back(slot[m]);
    }
    std::sort(busy.begin(), busy.end());
    busy.erase(std::unique(busy.begin(), busy.end()), busy.end());
    int gaps = 0;
    for (size_t i = 1; i < busy.size(); ++i) gaps += busy[i] > busy[i - 1] + 1;
    out.push_back(gaps);
  }
  return out;
}

// The unplaced meetings of SLOT that could be placed as they are, in a slot where the
// timetable stays valid: a solver leaving such a meeting out did not do its job.
std::vector<int> InsertableUnplaced(const TimetableProblem& pr, const std::vector<int>& slot) {
  std::vector<int> out;
  std::vector<int> trial = slot;
  for (size_t m = 0; m < slot.size(); ++m) {
    if (slot[m] >= 0) continue;
    for (int s = 0; s < pr.num_slots; ++s) {
      trial[m] = s;
      if (Check(pr, trial).empty()) {
        out.push_back(static_cast<int>(m));
        break;
      }
    }
    trial[m] = -1;
  }
  return out;
}

struct Lcg {
  uint64_t s;
  int operator()(int n) {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((s >> 33) % static_cast<uint64_t>(n));
  }
};

// A random instance with every kind of constraint.
TimetableProblem RandomProblem(uint64_t seed, bool restricted) {
  Lcg rng{seed};
  TimetableProblem pr;
  pr.num_slots = 4 + rng(6);
  const int people = 6 + rng(10);
  for (int p = 0; p < people; ++p) {
    pr.capacity.push_back(p % 5 == 0 ? 2 : 1);
    std::vector<bool> row;
    if (restricted && rng(3) == 0) {
      row.assign(pr.num_slots, true);
      row[rng(pr.num_slots)] = false;
    }
    pr.available.push_back(row);
  }
  const int meetings = people * 2;
  for (int i = 0; i < meetings; ++i) {
    TimetableProblem::Meeting m;
    m.a = rng(people);
    m.b = (m.a + 1 + rng(people - 1)) % people;
    if (restricted && rng(5) == 0) {
      m.allowed.assign(pr.num_slots, false);
      for (int s = 0; s < pr.num_slots; s += 1 + rng(2)) m.allowed[s] = true;
    }
    if (restricted && rng(12) == 0) m.fixed_slot = rng(pr.num_slots);
    pr.meetings.push_back(m);
  }
  if (restricted) {
    pr.slot_capacity = people / 2 + 1;
    for (int i = 0; i < 3; ++i) pr.precedences.emplace_back(rng(meetings), rng(meetings));
    pr.precedences.erase(
        std::remove_if(pr.precedences.begin(), pr.precedences.end(), [](auto e) { return e.first == e.second; }),
        pr.precedences.end());
  }
  return pr;
}

}  // namespace

TEST_CASE("timetable: random instances respect every hard constraint and place what fits", "[timetable]") {
  size_t meetings = 0, placed_total = 0;
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    const TimetableProblem pr = RandomProblem(seed, true);
    TimetableOptions options;
    options.effort = 200;
    TimetableSolver solver(pr, options);
    REQUIRE(solver.Solve().ok());
    INFO("seed " << seed);
    CHECK(Check(pr, solver.slots()) == "");
    CHECK(solver.breaks() == Breaks(pr, solver.slots()));
    CHECK(match::TimetableViolations(pr, solver.slots()).empty());
    const auto placed = std::count_if(solver.slots().begin(), solver.slots().end(), [](int s) { return s >= 0; });
    CHECK(solver.placed() == placed);
    // Unplaced meetings are ones that do not fit: none could simply be added.
    CHECK(InsertableUnplaced(pr, solver.slots()).empty());
    meetings += pr.meetings.size();
    placed_total += static_cast<size_t>(placed);
  }
  // Most meetings of these instances fit (a solver placing nothing would pass the
  // checks above vacuously).
  INFO(placed_total << " of " << meetings << " meetings placed");
  CHECK(placed_total * 10 >= meetings * 9);
}

TEST_CASE("timetable: Konig case places every meeting", "[timetable]") {
  // Bipartite multigraphs with max degree == slots and no other limits.
  for (uint64_t seed = 1; seed <= 30; ++seed) {
    Lcg rng{seed * 7919};
    TimetableProblem pr;
    pr.num_slots = 3 + rng(8);
    const int left = 3 + rng(8), right = 3 + rng(8);
    pr.capacity.assign(left + right, 1);
    std::vector<int> degree(left + right, 0);
    for (int tries = 0; tries < 2000; ++tries) {
      const int a = rng(left), b = left + rng(right);
      if (degree[a] == pr.num_slots || degree[b] == pr.num_slots) continue;
      ++degree[a], ++degree[b];
      pr.meetings.push_back({a, b, {}, -1});
    }
    TimetableOptions options;
    options.effort = 50;
    options.fairness = -1;
    TimetableSolver solver(pr, options);
    REQUIRE(solver.Solve().ok());
    INFO("seed " << seed << ", " << pr.meetings.size() << " meetings, " << pr.num_slots << " slots");
    CHECK(solver.placed() == static_cast<int>(pr.meetings.size()));
    CHECK(Check(pr, solver.slots()) == "");
  }
}

TEST_CASE("timetable: same input and seed give the same slots", "[timetable]") {
  const TimetableProblem pr = RandomProblem(99, true);
  TimetableOptions options;
  options.effort = 300;
  TimetableSolver first(pr, options), second(pr, options);
  REQUIRE(first.Solve().ok());
  REQUIRE(second.Solve().ok());
  CHECK(first.slots() == second.slots());
  CHECK(first.moves() == second.moves());
}

TEST_CASE("timetable: a precedence that always holds does not change the search", "[timetable]") {
  // Without precedences the annealing prices a column rotation before moving any
  // meeting; with one it applies the rotation and prices it after. Both must make the
  // same decisions with the same random draws.
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    TimetableProblem pr = RandomProblem(seed, true);
    pr.precedences.clear();
    const int last = pr.num_slots - 1;
    TimetableProblem::Meeting first{0, 1, std::vector<bool>(pr.num_slots, false), -1};
    first.allowed[0] = true;
    TimetableProblem::Meeting second{2, 3, std::vector<bool>(pr.num_slots, false), -1};
    second.allowed[last] = true;
    pr.meetings.push_back(first);
    pr.meetings.push_back(second);
    TimetableProblem ordered = pr;
    const int n = static_cast<int>(pr.meetings.size());
    ordered.precedences.emplace_back(n - 2, n - 1);
    TimetableOptions options;
    options.effort = 300;
    TimetableSolver plain(pr, options), with_precedence(ordered, options);
    REQUIRE(plain.Solve().ok());
    REQUIRE(with_precedence.Solve().ok());
    INFO("seed " << seed);
    CHECK(plain.slots() == with_precedence.slots());
    CHECK(plain.moves() == with_precedence.moves());
  }
}

TEST_CASE("timetable: a hub meets its visitors without a break", "[timetable]") {
  // Participant 0 meets 1..4; everybody free; 8 slots: the optimum has no break.
  TimetableProblem pr;
  pr.num_slots = 8;
  pr.capacity.assign(5, 1);
  for (int v = 1; v <= 4; ++v) pr.meetings.push_back({0, v, {}, -1});
  pr.meetings[0].fixed_slot = 5;  // forces the block around slot 5
  TimetableSolver solver(pr);
  REQUIRE(solver.Solve().ok());
  CHECK(solver.total_breaks() == 0);
  CHECK(solver.slot(0) == 5);
  CHECK(solver.lower_bound() == 0);
  CHECK(Check(pr, solver.slots()) == "");
}

TEST_CASE("timetable: stand tables allow parallel meetings", "[timetable]") {
  // A stand with 3 tables, 6 suppliers, 2 slots: 3 meetings per slot.
  TimetableProblem pr;
  pr.num_slots = 2;
  pr.capacity = {3, 1, 1, 1, 1, 1, 1};
  for (int v = 1; v <= 6; ++v) pr.meetings.push_back({0, v, {}, -1});
  TimetableSolver solver(pr);
  REQUIRE(solver.Solve().ok());
  CHECK(solver.placed() == 6);
  CHECK(Check(pr, solver.slots()) == "");
}

TEST_CASE("timetable: precedences and unplaceable meetings", "[timetable]") {
  TimetableProblem pr;
  pr.num_slots = 3;
  pr.capacity.assign(3, 1);
  pr.meetings = {{0, 1, {}, -1}, {0, 2, {}, -1}, {1, 2, {}, -1}};
  pr.precedences = {{2, 0}, {0, 1}};  // 2 before 0 before 1
  pr.available = {{}, {true, true, false}, {}};
  // Meeting 1 (0-2) must come after meeting 0 (0-1), which must come after meeting 2 (1-2)
  // and participant 1 is away in slot 2: only 2 -> 0 -> 1 in slots 0, 1, 2 works.
  TimetableSolver solver(pr);
  REQUIRE(solver.Solve().ok());
  CHECK(solver.slots() == std::vector<int>{1, 2, 0});

  pr.meetings.push_back({1, 2, std::vector<bool>{false, false, false}, -1});  // no slot at all
  TimetableSolver partial(pr);
  REQUIRE(partial.Solve().ok());
  CHECK(partial.placed() == 3);
  CHECK(partial.slot(3) == -1);
}

TEST_CASE("timetable: malformed problems are rejected with their place", "[timetable]") {
  TimetableProblem pr;
  pr.num_slots = 2;
  pr.capacity = {1, 0};
  pr.meetings = {{0, 5, {}, -1}, {1, 1, {}, 2}};
  pr.precedences = {{0, 7}};
  TimetableSolver solver(pr);
  const match::Status status = solver.Solve();
  REQUIRE_FALSE(status.ok());
  CHECK(status.code() == match::Status::Code::kInvalidInput);
  CHECK(status.messages() == std::vector<std::string>{"capacity[1]: 0 is not a positive number of meetings per slot",
                                                      "meetings[0].b: 5 is not a participant (0..1)",
                                                      "meetings[1]: participant 1 cannot meet itself",
                                                      "meetings[1].fixed_slot: 2 is not a slot (0..1)",
                                                      "precedences[0]: (0, 7) names a meeting outside (0..1)"});
}

TEST_CASE("timetable: an event-sized problem gets a bounded, valid search", "[timetable]") {
  // 1,500 suppliers (capacity 1) x 200 stands (2 tables), 16 slots, some suppliers
  // away for part of the day: the default budget scales down with the size.
  Lcg rng{2024};
  TimetableProblem pr;
  pr.num_slots = 16;
  const int suppliers = 1500, stands = 200;
  for (int s = 0; s < suppliers; ++s) {
    pr.capacity.push_back(1);
    std::vector<bool> row;
    if (rng(3) == 0) {
      row.assign(pr.num_slots, false);
      const int from = rng(8);
      for (int t = from; t < from + 8; ++t) row[t] = true;
    }
    pr.available.push_back(row);
  }
  pr.capacity.insert(pr.capacity.end(), stands, 2);
  std::vector<int> load(stands, 0);
  for (int s = 0; s < suppliers; ++s) {
    for (int k = 0, n = 1 + rng(4); k < n; ++k) {
      const int stand = rng(stands);
      if (load[stand] >= 20) continue;
      ++load[stand];
      pr.meetings.push_back({s, suppliers + stand, {}, -1});
    }
  }
  TimetableSolver solver(pr);
  REQUIRE(solver.Solve().ok());
  CHECK(Check(pr, solver.slots()) == "");
  CHECK(solver.breaks() == Breaks(pr, solver.slots()));
  CHECK(solver.placed() == static_cast<int>(pr.meetings.size()));
  const int64_t meetings = static_cast<int64_t>(pr.meetings.size());
  CHECK(solver.moves() <= 2000000000 / meetings);
}

TEST_CASE("timetable: busy stands with several tables never exceed them", "[timetable]") {
  // Stands of 2-3 tables nearly full, suppliers with partial days: Kempe chains move
  // meetings of a multi-table stand back and forth and must keep every table count.
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    Lcg rng{seed * 104729};
    TimetableProblem pr;
    pr.num_slots = 6 + rng(5);
    const int suppliers = 30 + rng(20), stands = 4;
    for (int s = 0; s < suppliers; ++s) {
      pr.capacity.push_back(1);
      std::vector<bool> row(pr.num_slots, true);
      if (rng(2) == 0) row[rng(pr.num_slots)] = false;
      pr.available.push_back(row);
    }
    for (int t = 0; t < stands; ++t) pr.capacity.push_back(2 + rng(2));
    for (int s = 0; s < suppliers; ++s) {
      for (int t = 0; t < stands; ++t) {
        if (rng(3) != 0) pr.meetings.push_back({s, suppliers + t, {}, -1});
      }
    }
    TimetableOptions options;
    options.effort = 300;
    TimetableSolver solver(pr, options);
    REQUIRE(solver.Solve().ok());
    INFO("seed " << seed);
    CHECK(Check(pr, solver.slots()) == "");
    CHECK(solver.breaks() == Breaks(pr, solver.slots()));
    const auto placed = std::count_if(solver.slots().begin(), solver.slots().end(), [](int s) { return s >= 0; });
    CHECK(solver.placed() == placed);
    CHECK(placed > 0);
    CHECK(InsertableUnplaced(pr, solver.slots()).empty());
  }
}
