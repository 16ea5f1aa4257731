// Agendas as CSV (RFC 4180), and what all agenda formats share: the owner's meetings
// in time order and safe ids.
#include <algorithm>
#include <string>
#include <tuple>

#include "match/export/agenda.h"
#include "match/score/ranking.h"

namespace match {

namespace {

bool MeetingValid(const Event& event, const Schedule& schedule, const Meeting& meeting) {
  return meeting.supplier >= 0 && meeting.supplier < static_cast<int>(event.suppliers.size()) && meeting.stand >= 0 &&
         meeting.stand < static_cast<int>(event.stands.size()) && meeting.slot >= 0 &&
         meeting.slot < static_cast<int>(schedule.slots.size());
}

class CsvWriter {
 public:
  explicit CsvWriter(const CsvOptions& options) : options_(options) {
    if (options_.byte_order_mark) out_ = "\xEF\xBB\xBF";
  }

  // A value written as is apart from quoting (times, numbers, headers).
  void Plain(std::string_view value) { Field(value, false); }
  // Free text from the event (ids, names, titles).
  void Text(std::string_view value) { Field(value, options_.neutralise_formulas); }
  void EndRow() {
    out_ += "\r\n";
    first_ = true;
  }
  std::string Take() { return std::move(out_); }

 private:
  void Field(std::string_view value, bool neutralise) {
    if (!first_) out_ += options_.separator;
    first_ = false;
    std::string text;
    if (neutralise && !value.empty() &&
        (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' || value[0] == '\t')) {
      text = "'";
    }
    text += value;
    bool quote = text.find_first_of(std::string{options_.separator, '"', '\r', '\n'}) != std::string::npos;
    if (!quote) {
      out_ += text;
      return;
    }
    out_ += '"';
    for (char c : text) {
      if (c == '"') out_ += '"';
      out_ += c;
    }
    out_ += '"';
  }

  CsvOptions options_;
  std::string out_;
  bool first_ = true;
};

}  // namespace

std::string SafeId(std::string_view id) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(id.size());
  for (char c : id) {
    auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') || byte == '-' || byte == '_') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

std::vector<Meeting> AgendaMeetings(const std::vector<Meeting>& all, AgendaOwner owner) {
  bool supplier = owner.kind == AgendaOwner::Kind::kSupplier;
  std::vector<Meeting> meetings;
  for (const Meeting& m : all) {
    if ((supplier ? m.supplier : m.stand) == owner.index) meetings.push_back(m);
  }
  std::sort(meetings.begin(), meetings.end(), [supplier](const Meeting& a, const Meeting& b) {
    int other_a = supplier ? a.stand : a.supplier;
    int other_b = supplier ? b.stand : b.supplier;
    return std::tie(a.slot, a.table, other_a) < std::tie(b.slot, b.table, other_b);
  });
  return meetings;
}

std::string AgendaCsv(const Event& event, const Schedule& schedule, AgendaOwner owner, const CsvOptions& options) {
  bool supplier_agenda = owner.kind == AgendaOwner::Kind::kSupplier;
  CsvWriter csv(options);
  if (supplier_agenda) {
    for (const char* h : {"start", "end", "stand_id", "stand", "buyer", "table", "need", "score", "status"})
      csv.Plain(h);
  } else {
    for (const char* h : {"start", "end", "supplier_id", "supplier", "table", "need", "score", "status"}) csv.Plain(h);
  }
  csv.EndRow();
  for (const Meeting& m : AgendaMeetings(schedule, owner)) {
    if (!MeetingValid(event, schedule, m)) continue;
    const Slot& slot = schedule.slots[m.slot];
    csv.Plain(FormatTime(slot.start));
    csv.Plain(FormatTime(slot.end));
    if (supplier_agenda) {
      const Stand& stand = event.stands[m.stand];
      csv.Text(stand.id);
      csv.Text(stand.title);
      bool has_buyer = stand.buyer >= 0 && stand.buyer < static_cast<int>(event.buyers.size());
      csv.Text(has_buyer ? event.buyers[stand.buyer].name : "");
    } else {
      const Supplier& supplier = event.suppliers[m.supplier];
      csv.Text(supplier.id);
      csv.Text(supplier.name);
    }
    csv.Plain(std::to_string(m.table));
    bool has_need = m.need >= 0 && m.need < static_cast<int>(event.needs.size());
    csv.Text(has_need ? event.needs[m.need].title : "");
    csv.Plain(FormatScore(m.score));
    csv.Plain(std::string(AttendanceName(m.status)));
    csv.EndRow();
  }
  return csv.Take();
}

}  // namespace match
