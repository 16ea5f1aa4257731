// The printable timetable: one self-contained HTML file of a schedule.
//
// Organisers print agendas because venue Wi-Fi fails, so the page is made for paper:
// inline CSS, no script, no external resource; `@media print` rules, A4 pages, page
// breaks between sections, table headers repeated on each printed page. It holds, in
// order:
//   - a cover: the event name and date, the sessions, the breaks, the counts, and a
//     table of contents (links to every section);
//   - the grid, one table per session: stands in rows, the session's slots in columns
//     (breaks as columns of their own), each cell listing "T<table> <supplier name>" per
//     meeting; slots where the stand is not staffed are shaded. A session of more slots
//     than grid_slots_per_table is split into several tables of balanced width, each
//     repeating the stand column, so every slot fits on an A4 landscape page and a
//     1280 px screen (narrower screens scroll the table, not the page);
//   - one page per stand (event order): its needs and its meetings with the breaks;
//   - one page per supplier (by name, accents folded, ties by index): its meetings.
// User-facing text is French, like the events it serves. Every text from the event is
// HTML-escaped, so a name cannot inject markup. Anchors are built from indices
// (#stand-3, #supplier-12), never from ids.
//
// Preconditions as in agenda.h (meetings that refer to no valid index are skipped).
// Pure, thread-safe and deterministic: the same event and schedule give the same bytes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "match/base/lang.h"
#include "match/domain/model.h"
#include "match/schedule/schedule.h"

namespace match {

struct HtmlOptions {
  // Writes one page per stand after the grid.
  bool stand_pages = true;
  // Writes one page per supplier after the stand pages.
  bool supplier_pages = true;
  // Writes suppliers without any meeting in the grid's table of contents and pages too.
  bool suppliers_without_meetings = true;
  // The most slot columns in one grid table (breaks not counted); <= 0: no split.
  int grid_slots_per_table = 9;
  // When not empty: only these participants' pages (stands in event order, then
  // suppliers by name), without the cover and the grid: the agendas to print again
  // after a re-plan (the participants of a ScheduleDiff). An empty ONLY writes all.
  std::vector<AgendaOwner> only;
  // The language of the pages' own words (French by default).
  Lang lang = Lang::kFr;
};

std::string TimetableHtml(const Event& event, const Schedule& schedule, const HtmlOptions& options = {});

// TEXT with & < > " ' replaced by character references.
std::string HtmlEscape(std::string_view text);

}  // namespace match
