// Schedule diff: what changed between two schedules of one event, meeting by meeting
// and participant by participant (what a re-plan tells organisers and participants).
//
// A meeting is identified by its pair (supplier, stand): a pair meets at most once, so
// a pair in both schedules at another slot or table is MOVED, a pair only in the new
// one is ADDED, a pair only in the old one is CANCELLED; the rest is unchanged. Both
// schedules index the same participants (the new event may append suppliers, as
// walk-ins do) and the same slot grid.
//
// Entries come in a fixed order (cancelled, moved, added; each by supplier, then
// stand), so the text and JSON are deterministic, byte for byte. Plain values; the
// functions are pure and thread-safe.
#pragma once

#include <string>
#include <vector>

#include "match/domain/model.h"
#include "match/schedule/schedule.h"

namespace match {

struct MeetingChange {
  enum class Kind { kCancelled, kMoved, kAdded };
  Kind kind = Kind::kAdded;
  SupplierIndex supplier = 0;
  StandIndex stand = 0;
  Meeting before;  // kCancelled, kMoved: the meeting in the old schedule
  Meeting after;   // kMoved, kAdded: the meeting in the new schedule
  // Why, for people ("supplier cancelled (changes[0])"); may be empty.
  std::string reason;
};

// A participant's share of a diff.
struct ParticipantChanges {
  AgendaOwner owner;
  int added = 0, moved = 0, cancelled = 0;
};

struct ScheduleDiff {
  std::vector<MeetingChange> changes;  // cancelled, moved, added; each by (supplier, stand)
  int unchanged = 0;                   // meetings at the same slot and table in both

  int Count(MeetingChange::Kind kind) const;
  // Every participant with at least one change: suppliers by index, then stands.
  std::vector<ParticipantChanges> ByParticipant() const;
};

// The diff from BEFORE to AFTER (reasons left empty).
ScheduleDiff DiffSchedules(const Schedule& before, const Schedule& after);

// The meetings of EARLIER schedules (in publication order) whose pair LATEST no longer
// holds, each as last published (slot, table, sequence), sorted by (supplier, stand):
// what a participant's calendar feed cancels (FeedIcs). Every schedule indexes the
// same participants (LATEST's event).
std::vector<Meeting> WithdrawnMeetings(const std::vector<Schedule>& earlier, const Schedule& latest);

// "kind" names: "cancelled", "moved", "added".
std::string_view MeetingChangeName(MeetingChange::Kind kind);

// For people: a summary line, one line per change, then one line per participant.
// EVENT names the participants of both schedules (the newer event).
std::string DiffText(const Event& event, const ScheduleDiff& diff);

// The diff as JSON (format "standmatch.diff/1"): counts, each change with its before
// and after slot, times and table, the ICS sequence it is published with (a cancelled
// meeting's is raised by one) and its reason, and the per-participant counts.
std::string DiffToJson(const Event& event, const ScheduleDiff& diff);

}  // namespace match
