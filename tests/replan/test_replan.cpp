// Re-planning: history stays, changes apply from now on, freed places are back-filled,
// churn is bounded, every result passes the independent checker.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include <libical/ical.h>
#include <tuple>
#include "check_helper.h"
#include "event_builder.h"
#include "match/base/files.h"
#include "match/export/agenda.h"
#include "match/export/outputs.h"
#include "match/io/event_io.h"
#include "match/replan/changes.h"
#include "match/replan/replan.h"
#include "match/replan/replan_event.h"
#include "match/replan/schedule_diff.h"
#include "match/schedule/schedule.h"
#include "match/tools/generate.h"

using namespace match;
using nlohmann::json;

namespace {

// A generated forum, scheduled and read back from its schedule.json as the CLI does.
struct Forum {
  std::string event_json;
  Event event;
  Rules rules = Rules::Default();
  std::string json;
  Schedule schedule;  // parsed from json

  explicit Forum(int suppliers = 150, int stands = 20, uint64_t seed = 7) {
    GenerateOptions options;
    options.suppliers = suppliers;
    options.stands = stands;
    options.slots = 12;
    options.partial_availability = 0.3;
    options.seed = seed;
    event_json = GenerateEvent(options);
    auto parsed = ParseEvent(event_json, "event.json");
    REQUIRE(parsed.ok());
    event = std::move(parsed).value();
    auto built = BuildSchedule(event, rules, Score(event, rules));
    REQUIRE(built.ok());
    json = ScheduleToJson(event, *built);
    auto back = ParseSchedule(json, "schedule.json", event);
    REQUIRE(back.ok());
    schedule = std::move(back).value();
  }

  // The start of slot INDEX, as HH:MM.
  std::string SlotStart(int index) const { return FormatTime(event.slots[index].start); }

  ChangeSet Changes(const nlohmann::json& list, const std::string& now) const {
    nlohmann::json doc = {{"format", "standmatch.changes/1"}, {"now", now}, {"changes", list}};
    auto parsed = ParseChanges(doc.dump(), "changes.json", event, schedule);
    INFO(parsed.status().ToString());
    REQUIRE(parsed.ok());
    return std::move(parsed).value();
  }

  ReplanResult Run(const ChangeSet& changes, const Rules* with = nullptr) const {
    auto result = Replan(event, with ? *with : rules, schedule, changes);
    INFO(result.status().ToString());
    REQUIRE(result.ok());
    RequireValidSchedule(result->changed.event, with ? *with : rules,
                         ScheduleToJson(result->changed.event, result->schedule));
    return std::move(result).value();
  }

  // Distinct suppliers with a meeting at or after FIRST, in index order.
  std::vector<SupplierIndex> SuppliersMeetingFrom(int first, size_t count) const {
    std::set<SupplierIndex> found;
    for (const auto& m : schedule.meetings)
      if (m.slot >= first) found.insert(m.supplier);
    std::vector<SupplierIndex> out(found.begin(), found.end());
    if (out.size() > count) out.resize(count);
    return out;
  }
};

const Forum& SharedForum() {
  static const Forum forum;
  return forum;
}

std::map<std::pair<int, int>, Meeting> ByPair(const Schedule& schedule) {
  std::map<std::pair<int, int>, Meeting> out;
  for (const auto& m : schedule.meetings) out[{m.supplier, m.stand}] = m;
  return out;
}

// A day with everything at once: cancellations, no-shows, late arrivals, a stand that
// loses a table, one that closes early, a cancelled and a locked meeting, a walk-in.
nlohmann::json BusyDay(const Forum& f, int first) {
  auto suppliers = f.SuppliersMeetingFrom(first, 12);
  REQUIRE(suppliers.size() == 12);
  nlohmann::json list = nlohmann::json::array();
  list.push_back({{"kind", "cancel_supplier"}, {"supplier", f.event.suppliers[suppliers[0]].id}});
  list.push_back({{"kind", "cancel_supplier"}, {"supplier", f.event.suppliers[suppliers[1]].id}});
  list.push_back({{"kind", "no_show"}, {"supplier", f.event.suppliers[suppliers[2]].id}});
  list.push_back({{"kind", "availability"},
                  {"supplier", f.event.suppliers[suppliers[3]].id},
                  {"available", {{{"start", f.SlotStart(first + 3)}, {"end", "23:00"}}}}});
  const Meeting* future = nullptr;
  const Meeting* other = nullptr;
  for (const auto& m : f.schedule.meetings) {
    if (m.slot < first || m.supplier == suppliers[0] || m.supplier == suppliers[1] || m.supplier == suppliers[2] ||
        m.supplier == suppliers[3])
      continue;
    if (!future)
      future = &m;
    else if (!other && m.stand != future->stand && m.supplier != future->supplier)
      other = &m;
  }
  REQUIRE(other);
  list.push_back({{"kind", "cancel_meeting"},
                  {"supplier", f.event.suppliers[future->supplier].id},
                  {"stand", f.event.stands[future->stand].id}});
  list.push_back({{"kind", "lock_meeting"},
                  {"supplier", f.event.suppliers[other->supplier].id},
                  {"stand", f.event.stands[other->stand].id}});
  for (const auto& t : f.event.stands) {
    if (t.tables >= 2) {
      list.push_back({{"kind", "stand_tables"}, {"stand", t.id}, {"tables", t.tables - 1}});
      break;
    }
  }
  list.push_back({{"kind", "stand_availability"},
                  {"stand", f.event.stands[0].id},
                  {"available", {{{"start", "00:00"}, {"end", f.SlotStart(first + 4)}}}}});
  nlohmann::json walk_in = {{"id", "walk-in-1"}, {"name", "Atelier de passage"}, {"commune", "94076"}};
  walk_in["cpv"] = {f.event.needs[0].cpv.at(0).ToString()};
  list.push_back({{"kind", "walk_in"}, {"supplier", walk_in}});
  return list;
}

}  // namespace

TEST_CASE("replaying an empty change set gives the same schedule, byte for byte", "[replan]") {
  const Forum& f = SharedForum();
  for (const std::string& now : {std::string("00:00"), f.SlotStart(5), std::string("23:00")}) {
    auto result = f.Run(f.Changes(nlohmann::json::array(), now));
    // Before the day nothing is history; later, history is recorded as held (and only that).
    if (now == "00:00") CHECK(ScheduleToJson(result.changed.event, result.schedule) == f.json);
    REQUIRE(result.schedule.meetings.size() == f.schedule.meetings.size());
    for (size_t i = 0; i < f.schedule.meetings.size(); ++i) {
      const Meeting& a = f.schedule.meetings[i];
      const Meeting& b = result.schedule.meetings[i];
      CHECK(std::tie(a.supplier, a.stand, a.slot, a.table) == std::tie(b.supplier, b.stand, b.slot, b.table));
      CHECK(b.status == (b.slot < result.stats.first_future_slot ? Attendance::kHeld : Attendance::kPlanned));
    }
    CHECK(result.diff.changes.empty());
    CHECK(result.diff.unchanged == static_cast<int>(f.schedule.meetings.size()));
  }
}

TEST_CASE("a busy morning: history stays, every change holds, the result is valid", "[replan]") {
  const Forum& f = SharedForum();
  const int first = 5;
  ChangeSet changes = f.Changes(BusyDay(f, first), f.SlotStart(first));
  ReplanResult r = f.Run(changes);
  const Event& e = r.changed.event;
  auto after = ByPair(r.schedule);
  auto before = ByPair(f.schedule);

  // History never changes.
  for (const auto& m : f.schedule.meetings) {
    if (m.slot >= first) continue;
    auto it = after.find({m.supplier, m.stand});
    REQUIRE(it != after.end());
    CHECK(it->second.slot == m.slot);
    CHECK(it->second.table == m.table);
  }
  for (const auto& m : r.schedule.meetings)
    if (m.slot < first) CHECK(before.count({m.supplier, m.stand}));

  for (const Change& c : changes.changes) {
    INFO(c.path << " " << ChangeKindName(c.kind));
    switch (c.kind) {
      case Change::Kind::kCancelSupplier:
      case Change::Kind::kNoShow:
        for (const auto& m : r.schedule.meetings) CHECK_FALSE((m.supplier == c.supplier && m.slot >= first));
        break;
      case Change::Kind::kAvailability:
        for (const auto& m : r.schedule.meetings)
          if (m.supplier == c.supplier && m.slot >= first) CHECK(m.slot >= first + 3);
        break;
      case Change::Kind::kStandTables: {
        std::map<int, int> per_slot;
        for (const auto& m : r.schedule.meetings) {
          if (m.stand != c.stand || m.slot < first) continue;
          CHECK(m.table <= c.tables);
          CHECK(++per_slot[m.slot] <= c.tables);
        }
        break;
      }
      case Change::Kind::kStandAvailability:
        for (const auto& m : r.schedule.meetings)
          if (m.stand == c.stand && m.slot >= first) CHECK(m.slot < first + 4);
        break;
      case Change::Kind::kCancelMeeting:
        CHECK_FALSE(after.count({c.supplier, c.stand}));
        break;
      case Change::Kind::kLockMeeting: {
        auto it = after.find({c.supplier, c.stand});
        REQUIRE(it != after.end());
        const Meeting& old = before.at({c.supplier, c.stand});
        CHECK(it->second.slot == old.slot);
        CHECK(it->second.table == old.table);
        CHECK(it->second.locked);
        break;
      }
      case Change::Kind::kWalkIn:
        CHECK(e.suppliers[c.supplier].id == "walk-in-1");
        break;
    }
  }
  // Freed places are back-filled.
  CHECK(r.stats.cancelled > 0);
  CHECK(r.diff.Count(MeetingChange::Kind::kAdded) > 0);
  CHECK(r.stats.added == r.diff.Count(MeetingChange::Kind::kAdded));
  // The diff accounts for every meeting.
  CHECK(r.diff.unchanged + r.diff.Count(MeetingChange::Kind::kMoved) + r.diff.Count(MeetingChange::Kind::kCancelled) ==
        static_cast<int>(f.schedule.meetings.size()));
  CHECK(r.diff.unchanged + r.diff.Count(MeetingChange::Kind::kMoved) + r.diff.Count(MeetingChange::Kind::kAdded) ==
        static_cast<int>(r.schedule.meetings.size()));
  for (const auto& c : r.diff.changes) CHECK_FALSE(c.reason.empty());
  // ICS sequences: raised for moved meetings, 0 for added ones.
  for (const auto& c : r.diff.changes) {
    if (c.kind == MeetingChange::Kind::kMoved) CHECK(after.at({c.supplier, c.stand}).sequence == c.before.sequence + 1);
    if (c.kind == MeetingChange::Kind::kAdded) CHECK(after.at({c.supplier, c.stand}).sequence == 0);
  }
}

TEST_CASE("churn is counted and bounded per participant", "[replan]") {
  const Forum& f = SharedForum();
  const int first = 4;
  ChangeSet changes = f.Changes(BusyDay(f, first), f.SlotStart(first));
  for (int limit : {0, 1, 2}) {
    Rules rules = f.rules;
    rules.replan.max_moves_per_participant = limit;
    ReplanResult r = f.Run(changes, &rules);
    INFO("limit " << limit);
    // Independently of the counters: kept meetings moved by the repair, per participant.
    std::map<int, int> supplier_moves, stand_moves;
    int moved_by_repair = 0;
    for (const auto& c : r.diff.changes) {
      if (c.kind != MeetingChange::Kind::kMoved || c.reason.rfind("moved to let", 0) != 0) continue;
      ++moved_by_repair;
      ++supplier_moves[c.supplier];
      ++stand_moves[c.stand];
    }
    for (const auto& [p, n] : supplier_moves) CHECK(n <= limit);
    for (const auto& [p, n] : stand_moves) CHECK(n <= limit);
    CHECK(r.stats.moves == moved_by_repair);
    CHECK(r.stats.max_moves <= limit);
    for (int n : r.supplier_moves) CHECK(n <= limit);
    for (int n : r.stand_moves) CHECK(n <= limit);
    if (limit == 0) CHECK(moved_by_repair == 0);
  }
}

TEST_CASE("a walk-in gets meetings where capacity is free", "[replan]") {
  nlohmann::json doc = event_builder::MinimalEvent();
  doc["stands"][0]["tables"] = 2;
  doc["stands"].push_back(event_builder::Stand("s2", {event_builder::Need("n2", {"39130000-2"})}));
  Event event = event_builder::Parse(doc);
  Rules rules = Rules::Default();
  auto scores = Score(event, rules);
  auto built = BuildSchedule(event, rules, scores);
  REQUIRE(built.ok());
  const std::string json = ScheduleToJson(event, *built);
  auto schedule = ParseSchedule(json, "schedule.json", event);
  REQUIRE(schedule.ok());
  nlohmann::json changes_doc = {{"format", "standmatch.changes/1"},
                                {"now", "10:20"},
                                {"changes",
                                 {{{"kind", "walk_in"},
                                   {"supplier",
                                    {{"id", "w1"},
                                     {"name", "Walk-in"},
                                     {"commune", "94076"},
                                     {"cpv", {"39130000"}},
                                     {"wishes", {{{"stand", "s2"}, {"level", "must"}}}}}}}}}};
  auto changes = ParseChanges(changes_doc.dump(), "changes.json", event, *schedule);
  REQUIRE(changes.ok());
  auto r = Replan(event, rules, *schedule, *changes);
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  RequireValidSchedule(r->changed.event, rules, ScheduleToJson(r->changed.event, r->schedule));
  int walk_in_meetings = 0;
  for (const auto& m : r->schedule.meetings) {
    if (m.supplier != 1) continue;
    ++walk_in_meetings;
    CHECK(m.slot >= 2);
  }
  CHECK(walk_in_meetings == 2);
  CHECK(r->diff.Count(MeetingChange::Kind::kAdded) == 2);
  CHECK(r->diff.Count(MeetingChange::Kind::kMoved) == 0);
  CHECK(DiffText(r->changed.event, r->diff).find("added     w1 / s1  ") != std::string::npos);
}

TEST_CASE("a repair moves a kept meeting only to let one more in", "[replan]") {
  // s1 (one table) is staffed at 10:40 and 10:50 only; f1 meets it at 10:40, f2 (free
  // at both) at 10:50. f1 cancels, and a walk-in free only at 10:50 arrives: moving f2
  // to 10:40 lets the walk-in in.
  nlohmann::json doc = event_builder::MinimalEvent();
  doc["stands"][0]["available"] = {{{"start", "10:40"}, {"end", "11:00"}}};
  doc["suppliers"].push_back(event_builder::Supplier("f2", {"39130000"}));
  doc["suppliers"][1]["available"] = {{{"start", "10:40"}, {"end", "11:00"}}};
  Event event = event_builder::Parse(doc);
  Rules rules = Rules::Default();
  Schedule schedule;
  schedule.event_id = event.id;
  schedule.slots = event.slots;
  // f1 at 10:40 and f2 at 10:50 with s1 (slots 4 and 5).
  for (auto [s, slot] : {std::pair{0, 4}, std::pair{1, 5}}) {
    Meeting m;
    m.supplier = s;
    m.stand = 0;
    m.slot = slot;
    m.table = 1;
    schedule.meetings.push_back(m);
  }
  FinishSchedule(event, rules, Score(event, rules), schedule);
  nlohmann::json changes_doc = {{"format", "standmatch.changes/1"},
                                {"now", "10:10"},
                                {"changes",
                                 {{{"kind", "cancel_supplier"}, {"supplier", "f1"}},
                                  {{"kind", "walk_in"},
                                   {"supplier",
                                    {{"id", "w1"},
                                     {"name", "Walk-in"},
                                     {"commune", "94076"},
                                     {"cpv", {"39130000"}},
                                     {"available", {{{"start", "10:50"}, {"end", "11:00"}}}}}}}}}};
  auto changes = ParseChanges(changes_doc.dump(), "changes.json", event, schedule);
  REQUIRE(changes.ok());
  for (int limit : {0, 1}) {
    Rules limited = rules;
    limited.replan.max_moves_per_participant = limit;
    auto r = Replan(event, limited, schedule, *changes);
    REQUIRE(r.ok());
    RequireValidSchedule(r->changed.event, limited, ScheduleToJson(r->changed.event, r->schedule));
    auto after = ByPair(r->schedule);
    if (limit == 0) {
      CHECK_FALSE(after.count({2, 0}));
      CHECK(after.at({1, 0}).slot == 5);
    } else {
      REQUIRE(after.count({2, 0}));
      CHECK(after.at({2, 0}).slot == 5);
      CHECK(after.at({1, 0}).slot == 4);
      CHECK(after.at({1, 0}).sequence == 1);
      CHECK(r->stats.repairs == 1);
      CHECK(r->stats.moves == 1);
      CHECK(r->supplier_moves[1] == 1);
      CHECK(r->stand_moves[0] == 1);
    }
  }
}

TEST_CASE("re-planning is deterministic", "[replan]") {
  const Forum& f = SharedForum();
  ChangeSet changes = f.Changes(BusyDay(f, 3), f.SlotStart(3));
  ReplanResult a = f.Run(changes);
  ReplanResult b = f.Run(changes);
  CHECK(ScheduleToJson(a.changed.event, a.schedule) == ScheduleToJson(b.changed.event, b.schedule));
  CHECK(DiffToJson(a.changed.event, a.diff) == DiffToJson(b.changed.event, b.diff));
  CHECK(DiffText(a.changed.event, a.diff) == DiffText(b.changed.event, b.diff));
}

// The first generated forum whose busy day (from slot 5 on) both cancels a meeting and
// moves one to another slot, with that re-plan.
std::pair<std::unique_ptr<Forum>, std::unique_ptr<ReplanResult>> BusyDayWithMoveAndCancel() {
  std::unique_ptr<Forum> forum;
  std::unique_ptr<ReplanResult> run;
  for (uint64_t seed : {7, 8, 9, 10, 11, 12}) {
    forum = std::make_unique<Forum>(150, 20, seed);
    run = std::make_unique<ReplanResult>(forum->Run(forum->Changes(BusyDay(*forum, 5), forum->SlotStart(5))));
    bool cancels = false, moves = false;
    for (const auto& c : run->diff.changes) {
      cancels = cancels || c.kind == MeetingChange::Kind::kCancelled;
      moves = moves || (c.kind == MeetingChange::Kind::kMoved && c.before.slot != c.after.slot);
    }
    if (cancels && moves) break;
  }
  return {std::move(forum), std::move(run)};
}

TEST_CASE("replan outputs update calendars: raised SEQUENCE and METHOD:CANCEL", "[replan]") {
  auto [forum, run] = BusyDayWithMoveAndCancel();
  ReplanResult& r = *run;
  const auto dir = std::filesystem::temp_directory_path() / "standmatch-test-replan";
  std::filesystem::remove_all(dir);
  REQUIRE(WriteReplanOutputs(r, dir.string(), ScheduleToJson(r.changed.event, r.schedule)).ok());
  const Event& e = r.changed.event;
  bool saw_cancel = false, saw_move = false;
  for (const auto& c : r.diff.changes) {
    const std::string uid = "UID:" + MeetingUid(e, c.supplier, c.stand);
    const std::string id = AgendaFileName(e.suppliers[c.supplier].id);
    if (c.kind == MeetingChange::Kind::kCancelled && !saw_cancel) {
      auto text = ReadFile((dir / "cancellations" / "suppliers" / (id + ".ics")).string());
      REQUIRE(text.ok());
      CHECK(text->find("METHOD:CANCEL") != std::string::npos);
      CHECK(text->find(uid) != std::string::npos);
      CHECK(text->find("SEQUENCE:" + std::to_string(c.before.sequence + 1)) != std::string::npos);
      saw_cancel = true;
    }
    if (c.kind == MeetingChange::Kind::kMoved && !saw_move) {
      auto text = ReadFile((dir / "agendas" / "suppliers" / (id + ".ics")).string());
      REQUIRE(text.ok());
      CHECK(text->find(uid) != std::string::npos);
      CHECK(text->find("SEQUENCE:" + std::to_string(c.after.sequence)) != std::string::npos);
      CHECK(c.after.sequence >= 1);
      saw_move = true;
    }
  }
  CHECK(saw_cancel);
  CHECK(saw_move);  // both kinds of calendar update were checked above
  auto diff = ReadFile((dir / "replan.json").string());
  REQUIRE(diff.ok());
  CHECK(*diff == DiffToJson(e, r.diff));
  // The new schedule.json carries the sequences and reads back to them.
  auto json = ReadFile((dir / "schedule.json").string());
  REQUIRE(json.ok());
  auto back = ParseSchedule(*json, "schedule.json", e);
  REQUIRE(back.ok());
  CHECK(ScheduleToJson(e, *back).substr(0, 200) == json->substr(0, 200));
  for (size_t i = 0; i < back->meetings.size(); ++i)
    CHECK(back->meetings[i].sequence == r.schedule.meetings[i].sequence);
  std::filesystem::remove_all(dir);
}

TEST_CASE("the changed event file checks the new schedule", "[replan]") {
  const Forum& f = SharedForum();
  ChangeSet changes = f.Changes(BusyDay(f, 5), f.SlotStart(5));
  ReplanResult r = f.Run(changes);
  auto text = ChangedEventJson(f.event_json, "event.json", f.event, changes, r.changed);
  INFO(text.status().ToString());
  REQUIRE(text.ok());
  auto reread = ParseEvent(*text, "event.json");
  INFO(reread.status().ToString());
  REQUIRE(reread.ok());
  REQUIRE(reread->suppliers.size() == f.event.suppliers.size() + 1);
  CHECK(reread->suppliers.back().id == "walk-in-1");
  for (size_t s = 0; s < reread->suppliers.size(); ++s)
    CHECK(reread->suppliers[s].slots == r.changed.event.suppliers[s].slots);
  for (size_t t = 0; t < reread->stands.size(); ++t) {
    CHECK(reread->stands[t].slots == r.changed.event.stands[t].slots);
    CHECK(reread->stands[t].tables == r.changed.event.stands[t].tables);
  }
  RequireValidSchedule(*reread, f.rules, ScheduleToJson(*reread, r.schedule));
  // No change, no difference.
  ChangeSet none = f.Changes(nlohmann::json::array(), f.SlotStart(5));
  ReplanResult same = f.Run(none);
  auto unchanged = ChangedEventJson(f.event_json, "event.json", f.event, none, same.changed);
  REQUIRE(unchanged.ok());
  CHECK(nlohmann::json::parse(*unchanged) == nlohmann::json::parse(f.event_json));
}

TEST_CASE("ReplanEventFile bundles the changes, the re-plan, the changed event and the schedule JSON", "[replan]") {
  const Forum& f = SharedForum();
  nlohmann::json doc = {{"format", "standmatch.changes/1"}, {"now", f.SlotStart(5)}, {"changes", BusyDay(f, 5)}};
  std::string changes_json = doc.dump();
  match::ReplanEventInput input;
  input.event_json = f.event_json;
  input.event_file = "event.json";
  input.event = &f.event;
  input.rules = &f.rules;
  input.schedule = &f.schedule;
  input.changes_json = changes_json;
  input.changes_file = "changes.json";
  auto bundle = match::ReplanEventFile(input);
  INFO(bundle.status().ToString());
  REQUIRE(bundle.ok());
  // The same as the steps one by one.
  ChangeSet changes = f.Changes(BusyDay(f, 5), f.SlotStart(5));
  ReplanResult r = f.Run(changes);
  auto changed_json = ChangedEventJson(f.event_json, "event.json", f.event, changes, r.changed);
  REQUIRE(changed_json.ok());
  CHECK(bundle->changed_event_json == *changed_json);
  CHECK(bundle->schedule_json == ScheduleToJson(r.changed.event, r.schedule));
  CHECK(DiffToJson(bundle->result.changed.event, bundle->result.diff) == DiffToJson(r.changed.event, r.diff));
  CHECK(bundle->changes.walk_ins.size() == 1);
  // A bad changes file: the parser's message, naming the file and the path.
  nlohmann::json bad = {{"format", "standmatch.changes/1"},
                        {"changes", {{{"kind", "cancel_supplier"}, {"supplier", "nobody"}}}}};
  std::string bad_json = bad.dump();
  input.changes_json = bad_json;
  auto refused = match::ReplanEventFile(input);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == match::Status::Code::kInvalidInput);
  CHECK(refused.status().ToString().rfind("changes.json: changes[0].supplier: ", 0) == 0);
}

TEST_CASE("a re-plan records attendance: history held, the missed meeting no_show", "[replan]") {
  const Forum& f = SharedForum();
  const int first = 5;
  const Meeting* missed = nullptr;
  for (const auto& m : f.schedule.meetings)
    if (m.slot < first) missed = &m;
  REQUIRE(missed);
  const std::string supplier = f.event.suppliers[missed->supplier].id;
  nlohmann::json list = {{{"kind", "no_show"}, {"supplier", supplier}, {"stand", f.event.stands[missed->stand].id}}};
  ReplanResult r = f.Run(f.Changes(list, f.SlotStart(first)));
  int held = 0, no_shows = 0;
  for (const auto& m : r.schedule.meetings) {
    if (m.slot >= first) {
      CHECK(m.status == Attendance::kPlanned);
      continue;
    }
    const bool is_missed = m.supplier == missed->supplier && m.stand == missed->stand;
    CHECK(m.status == (is_missed ? Attendance::kNoShow : Attendance::kHeld));
    (is_missed ? no_shows : held) += 1;
  }
  CHECK(no_shows == 1);
  CHECK(r.schedule.metrics.no_shows == 1);
  CHECK(r.schedule.metrics.meetings_held == held);
  // Written, read back, and shown in the agendas.
  const std::string json = ScheduleToJson(r.changed.event, r.schedule);
  CHECK(json.find("\"status\": \"no_show\"") != std::string::npos);
  CHECK(json.find("\"meetings_held\": " + std::to_string(held)) != std::string::npos);
  auto back = ParseSchedule(json, "schedule.json", r.changed.event);
  REQUIRE(back.ok());
  for (size_t i = 0; i < back->meetings.size(); ++i) CHECK(back->meetings[i].status == r.schedule.meetings[i].status);
  const std::string csv = AgendaCsv(r.changed.event, r.schedule, AgendaOwner::Supplier(missed->supplier));
  CHECK(csv.find(",no_show\r\n") != std::string::npos);
  auto ics = AgendaIcs(r.changed.event, r.schedule, AgendaOwner::Supplier(missed->supplier));
  REQUIRE(ics.ok());
  CHECK(ics->find("SUMMARY:Absent") != std::string::npos);
  // A later re-plan keeps the recorded status.
  ReplanOptions options;
  options.now = f.event.slots[first + 2].start;
  auto again = Replan(r.changed.event, f.rules, r.schedule, ChangeSet{}, options);
  REQUIRE(again.ok());
  CHECK(again->schedule.metrics.no_shows == 1);
}

TEST_CASE("a bad meeting status in schedule.json names the path and the value", "[replan]") {
  const Forum& f = SharedForum();
  std::string json = f.json;
  const auto at = json.find("\"status\": \"planned\"");
  REQUIRE(at != std::string::npos);
  json.replace(at, 19, "\"status\": \"gone\"");
  auto parsed = ParseSchedule(json, "schedule.json", f.event);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.status().ToString().find("meetings[0].status: \"gone\"") != std::string::npos);
}

TEST_CASE("no meeting is added or moved into a slot sooner than now plus the notice", "[replan]") {
  const Forum& f = SharedForum();
  const int first = 5;
  ChangeSet changes = f.Changes(BusyDay(f, first), f.SlotStart(first));
  auto before = ByPair(f.schedule);
  // Whether some meeting is new in, or moved into, a slot before LIMIT.
  auto arrivals_before = [&](const ReplanResult& r, int limit) {
    int n = 0;
    for (const auto& m : r.schedule.meetings) {
      if (m.slot < first || m.slot >= limit) continue;
      auto it = before.find({m.supplier, m.stand});
      n += (it == before.end() || it->second.slot != m.slot) ? 1 : 0;
    }
    return n;
  };
  Rules eager = f.rules;
  eager.replan.min_notice_minutes = 0;
  ReplanResult r0 = f.Run(changes, &eager);
  CHECK(r0.stats.first_open_slot == first);
  const int minutes = f.event.slots[first + 2].start - f.event.slots[first].start;
  CHECK(arrivals_before(r0, first + 2) > 0);  // without notice the first slots are filled
  Rules careful = f.rules;
  careful.replan.min_notice_minutes = minutes;
  ReplanResult r1 = f.Run(changes, &careful);
  CHECK(r1.stats.first_open_slot == first + 2);
  CHECK(arrivals_before(r1, first + 2) == 0);
  CHECK(Rules::Default().replan.min_notice_minutes == 10);
}

namespace {

// A calendar subscribed to a feed, as calendar programs keep one: events by UID, an
// update replacing an event when its SEQUENCE is not lower. Parsed with libical.
struct SubscribedCalendar {
  struct Entry {
    int sequence = 0;
    std::string start;
    bool cancelled = false;
  };
  std::map<std::string, Entry> by_uid;
  int duplicates = 0;  // UIDs seen twice within one feed

  void Refresh(const std::string& feed) {
    icalcomponent* cal = icalparser_parse_string(feed.c_str());
    REQUIRE(cal != nullptr);
    REQUIRE(icalcomponent_get_method(cal) == ICAL_METHOD_PUBLISH);
    std::set<std::string> seen;
    for (icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev != nullptr;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
      const std::string uid = icalcomponent_get_uid(ev);
      duplicates += seen.insert(uid).second ? 0 : 1;
      CHECK(icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY) != nullptr);
      CHECK(icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY) == nullptr);  // RFC 5546 PUBLISH
      Entry entry;
      entry.sequence = icalcomponent_get_sequence(ev);
      entry.start = icaltime_as_ical_string(icalcomponent_get_dtstart(ev));
      entry.cancelled = icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED;
      auto it = by_uid.find(uid);
      if (it == by_uid.end() || it->second.sequence <= entry.sequence) by_uid[uid] = entry;
    }
    icalcomponent_free(cal);
  }
};

}  // namespace

TEST_CASE("a calendar subscribed to the feed follows a re-plan: moved, cancelled, no duplicate", "[replan]") {
  auto [forum, run] = BusyDayWithMoveAndCancel();
  const Forum& f = *forum;
  ReplanResult& r = *run;
  const Event& e = r.changed.event;
  // A supplier with a moved meeting and one with a cancelled one.
  const MeetingChange* moved = nullptr;
  const MeetingChange* cancelled = nullptr;
  for (const auto& c : r.diff.changes) {
    if (c.kind == MeetingChange::Kind::kMoved && !moved && c.before.slot != c.after.slot) moved = &c;
    if (c.kind == MeetingChange::Kind::kCancelled && !cancelled) cancelled = &c;
  }
  REQUIRE(moved);
  REQUIRE(cancelled);
  Schedule first = f.schedule;  // the first version, read against the changed event
  auto withdrawn = WithdrawnMeetings({first}, r.schedule);
  for (const MeetingChange* c : {moved, cancelled}) {
    const AgendaOwner owner = AgendaOwner::Supplier(c->supplier);
    IcsOptions stamp_before, stamp_after;
    stamp_before.stamp = 1743148800;
    stamp_after.stamp = 1743152400;
    auto old_feed = FeedIcs(e, first, {}, owner, stamp_before);
    auto new_feed = FeedIcs(e, r.schedule, withdrawn, owner, stamp_after);
    REQUIRE(old_feed.ok());
    REQUIRE(new_feed.ok());
    CHECK(new_feed->find("DTSTAMP:20250328T090000Z") != std::string::npos);
    SubscribedCalendar calendar;
    calendar.Refresh(*old_feed);
    const size_t before = calendar.by_uid.size();
    calendar.Refresh(*new_feed);
    CHECK(calendar.duplicates == 0);
    const std::string uid = MeetingUid(e, c->supplier, c->stand);
    REQUIRE(calendar.by_uid.count(uid));
    const auto& entry = calendar.by_uid[uid];
    if (c == moved) {
      CHECK_FALSE(entry.cancelled);
      const Slot& slot = r.schedule.slots[c->after.slot];
      CHECK(entry.start.substr(9, 4) == FormatTime(slot.start).substr(0, 2) + FormatTime(slot.start).substr(3, 2));
      CHECK(entry.sequence == c->after.sequence);
    } else {
      CHECK(entry.cancelled);
      CHECK(entry.sequence == c->before.sequence + 1);
    }
    // Every meeting the supplier holds now is in the calendar, once, not cancelled.
    int live = 0;
    for (const auto& [id, ev] : calendar.by_uid) live += ev.cancelled ? 0 : 1;
    CHECK(live == static_cast<int>(AgendaMeetings(r.schedule, owner).size()) - [&] {
      int n = 0;
      for (const auto& m : AgendaMeetings(r.schedule, owner)) n += m.status == Attendance::kNoShow;
      return n;
    }());
    CHECK(calendar.by_uid.size() >= before);
  }
}

TEST_CASE("the warnings before publishing: short notice, a participant left with no meeting", "[replan]") {
  const Forum& f = SharedForum();
  const int first = 5;
  ReplanResult r = f.Run(f.Changes(BusyDay(f, first), f.SlotStart(first)));
  auto warnings = ReplanWarnings(f.schedule, r);
  int short_notice = 0;
  for (const auto& w : warnings) {
    CHECK_FALSE(w.text.empty());
    if (w.kind != "short_notice") continue;
    ++short_notice;
    CHECK(w.minutes < kShortNoticeMinutes);
    CHECK(w.supplier >= 0);
    CHECK(w.stand >= 0);
  }
  // Every change to a meeting in the first future slot is at short notice.
  int expected = 0;
  for (const auto& c : r.diff.changes)
    if (c.kind != MeetingChange::Kind::kAdded &&
        (c.before.slot == first || (c.kind == MeetingChange::Kind::kMoved && c.after.slot == first)))
      ++expected;
  CHECK(expected > 0);
  CHECK(short_notice >= expected);
  // A stand whose every meeting is cancelled is named.
  const StandIndex lonely = f.schedule.meetings.front().stand;
  nlohmann::json list = nlohmann::json::array();
  std::set<std::string> done;
  for (const auto& m : f.schedule.meetings)
    if (m.stand == lonely && done.insert(f.event.suppliers[m.supplier].id).second)
      list.push_back({{"kind", "cancel_supplier"}, {"supplier", f.event.suppliers[m.supplier].id}});
  ReplanResult empty = f.Run(f.Changes(list, "00:00"));
  bool named = false;
  for (const auto& w : ReplanWarnings(f.schedule, empty))
    named = named || (w.kind == "no_meeting" && w.stand == lonely &&
                      w.text.find("n'a plus aucun rendez-vous") != std::string::npos);
  bool has_meetings = false;
  for (const auto& m : empty.schedule.meetings) has_meetings = has_meetings || m.stand == lonely;
  CHECK(named != has_meetings);
}
