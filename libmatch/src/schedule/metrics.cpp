#include "match/schedule/metrics.h"

#include <algorithm>
#include <set>

#include "match/domain/categories.h"
#include "match/schedule/schedule.h"

namespace match {
namespace {

// Runs of idle slots between the first and last busy slot.
int Breaks(const std::vector<bool>& busy) {
  int breaks = 0;
  bool seen = false, idle = false;
  for (bool b : busy) {
    if (b) {
      if (seen && idle) ++breaks;
      seen = true;
      idle = false;
    } else {
      idle = true;
    }
  }
  return breaks;
}

double Ratio(double a, double b) { return b > 0 ? a / b : 0; }

}  // namespace

Metrics ComputeMetrics(const Event& event, const std::vector<Meeting>& meetings,
                       const std::vector<bool>& suppliers_with_candidate) {
  Metrics m;
  const size_t num_slots = event.slots.size();
  m.meetings = static_cast<int>(meetings.size());
  m.suppliers = static_cast<int>(event.suppliers.size());
  m.suppliers_with_candidate =
      static_cast<int>(std::count(suppliers_with_candidate.begin(), suppliers_with_candidate.end(), true));
  std::vector<std::vector<bool>> supplier_busy(event.suppliers.size(), std::vector<bool>(num_slots, false));
  std::vector<std::vector<bool>> stand_busy(event.stands.size(), std::vector<bool>(num_slots, false));
  std::vector<int> per_supplier(event.suppliers.size(), 0);
  std::set<std::pair<SupplierIndex, StandIndex>> met;
  for (const auto& meeting : meetings) {
    supplier_busy[meeting.supplier][meeting.slot] = true;
    stand_busy[meeting.stand][meeting.slot] = true;
    ++per_supplier[meeting.supplier];
    m.total_score += meeting.score;
    m.meetings_held += meeting.status == Attendance::kHeld ? 1 : 0;
    m.no_shows += meeting.status == Attendance::kNoShow ? 1 : 0;
    met.insert({meeting.supplier, meeting.stand});
  }
  m.mean_score = Ratio(m.total_score, m.meetings);
  for (int count : per_supplier) m.suppliers_met += count > 0;
  m.coverage = Ratio(m.suppliers_met, m.suppliers_with_candidate);
  m.mean_meetings_per_supplier = Ratio(m.meetings, m.suppliers);
  for (const auto& busy : supplier_busy) {
    int b = Breaks(busy);
    m.supplier_breaks += b;
    m.max_supplier_breaks = std::max(m.max_supplier_breaks, b);
  }
  for (const auto& busy : stand_busy) {
    int b = Breaks(busy);
    m.stand_breaks += b;
    m.max_stand_breaks = std::max(m.max_stand_breaks, b);
  }
  m.mean_supplier_breaks = Ratio(m.supplier_breaks, static_cast<double>(event.suppliers.size()));
  m.mean_stand_breaks = Ratio(m.stand_breaks, static_cast<double>(event.stands.size()));
  double capacity = 0;
  for (const auto& stand : event.stands)
    capacity += stand.tables * static_cast<double>(std::count(stand.slots.begin(), stand.slots.end(), true));
  m.stand_fill_rate = Ratio(m.meetings, capacity);

  for (Category c : kCategories) {
    int members = 0, member_meetings = 0;
    for (SupplierIndex s = 0; s < static_cast<SupplierIndex>(event.suppliers.size()); ++s) {
      if (!InCategory(event, s, c)) continue;
      ++members;
      member_meetings += per_supplier[s];
    }
    m.shares.push_back({std::string(CategoryName(c)), Ratio(member_meetings, m.meetings), Ratio(members, m.suppliers)});
  }
  for (const auto& w : event.wishes) {
    bool ok = met.count({w.supplier, w.stand}) > 0;
    if (w.level == Level::kMust) m.wishes_must++, m.wishes_must_met += ok;
    if (w.level == Level::kWant) m.wishes_want++, m.wishes_want_met += ok;
  }
  for (const auto& i : event.invitations) {
    bool ok = met.count({i.supplier, i.stand}) > 0;
    if (i.level == Level::kMust) m.invitations_must++, m.invitations_must_met += ok;
    if (i.level == Level::kWant) m.invitations_want++, m.invitations_want_met += ok;
  }
  return m;
}

}  // namespace match
