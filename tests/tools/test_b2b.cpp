// The Girona B2B instances: reader, conversion and the solver against the published
// optima (JAIR 2022, Table 3; fairness d = 2).
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "match/solve/timetable.h"
#include "match/tools/b2b.h"

namespace {

const std::string kDir = STANDMATCH_SHARED_DIR "/anchors/b2b/";

struct Reference {
  std::string name;
  int participants, meetings, slots, tables, morning, optimum;
};

std::vector<Reference> References() {
  std::vector<Reference> out;
  std::ifstream in(kDir + "reference_results_jair2022.csv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("instance,", 0) == 0) continue;
    std::vector<std::string> c;
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, ',');) c.push_back(f);
    out.push_back(
        {c[0], std::stoi(c[1]), std::stoi(c[2]), std::stoi(c[3]), std::stoi(c[4]), std::stoi(c[5]), std::stoi(c[6])});
  }
  return out;
}

// Independent check of a B2B solution: one slot per meeting in its session, nobody
// twice in a slot or in a forbidden slot, at most nTables meetings per slot.
std::string CheckB2b(const match::B2bInstance& in, const std::vector<int>& slot) {
  std::set<std::pair<int, int>> busy;
  std::vector<int> per_slot(in.num_slots, 0);
  for (size_t m = 0; m < in.meetings.size(); ++m) {
    const int s = slot[m];
    if (s < 0 || s >= in.num_slots) return "meeting " + std::to_string(m) + " unplaced";
    const auto session = in.meetings[m].session;
    if (session == match::B2bInstance::Session::kMorning && s >= in.num_morning_slots) return "not AM";
    if (session == match::B2bInstance::Session::kAfternoon && s < in.num_morning_slots) return "not PM";
    for (int p : {in.meetings[m].a, in.meetings[m].b}) {
      if (!busy.insert({p, s}).second) return "double booking";
      const auto& f = in.forbidden[p];
      if (std::find(f.begin(), f.end(), s) != f.end()) return "forbidden slot";
    }
    if (++per_slot[s] > in.num_tables) return "too many meetings in a slot";
  }
  return "";
}

}  // namespace

TEST_CASE("b2b: the 20 instances read with the published sizes", "[b2b]") {
  const auto refs = References();
  REQUIRE(refs.size() == 20);
  for (const auto& ref : refs) {
    INFO(ref.name);
    const auto instance = match::ReadDzn(kDir + "instances/" + ref.name + ".original.dzn");
    REQUIRE(instance.ok());
    CHECK(instance->num_participants == ref.participants);
    CHECK(static_cast<int>(instance->meetings.size()) == ref.meetings);
    CHECK(instance->num_slots == ref.slots);
    CHECK(instance->num_tables == ref.tables);
    CHECK(instance->num_morning_slots == ref.morning);
    CHECK(std::all_of(instance->fixed.begin(), instance->fixed.end(), [](int s) { return s == -1; }));
  }
  const auto first = match::ReadDzn(kDir + "instances/forum-13.original.dzn");
  REQUIRE(first.ok());
  // requested = [|1, 2,1, |1, 3,1, ...; forbidden[3] = {0,17}: 0-based values.
  CHECK(first->meetings[0].a == 0);
  CHECK(first->meetings[0].b == 1);
  CHECK(first->meetings[0].session == match::B2bInstance::Session::kMorning);
  CHECK(first->forbidden[2] == std::vector<int>{16});
  const auto problem = match::ToTimetableProblem(*first);
  CHECK(problem.slot_capacity == 14);
  CHECK(problem.meetings[0].allowed.size() == 21);
  CHECK(problem.meetings[0].allowed[12]);
  CHECK_FALSE(problem.meetings[0].allowed[13]);
  CHECK_FALSE(problem.available[2][16]);
}

TEST_CASE("b2b: malformed files are reported with file, line and value", "[b2b]") {
  const std::string head = "nBusiness = 3;\nnMeetings = 2;\nnTables = 2;\nnTotalSlots = 4;\nnMorningSlots = 4;\n";
  auto error = [](const std::string& text) {
    const auto r = match::ParseDzn(text, "x.dzn");
    return r.ok() ? std::string("ok") : r.status().ToString();
  };
  CHECK(error(head + "requested = [|1, 2, 3|2, 3, 1|];\n") == "ok");
  CHECK(error(head + "requested = [|1, 2, 3|2, 9, 1|];\n") ==
        "x.dzn: line 6: requested[2]: participant 9 is not in 1..3");
  CHECK(error(head + "requested = [|1, 2, 3|\n2, 3, 7|];\n") ==
        "x.dzn: line 7: requested[2]: session 7 is not 1 (morning), 2 (afternoon) or 3 (any)");
  CHECK(error(head + "requested = [|1, 2, 3|];\n") == "x.dzn: line 6: requested: 1 entries, expected 2");
  CHECK(error(head + "requested = [|1, 2, 3|2, 3, 1|]\n") == "x.dzn: line 6: expected ';', got end of file");
  CHECK(error("nBusiness = 3;\nnMeetings = 2 2;") == "x.dzn: line 2: expected ';', got '2'");
  CHECK(error("nBusiness = 3;\nnMeetings = #;") == "x.dzn: line 2: unexpected character '#'");
  CHECK(error(head + "requested = [|1, 2, 3|2, 3, 1|];\nforbidden = [{0}, {0, 5}, {}];\n") ==
        "x.dzn: line 7: forbidden[2]: slot 5 is not in 1..4");
  CHECK(error(head + "requested = [|1, 2, 3|2, 3, 1|];\nnMeetingsBusiness = [1, 2, 2];\n") ==
        "x.dzn: line 7: nMeetingsBusiness[3]: 2, but requested gives participant 3 1 meetings");
  CHECK(error(head + "requested = [|1, 2, 3|2, 3, 1|];\nmeetingsxBusiness = [{1,2},{1,2,3},{1,2}];\n") ==
        "x.dzn: line 7: meetingsxBusiness[3]: does not list the meetings that requested gives "
        "participant 3");
  CHECK(error(head + "requested = [|1, 2, 3|2, 3, 1|];\nprecedences = [{2}, {2}];\n") ==
        "x.dzn: line 7: precedences[2]: 2 is not another meeting (1..2)");
  CHECK(error("nBusiness = 3;\n") ==
        "x.dzn: missing 'nMeetings'\nx.dzn: missing 'nTables'\n"
        "x.dzn: missing 'nTotalSlots'\nx.dzn: missing 'nMorningSlots'");
  const auto missing = match::ReadDzn(kDir + "no-such-file.dzn");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == match::Status::Code::kIoError);
}

TEST_CASE("b2b: fixed slots and precedences reach the timetable problem", "[b2b]") {
  const std::string text =
      "nBusiness = 3; nMeetings = 3; nTables = 1; nTotalSlots = 4; nMorningSlots = 2;\n"
      "requested = [|1, 2, 3|2, 3, 2|1, 3, 1|];\n"
      "fixed = [0, 4, 0];\nprecedences = [{3}, {}, {}];\n";
  const auto instance = match::ParseDzn(text, "t.dzn");
  REQUIRE(instance.ok());
  const auto problem = match::ToTimetableProblem(*instance);
  CHECK(problem.meetings[1].fixed_slot == 3);
  CHECK(problem.precedences == std::vector<std::pair<int, int>>{{2, 0}});
  match::TimetableSolver solver(problem);
  REQUIRE(solver.Solve().ok());
  CHECK(CheckB2b(*instance, solver.slots()) == "");
  CHECK(solver.slot(1) == 3);
  CHECK(solver.slot(2) < solver.slot(0));
}

// Breaks per participant, counted here from the slots (independently of the library).
std::vector<int> B2bBreaks(const match::B2bInstance& in, const std::vector<int>& slot) {
  std::vector<std::vector<int>> busy(in.num_participants);
  for (size_t m = 0; m < in.meetings.size(); ++m) {
    busy[in.meetings[m].a].push_back(slot[m]);
    busy[in.meetings[m].b].push_back(slot[m]);
  }
  std::vector<int> out;
  for (auto& b : busy) {
    std::sort(b.begin(), b.end());
    int gaps = 0;
    for (size_t i = 1; i < b.size(); ++i) gaps += b[i] > b[i - 1] + 1;
    out.push_back(gaps);
  }
  return out;
}

// Solves the 20 instances with the default options. Every solution must be valid,
// fair (spread <= 2) and never below the published optimum. The published optimum
// itself is asserted on the instances of kReached; the others (morning + afternoon
// forums, where the search stops a few breaks short) are reported as warnings, NOT
// checked.
TEST_CASE("b2b: the 20 instances against the published optima", "[b2b]") {
  const std::set<std::string> kReached = {
      "forum-13", "forumt-14",   "forumt-14crafc", "forumt-14crafd", "forumt-14crafe", "tic-12",      "tic-12crafc",
      "tic-13",   "tic-13crafb", "tic-13crafc",    "tic-14crafa",    "tic-14crafc",    "tic-14crafd", "ticf-14crafa"};
  for (const auto& ref : References()) {
    INFO(ref.name);
    const auto instance = match::ReadDzn(kDir + "instances/" + ref.name + ".original.dzn");
    REQUIRE(instance.ok());
    match::TimetableSolver solver(match::ToTimetableProblem(*instance));
    REQUIRE(solver.Solve().ok());
    CHECK(CheckB2b(*instance, solver.slots()) == "");
    const std::vector<int> breaks = B2bBreaks(*instance, solver.slots());
    CHECK(solver.breaks() == breaks);
    CHECK(*std::max_element(breaks.begin(), breaks.end()) - *std::min_element(breaks.begin(), breaks.end()) <= 2);
    CHECK(solver.total_breaks() >= ref.optimum);
    CHECK(solver.lower_bound() <= ref.optimum);
    if (kReached.count(ref.name) != 0) {
      CHECK(solver.total_breaks() == ref.optimum);
    } else if (solver.total_breaks() != ref.optimum) {
      WARN(ref.name << ": " << solver.total_breaks() << " breaks, published optimum " << ref.optimum);
    }
  }
}

// Small instances written here: counting proofs of infeasibility name the participant
// or the meeting at fault, and find nothing on the 20 published (feasible) instances.
TEST_CASE("b2b: a participant with more meetings than usable slots is proved infeasible", "[b2b]") {
  // Participant 1 meets 2, 3 and 4 in 3 slots, but slot 2 is forbidden to it.
  const std::string text =
      "nBusiness = 4; nMeetings = 3; nTables = 3; nTotalSlots = 3; nMorningSlots = 3;\n"
      "requested = [|1, 2, 3|1, 3, 3|1, 4, 3|];\n"
      "forbidden = [{2}, {0}, {0}, {0}];\n";
  const auto instance = match::ParseDzn(text, "t.dzn");
  REQUIRE(instance.ok());
  const auto f = match::CheckB2bFeasibility(*instance, 2);
  REQUIRE(f.placement.size() == 1);
  CHECK(f.placement[0] ==
        "participant 1 has 3 meetings but 2 usable slots (not forbidden, in their sessions, "
        "fixed slots kept)");
  CHECK(f.unplaceable.empty());
  // Without the forbidden slot it fits.
  const auto free = match::ParseDzn(
      "nBusiness = 4; nMeetings = 3; nTables = 3; nTotalSlots = 3; nMorningSlots = 3;\n"
      "requested = [|1, 2, 3|1, 3, 3|1, 4, 3|];\n",
      "t.dzn");
  REQUIRE(free.ok());
  CHECK(match::CheckB2bFeasibility(*free, 2).placement.empty());
}

TEST_CASE("b2b: a meeting with no allowed slot is named", "[b2b]") {
  // Meeting 2 is in the afternoon (slots 3-4), both forbidden to participant 3.
  const std::string text =
      "nBusiness = 3; nMeetings = 2; nTables = 2; nTotalSlots = 4; nMorningSlots = 2;\n"
      "requested = [|1, 2, 1|2, 3, 2|];\n"
      "forbidden = [{0}, {0}, {3, 4}];\n";
  const auto instance = match::ParseDzn(text, "t.dzn");
  REQUIRE(instance.ok());
  const auto f = match::CheckB2bFeasibility(*instance, -1);
  REQUIRE(f.placement.size() == 1);
  CHECK(f.placement[0] ==
        "meeting 2 (participants 2 and 3, afternoon) has no allowed slot: every slot of its "
        "session is forbidden to one participant or the other");
  CHECK(f.unplaceable == std::vector<int>{1});
  // A fixed slot outside the meeting's session.
  const auto fixed = match::ParseDzn(
      "nBusiness = 2; nMeetings = 1; nTables = 1; nTotalSlots = 4; nMorningSlots = 2;\n"
      "requested = [|1, 2, 1|];\nfixed = [3];\n",
      "t.dzn");
  REQUIRE(fixed.ok());
  const auto g = match::CheckB2bFeasibility(*fixed, -1);
  REQUIRE(g.placement.size() == 1);  // the meeting (its participants' counts are not said again)
  CHECK(g.placement[0] ==
        "meeting 1 (participants 1 and 2, morning) has no allowed slot: its fixed slot 3 is "
        "outside its session or forbidden to a participant");
}

TEST_CASE("b2b: fixed meetings that force more breaks than the fairness bound", "[b2b]") {
  // Participant 1's two meetings are fixed at slots 1 and 5, nothing between: one
  // break at least; participant 3 meets once, so never has a break.
  const std::string text =
      "nBusiness = 6; nMeetings = 4; nTables = 4; nTotalSlots = 6; nMorningSlots = 6;\n"
      "requested = [|1, 2, 3|1, 3, 3|4, 2, 3|5, 6, 3|];\n"
      "fixed = [1, 5, 0, 0];\n";
  const auto instance = match::ParseDzn(text, "t.dzn");
  REQUIRE(instance.ok());
  CHECK(match::CheckB2bFeasibility(*instance, 1).fairness.empty());
  const auto f = match::CheckB2bFeasibility(*instance, 0);
  CHECK(f.placement.empty());
  CHECK(f.fairness ==
        "the fairness bound 0 cannot be met: the fixed meetings of participant 1 (slots 1, 5) force "
        "at least 1 breaks, and participant 3 has at most 0 (spread >= 1)");
  CHECK(match::CheckB2bFeasibility(*instance, -1).fairness.empty());
}

TEST_CASE("b2b: no counting proof on the 20 published instances", "[b2b]") {
  for (const auto& ref : References()) {
    INFO(ref.name);
    const auto instance = match::ReadDzn(kDir + "instances/" + ref.name + ".original.dzn");
    REQUIRE(instance.ok());
    const auto f = match::CheckB2bFeasibility(*instance, 2);
    CHECK(f.placement.empty());
    CHECK(f.fairness.empty());
  }
}
