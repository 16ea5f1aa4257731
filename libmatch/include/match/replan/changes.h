// Changes on the day: what happened since a schedule was published (format
// standmatch.changes/1, interfaces.md §4; docs/changes.md gives the exact semantics).
//
// A ChangeSet is read against the event and the schedule it changes: every supplier,
// stand and meeting it names is resolved to an index, so an unknown id, or a meeting
// the schedule does not hold, is an error naming the file, the JSON path and the value:
//   changes.json: changes[2].supplier: "f999" names no supplier
// Walk-ins are full supplier records (as in the event file) and take the indices after
// the event's suppliers, in file order; other changes may name them.
//
// ApplyChanges turns (event, changes, now) into the event as it stands from `now` on:
// the slots that start before `now` are history and keep every participant's original
// availability and table count, the later slots follow the changes. The changed event
// is what the re-planned schedule is checked against (check.h); ChangedEventJson writes
// it as an event file.
//
// ChangeSet and ChangedEvent are plain values; the functions are pure and thread-safe.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "match/base/status.h"
#include "match/domain/model.h"
#include "match/io/event_io.h"
#include "match/schedule/schedule.h"

namespace match {

struct Change {
  enum class Kind {
    kCancelSupplier,     // the supplier withdraws: no meeting from now on
    kNoShow,             // the supplier is absent from now on (`stand`: the missed meeting)
    kAvailability,       // the supplier's new window from now on (late arrival, early departure)
    kWalkIn,             // a supplier registered on the spot
    kStandTables,        // the stand's table count from now on
    kStandAvailability,  // the stand's new staffed window from now on (closes, opens)
    kCancelMeeting,      // frees one meeting; the pair is not offered again
    kLockMeeting,        // keeps one meeting at its slot and table
  };
  Kind kind = Kind::kCancelSupplier;
  std::string path;               // "changes[3]", for messages
  SupplierIndex supplier = -1;    // in the changed event (walk-ins after the event's suppliers)
  StandIndex stand = -1;          // -1 when the change names none
  std::vector<Window> available;  // kAvailability, kStandAvailability; empty = no slot
  int tables = 0;                 // kStandTables, >= 1
};

// "cancel_supplier", "no_show", "availability", "walk_in", "stand_tables",
// "stand_availability", "cancel_meeting", "lock_meeting".
std::string_view ChangeKindName(Change::Kind kind);

struct ChangeSet {
  std::string file;             // the file name, for messages
  std::optional<Minute> now;    // `now` of the file, if given
  std::vector<Change> changes;  // in file order
  // Walk-in supplier records in file order: walk_ins[k] becomes supplier
  // event.suppliers.size() + k. Their wishes are in walk_in_wishes, resolved.
  std::vector<Supplier> walk_ins;
  std::vector<Interest> walk_in_wishes;
  std::vector<std::string> walk_in_records;  // each walk-in's record as JSON text

  bool empty() const { return changes.empty(); }
};

// Reads a changes file against EVENT and SCHEDULE (which must hold the meetings that
// cancel_meeting, lock_meeting and no_show's `stand` name). FILE_NAME names the file in
// messages; every problem is reported in one pass, not just the first, including a
// cancel_meeting of a meeting already held (started before NOW: the given time, else
// the file's `now`, else none). OPTIONS checks walk-ins' CPV codes as the event loader
// does.
Result<ChangeSet> ParseChanges(std::string_view json_text, const std::string& file_name, const Event& event,
                               const Schedule& schedule, const LoadOptions& options = {},
                               std::optional<Minute> now = std::nullopt);
Result<ChangeSet> LoadChanges(const std::string& path, const Event& event, const Schedule& schedule,
                              const LoadOptions& options = {}, std::optional<Minute> now = std::nullopt);

// The index of the first slot starting at or after NOW (slots.size() when none): the
// slots before it are history.
int FirstFutureSlot(const std::vector<Slot>& slots, Minute now);

// The event as changed, and what the changes say about the meetings.
struct ChangedEvent {
  // The event with walk-ins appended and, from first_future_slot on, the changed
  // availability (Supplier::slots, Stand::slots and the `available` windows agree). A
  // stand's `tables` is the larger of its new count and the highest table a history
  // meeting uses, so that history stays valid; future_tables holds the count that
  // applies from first_future_slot on.
  Event event;
  int first_future_slot = 0;
  std::vector<int> future_tables;  // per stand
  // Per supplier: cancelled or absent (no_show) from now on.
  std::vector<char> gone;
  // Per participant: a change concerns it (window, tables, walk-in, a freed meeting).
  std::vector<char> supplier_touched, stand_touched;
  // (supplier, stand) pairs whose meeting was cancelled: not offered again.
  std::set<std::pair<SupplierIndex, StandIndex>> cancelled_pairs;
  // (supplier, stand) pairs whose meeting is locked by the changes.
  std::set<std::pair<SupplierIndex, StandIndex>> locked_pairs;
  // Per supplier and per stand: the index into ChangeSet::changes of the last change
  // that altered its availability or presence, or -1 (used to explain cancellations).
  std::vector<int> supplier_change, stand_change;
};

// Applies CHANGES (read against EVENT and SCHEDULE) at NOW. Fails with InvalidInput
// when a change contradicts history: cancel_meeting on a meeting that starts before NOW.
Result<ChangedEvent> ApplyChanges(const Event& event, const Schedule& schedule, const ChangeSet& changes, Minute now);

// The changed event as an event file (standmatch.event/1), for `standmatch check` and
// later re-plans: EVENT_JSON (the text EVENT was read from; FILE_NAME names it in
// messages) with the changed `available` windows and `tables` of CHANGED, and the
// walk-ins appended to `suppliers`; everything else as written. A window list leaving
// no slot is written as the one-minute window 00:00-00:01.
Result<std::string> ChangedEventJson(std::string_view event_json, const std::string& file_name, const Event& event,
                                     const ChangeSet& changes, const ChangedEvent& changed);

}  // namespace match
