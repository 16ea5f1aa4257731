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

namespace {

// Days since 1970-01-01 of a Gregorian date (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// The Unix second of 01:00 UTC on the last Sunday of MONTH (3 or 10) of YEAR.
int64_t LastSundayOneUtc(int64_t year, int month) {
  int64_t last = DaysFromCivil(year, month, 31);
  int64_t weekday = ((last + 4) % 7 + 7) % 7;  // 1970-01-01 was a Thursday (4); 0 = Sunday
  return (last - weekday) * 86400 + 3600;
}

int Digits(std::string_view text, size_t at, size_t count) {
  int value = 0;
  for (size_t i = at; i < at + count; ++i) {
    if (i >= text.size() || text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::optional<int64_t> ParseDateTime(std::string_view text) {
  // YYYY-MM-DDTHH:MM
  if (text.size() < 16 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') || text[13] != ':')
    return std::nullopt;
  int year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2);
  int hour = Digits(text, 11, 2), minute = Digits(text, 14, 2), second = 0;
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return std::nullopt;
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day > kDays[month - 1] + (month == 2 && leap ? 1 : 0)) return std::nullopt;
  size_t at = 16;
  if (at < text.size() && text[at] == ':') {
    second = Digits(text, at + 1, 2);
    if (second < 0 || second > 59) return std::nullopt;
    at += 3;
  }
  int64_t local = DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  if (at == text.size()) {  // Europe/Paris
    int64_t winter = local - 3600;
    bool summer = winter >= LastSundayOneUtc(year, 3) && winter < LastSundayOneUtc(year, 10);
    return summer ? local - 7200 : winter;
  }
  if (text.substr(at) == "Z") return local;
  if (text.size() != at + 6 || (text[at] != '+' && text[at] != '-') || text[at + 3] != ':') return std::nullopt;
  int off_h = Digits(text, at + 1, 2), off_m = Digits(text, at + 4, 2);
  if (off_h < 0 || off_h > 23 || off_m < 0 || off_m > 59) return std::nullopt;
  int64_t offset = off_h * 3600 + off_m * 60;
  return text[at] == '+' ? local - offset : local + offset;
}

std::string_view SizeName(Size size) {
  switch (size) {
    case Size::kMicro:
      return "micro";
    case Size::kPme:
      return "pme";
    case Size::kEti:
      return "eti";
    case Size::kGe:
      return "ge";
    case Size::kUnknown:
      break;
  }
  return "unknown";
}

std::string_view StructureName(Structure structure) {
  switch (structure) {
    case Structure::kEI:
      return "EI";
    case Structure::kETTI:
      return "ETTI";
    case Structure::kAI:
      return "AI";
    case Structure::kACI:
      return "ACI";
    case Structure::kEITI:
      return "EITI";
    case Structure::kEA:
      return "EA";
    case Structure::kESAT:
      return "ESAT";
    case Structure::kGEIQ:
      return "GEIQ";
    case Structure::kNone:
      break;
  }
  return "";
}

std::string_view ReservedName(Reserved reserved) {
  switch (reserved) {
    case Reserved::kDisability:
      return "disability";
    case Reserved::kInsertion:
      return "insertion";
    case Reserved::kDisabilityOrInsertion:
      return "disability-or-insertion";
    case Reserved::kEss:
      return "ess";
    case Reserved::kNone:
      break;
  }
  return "none";
}

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kMust:
      return "must";
    case Level::kWant:
      return "want";
    case Level::kNo:
      return "no";
    case Level::kNone:
      break;
  }
  return "";
}

bool IsSiae(Structure s) {
  return s == Structure::kEI || s == Structure::kETTI || s == Structure::kAI || s == Structure::kACI ||
         s == Structure::kEITI;
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
