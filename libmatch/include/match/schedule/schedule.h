// The schedule: which meetings happen, when and at which table, and what did not
// happen and why (interfaces.md §2, format standmatch.schedule/1).
//
// BuildSchedule runs standmatch's main pipeline on a scored event:
//   selection (exact, selection.h) -> timetable (timetable.h) -> tables -> unmet -> metrics.
// Meetings the timetable cannot place (restricted availability) are excluded and the
// selection runs again, which picks the next best pairs, until every selected meeting
// is placed. The result is deterministic: the same event and rules give the same
// schedule, byte for byte once written. A Schedule is a plain value.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "match/domain/model.h"
#include "match/io/rules.h"
#include "match/schedule/metrics.h"
#include "match/score/ranking.h"
#include "match/score/scoring.h"

namespace match {

// Whether a meeting took place (schedule.json's "status"): planned until a re-plan at a
// later `now` makes it history, then held, or no_show when a no_show change names it.
enum class Attendance { kPlanned, kHeld, kNoShow };
// "planned", "held", "no_show".
std::string_view AttendanceName(Attendance attendance);
std::optional<Attendance> AttendanceFromName(std::string_view name);

struct Meeting {
  SupplierIndex supplier = 0;
  StandIndex stand = 0;
  int table = 1;  // 1 .. stand.tables
  int slot = 0;   // index into Event::slots
  double score = 0;
  NeedIndex need = 0;
  bool locked = false;  // kept at its slot and table by the organiser (re-planning)
  // ICS SEQUENCE of the meeting's latest publication: 0 when first published, raised by
  // each re-plan that moves it (replan.h). Written to schedule.json only when > 0.
  int sequence = 0;
  Attendance status = Attendance::kPlanned;  // written as "status" to schedule.json
};

// A wished, invited or worthwhile pair that got no meeting, with a reason a person
// can act on.
struct UnmetPair {
  enum class Reason {
    kRefused,       // a `no` from the other side
    kReserved,      // reserved contract the supplier is not eligible for
    kLowRelevance,  // activities too far apart
    kNoCommonSlot,  // the two are never free at the same time
    kSupplierFull,  // the supplier has reached its maximum of meetings
    kStandFull,     // the stand is full while the supplier is available
    kNotPlaced,     // no slot left free for both in the timetable
    kOutranked,     // the stand's meetings went to higher-scored suppliers
  };
  SupplierIndex supplier = 0;
  StandIndex stand = 0;
  double score = 0;  // 0 when gated
  Level wish = Level::kNone, invitation = Level::kNone;
  Reason reason = Reason::kOutranked;
  std::string text;  // the reason, for people
};

// The stable code of a reason, written beside its text in schedule.json ("code"):
// refused, reserved, low_relevance, no_common_slot, supplier_full, stand_full,
// not_placed, outranked. Programs read the code, never the text.
std::string_view UnmetCode(UnmetPair::Reason reason);
// The reason of a code; nullopt for an unknown one.
std::optional<UnmetPair::Reason> UnmetReasonFromCode(std::string_view code);
// Why SUPPLIER has no ranked pair with each stand it has none with, one entry per such
// stand in stand order: the reasons (refused, reserved for EA/ESAT/SIAE/ESS, activities
// too far apart) and texts the unmet list gives. Score 0. For `rank` and the supplier's
// page when its ranking is short or empty.
std::vector<UnmetPair> UnrankedStands(const Event& event, const Rules& rules, const ScoreTable& scores,
                                      SupplierIndex supplier);
// Each rule quota of RULES (selection.quotas with a share > 0) against MEETINGS: target,
// share reached and, when missed, why (quota_report.cpp). FinishSchedule fills
// Metrics::quotas with it.
std::vector<Metrics::Quota> QuotaOutcomes(const Event& event, const Rules& rules, const ScoreTable& scores,
                                          const std::vector<Meeting>& meetings);

// The same as the ranking's Unranked entries (kind: the reason's UnmetCode).
std::vector<Unranked> UnrankedForRanking(const Event& event, const Rules& rules, const ScoreTable& scores,
                                         SupplierIndex supplier);

struct Schedule {
  std::string event_id;
  std::string rules_name;
  std::vector<Slot> slots;
  std::vector<Meeting> meetings;  // sorted by (slot, stand, table)
  std::vector<UnmetPair> unmet;   // sorted by (supplier, stand)
  Metrics metrics;
  // How the build went (not part of schedule.json: timings vary between runs).
  struct Stats {
    int rounds = 0;  // selection + timetable rounds
    double selection_seconds = 0, timetable_seconds = 0, finish_seconds = 0;
  } stats;
};

// Called with a fraction in [0, 1] and the current step ("selection", "timetable", ...).
using Progress = std::function<void(double fraction, std::string_view step)>;

Result<Schedule> BuildSchedule(const Event& event, const Rules& rules, const ScoreTable& scores,
                               const Progress& progress = nullptr);

// Sorts meetings, fills tables (1..tables per stand and slot, by supplier order where
// not locked), unmet reasons and metrics: the steps BuildSchedule ends with, shared
// with re-planning.
void FinishSchedule(const Event& event, const Rules& rules, const ScoreTable& scores, Schedule& schedule);

// schedule.json (standmatch.schedule/1), deterministic.
std::string ScheduleToJson(const Event& event, const Schedule& schedule);
// Reads a schedule.json against its event: ids resolved, errors with JSON paths.
// The meetings (with `locked`, `sequence` and `status`, planned when absent) are read; so is `unmet` when present,
// leniently (entries naming no participant are skipped; the reason comes from its
// `code`, outranked when there is none), since it is derived data. Metrics are not read.
Result<Schedule> ParseSchedule(std::string_view json_text, const std::string& file_name, const Event& event);

// One participant of a schedule, a supplier or a stand (index into Event::suppliers or
// ::stands): whose agenda, whose changes.
struct AgendaOwner {
  enum class Kind { kSupplier, kStand };
  Kind kind = Kind::kSupplier;
  int index = 0;

  static AgendaOwner Supplier(SupplierIndex supplier) { return {Kind::kSupplier, supplier}; }
  static AgendaOwner Stand(StandIndex stand) { return {Kind::kStand, stand}; }
};

}  // namespace match
