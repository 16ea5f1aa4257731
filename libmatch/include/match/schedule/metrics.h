// Metrics: what organisers and analysts compare between schedules and rule sets.
//
// Computed from an event and the meetings of a schedule; a plain value.
#pragma once

#include <string>
#include <vector>

#include "match/domain/categories.h"
#include "match/domain/model.h"

namespace match {

struct Meeting;

struct Metrics {
  int meetings = 0;
  // Attendance (Meeting::status): meetings held, and meetings missed by a no-show.
  int meetings_held = 0, no_shows = 0;
  int suppliers = 0;                 // registered
  int suppliers_with_candidate = 0;  // with at least one eligible stand
  int suppliers_met = 0;             // with at least one meeting (coverage)
  double coverage = 0;               // suppliers_met / suppliers_with_candidate
  double total_score = 0, mean_score = 0;
  // Breaks: runs of idle slots between a participant's meetings.
  int supplier_breaks = 0, stand_breaks = 0;
  double mean_supplier_breaks = 0, mean_stand_breaks = 0;
  int max_supplier_breaks = 0, max_stand_breaks = 0;
  double stand_fill_rate = 0;  // meetings / (tables x staffed slots), all stands
  // Share of meetings going to a category next to its share of registrants.
  struct Share {
    std::string category;  // micro, pme, micro_pme, ess, inclusion, local, reuse
    double meetings = 0, registrants = 0;
  };
  std::vector<Share> shares;
  // Wished and invited pairs met, by level.
  int wishes_must = 0, wishes_must_met = 0, wishes_want = 0, wishes_want_met = 0;
  int invitations_must = 0, invitations_must_met = 0, invitations_want = 0, invitations_want_met = 0;
  double mean_meetings_per_supplier = 0;
  // The rules' category quotas (selection.quotas) and what the schedule reached; empty
  // without quotas. See QuotaOutcomes (quota_report.cpp).
  struct Quota {
    std::string category;     // micro, ess, inclusion, local
    double target = 0;        // the minimum share of meetings the rules ask for
    int member_meetings = 0;  // meetings the category's suppliers hold
    double reached = 0;       // member_meetings / meetings
    bool met = false;         // reached >= target
    // The most meetings the category's suppliers can hold, whatever the others get
    // (their eligible pairs with a common slot, their max_meetings and free slots, the
    // stands' tables), and the most meetings any schedule can hold: best / most_meetings
    // is the best share a schedule with as many meetings as possible can reach.
    int best = 0;
    int most_meetings = 0;
    std::string why;  // when not met: why the rest was impossible, for people
  };
  std::vector<Quota> quotas;
};

// SUPPLIERS_WITH_CANDIDATE: per supplier, whether it has an eligible stand.
Metrics ComputeMetrics(const Event& event, const std::vector<Meeting>& meetings,
                       const std::vector<bool>& suppliers_with_candidate);

}  // namespace match
