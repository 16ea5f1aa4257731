// Early warnings: what an organiser should know before the day, found from the event,
// its rules and its scores alone (no schedule needed): stands that no supplier may
// meet, suppliers that may meet no stand, and quotas that no schedule can reach.
//
// A pair (supplier, stand) is eligible when the scorer kept it (CPV relevance, reserved
// contracts, no `no` from either side) and the two share a slot. For each lonely stand
// or supplier the reasons are counted by the stable codes of the unmet list (refused,
// reserved, low_relevance, no_common_slot; `no_slot` when the supplier has no slot at
// all). Used by `standmatch validate`, the `schedule` summary and standmatchd's
// organiser page (GET /events/{id}/warnings). Pure; thread-safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "match/domain/model.h"
#include "match/io/rules.h"
#include "match/score/scoring.h"

namespace match {

struct EarlyWarnings {
  // Reason code -> how many pairs have it, most frequent first (then by code).
  using ReasonCounts = std::vector<std::pair<std::string, int>>;
  struct LonelyStand {
    StandIndex stand = 0;
    ReasonCounts reasons;  // over every supplier
  };
  struct LonelySupplier {
    SupplierIndex supplier = 0;
    std::string code;      // the main reason: the most frequent one
    ReasonCounts reasons;  // over every stand
  };
  struct QuotaShortfall {
    std::string category;   // micro, ess, inclusion, local
    double target = 0;      // the share the rules ask for
    int best = 0;           // the most meetings the category's suppliers can hold
    int most_meetings = 0;  // the most meetings any schedule can hold
    double best_share = 0;  // best / most_meetings
  };
  std::vector<LonelyStand> stands;        // in stand order
  std::vector<LonelySupplier> suppliers;  // in supplier order
  std::vector<QuotaShortfall> quotas;     // in the rules' order

  bool empty() const { return stands.empty() && suppliers.empty() && quotas.empty(); }
};

EarlyWarnings FindEarlyWarnings(const Event& event, const Rules& rules, const ScoreTable& scores);

// One line per warning, for the command line, e.g.
//   stand "nettoyage": no eligible supplier (low_relevance: 58, reserved: 2)
//   supplier "f012": no eligible stand (low_relevance: 7)
//   quota inclusion 20.0%: cannot be met, at best 19.4% (31 of 160 meetings)
std::vector<std::string> EarlyWarningLines(const Event& event, const EarlyWarnings& warnings);

// {"stands": [{"stand", "title", "reasons": {"code": n}}], "suppliers": [{"supplier",
//  "name", "code", "reasons": {...}}], "quotas": [{"category", "target", "best_share",
//  "best", "most_meetings"}]}
std::string EarlyWarningsJson(const Event& event, const EarlyWarnings& warnings);

}  // namespace match
