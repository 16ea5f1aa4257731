// Agendas: the meetings of one supplier or one stand, as CSV, as iCalendar (ICS) and
// as JSON (what standmatchd's agenda pages read).
//
// An agenda belongs to one party, a supplier or a stand (AgendaOwner), and lists its
// meetings of a Schedule in time order (slot, then table, then the other party's index).
//
// CSV (RFC 4180, UTF-8, CRLF line ends): a header, then one row per meeting:
//   supplier agenda: start,end,stand_id,stand,buyer,table,need,score,status
//   stand agenda:    start,end,supplier_id,supplier,table,need,score,status
// status is the meeting's attendance: planned, held or no_show (schedule.h).
// Scores have four decimals (FormatScore, as in `standmatch scores`). Fields holding a
// comma, a quote or a line break are quoted, quotes doubled. Text fields starting with
// = + - @ or a tab are prefixed with ' (CsvOptions::neutralise_formulas) so that a
// spreadsheet never evaluates a name as a formula.
//
// JSON (one line, then a newline; keys in this order):
//   {"event": {"id", "name", "date"},
//    "owner": {"kind": "supplier"|"stand", "id", "name"},
//    "version": VERSION (the schedule version it comes from),
//    "meetings": [{"slot", "start", "end", "supplier", "supplier_name", "stand",
//                  "stand_name", "table", "need", "need_title", "score", "status"}]}
// start and end are HH:MM, need and need_title "" when the meeting serves no need,
// score a number rounded to four decimals. Invalid UTF-8 in names is replaced.
//
// ICS (RFC 5545, written with libical): one VCALENDAR per agenda, PRODID
// "-//standmatch//standmatch 0.1//FR", METHOD:PUBLISH, one VEVENT per meeting.
//  - UID is stable: MeetingUid() of the event, supplier and stand ids, so importing a
//    re-planned agenda updates the meeting instead of duplicating it. A pair meets at
//    most once, hence one UID per meeting; the supplier's and the stand's calendars
//    share it (it is the same meeting).
//  - Times are local to the event: by default DTSTART/DTEND carry TZID=Europe/Paris and
//    the calendar embeds a fixed VTIMEZONE for Europe/Paris (EU summer time rules:
//    last Sunday of March 02:00 to last Sunday of October 03:00). The VTIMEZONE is
//    written from constants, not from the system's tz database, so the bytes do not
//    depend on the machine. IcsTime::kFloating writes floating local times instead.
//  - DTSTAMP is the event date at 00:00:00 UTC, never the wall clock: the same schedule
//    gives the same bytes (IcsOptions::stamp: the schedule version's time instead).
//    Clients order versions of a meeting by SEQUENCE.
//  - ORGANIZER (RFC 5546: in every method) is the event, with its name as CN; ATTENDEE
//    is written in METHOD:CANCEL only (the supplier and the stand removed), never in
//    PUBLISH, which RFC 5546 forbids it in. The addresses are in the reserved .invalid
//    domain (no mail is sent): mailto:supplier-<id>@<event id>.standmatch.invalid.
//  - A meeting's attendance shows: held adds "Rendez-vous tenu" to the description; a
//    no_show is STATUS:CANCELLED with the summary "Absent: ...".
//  - SEQUENCE is Meeting::sequence, or IcsOptions::sequence when set. Re-planning raises
//    it for a moved meeting and publishes the removed ones with CancellationIcs(): a
//    separate calendar with METHOD:CANCEL, one VEVENT per meeting with the same UID, a
//    raised SEQUENCE and STATUS:CANCELLED.
//
// Preconditions: the schedule's meetings refer to valid indices of the event and of
// Schedule::slots (as BuildSchedule and ParseSchedule guarantee); meetings that do not
// are skipped. All functions are pure and thread-safe; their output is deterministic,
// byte for byte.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "match/base/lang.h"
#include "match/base/status.h"
#include "match/domain/model.h"
#include "match/schedule/schedule.h"

namespace match {

// The owner's meetings in time order: by slot, then table, then the other party's index.
std::vector<Meeting> AgendaMeetings(const std::vector<Meeting>& meetings, AgendaOwner owner);
inline std::vector<Meeting> AgendaMeetings(const Schedule& schedule, AgendaOwner owner) {
  return AgendaMeetings(schedule.meetings, owner);
}

struct CsvOptions {
  // Field separator: ',' (RFC 4180) or ';' (what French spreadsheet software expects).
  char separator = ',';
  // Starts the file with a UTF-8 byte order mark, which some spreadsheets need to read
  // accents right.
  bool byte_order_mark = false;
  // Prefixes text fields starting with = + - @ or a tab with ' (CSV formula injection).
  bool neutralise_formulas = true;
};

// The owner's agenda as CSV (header only when it has no meeting).
std::string AgendaCsv(const Event& event, const Schedule& schedule, AgendaOwner owner, const CsvOptions& options = {});

// The owner's agenda as JSON (above); VERSION is written as given.
std::string AgendaJson(const Event& event, const Schedule& schedule, AgendaOwner owner, int version);

enum class IcsTime {
  kEuropeParis,  // TZID=Europe/Paris with an embedded VTIMEZONE (default)
  kFloating,     // floating local time: shown at the same clock time in every zone
};

struct IcsOptions {
  // SEQUENCE of the meeting's VEVENT. Empty: Meeting::sequence in AgendaIcs, one more
  // in CancellationIcs.
  std::function<int(SupplierIndex, StandIndex)> sequence;
  // How DTSTART and DTEND are written.
  IcsTime time = IcsTime::kEuropeParis;
  // DTSTAMP as Unix seconds (UTC); empty: the event date at 00:00:00 UTC.
  std::optional<int64_t> stamp;
  // The language of SUMMARY and DESCRIPTION (French by default).
  Lang lang = Lang::kFr;
};

// ID made safe for UIDs and file names: ASCII lower-case letters, digits, '-' and '_'
// are kept, every other byte becomes %XX (upper-case hex): "F 01.x" -> "%46%2001%2Ex".
// Distinct ids give distinct results, even compared case-insensitively (as some file
// systems do), and the result never starts with '.'.
std::string SafeId(std::string_view id);

// The stable UID of the meeting between SUPPLIER and STAND:
//   <event id>.<supplier id>.<stand id>@standmatch, each id through SafeId().
std::string MeetingUid(const Event& event, SupplierIndex supplier, StandIndex stand);

// The owner's agenda as a METHOD:PUBLISH calendar. Fails (InvalidInput) when the event
// date is not YYYY-MM-DD, or (Internal) when libical reports an error.
Result<std::string> AgendaIcs(const Event& event, const Schedule& schedule, AgendaOwner owner,
                              const IcsOptions& options = {});

// A METHOD:CANCEL calendar for the owner listing CANCELLED (meetings of an earlier
// schedule, whose slots are SLOTS) with STATUS:CANCELLED. Only the owner's meetings are
// written, each with SEQUENCE above its last publication (Meeting::sequence + 1 unless
// IcsOptions::sequence says otherwise).
Result<std::string> CancellationIcs(const Event& event, const std::vector<Slot>& slots,
                                    const std::vector<Meeting>& cancelled, AgendaOwner owner,
                                    const IcsOptions& options = {});

// A participant's calendar feed (what a calendar subscribes to): METHOD:PUBLISH with the
// owner's meetings of SCHEDULE and, for each of CANCELLED (meetings published in an
// earlier version and gone since, with the sequence of their last publication), a
// VEVENT with the same UID, STATUS:CANCELLED and SEQUENCE one higher (unless
// IcsOptions::sequence says otherwise). A calendar that held an earlier feed and
// refreshes from this one ends with every meeting at its latest time, the withdrawn ones
// cancelled, and no duplicate (one UID per pair).
Result<std::string> FeedIcs(const Event& event, const Schedule& schedule, const std::vector<Meeting>& cancelled,
                            AgendaOwner owner, const IcsOptions& options = {});

}  // namespace match
