// Schedule diff: added, moved and cancelled meetings; text and JSON.
#include "match/replan/schedule_diff.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

namespace match {
namespace {

using ojson = nlohmann::ordered_json;
using Pair = std::pair<SupplierIndex, StandIndex>;

// The ICS sequence a change is published with.
int PublishedSequence(const MeetingChange& c) {
  return c.kind == MeetingChange::Kind::kCancelled ? c.before.sequence + 1 : c.after.sequence;
}

std::string Where(const Event& event, const Meeting& m) {
  return FormatTime(event.slots[m.slot].start) + " table " + std::to_string(m.table);
}

ojson Place(const Event& event, const Meeting& m) {
  const Slot& slot = event.slots[m.slot];
  return {{"slot", m.slot}, {"start", FormatTime(slot.start)}, {"end", FormatTime(slot.end)}, {"table", m.table}};
}

bool Valid(const Event& event, const Meeting& m) {
  return m.supplier >= 0 && m.supplier < static_cast<int>(event.suppliers.size()) && m.stand >= 0 &&
         m.stand < static_cast<int>(event.stands.size()) && m.slot >= 0 &&
         m.slot < static_cast<int>(event.slots.size());
}

}  // namespace

std::string_view MeetingChangeName(MeetingChange::Kind kind) {
  switch (kind) {
    case MeetingChange::Kind::kCancelled:
      return "cancelled";
    case MeetingChange::Kind::kMoved:
      return "moved";
    case MeetingChange::Kind::kAdded:
      return "added";
  }
  return "";
}

int ScheduleDiff::Count(MeetingChange::Kind kind) const {
  return static_cast<int>(
      std::count_if(changes.begin(), changes.end(), [kind](const MeetingChange& c) { return c.kind == kind; }));
}

std::vector<ParticipantChanges> ScheduleDiff::ByParticipant() const {
  std::map<std::pair<int, int>, ParticipantChanges> by;  // (0 supplier / 1 stand, index)
  auto count = [](ParticipantChanges& p, MeetingChange::Kind kind) {
    if (kind == MeetingChange::Kind::kAdded) ++p.added;
    if (kind == MeetingChange::Kind::kMoved) ++p.moved;
    if (kind == MeetingChange::Kind::kCancelled) ++p.cancelled;
  };
  for (const auto& c : changes) {
    auto& s = by[{0, c.supplier}];
    s.owner = AgendaOwner::Supplier(c.supplier);
    count(s, c.kind);
    auto& t = by[{1, c.stand}];
    t.owner = AgendaOwner::Stand(c.stand);
    count(t, c.kind);
  }
  std::vector<ParticipantChanges> out;
  for (auto& [key, p] : by) out.push_back(p);
  return out;
}

ScheduleDiff DiffSchedules(const Schedule& before, const Schedule& after) {
  std::map<Pair, const Meeting*> old_of, new_of;
  for (const auto& m : before.meetings) old_of[{m.supplier, m.stand}] = &m;
  for (const auto& m : after.meetings) new_of[{m.supplier, m.stand}] = &m;
  ScheduleDiff diff;
  std::vector<MeetingChange> moved, added;
  for (const auto& [pair, m] : old_of) {
    auto it = new_of.find(pair);
    MeetingChange c;
    c.supplier = pair.first;
    c.stand = pair.second;
    c.before = *m;
    if (it == new_of.end()) {
      c.kind = MeetingChange::Kind::kCancelled;
      diff.changes.push_back(c);
    } else if (it->second->slot != m->slot || it->second->table != m->table) {
      c.kind = MeetingChange::Kind::kMoved;
      c.after = *it->second;
      moved.push_back(c);
    } else {
      ++diff.unchanged;
    }
  }
  for (const auto& [pair, m] : new_of) {
    if (old_of.count(pair)) continue;
    MeetingChange c;
    c.kind = MeetingChange::Kind::kAdded;
    c.supplier = pair.first;
    c.stand = pair.second;
    c.after = *m;
    added.push_back(c);
  }
  diff.changes.insert(diff.changes.end(), moved.begin(), moved.end());
  diff.changes.insert(diff.changes.end(), added.begin(), added.end());
  return diff;
}

std::string DiffText(const Event& event, const ScheduleDiff& diff) {
  std::string out = std::to_string(diff.Count(MeetingChange::Kind::kCancelled)) + " cancelled, " +
                    std::to_string(diff.Count(MeetingChange::Kind::kMoved)) + " moved, " +
                    std::to_string(diff.Count(MeetingChange::Kind::kAdded)) + " added, " +
                    std::to_string(diff.unchanged) + " unchanged\n";
  for (const auto& c : diff.changes) {
    if (!Valid(event, c.kind == MeetingChange::Kind::kAdded ? c.after : c.before)) continue;
    std::string line(MeetingChangeName(c.kind));
    line.resize(10, ' ');
    line += event.suppliers[c.supplier].id + " / " + event.stands[c.stand].id + "  ";
    switch (c.kind) {
      case MeetingChange::Kind::kCancelled:
        line += Where(event, c.before);
        break;
      case MeetingChange::Kind::kMoved:
        line += Where(event, c.before) + " -> " + Where(event, c.after);
        break;
      case MeetingChange::Kind::kAdded:
        line += Where(event, c.after);
        break;
    }
    if (!c.reason.empty()) line += "  (" + c.reason + ")";
    out += line + "\n";
  }
  const auto participants = diff.ByParticipant();
  if (!participants.empty()) out += "by participant:\n";
  for (const auto& p : participants) {
    const bool supplier = p.owner.kind == AgendaOwner::Kind::kSupplier;
    out += std::string(supplier ? "  supplier " : "  stand ") +
           (supplier ? event.suppliers[p.owner.index].id : event.stands[p.owner.index].id) + ":";
    std::string parts;
    auto part = [&](int n, const char* what) {
      if (n == 0) return;
      parts += (parts.empty() ? " " : ", ") + std::to_string(n) + " " + what;
    };
    part(p.added, "added");
    part(p.moved, "moved");
    part(p.cancelled, "cancelled");
    out += parts + "\n";
  }
  return out;
}

std::string DiffToJson(const Event& event, const ScheduleDiff& diff) {
  ojson doc;
  doc["format"] = "standmatch.diff/1";
  doc["added"] = diff.Count(MeetingChange::Kind::kAdded);
  doc["moved"] = diff.Count(MeetingChange::Kind::kMoved);
  doc["cancelled"] = diff.Count(MeetingChange::Kind::kCancelled);
  doc["unchanged"] = diff.unchanged;
  ojson changes = ojson::array();
  for (const auto& c : diff.changes) {
    if (!Valid(event, c.kind == MeetingChange::Kind::kAdded ? c.after : c.before)) continue;
    ojson j = {{"change", MeetingChangeName(c.kind)},
               {"supplier", event.suppliers[c.supplier].id},
               {"stand", event.stands[c.stand].id}};
    if (c.kind != MeetingChange::Kind::kAdded) j["before"] = Place(event, c.before);
    if (c.kind != MeetingChange::Kind::kCancelled) j["after"] = Place(event, c.after);
    j["sequence"] = PublishedSequence(c);
    if (!c.reason.empty()) j["reason"] = c.reason;
    changes.push_back(j);
  }
  doc["meetings"] = changes;
  ojson participants = ojson::array();
  for (const auto& p : diff.ByParticipant()) {
    const bool supplier = p.owner.kind == AgendaOwner::Kind::kSupplier;
    participants.push_back({{"kind", supplier ? "supplier" : "stand"},
                            {"id", supplier ? event.suppliers[p.owner.index].id : event.stands[p.owner.index].id},
                            {"added", p.added},
                            {"moved", p.moved},
                            {"cancelled", p.cancelled}});
  }
  doc["participants"] = participants;
  return doc.dump(2) + "\n";
}

std::vector<Meeting> WithdrawnMeetings(const std::vector<Schedule>& earlier, const Schedule& latest) {
  std::map<std::pair<SupplierIndex, StandIndex>, Meeting> last;
  for (const Schedule& schedule : earlier)
    for (const Meeting& m : schedule.meetings) last[{m.supplier, m.stand}] = m;
  for (const Meeting& m : latest.meetings) last.erase({m.supplier, m.stand});
  std::vector<Meeting> withdrawn;
  for (const auto& [pair, m] : last) withdrawn.push_back(m);
  return withdrawn;
}

}  // namespace match
