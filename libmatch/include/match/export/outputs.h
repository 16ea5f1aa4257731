// The output directory of `standmatch schedule EVENT --out DIR` (interfaces.md §3).
//
// WriteScheduleOutputs lays out everything an organiser publishes after planning:
//   DIR/schedule.json                      the schedule (standmatch.schedule/1), as given
//   DIR/timetable.html                     the printable timetable (timetable_html.h)
//   DIR/agendas/suppliers/<id>.csv, .ics   one agenda per supplier (agenda.h)
//   DIR/agendas/stands/<id>.csv, .ics      one agenda per stand
// Every participant gets its two agenda files, empty of meetings when it has none.
// <id> is AgendaFileName(): the id through SafeId(), so distinct ids never share a
// file, even on case-insensitive file systems. Directories are created as needed;
// each file is written atomically (WriteFilesAtomic: one file system sync for all),
// so a reader never sees half a file. Contents are made first, then written. Then
// the agenda files (.csv, .ics) under DIR/agendas/ that this run did not write are
// removed: those of participants since removed from the event, so an organiser who
// publishes DIR never sends an agenda that no longer exists. Other files are left.
//
// Thread-compatible: concurrent calls on one DIR race per file (the last rename wins).
#pragma once

#include <string>
#include <string_view>

#include "match/base/status.h"
#include "match/domain/model.h"
#include "match/export/agenda.h"
#include "match/export/timetable_html.h"
#include "match/replan/replan.h"
#include "match/schedule/schedule.h"

namespace match {

struct OutputOptions {
  CsvOptions csv;
  IcsOptions ics;
  HtmlOptions html;
};

// "F001" -> "%46001": the file name stem of an agenda (SafeId).
inline std::string AgendaFileName(std::string_view id) { return SafeId(id); }

// Writes DIR as above. Fails with InvalidInput when a meeting refers to no participant
// or slot (before writing anything), or with IoError naming the path that could not be
// created, written or pruned (files written before the failure stay).
Status WriteScheduleOutputs(const Event& event, const Schedule& schedule, const std::string& dir,
                            const std::string& schedule_json, const OutputOptions& options = {});

// Everything WriteScheduleOutputs writes for the new schedule, with each meeting's ICS
// SEQUENCE from the schedule (so calendars update moved meetings), plus:
//   DIR/cancellations/suppliers/<id>.ics, DIR/cancellations/stands/<id>.ics
//     a METHOD:CANCEL calendar for each participant that lost meetings (same UID,
//     SEQUENCE raised by one);
//   DIR/replan.json   the diff (DiffToJson).
// OPTIONS.ics.sequence is replaced. Files are written atomically.
Status WriteReplanOutputs(const ReplanResult& result, const std::string& dir, const std::string& schedule_json,
                          OutputOptions options = {});

}  // namespace match
