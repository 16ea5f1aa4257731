#include "match/domain/model.h"

namespace match {

std::optional<Minute> ParseTime(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  int hours = (text[0] - '0') * 10 + (text[1] - '0');
  int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * 60 + minutes;
}

std::string FormatTime(Minute minute) {
  std::string s = "00:00";
  s[0] = static_cast<char>('0' + minute / 600);
  s[1] = static_cast<char>('0' + minute / 60 % 10);
  s[3] = static_cast<char>('0' + minute % 60 / 10);
  s[4] = static_cast<char>('0' + minute % 10);
  return s;
}

std::string_view SizeName(Size size) {
  switch (size) {
    case Size::kMicro: return "micro";
    case Size::kPme: return "pme";
    case Size::kEti: return "eti";
    case Size::kGe: return "ge";
    case Size::kUnknown: break;
  }
  return "unknown";
}

std::string_view StructureName(Structure structure) {
  switch (structure) {
    case Structure::kEI: return "EI";
    case Structure::kETTI: return "ETTI";
    case Structure::kAI: return "AI";
    case Structure::kACI: return "ACI";
    case Structure::kEITI: return "EITI";
    case Structure::kEA: return "EA";
    case Structure::kESAT: return "ESAT";
    case Structure::kGEIQ: return "GEIQ";
    case Structure::kNone: break;
  }
  return "";
}

std::string_view ReservedName(Reserved reserved) {
  switch (reserved) {
    case Reserved::kDisability: return "disability";
    case Reserved::kInsertion: return "insertion";
    case Reserved::kDisabilityOrInsertion: return "disability-or-insertion";
    case Reserved::kEss: return "ess";
    case Reserved::kNone: break;
  }
  return "none";
}

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kMust: return "must";
    case Level::kWant: return "want";
    case Level::kNo: return "no";
    case Level::kNone: break;
  }
  return "";
}

bool IsSiae(Structure s) {
  return s == Structure::kEI || s == Structure::kETTI || s == Structure::kAI ||
         s == Structure::kACI || s == Structure::kEITI;
}

bool IsDisabilityStructure(Structure s) { return s == Structure::kEA || s == Structure::kESAT; }

std::optional<SupplierIndex> Event::FindSupplier(std::string_view id) const {
  auto it = supplier_index.find(id);
  if (it == supplier_index.end()) return std::nullopt;
  return it->second;
}

std::optional<StandIndex> Event::FindStand(std::string_view id) const {
  auto it = stand_index.find(id);
  if (it == stand_index.end()) return std::nullopt;
  return it->second;
}

Level Event::WishLevel(SupplierIndex supplier, StandIndex stand) const {
  auto it = wish_levels.find(PairKey(supplier, stand));
  return it == wish_levels.end() ? Level::kNone : it->second;
}

Level Event::InvitationLevel(SupplierIndex supplier, StandIndex stand) const {
  auto it = invitation_levels.find(PairKey(supplier, stand));
  return it == invitation_levels.end() ? Level::kNone : it->second;
}

std::vector<bool> SlotsWithin(const Event& event, const std::vector<Window>& windows) {
  std::vector<bool> out(event.slots.size(), windows.empty());
  if (windows.empty()) return out;
  for (const auto& slot : event.slots) {
    for (const auto& w : windows) {
      if (w.start <= slot.start && slot.end <= w.end) out[slot.index] = true;
    }
  }
  return out;
}

void BuildSlots(Event& event) {
  event.slots.clear();
  const int step = event.slot_minutes;
  if (step > 0) {
    for (const auto& session : event.sessions) {
      for (Minute t = session.start; t + step <= session.end; t += step) {
        bool in_break = false;
        for (const auto& b : event.breaks)
          if (b.window.start < t + step && t < b.window.end) in_break = true;
        if (!in_break) event.slots.push_back({static_cast<int>(event.slots.size()), t, t + step});
      }
    }
  }
  for (auto& stand : event.stands) stand.slots = SlotsWithin(event, stand.available);
  for (auto& supplier : event.suppliers) supplier.slots = SlotsWithin(event, supplier.available);
}

}  // namespace match
