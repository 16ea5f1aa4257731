// The printable HTML timetable.
#include <catch2/catch.hpp>
#include <string>

#include "match/export/timetable_html.h"
#include "match/io/event_io.h"

namespace {

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// A morning and an afternoon session of 15-minute slots with a lunch break between and
// a plenary inside the morning; the "voirie" stand is staffed in the morning only.
match::Event TwoSessions() {
  match::Event event;
  event.id = "gosb-2025";
  event.name = "Matinale <des> achats & \"services\"";
  event.date = "2025-06-12";
  event.slot_minutes = 15;
  event.sessions = {{*match::ParseTime("09:00"), *match::ParseTime("10:00")},
                    {*match::ParseTime("14:00"), *match::ParseTime("14:30")}};
  event.breaks.push_back({{*match::ParseTime("09:30"), *match::ParseTime("09:45")}, "plénière"});
  event.buyers.push_back({"gosb", "EPT Grand-Orly Seine Bièvre", "ept", "94081", "", ""});
  event.stands.resize(2);
  event.stands[0].id = "voirie";
  event.stands[0].title = "Entretien de la voirie";
  event.stands[0].available = {{*match::ParseTime("09:00"), *match::ParseTime("10:00")}};
  event.stands[0].needs = {0};
  event.stands[1].id = "jouets";
  event.stands[1].title = "Jouets <b>recyclés</b>";
  event.stands[1].tables = 2;
  event.stands[1].needs = {1};
  event.needs.resize(2);
  event.needs[0].title = "Balayage";
  event.needs[1].title = "Jouets de seconde main";
  event.needs[1].stand = 1;
  event.suppliers.resize(3);
  event.suppliers[0].id = "s-zeta";
  event.suppliers[0].name = "Zeta Propreté";
  event.suppliers[1].id = "s-eco";
  event.suppliers[1].name = "Écolo'Jeux <script>alert('x')</script>";
  event.suppliers[2].id = "s-alpha";
  event.suppliers[2].name = "alpha insertion";
  match::BuildSlots(event);
  return event;
}

// Slots: 0 09:00, 1 09:15, (plénière), 2 09:45, 3 14:00, 4 14:15.
match::Schedule TwoSessionSchedule(const match::Event& event) {
  match::Schedule schedule;
  schedule.event_id = event.id;
  schedule.slots = event.slots;
  auto add = [&](int supplier, int stand, int table, int slot) {
    match::Meeting m;
    m.supplier = supplier;
    m.stand = stand;
    m.table = table;
    m.slot = slot;
    m.need = stand;
    schedule.meetings.push_back(m);
  };
  add(0, 0, 1, 0);
  add(1, 1, 1, 0);
  add(2, 1, 2, 0);
  add(0, 1, 1, 2);
  add(1, 1, 2, 4);
  return schedule;
}

}  // namespace

TEST_CASE("HTML escaping", "[html]") {
  CHECK(match::HtmlEscape("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
  CHECK(match::HtmlEscape("réemploi") == "réemploi");
}

TEST_CASE("timetable: grid cells, sessions, breaks, unstaffed slots", "[html]") {
  match::Event event = TwoSessions();
  REQUIRE(event.slots.size() == 5);
  match::Schedule schedule = TwoSessionSchedule(event);
  std::string html = match::TimetableHtml(event, schedule);

  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"fr\">", 0) == 0);
  CHECK(html.find("<title>Matinale &lt;des&gt; achats &amp; &quot;services&quot; — rendez-vous</title>") !=
        std::string::npos);
  CHECK(html.find("jeudi 12 juin 2025") != std::string::npos);
  CHECK(html.find("Pauses : 09:30–09:45 plénière") != std::string::npos);
  CHECK(html.find("@media print") != std::string::npos);
  CHECK(html.find("break-before:page") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("Écolo&#39;Jeux &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);

  // One grid table per session; the plénière is a column of the morning grid.
  CHECK(Count(html, "<table class=\"grid\">") == 2);
  CHECK(html.find("<h3>Session 09:00–10:00</h3>") != std::string::npos);
  CHECK(html.find("<h3>Session 14:00–14:30</h3>") != std::string::npos);
  CHECK(html.find("<th class=\"time\">09:15</th><th class=\"brk\" title=\"Pause (plénière)\">09:30<br>pause</th>"
                  "<th class=\"time\">09:45</th>") != std::string::npos);
  // The jouets row of the morning: two tables at 09:00, free at 09:15, the break, T1 at 09:45.
  CHECK(html.find("<td><span class=\"m\"><span class=\"t\">T1</span>Écolo&#39;Jeux &lt;script&gt;alert(&#39;x&#39;)"
                  "&lt;/script&gt;</span><span class=\"m\"><span class=\"t\">T2</span>alpha insertion</span></td>"
                  "<td></td><td class=\"brk\"></td><td><span class=\"m\"><span class=\"t\">T1</span>"
                  "Zeta Propreté</span></td></tr>") != std::string::npos);
  // Voirie is not staffed in the afternoon: both afternoon cells are shaded.
  CHECK(html.find("Entretien de la voirie</a><br><span class=\"muted\">EPT Grand-Orly Seine Bièvre</span></th>"
                  "<td class=\"off\"></td><td class=\"off\"></td></tr>") != std::string::npos);
}

TEST_CASE("timetable: table of contents and one page per stand and supplier", "[html]") {
  match::Event event = TwoSessions();
  match::Schedule schedule = TwoSessionSchedule(event);
  std::string html = match::TimetableHtml(event, schedule);

  CHECK(Count(html, "<section class=\"page\" id=\"stand-") == 2);
  CHECK(Count(html, "<section class=\"page\" id=\"supplier-") == 3);
  CHECK(html.find("<a href=\"#grille\">") != std::string::npos);
  // Suppliers by name with accents folded: alpha, Écolo'Jeux, Zeta.
  size_t alpha = html.find("<li><a href=\"#supplier-2\">");
  size_t eco = html.find("<li><a href=\"#supplier-1\">");
  size_t zeta = html.find("<li><a href=\"#supplier-0\">");
  REQUIRE(alpha != std::string::npos);
  CHECK(alpha < eco);
  CHECK(eco < zeta);
  CHECK(html.find("id=\"supplier-2\"") < html.find("id=\"supplier-0\""));
  CHECK(html.find("Zeta Propreté</a> <span class=\"muted\">(2)</span>") != std::string::npos);

  // The stand page lists its meetings with the break between them.
  size_t page = html.find("<section class=\"page\" id=\"stand-1\">");
  size_t end = html.find("</section>", page);
  std::string stand = html.substr(page, end - page);
  CHECK(stand.find("<h2>Stand : Jouets &lt;b&gt;recyclés&lt;/b&gt;</h2>") != std::string::npos);
  CHECK(stand.find("2 tables") != std::string::npos);
  CHECK(stand.find("Besoins : Jouets de seconde main") != std::string::npos);
  CHECK(Count(stand, "<tr><td class=\"time\">") == 4);
  size_t break_row = stand.find(
      "<tr class=\"brk\"><td class=\"time\">09:30–09:45</td><td colspan=\"3\">"
      "Pause (plénière)</td></tr>");
  REQUIRE(break_row != std::string::npos);
  CHECK(stand.find("09:00–09:15") < break_row);
  CHECK(break_row < stand.find("09:45–10:00"));

  // A supplier page shows its stands and tables.
  page = html.find("<section class=\"page\" id=\"supplier-1\">");
  std::string supplier = html.substr(page, html.find("</section>", page) - page);
  CHECK(supplier.find("Fournisseur s-eco · 2 rendez-vous") != std::string::npos);
  CHECK(supplier.find("<td class=\"time\">14:15–14:30</td><td><a href=\"#stand-1\">Jouets &lt;b&gt;recyclés"
                      "&lt;/b&gt;</a>") != std::string::npos);
}

TEST_CASE("timetable: English on request, the same pages", "[html]") {
  match::Event event = TwoSessions();
  match::Schedule schedule = TwoSessionSchedule(event);
  match::HtmlOptions english;
  english.lang = match::Lang::kEn;
  const std::string fr = match::TimetableHtml(event, schedule);
  const std::string en = match::TimetableHtml(event, schedule, english);
  CHECK(fr.find("<html lang=\"fr\">") != std::string::npos);
  CHECK(en.find("<html lang=\"en\">") != std::string::npos);
  CHECK(fr.find("Grille des rendez-vous") != std::string::npos);
  CHECK(en.find("Meeting grid") != std::string::npos);
  CHECK(fr.find("jeudi 12 juin 2025") != std::string::npos);
  CHECK(en.find("Thursday 12 June 2025") != std::string::npos);
  CHECK(en.find("Break (plénière)") != std::string::npos);
  for (const char* french : {"Grille des rendez-vous", "Sommaire", "Fournisseurs", "Horaire", "Besoin", "Pause"})
    CHECK(en.find(french) == std::string::npos);
  CHECK(Count(en, "<section class=\"page\"") == Count(fr, "<section class=\"page\""));
  CHECK(Count(en, "<tr") == Count(fr, "<tr"));
}

TEST_CASE("timetable: deterministic, options, participants without meetings", "[html]") {
  match::Event event = TwoSessions();
  match::Schedule schedule = TwoSessionSchedule(event);
  schedule.meetings.erase(schedule.meetings.begin());      // voirie has no meeting left
  schedule.meetings.erase(schedule.meetings.begin() + 2);  // nor has Zeta
  std::string html = match::TimetableHtml(event, schedule);
  CHECK(match::TimetableHtml(event, schedule) == html);
  size_t page = html.find("<section class=\"page\" id=\"stand-0\">");
  CHECK(html.find("<p class=\"none\">Aucun rendez-vous.</p>", page) < html.find("</section>", page));

  match::HtmlOptions options;
  options.stand_pages = false;
  options.suppliers_without_meetings = false;
  schedule.meetings.erase(schedule.meetings.begin() + 1);  // alpha has none now
  std::string short_html = match::TimetableHtml(event, schedule, options);
  CHECK(Count(short_html, "id=\"stand-") == 0);
  CHECK(short_html.find("id=\"supplier-2\"") == std::string::npos);
  CHECK(short_html.find("id=\"supplier-0\"") == std::string::npos);
  CHECK(short_html.find("id=\"supplier-1\"") != std::string::npos);
}

TEST_CASE("timetable of the Villejuif event", "[html]") {
  auto event = match::LoadEvent(STANDMATCH_SOURCE_DIR "/datasets/villejuif-2025/event.json");
  REQUIRE(event.ok());
  match::Schedule schedule;
  schedule.slots = event->slots;
  for (int t = 0; t < static_cast<int>(event->stands.size()); ++t) {
    match::Meeting m;
    m.supplier = t;
    m.stand = t;
    m.slot = t % static_cast<int>(event->slots.size());
    schedule.meetings.push_back(m);
  }
  std::string html = match::TimetableHtml(*event, schedule);
  CHECK(Count(html, "<section class=\"page\" id=\"stand-") == event->stands.size());
  CHECK(Count(html, "<section class=\"page\" id=\"supplier-") == event->suppliers.size());
  CHECK(html.find("vendredi 28 mars 2025") != std::string::npos);
  CHECK(html.find(match::HtmlEscape(event->suppliers[0].name)) != std::string::npos);
}

TEST_CASE("timetable: a long session is split into tables that repeat the stand column", "[html]") {
  // 17 slots of 10 minutes (09:00-11:50) and a break: more than grid_slots_per_table (9).
  match::Event event = TwoSessions();
  event.sessions = {{*match::ParseTime("09:00"), *match::ParseTime("12:00")}};
  event.breaks = {{{*match::ParseTime("10:30"), *match::ParseTime("10:40")}, "café"}};
  event.slot_minutes = 10;
  for (auto& stand : event.stands) stand.available.clear();
  match::BuildSlots(event);
  REQUIRE(event.slots.size() == 17);
  match::Schedule schedule;
  schedule.event_id = event.id;
  schedule.slots = event.slots;
  const std::string html = match::TimetableHtml(event, schedule);
  // 17 slots by at most 9: two tables of 9 and 8, each with the stand column.
  CHECK(Count(html, "<table class=\"grid\">") == 2);
  CHECK(Count(html, "<th class=\"stand\">Stand</th>") == 2);
  CHECK(Count(html, "<th class=\"time\">") == 17);
  for (const auto& slot : event.slots)
    CHECK(html.find("<th class=\"time\">" + match::FormatTime(slot.start)) != std::string::npos);
  size_t second = html.find("<table class=\"grid\">", html.find("<table class=\"grid\">") + 1);
  REQUIRE(second != std::string::npos);
  CHECK(Count(html.substr(0, second), "<th class=\"time\">") == 9);
  CHECK(html.find("<p class=\"grid-part\">09:00–10:40 (1/2)</p>") != std::string::npos);
  // Without a limit, one table.
  match::HtmlOptions options;
  options.grid_slots_per_table = 0;
  CHECK(Count(match::TimetableHtml(event, schedule, options), "<table class=\"grid\">") == 1);
}
