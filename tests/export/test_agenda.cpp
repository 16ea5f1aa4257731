// Agendas (CSV, ICS) and the output directory of a schedule.
#include <libical/ical.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "match/base/files.h"
#include "match/export/agenda.h"
#include "match/export/outputs.h"
#include "match/io/event_io.h"

namespace {

using match::AgendaOwner;
using match::Event;
using match::Meeting;
using match::Schedule;

// Two stands, four suppliers, 10:40-12:20 in 10-minute slots, a coffee break 11:20-11:30
// (slots: 0 10:40, 1 10:50, 2 11:00, 3 11:10, 4 11:30, ...).
Event SmallEvent() {
  Event event;
  event.id = "fad-2025";
  event.name = "Forum des Achats Durables";
  event.date = "2025-03-28";
  event.sessions = {{640, 740}};
  event.slot_minutes = 10;
  event.breaks = {{{680, 690}, "coffee"}};
  event.buyers = {{"villejuif", "Ville de Villejuif", "commune", "94076", "", ""}};
  match::Stand mobilier;
  mobilier.id = "mobilier";
  mobilier.title = "Mobilier en réemploi";
  mobilier.tables = 2;
  mobilier.needs = {0};
  match::Stand print;
  print.id = "impression";
  print.title = "Impression \"durable\", papier";
  print.needs = {1};
  event.stands = {mobilier, print};
  match::Need desks;
  desks.id = "bureaux";
  desks.title = "Mobilier de bureau de seconde main";
  match::Need paper;
  paper.id = "papier";
  paper.title = "Impression sur papier recyclé";
  paper.stand = 1;
  event.needs = {desks, paper};
  auto supplier = [](std::string id, std::string name) {
    match::Supplier s;
    s.id = std::move(id);
    s.name = std::move(name);
    return s;
  };
  event.suppliers = {supplier("f001", "Atelier Bois Solidaire"), supplier("F.2", "<script>alert(1)</script>"),
                     supplier("f003", "=HYPERLINK(\"x\")"), supplier("f004", "Sans rendez-vous")};
  match::BuildSlots(event);
  return event;
}

Meeting Meet(int supplier, int stand, int table, int slot, double score, int need) {
  Meeting m;
  m.supplier = supplier;
  m.stand = stand;
  m.table = table;
  m.slot = slot;
  m.score = score;
  m.need = need;
  return m;
}

Schedule SmallSchedule(const Event& event) {
  Schedule schedule;
  schedule.event_id = event.id;
  schedule.slots = event.slots;
  schedule.meetings = {Meet(0, 0, 1, 0, 0.82, 0), Meet(1, 0, 2, 0, 0.5, 0), Meet(2, 1, 1, 1, 0.333, 1),
                       Meet(0, 1, 1, 4, 0.7, 1), Meet(1, 1, 1, 5, 0.25, 1)};
  return schedule;
}

struct CalendarDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Calendar = std::unique_ptr<icalcomponent, CalendarDeleter>;

Calendar Parse(const std::string& text) {
  Calendar calendar(icalparser_parse_string(text.c_str()));
  REQUIRE(calendar != nullptr);
  REQUIRE(icalcomponent_isa(calendar.get()) == ICAL_VCALENDAR_COMPONENT);
  return calendar;
}

std::vector<icalcomponent*> Events(icalcomponent* calendar) {
  std::vector<icalcomponent*> events;
  for (icalcomponent* c = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); c != nullptr;
       c = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
    events.push_back(c);
  }
  return events;
}

std::string Tzid(icalcomponent* vevent, icalproperty_kind kind) {
  icalproperty* p = icalcomponent_get_first_property(vevent, kind);
  REQUIRE(p != nullptr);
  icalparameter* tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
  return tzid == nullptr ? "" : icalparameter_get_tzid(tzid);
}

std::string Slurp(const std::filesystem::path& path) {
  auto text = match::ReadFile(path.string());
  REQUIRE(text.ok());
  return *text;
}

// A fresh directory under the system's temporary directory, removed on exit.
struct TempDir {
  explicit TempDir(const std::string& name)
      : path(std::filesystem::temp_directory_path() / ("standmatch-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  std::filesystem::path path;
};

}  // namespace

TEST_CASE("agenda meetings come in time order", "[agenda]") {
  Event event = SmallEvent();
  Schedule schedule = SmallSchedule(event);
  std::swap(schedule.meetings[0], schedule.meetings[3]);
  auto meetings = match::AgendaMeetings(schedule, AgendaOwner::Supplier(0));
  REQUIRE(meetings.size() == 2);
  CHECK(meetings[0].slot == 0);
  CHECK(meetings[1].slot == 4);
  auto stand = match::AgendaMeetings(schedule, AgendaOwner::Stand(0));
  REQUIRE(stand.size() == 2);
  CHECK(stand[0].table == 1);
  CHECK(stand[1].table == 2);
  CHECK(match::AgendaMeetings(schedule, AgendaOwner::Supplier(3)).empty());
}

TEST_CASE("supplier agenda CSV: header, one row per meeting, time order", "[agenda]") {
  Event event = SmallEvent();
  Schedule schedule = SmallSchedule(event);
  CHECK(match::AgendaCsv(event, schedule, AgendaOwner::Supplier(0)) ==
        "start,end,stand_id,stand,buyer,table,need,score,status\r\n"
        "10:40,10:50,mobilier,Mobilier en réemploi,Ville de Villejuif,1,Mobilier de bureau de seconde main,0.8200,"
        "planned\r\n"
        "11:30,11:40,impression,\"Impression \"\"durable\"\", papier\",Ville de Villejuif,1,"
        "Impression sur papier recyclé,0.7000,planned\r\n");
  CHECK(match::AgendaCsv(event, schedule, AgendaOwner::Supplier(3)) ==
        "start,end,stand_id,stand,buyer,table,need,score,status\r\n");
}

TEST_CASE("agenda JSON: owner, version, meetings in time order with ids and names", "[agenda]") {
  Event event = SmallEvent();
  Schedule schedule = SmallSchedule(event);
  std::string text = match::AgendaJson(event, schedule, AgendaOwner::Supplier(0), 3);
  REQUIRE(!text.empty());
  CHECK(text.back() == '\n');
  CHECK(text.find('\n') == text.size() - 1);  // one line
  CHECK(text == match::AgendaJson(event, schedule, AgendaOwner::Supplier(0), 3));
  auto json = nlohmann::ordered_json::parse(text);
  CHECK(json["event"] ==
        nlohmann::ordered_json{{"id", "fad-2025"}, {"name", "Forum des Achats Durables"}, {"date", "2025-03-28"}});
  CHECK(json["owner"]["kind"] == "supplier");
  CHECK(json["owner"]["id"] == event.suppliers[0].id);
  CHECK(json["version"] == 3);
  REQUIRE(json["meetings"].size() == 2);
  const auto& first = json["meetings"][0];
  std::vector<std::string> keys;
  for (const auto& item : first.items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"slot", "start", "end", "supplier", "supplier_name", "stand", "stand_name",
                                         "table", "need", "need_title", "score", "status"});
  CHECK(first["slot"] == 0);
  CHECK(first["start"] == "10:40");
  CHECK(first["end"] == "10:50");
  CHECK(first["stand"] == "mobilier");
  CHECK(first["stand_name"] == "Mobilier en réemploi");
  CHECK(first["need_title"] == "Mobilier de bureau de seconde main");
  CHECK(first["score"] == 0.82);
  CHECK(json["meetings"][1]["start"] == "11:30");
  auto stand = nlohmann::ordered_json::parse(match::AgendaJson(event, schedule, AgendaOwner::Stand(0), 1));
  CHECK(stand["owner"]["kind"] == "stand");
  CHECK(stand["owner"]["id"] == "mobilier");
  auto none = nlohmann::ordered_json::parse(match::AgendaJson(event, schedule, AgendaOwner::Supplier(3), 1));
  CHECK(none["meetings"].empty());
}

TEST_CASE("stand agenda CSV quotes per RFC 4180 and neutralises formulas", "[agenda]") {
  Event event = SmallEvent();
  Schedule schedule = SmallSchedule(event);
  std::string csv = match::AgendaCsv(event, schedule, AgendaOwner::Stand(1));
  CHECK(csv ==
        "start,end,supplier_id,supplier,table,need,score,status\r\n"
        "10:50,11:00,f003,\"'=HYPERLINK(\"\"x\"\")\",1,Impression sur papier recyclé,0.3330,planned\r\n"
        "11:30,11:40,f001,Atelier Bois Solidaire,1,Impression sur papier recyclé,0.7000,planned\r\n"
        "11:40,11:50,F.2,<script>alert(1)</script>,1,Impression sur papier recyclé,0.2500,planned\r\n");

  match::CsvOptions options;
  options.separator = ';';
  options.byte_order_mark = true;
  options.neutralise_formulas = false;
  std::string french = match::AgendaCsv(event, schedule, AgendaOwner::Stand(1), options);
  CHECK(french.rfind("\xEF\xBB\xBFstart;end;supplier_id;supplier;table;need;score;status\r\n", 0) == 0);
  CHECK(french.find("10:50;11:00;f003;\"=HYPERLINK(\"\"x\"\")\";1;") != std::string::npos);
}

TEST_CASE("safe ids are distinct even ignoring case", "[agenda]") {
  CHECK(match::SafeId("f001") == "f001");
  CHECK(match::SafeId("mobilier-bureaux_2") == "mobilier-bureaux_2");
  CHECK(match::SafeId("F 01.x") == "%46%2001%2Ex");
  CHECK(match::SafeId("..") == "%2E%2E");
  CHECK(match::SafeId("a/b") == "a%2Fb");
  CHECK(match::SafeId("é") == "%C3%A9");
  std::set<std::string> folded;
  for (std::string id : {"f001", "F001", "f%001", "f%46001", "F.1", "f.1", "f_1", "f-1", "f%2E1"}) {
    std::string safe = match::SafeId(id);
    for (char& c : safe) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(folded.insert(safe).second);
  }
}

TEST_CASE("ICS agenda parses back with libical, with stable UIDs", "[agenda]") {
  Event event = SmallEvent();
  Schedule schedule = SmallSchedule(event);
  auto ics = match::AgendaIcs(event, schedule, AgendaOwner::Supplier(0));
  REQUIRE(ics.ok());
  CHECK(ics->find("PRODID:-//standmatch//standmatch 0.1//FR\r\n") != std::string::npos);
  CHECK(ics->find("DTSTAMP:20250328T000000Z\r\n") != std::string::npos);
  CHECK(ics->find("DTSTART;TZID=Europe/Paris:20250328T104000\r\n") != std::string::npos);
  CHECK(ics->find("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n") != std::string::npos);

  Calendar calendar = Parse(*ics);
  CHECK(icalcomponent_get_method(calendar.get()) == ICAL_METHOD_PUBLISH);
  CHECK(icalcomponent_get_first_component(calendar.get(), ICAL_VTIMEZONE_COMPONENT) != nullptr);
  auto events = Events(calendar.get());
  REQUIRE(events.size() == 2);
  CHECK(std::string(icalcomponent_get_uid(events[0])) == "fad-2025.f001.mobilier@standmatch");
  CHECK(std::string(icalcomponent_get_uid(events[1])) == "fad-2025.f001.impression@standmatch");
  CHECK(std::string(icalcomponent_get_summary(events[0])) == "Rendez-vous: Mobilier en réemploi — table 1");
  CHECK(std::string(icalcomponent_get_location(events[1])) == "Impression \"durable\", papier, table 1");
  CHECK(
      std::string(icalcomponent_get_description(events[0])).rfind("Besoin : Mobilier de bureau de seconde main\n", 0) ==
      0);
  icaltimetype start = icalcomponent_get_dtstart(events[1]);
  icaltimetype end = icalcomponent_get_dtend(events[1]);
  CHECK(start.year == 2025);
  CHECK(start.month == 3);
  CHECK(start.day == 28);
  CHECK(start.hour * 60 + start.minute == 690);  // after the coffee break
  CHECK(end.hour * 60 + end.minute == 700);
  CHECK(Tzid(events[1], ICAL_DTSTART_PROPERTY) == "Europe/Paris");
  CHECK(Tzid(events[1], ICAL_DTEND_PROPERTY) == "Europe/Paris");
  CHECK(icalcomponent_get_sequence(events[0]) == 0);
  CHECK(icalcomponent_get_status(events[0]) == ICAL_STATUS_CONFIRMED);

  // Same bytes twice; the UID survives a re-plan that moves the meeting.
  CHECK(*match::AgendaIcs(event, schedule, AgendaOwner::Supplier(0)) == *ics);
  Schedule moved = schedule;
  moved.meetings[0].slot = 6;
  moved.meetings[0].table = 2;
  match::IcsOptions raised;
  raised.sequence = [](match::SupplierIndex s, match::StandIndex t) { return s == 0 && t == 0 ? 2 : 0; };
  auto replanned = match::AgendaIcs(event, moved, AgendaOwner::Supplier(0), raised);
  REQUIRE(replanned.ok());
  Calendar again = Parse(*replanned);
  auto moved_events = Events(again.get());
  REQUIRE(moved_events.size() == 2);
  // Now in time order: impression (11:30) then mobilier (11:50).
  CHECK(std::string(icalcomponent_get_uid(moved_events[1])) == "fad-2025.f001.mobilier@standmatch");
  CHECK(icalcomponent_get_sequence(moved_events[1]) == 2);
  CHECK(icalcomponent_get_sequence(moved_events[0]) == 0);

  // Without a sequence function, each meeting's own sequence is published.
  moved.meetings[0].sequence = 3;
  Calendar own = Parse(*match::AgendaIcs(event, moved, AgendaOwner::Supplier(0)));
  CHECK(icalcomponent_get_sequence(Events(own.get())[1]) == 3);
  CHECK(icalcomponent_get_sequence(Events(own.get())[0]) == 0);
}

TEST_CASE("stand agenda ICS names the supplier, UIDs escape ids", "[agenda]") {
  Event event = SmallEvent();
  Schedule schedule = SmallSchedule(event);
  auto ics = match::AgendaIcs(event, schedule, AgendaOwner::Stand(0));
  REQUIRE(ics.ok());
  Calendar calendar = Parse(*ics);
  auto events = Events(calendar.get());
  REQUIRE(events.size() == 2);
  CHECK(std::string(icalcomponent_get_summary(events[1])) == "Rendez-vous: <script>alert(1)</script> — table 2");
  CHECK(std::string(icalcomponent_get_uid(events[1])) == "fad-2025.%46%2E2.mobilier@standmatch");
  CHECK(match::MeetingUid(event, 1, 0) == "fad-2025.%46%2E2.mobilier@standmatch");
  // The supplier's calendar and the stand's carry the same UID for the same meeting.
  auto supplier = match::AgendaIcs(event, schedule, AgendaOwner::Supplier(1));
  REQUIRE(supplier.ok());
  Calendar supplier_calendar = Parse(*supplier);
  CHECK(std::string(icalcomponent_get_uid(Events(supplier_calendar.get())[0])) ==
        "fad-2025.%46%2E2.mobilier@standmatch");
}

TEST_CASE("ICS agendas in English on request, French by default", "[agenda]") {
  Event event = SmallEvent();
  Schedule schedule = SmallSchedule(event);
  match::IcsOptions english;
  english.lang = match::Lang::kEn;
  auto fr = match::AgendaIcs(event, schedule, AgendaOwner::Stand(0));
  auto en = match::AgendaIcs(event, schedule, AgendaOwner::Stand(0), english);
  REQUIRE(fr.ok());
  REQUIRE(en.ok());
  Calendar calendar = Parse(*en);
  auto events = Events(calendar.get());
  REQUIRE(events.size() == 2);
  CHECK(std::string(icalcomponent_get_summary(events[1])) == "Meeting: <script>alert(1)</script> — table 2");
  const std::string description = icalcomponent_get_description(events[1]);
  CHECK(description.find("Supplier: ") != std::string::npos);
  CHECK(description.find("Fournisseur") == std::string::npos);
  CHECK(fr->find("Fournisseur : ") != std::string::npos);
  // Only the words change: same UIDs, times and SEQUENCE.
  Calendar french = Parse(*fr);
  auto french_events = Events(french.get());
  REQUIRE(french_events.size() == 2);
  for (size_t i = 0; i < 2; ++i) {
    CHECK(std::string(icalcomponent_get_uid(events[i])) == icalcomponent_get_uid(french_events[i]));
    CHECK(icalcomponent_get_sequence(events[i]) == icalcomponent_get_sequence(french_events[i]));
  }
}

TEST_CASE("cancelled meetings: METHOD:CANCEL, STATUS:CANCELLED, same UID, raised SEQUENCE", "[agenda]") {
  Event event = SmallEvent();
  Schedule schedule = SmallSchedule(event);
  std::vector<Meeting> cancelled = {schedule.meetings[0], schedule.meetings[1], schedule.meetings[3]};
  auto ics = match::CancellationIcs(event, schedule.slots, cancelled, AgendaOwner::Supplier(0));
  REQUIRE(ics.ok());
  Calendar calendar = Parse(*ics);
  CHECK(icalcomponent_get_method(calendar.get()) == ICAL_METHOD_CANCEL);
  auto events = Events(calendar.get());
  REQUIRE(events.size() == 2);  // supplier 1's meeting is not in supplier 0's calendar
  CHECK(std::string(icalcomponent_get_uid(events[0])) == match::MeetingUid(event, 0, 0));
  CHECK(icalcomponent_get_status(events[0]) == ICAL_STATUS_CANCELLED);
  CHECK(icalcomponent_get_sequence(events[0]) == 1);
  cancelled[2].sequence = 4;  // last published with SEQUENCE 4: cancelled with 5
  Calendar later = Parse(*match::CancellationIcs(event, schedule.slots, cancelled, AgendaOwner::Supplier(0)));
  CHECK(icalcomponent_get_sequence(Events(later.get())[1]) == 5);

  match::IcsOptions options;
  options.sequence = [](match::SupplierIndex, match::StandIndex) { return 5; };
  auto raised = match::CancellationIcs(event, schedule.slots, cancelled, AgendaOwner::Supplier(0), options);
  REQUIRE(raised.ok());
  Calendar raised_calendar = Parse(*raised);
  CHECK(icalcomponent_get_sequence(Events(raised_calendar.get())[1]) == 5);
}

TEST_CASE("ICS floating times and bad dates", "[agenda]") {
  Event event = SmallEvent();
  Schedule schedule = SmallSchedule(event);
  match::IcsOptions floating;
  floating.time = match::IcsTime::kFloating;
  auto ics = match::AgendaIcs(event, schedule, AgendaOwner::Stand(1), floating);
  REQUIRE(ics.ok());
  CHECK(ics->find("VTIMEZONE") == std::string::npos);
  CHECK(ics->find("DTSTART:20250328T105000\r\n") != std::string::npos);

  event.date = "2025-02-30";
  auto bad = match::AgendaIcs(event, schedule, AgendaOwner::Stand(1));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == match::Status::Code::kInvalidInput);
  CHECK(bad.status().ToString() == "event fad-2025: date \"2025-02-30\" is not YYYY-MM-DD");
}

TEST_CASE("schedule outputs: directory layout, atomic files, same bytes twice", "[agenda][outputs]") {
  Event event = SmallEvent();
  Schedule schedule = SmallSchedule(event);
  TempDir dir("outputs");
  std::filesystem::path out = dir.path / "run";
  REQUIRE(match::WriteScheduleOutputs(event, schedule, out.string(), "{\"format\": \"x\"}\n").ok());
  CHECK(Slurp(out / "schedule.json") == "{\"format\": \"x\"}\n");
  CHECK(Slurp(out / "timetable.html").rfind("<!DOCTYPE html>", 0) == 0);
  for (std::string id : {"f001", "%46%2E2", "f003", "f004"}) {
    CHECK(std::filesystem::is_regular_file(out / "agendas" / "suppliers" / (id + ".csv")));
    CHECK(std::filesystem::is_regular_file(out / "agendas" / "suppliers" / (id + ".ics")));
  }
  for (std::string id : {"mobilier", "impression"}) {
    CHECK(std::filesystem::is_regular_file(out / "agendas" / "stands" / (id + ".csv")));
    CHECK(std::filesystem::is_regular_file(out / "agendas" / "stands" / (id + ".ics")));
  }
  CHECK(Slurp(out / "agendas" / "suppliers" / "f001.csv") ==
        match::AgendaCsv(event, schedule, AgendaOwner::Supplier(0)));
  CHECK(Slurp(out / "agendas" / "stands" / "impression.ics") ==
        *match::AgendaIcs(event, schedule, AgendaOwner::Stand(1)));
  size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(out)) files += entry.is_regular_file();
  CHECK(files == 2 + 4 * 2 + 2 * 2);  // no temporary file left behind

  std::filesystem::path second = dir.path / "again";
  REQUIRE(match::WriteScheduleOutputs(event, schedule, second.string(), "{}").ok());
  for (const auto& entry : std::filesystem::recursive_directory_iterator(out)) {
    if (!entry.is_regular_file() || entry.path().filename() == "schedule.json") continue;
    CHECK(Slurp(entry.path()) == Slurp(second / std::filesystem::relative(entry.path(), out)));
  }
}

TEST_CASE("schedule outputs: a rerun removes the agendas of removed participants", "[agenda][outputs]") {
  Event event = SmallEvent();
  Schedule schedule = SmallSchedule(event);
  TempDir dir("outputs-rerun");
  std::filesystem::path out = dir.path / "run";
  REQUIRE(match::WriteScheduleOutputs(event, schedule, out.string(), "{}").ok());
  const std::filesystem::path suppliers = out / "agendas" / "suppliers";
  REQUIRE(std::filesystem::is_regular_file(suppliers / "f004.ics"));
  REQUIRE(match::WriteFileAtomic((suppliers / "notes.txt").string(), "the organiser's own file").ok());

  // f004 leaves the event: its meetings go, and so do its agenda files.
  const int leaving = static_cast<int>(event.suppliers.size()) - 1;
  REQUIRE(event.suppliers[leaving].id == "f004");
  event.suppliers.pop_back();
  std::erase_if(schedule.meetings, [&](const Meeting& m) { return m.supplier == leaving; });
  REQUIRE(match::WriteScheduleOutputs(event, schedule, out.string(), "{}").ok());
  CHECK_FALSE(std::filesystem::exists(suppliers / "f004.ics"));
  CHECK_FALSE(std::filesystem::exists(suppliers / "f004.csv"));
  CHECK(std::filesystem::is_regular_file(suppliers / "f003.ics"));
  CHECK(std::filesystem::is_regular_file(suppliers / "notes.txt"));
  CHECK(std::filesystem::is_regular_file(out / "agendas" / "stands" / "mobilier.csv"));
}

TEST_CASE("schedule outputs: errors name the path or the meeting", "[agenda][outputs]") {
  Event event = SmallEvent();
  Schedule schedule = SmallSchedule(event);
  TempDir dir("outputs-errors");
  std::filesystem::create_directories(dir.path);
  std::filesystem::path blocker = dir.path / "file";
  REQUIRE(match::WriteFileAtomic(blocker.string(), "x").ok());
  match::Status status = match::WriteScheduleOutputs(event, schedule, (blocker / "out").string(), "{}");
  REQUIRE_FALSE(status.ok());
  CHECK(status.code() == match::Status::Code::kIoError);
  CHECK(status.ToString().rfind((blocker / "out").string() + ": cannot create the directory", 0) == 0);

  schedule.meetings.push_back(Meet(9, 0, 1, 0, 0.1, 0));
  status = match::WriteScheduleOutputs(event, schedule, (dir.path / "bad").string(), "{}");
  REQUIRE_FALSE(status.ok());
  CHECK(status.code() == match::Status::Code::kInvalidInput);
  CHECK(status.ToString() == "schedule fad-2025: meetings[5]: no supplier at index 9");
  CHECK_FALSE(std::filesystem::exists(dir.path / "bad"));
}

TEST_CASE("agendas of the Villejuif event", "[agenda][outputs]") {
  auto event = match::LoadEvent(STANDMATCH_SOURCE_DIR "/datasets/villejuif-2025/event.json");
  REQUIRE(event.ok());
  REQUIRE(event->slots.size() >= 2);
  Schedule schedule;
  schedule.event_id = event->id;
  schedule.slots = event->slots;
  // Supplier i meets stand i % stands at slot i % slots (table 1): enough to exercise
  // real names and ids.
  int stands = static_cast<int>(event->stands.size());
  int slots = static_cast<int>(event->slots.size());
  for (int i = 0; i < std::min<int>(stands * 2, static_cast<int>(event->suppliers.size())); ++i) {
    int stand = i % stands;
    schedule.meetings.push_back(Meet(i, stand, 1, (i / stands) % slots, 0.5, event->stands[stand].needs[0]));
  }
  TempDir dir("villejuif");
  REQUIRE(match::WriteScheduleOutputs(*event, schedule, dir.path.string(), "{}").ok());
  for (int s = 0; s < static_cast<int>(event->suppliers.size()); ++s) {
    std::filesystem::path ics =
        dir.path / "agendas" / "suppliers" / (match::AgendaFileName(event->suppliers[s].id) + ".ics");
    Calendar calendar = Parse(Slurp(ics));
    CHECK(Events(calendar.get()).size() == (s < stands * 2 ? 1u : 0u));
  }
}
