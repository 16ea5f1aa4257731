// The printable HTML timetable (see timetable_html.h).
#include "match/export/timetable_html.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "match/export/agenda.h"

namespace match {

namespace {

constexpr const char* kStyle = R"css(
*{box-sizing:border-box}
body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;font-size:11pt;color:#111;margin:0 auto;max-width:1240px;padding:16px;line-height:1.35}
h1{font-size:22pt;margin:0 0 4px}
h2{font-size:16pt;margin:0 0 6px;border-bottom:2px solid #111;padding-bottom:2px}
h3{font-size:12pt;margin:12px 0 4px}
p{margin:4px 0}
.sub{color:#333}
.page{margin-top:28px}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #777;padding:3px 5px;vertical-align:top;text-align:left}
thead th{background:#e8e8e8}
tr{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
.grid-wrap{overflow-x:auto;max-width:100%;margin-bottom:10px}
.grid{font-size:8.5pt}
.grid td,.grid th{overflow-wrap:break-word}
.grid th.time{width:auto}
.grid-part{font-size:10pt;margin:8px 0 2px}
.grid th.stand{width:14%}
.grid a{color:inherit;text-decoration:none}
.grid td.off{background:repeating-linear-gradient(45deg,#eee,#eee 4px,#fff 4px,#fff 8px)}
.grid .brk{background:#d9d9d9;width:1.6em;font-size:7.5pt;text-align:center}
.grid .m{display:block}
.t{font-weight:bold;margin-right:3px}
.st{font-size:8pt;font-weight:bold;text-transform:uppercase}
.no_show{text-decoration:line-through;color:#733}
.no_show .st{text-decoration:none}
tr.brk td{background:#e3e3e3;font-style:italic}
td.time,th.time{white-space:nowrap;width:7.5em}
td.table{width:4em;text-align:center}
.none{font-style:italic;color:#444}
.toc ol,.toc ul{margin:2px 0}
.toc ul.list{columns:3;column-gap:24px;font-size:9.5pt;list-style:none;padding-left:1.2em}
.toc ul.list li{break-inside:avoid}
.toc a{color:#114;text-decoration:none}
.muted{color:#555}
footer{margin-top:6px;font-size:8pt;color:#555}
@media screen and (max-width:600px){
 body{padding:8px;overflow-wrap:anywhere}
 .toc ul.list{columns:1}
 .grid{min-width:640px;overflow-wrap:normal}
 table.agenda td.time{white-space:normal;width:auto}
}
@page{size:A4;margin:12mm}
@page grid{size:A4 landscape;margin:10mm}
@media print{
 body{max-width:none;padding:0;font-size:10.5pt}
 .page{margin-top:0;break-before:page;page-break-before:always}
 .grid-section{page:grid}
 .grid-wrap{overflow:visible}
 .toc a{color:#000}
 a[href]{color:#000}
}
)css";

constexpr const char* kMonths[2][12] = {{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                                         "septembre", "octobre", "novembre", "décembre"},
                                        {"January", "February", "March", "April", "May", "June", "July", "August",
                                         "September", "October", "November", "December"}};
constexpr const char* kWeekdays[2][7] = {
    {"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
    {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}};

// "2025-03-28" -> "vendredi 28 mars 2025" (English: "Friday 28 March 2025"); the text
// itself when it is not a date.
std::string LongDate(const std::string& date, Lang lang) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return date;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (date[i] < '0' || date[i] > '9') return date;
  int year = std::stoi(date.substr(0, 4));
  int month = std::stoi(date.substr(5, 2));
  int day = std::stoi(date.substr(8, 2));
  if (month < 1 || month > 12 || day < 1 || day > 31) return date;
  // Sakamoto's day of the week (0 = Sunday).
  static constexpr int kOffsets[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  int y = month < 3 ? year - 1 : year;
  int weekday = (y + y / 4 - y / 100 + y / 400 + kOffsets[month - 1] + day) % 7;
  const int l = lang == Lang::kEn ? 1 : 0;
  return std::string(kWeekdays[l][weekday]) + " " + std::to_string(day) + " " + kMonths[l][month - 1] + " " +
         std::to_string(year);
}

// A sort key for names: ASCII letters lower-cased and the accented Latin-1 letters
// folded to their base letter, so "Éco" sorts with "eco".
std::string FoldName(const std::string& name) {
  // Base letters of U+00C0..U+00FF ('\0': keep the byte pair).
  static constexpr char kFold[] = "aaaaaaaceeeeiiiidnooooo\0ouuuuy\0saaaaaaaceeeeiiiidnooooo\0ouuuuy\0y";
  std::string key;
  for (size_t i = 0; i < name.size(); ++i) {
    auto c = static_cast<unsigned char>(name[i]);
    if (c == 0xC3 && i + 1 < name.size()) {
      auto next = static_cast<unsigned char>(name[i + 1]);
      if (next >= 0x80 && next <= 0xBF && kFold[next - 0x80] != '\0') {
        key += kFold[next - 0x80];
        ++i;
        continue;
      }
    }
    key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  }
  return key;
}

std::string Range(Minute start, Minute end) { return FormatTime(start) + "–" + FormatTime(end); }

std::string BreakLabel(const Event::Break& b, Lang lang) {
  return b.label.empty() ? Tr(lang, Msg::kHtmlBreak) : Tr(lang, Msg::kHtmlBreakNamed, {b.label});
}

class HtmlWriter {
 public:
  HtmlWriter(const Event& event, const Schedule& schedule, const HtmlOptions& options)
      : event_(event), schedule_(schedule), options_(options), lang_(options.lang) {
    for (const Meeting& m : schedule.meetings) {
      if (m.supplier >= 0 && m.supplier < static_cast<int>(event.suppliers.size()) && m.stand >= 0 &&
          m.stand < static_cast<int>(event.stands.size()) && m.slot >= 0 &&
          m.slot < static_cast<int>(schedule.slots.size())) {
        meetings_.push_back(m);
      }
    }
    supplier_meetings_.assign(event.suppliers.size(), 0);
    for (const Meeting& m : meetings_) ++supplier_meetings_[m.supplier];
    for (SupplierIndex s = 0; s < static_cast<int>(event.suppliers.size()); ++s) {
      if (options.suppliers_without_meetings || supplier_meetings_[s] > 0) supplier_order_.push_back(s);
    }
    std::vector<std::string> keys;
    for (const Supplier& supplier : event.suppliers) keys.push_back(FoldName(supplier.name));
    std::stable_sort(supplier_order_.begin(), supplier_order_.end(),
                     [&keys](SupplierIndex a, SupplierIndex b) { return keys[a] < keys[b]; });
  }

  std::string Write() {
    out_ += "<!DOCTYPE html>\n<html lang=\"" + std::string(LangName(lang_)) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out_ += "<title>" + Tr(lang_, Msg::kHtmlMeetings, {HtmlEscape(event_.name)}) + "</title>\n<style>" + kStyle +
            "</style>\n";
    out_ += "</head>\n<body>\n";
    const bool all = options_.only.empty();
    auto wanted = [&](AgendaOwner::Kind kind, int index) {
      if (all) return true;
      for (const AgendaOwner& o : options_.only)
        if (o.kind == kind && o.index == index) return true;
      return false;
    };
    if (all) {
      Cover();
      Grid();
    }
    if (options_.stand_pages || !all) {
      for (StandIndex t = 0; t < static_cast<int>(event_.stands.size()); ++t)
        if (wanted(AgendaOwner::Kind::kStand, t)) StandPage(t);
    }
    if (options_.supplier_pages || !all) {
      for (SupplierIndex s : supplier_order_)
        if (wanted(AgendaOwner::Kind::kSupplier, s)) SupplierPage(s);
    }
    out_ += "</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  // <th>...</th> for each of MSGS.
  std::string Headers(std::initializer_list<Msg> msgs) const {
    std::string out;
    for (Msg msg : msgs) out += "<th>" + Tr(lang_, msg) + "</th>";
    return out;
  }

  std::string Footer() const {
    return "<footer>" + HtmlEscape(event_.name) + " · " + HtmlEscape(LongDate(event_.date, lang_)) +
           " · <a href=\"#sommaire\">" + Tr(lang_, Msg::kHtmlContentsLink) + "</a></footer>\n";
  }

  std::string BuyerName(const Stand& stand) const {
    bool has_buyer = stand.buyer >= 0 && stand.buyer < static_cast<int>(event_.buyers.size());
    return has_buyer ? event_.buyers[stand.buyer].name : "";
  }

  std::string NeedTitle(const Meeting& m) const {
    bool has_need = m.need >= 0 && m.need < static_cast<int>(event_.needs.size());
    return has_need ? event_.needs[m.need].title : "";
  }

  void Cover() {
    out_ += "<header class=\"cover\" id=\"sommaire\">\n<h1>" + HtmlEscape(event_.name) + "</h1>\n";
    out_ += "<p class=\"sub\">" + HtmlEscape(LongDate(event_.date, lang_)) + "</p>\n";
    std::string sessions;
    for (const Window& w : event_.sessions) sessions += (sessions.empty() ? "" : ", ") + Range(w.start, w.end);
    out_ += "<p>" + Tr(lang_, Msg::kHtmlMeetingLength, {std::to_string(event_.slot_minutes)});
    if (!sessions.empty()) out_ += " · sessions " + sessions;
    out_ += "</p>\n";
    if (!event_.breaks.empty()) {
      out_ += "<p>" + Tr(lang_, Msg::kHtmlBreaks);
      bool first = true;
      for (const Event::Break& b : event_.breaks) {
        if (!first) out_ += ", ";
        first = false;
        out_ += Range(b.window.start, b.window.end) + " " + HtmlEscape(b.label);
      }
      out_ += "</p>\n";
    }
    out_ += "<p>" +
            Tr(lang_, Msg::kHtmlCounts,
               {std::to_string(meetings_.size()), std::to_string(event_.stands.size()),
                std::to_string(event_.suppliers.size())}) +
            "</p>\n";

    out_ += "<nav class=\"toc\">\n<h3>" + Tr(lang_, Msg::kHtmlContents) + "</h3>\n<ol>\n<li><a href=\"#grille\">" +
            Tr(lang_, Msg::kHtmlGrid) + "</a></li>\n";
    if (options_.stand_pages && !event_.stands.empty()) {
      out_ += "<li>" + Tr(lang_, Msg::kHtmlStands) + "\n<ul class=\"list\">\n";
      for (StandIndex t = 0; t < static_cast<int>(event_.stands.size()); ++t) {
        out_ +=
            "<li><a href=\"#stand-" + std::to_string(t) + "\">" + HtmlEscape(event_.stands[t].title) + "</a></li>\n";
      }
      out_ += "</ul></li>\n";
    }
    if (options_.supplier_pages && !supplier_order_.empty()) {
      out_ += "<li>" + Tr(lang_, Msg::kHtmlSuppliers) + "\n<ul class=\"list\">\n";
      for (SupplierIndex s : supplier_order_) {
        out_ += "<li><a href=\"#supplier-" + std::to_string(s) + "\">" + HtmlEscape(event_.suppliers[s].name) +
                "</a> <span class=\"muted\">(" + std::to_string(supplier_meetings_[s]) + ")</span></li>\n";
      }
      out_ += "</ul></li>\n";
    }
    out_ += "</ol>\n</nav>\n</header>\n";
  }

  // One grid column: a slot (index into schedule.slots) or a break (index into event.breaks).
  struct Column {
    Minute start = 0;
    bool is_break = false;
    int index = 0;
  };

  std::vector<Column> SessionColumns(const Window& session) const {
    std::vector<Column> columns;
    for (int i = 0; i < static_cast<int>(schedule_.slots.size()); ++i) {
      const Slot& slot = schedule_.slots[i];
      if (slot.start >= session.start && slot.end <= session.end) columns.push_back({slot.start, false, i});
    }
    for (int b = 0; b < static_cast<int>(event_.breaks.size()); ++b) {
      const Window& w = event_.breaks[b].window;
      if (w.start < session.end && w.end > session.start) columns.push_back({w.start, true, b});
    }
    std::sort(columns.begin(), columns.end(), [](const Column& a, const Column& b) {
      return std::make_tuple(a.start, !a.is_break, a.index) < std::make_tuple(b.start, !b.is_break, b.index);
    });
    return columns;
  }

  // The session's columns in tables of at most grid_slots_per_table slots, balanced
  // (17 slots by 9: 9 and 8); a break stays with the slots before it.
  std::vector<std::vector<Column>> SplitColumns(const std::vector<Column>& columns) const {
    int slots = 0;
    for (const Column& c : columns) slots += c.is_break ? 0 : 1;
    int limit = options_.grid_slots_per_table;
    if (limit <= 0 || slots <= limit) return {columns};
    int parts = (slots + limit - 1) / limit;
    int per_part = (slots + parts - 1) / parts;
    std::vector<std::vector<Column>> out(1);
    int in_part = 0;
    for (const Column& c : columns) {
      if (!c.is_break && in_part == per_part) {
        out.emplace_back();
        in_part = 0;
      }
      out.back().push_back(c);
      in_part += c.is_break ? 0 : 1;
    }
    return out;
  }

  Minute ColumnStart(const Column& c) const {
    return c.is_break ? event_.breaks[c.index].window.start : schedule_.slots[c.index].start;
  }
  Minute ColumnEnd(const Column& c) const {
    return c.is_break ? event_.breaks[c.index].window.end : schedule_.slots[c.index].end;
  }
  Minute PartStart(const std::vector<Column>& part) const { return ColumnStart(part.front()); }
  Minute PartEnd(const std::vector<Column>& part) const { return ColumnEnd(part.back()); }

  void GridTable(const std::vector<Column>& columns, const std::vector<std::vector<Meeting>>& cells,
                 size_t slot_count) {
    out_ += "<div class=\"grid-wrap\"><table class=\"grid\">\n<thead><tr><th class=\"stand\">" +
            Tr(lang_, Msg::kHtmlStand) + "</th>";
    for (const Column& c : columns) {
      if (c.is_break) {
        const Event::Break& b = event_.breaks[c.index];
        out_ += "<th class=\"brk\" title=\"" + HtmlEscape(BreakLabel(b, lang_)) + "\">" + FormatTime(b.window.start) +
                "<br>" + Tr(lang_, Msg::kHtmlBreakColumn) + "</th>";
      } else {
        out_ += "<th class=\"time\">" + FormatTime(schedule_.slots[c.index].start) + "</th>";
      }
    }
    out_ += "</tr></thead>\n<tbody>\n";
    for (StandIndex t = 0; t < static_cast<int>(event_.stands.size()); ++t) {
      const Stand& stand = event_.stands[t];
      out_ += "<tr><th class=\"stand\"><a href=\"#stand-" + std::to_string(t) + "\">" + HtmlEscape(stand.title) +
              "</a><br><span class=\"muted\">" + HtmlEscape(BuyerName(stand)) + "</span></th>";
      for (const Column& c : columns) {
        if (c.is_break) {
          out_ += "<td class=\"brk\"></td>";
          continue;
        }
        const std::vector<Meeting>& cell = cells[t * slot_count + c.index];
        bool staffed = c.index >= static_cast<int>(stand.slots.size()) || stand.slots[c.index];
        if (cell.empty()) {
          out_ += staffed ? "<td></td>" : "<td class=\"off\"></td>";
          continue;
        }
        out_ += "<td>";
        for (const Meeting& m : cell) {
          out_ += "<span class=\"m" +
                  std::string(m.status == Attendance::kPlanned ? "" : " " + std::string(AttendanceName(m.status))) +
                  "\"><span class=\"t\">T" + std::to_string(m.table) + "</span>" +
                  HtmlEscape(event_.suppliers[m.supplier].name) + StatusMark(m) + "</span>";
        }
        out_ += "</td>";
      }
      out_ += "</tr>\n";
    }
    out_ += "</tbody>\n</table></div>\n";
  }

  void Grid() {
    out_ += "<section class=\"page grid-section\" id=\"grille\">\n<h2>" + Tr(lang_, Msg::kHtmlGrid) + "</h2>\n";
    // cells[stand * slots + slot]: the meetings there, by table.
    size_t slot_count = schedule_.slots.size();
    std::vector<std::vector<Meeting>> cells(event_.stands.size() * slot_count);
    for (const Meeting& m : meetings_) cells[m.stand * slot_count + m.slot].push_back(m);
    for (auto& cell : cells) {
      std::sort(cell.begin(), cell.end(), [](const Meeting& a, const Meeting& b) {
        return std::tie(a.table, a.supplier) < std::tie(b.table, b.supplier);
      });
    }
    std::vector<Window> sessions = event_.sessions;
    if (sessions.empty() && slot_count > 0)
      sessions.push_back({schedule_.slots.front().start, schedule_.slots.back().end});
    for (const Window& session : sessions) {
      std::vector<Column> session_columns = SessionColumns(session);
      if (sessions.size() > 1) out_ += "<h3>Session " + Range(session.start, session.end) + "</h3>\n";
      std::vector<std::vector<Column>> parts = SplitColumns(session_columns);
      for (size_t p = 0; p < parts.size(); ++p) {
        if (parts.size() > 1) {
          out_ += "<p class=\"grid-part\">" + Range(PartStart(parts[p]), PartEnd(parts[p])) + " (" +
                  std::to_string(p + 1) + "/" + std::to_string(parts.size()) + ")</p>\n";
        }
        GridTable(parts[p], cells, slot_count);
      }
    }
    out_ += "<p class=\"muted\">" + Tr(lang_, Msg::kHtmlLegend) + "</p>\n";
    out_ += Footer() + "</section>\n";
  }

  // The rows of an agenda page: the owner's meetings and the breaks, in time order.
  // A meeting's attendance once recorded: a class for its row and a word after its time.
  static std::string StatusClass(const Meeting& m) {
    return m.status == Attendance::kPlanned ? "" : " class=\"" + std::string(AttendanceName(m.status)) + "\"";
  }
  std::string StatusMark(const Meeting& m) const {
    switch (m.status) {
      case Attendance::kHeld:
        return " <span class=\"st\">" + Tr(lang_, Msg::kHtmlHeld) + "</span>";
      case Attendance::kNoShow:
        return " <span class=\"st\">" + Tr(lang_, Msg::kHtmlNoShow) + "</span>";
      case Attendance::kPlanned:
        break;
    }
    return "";
  }

  // MEETING_ROW writes the cells after the time of one meeting; COLUMNS is their count.
  template <class MeetingRow>
  void AgendaTable(AgendaOwner owner, const std::string& header, int columns, MeetingRow meeting_row) {
    std::vector<Meeting> meetings = AgendaMeetings(meetings_, owner);
    if (meetings.empty()) {
      out_ += "<p class=\"none\">" + Tr(lang_, Msg::kHtmlNoMeeting) + "</p>\n";
      return;
    }
    out_ += "<table class=\"agenda\">\n<thead><tr><th class=\"time\">" + Tr(lang_, Msg::kHtmlTime) + "</th>" + header +
            "</tr></thead>\n<tbody>\n";
    size_t next_break = 0;
    std::vector<const Event::Break*> breaks;
    for (const Event::Break& b : event_.breaks) breaks.push_back(&b);
    std::stable_sort(breaks.begin(), breaks.end(),
                     [](const Event::Break* a, const Event::Break* b) { return a->window.start < b->window.start; });
    auto write_breaks_until = [&](Minute until) {
      for (; next_break < breaks.size() && breaks[next_break]->window.start <= until; ++next_break) {
        const Event::Break& b = *breaks[next_break];
        out_ += "<tr class=\"brk\"><td class=\"time\">" + Range(b.window.start, b.window.end) + "</td><td colspan=\"" +
                std::to_string(columns) + "\">" + HtmlEscape(BreakLabel(b, lang_)) + "</td></tr>\n";
      }
    };
    for (const Meeting& m : meetings) {
      const Slot& slot = schedule_.slots[m.slot];
      write_breaks_until(slot.start);
      out_ += "<tr" + StatusClass(m) + "><td class=\"time\">" + Range(slot.start, slot.end) + StatusMark(m) + "</td>";
      meeting_row(m);
      out_ += "</tr>\n";
    }
    // Breaks after the last meeting matter little on paper: they are left out.
    out_ += "</tbody>\n</table>\n";
  }

  void StandPage(StandIndex t) {
    const Stand& stand = event_.stands[t];
    out_ += "<section class=\"page\" id=\"stand-" + std::to_string(t) + "\">\n<h2>" +
            Tr(lang_, Msg::kHtmlStandTitle, {HtmlEscape(stand.title)}) + "</h2>\n";
    out_ += "<p class=\"sub\">" + HtmlEscape(BuyerName(stand)) + " · " +
            (stand.tables > 1 ? Tr(lang_, Msg::kHtmlTables, {std::to_string(stand.tables)})
                              : Tr(lang_, Msg::kHtmlOneTable));
    if (!stand.available.empty()) {
      std::string windows;
      for (const Window& w : stand.available) windows += (windows.empty() ? "" : ", ") + Range(w.start, w.end);
      out_ += " · " + Tr(lang_, Msg::kHtmlPresent, {windows});
    }
    out_ += "</p>\n";
    if (!stand.needs.empty()) {
      out_ += "<p>" + Tr(lang_, Msg::kHtmlNeeds);
      bool first = true;
      for (NeedIndex n : stand.needs) {
        if (n < 0 || n >= static_cast<int>(event_.needs.size())) continue;
        out_ += (first ? "" : " · ") + HtmlEscape(event_.needs[n].title);
        first = false;
      }
      out_ += "</p>\n";
    }
    AgendaTable(AgendaOwner::Stand(t), Headers({Msg::kHtmlTable, Msg::kHtmlSupplier, Msg::kHtmlNeed}), 3,
                [this](const Meeting& m) {
                  const Supplier& supplier = event_.suppliers[m.supplier];
                  out_ += "<td class=\"table\">" + std::to_string(m.table) + "</td><td><a href=\"#supplier-" +
                          std::to_string(m.supplier) + "\">" + HtmlEscape(supplier.name) +
                          "</a> <span class=\"muted\">" + HtmlEscape(supplier.id) + "</span></td><td>" +
                          HtmlEscape(NeedTitle(m)) + "</td>";
                });
    out_ += Footer() + "</section>\n";
  }

  void SupplierPage(SupplierIndex s) {
    const Supplier& supplier = event_.suppliers[s];
    out_ += "<section class=\"page\" id=\"supplier-" + std::to_string(s) + "\">\n<h2>" + HtmlEscape(supplier.name) +
            "</h2>\n<p class=\"sub\">" +
            Tr(lang_, Msg::kHtmlSupplierSub, {HtmlEscape(supplier.id), std::to_string(supplier_meetings_[s])}) +
            "</p>\n";
    AgendaTable(AgendaOwner::Supplier(s), Headers({Msg::kHtmlStand, Msg::kHtmlTable, Msg::kHtmlNeed}), 3,
                [this](const Meeting& m) {
                  const Stand& stand = event_.stands[m.stand];
                  out_ += "<td><a href=\"#stand-" + std::to_string(m.stand) + "\">" + HtmlEscape(stand.title) +
                          "</a><br><span class=\"muted\">" + HtmlEscape(BuyerName(stand)) +
                          "</span></td><td class=\"table\">" + std::to_string(m.table) + "</td><td>" +
                          HtmlEscape(NeedTitle(m)) + "</td>";
                });
    out_ += Footer() + "</section>\n";
  }

  const Event& event_;
  const Schedule& schedule_;
  const HtmlOptions& options_;
  const Lang lang_;
  std::vector<Meeting> meetings_;  // the valid ones
  std::vector<int> supplier_meetings_;
  std::vector<SupplierIndex> supplier_order_;
  std::string out_;
};

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string TimetableHtml(const Event& event, const Schedule& schedule, const HtmlOptions& options) {
  return HtmlWriter(event, schedule, options).Write();
}

}  // namespace match
