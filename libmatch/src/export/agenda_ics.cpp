// Agendas as iCalendar (RFC 5545), built and serialised with libical.
#include <libical/ical.h>

#include <cstdlib>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "match/export/agenda.h"

namespace match {

namespace {

constexpr const char* kProdId = "-//standmatch//standmatch 0.1//FR";
constexpr const char* kTzid = "Europe/Paris";

// Europe/Paris since 1996 (EU rules): written from this constant so that the bytes do
// not depend on the tz database of the machine.
constexpr const char* kParisTimezone =
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Paris\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\n"
    "TZNAME:CEST\r\n"
    "DTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "TZNAME:CET\r\n"
    "DTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

struct ComponentDeleter {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

struct Date {
  int year = 0, month = 0, day = 0;
};

// "2025-03-28"; nullopt unless YYYY-MM-DD names a real day.
std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](size_t from, size_t length) {
    int value = 0;
    for (size_t i = from; i < from + length; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  Date date{number(0, 4), number(5, 2), number(8, 2)};
  if (date.year < 1900 || date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > icaltime_days_in_month(date.month, date.year)) {
    return std::nullopt;
  }
  return date;
}

icaltimetype LocalTime(const Date& date, Minute minute) {
  icaltimetype t = icaltime_null_time();
  t.year = date.year;
  t.month = date.month;
  t.day = date.day;
  t.hour = minute / 60;
  t.minute = minute % 60;
  return t;
}

icalproperty* WithZone(icalproperty* property, const IcsOptions& options) {
  if (options.time == IcsTime::kEuropeParis) icalproperty_add_parameter(property, icalparameter_new_tzid(kTzid));
  return property;
}

std::string BuyerName(const Event& event, const Stand& stand) {
  bool has_buyer = stand.buyer >= 0 && stand.buyer < static_cast<int>(event.buyers.size());
  return has_buyer ? event.buyers[stand.buyer].name : "";
}

std::string OwnerName(const Event& event, AgendaOwner owner) {
  if (owner.kind == AgendaOwner::Kind::kSupplier) return event.suppliers[owner.index].name;
  return event.stands[owner.index].title;
}

bool OwnerValid(const Event& event, AgendaOwner owner) {
  int count = owner.kind == AgendaOwner::Kind::kSupplier ? static_cast<int>(event.suppliers.size())
                                                         : static_cast<int>(event.stands.size());
  return owner.index >= 0 && owner.index < count;
}

// A participant's calendar address: no mail is sent, so the address is in the
// reserved .invalid domain (RFC 2606); CN carries the name people see.
std::string CalAddress(const Event& event, std::string_view kind, const std::string& id) {
  return "mailto:" + std::string(kind) + "-" + SafeId(id) + "@" + SafeId(event.id) + ".standmatch.invalid";
}

icalproperty* WithName(icalproperty* property, const std::string& name) {
  icalproperty_add_parameter(property, icalparameter_new_cn(name.c_str()));
  return property;
}

// One calendar: METHOD:PUBLISH with MEETINGS (and CANCELLED, meetings withdrawn since
// they were published, as STATUS:CANCELLED), or METHOD:CANCEL with CANCELLED only.
Result<std::string> WriteCalendar(const Event& event, const std::vector<Slot>& slots,
                                  const std::vector<Meeting>& meetings, const std::vector<Meeting>& cancelled,
                                  AgendaOwner owner, const IcsOptions& options, bool cancel_method) {
  std::optional<Date> date = ParseDate(event.date);
  if (!date) return Status::Invalid("event " + event.id + ": date \"" + event.date + "\" is not YYYY-MM-DD");
  if (!OwnerValid(event, owner)) {
    return Status::Invalid("event " + event.id + ": no agenda owner at index " + std::to_string(owner.index));
  }
  bool supplier_agenda = owner.kind == AgendaOwner::Kind::kSupplier;

  ComponentPtr calendar(icalcomponent_new_vcalendar());
  icalcomponent* cal = calendar.get();
  icalcomponent_add_property(cal, icalproperty_new_prodid(kProdId));
  icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(cal, icalproperty_new_method(cancel_method ? ICAL_METHOD_CANCEL : ICAL_METHOD_PUBLISH));
  icalproperty* name = icalproperty_new_x((event.name + " — " + OwnerName(event, owner)).c_str());
  icalproperty_set_x_name(name, "X-WR-CALNAME");
  icalcomponent_add_property(cal, name);
  if (options.time == IcsTime::kEuropeParis) {
    icalcomponent* timezone = icalcomponent_new_from_string(kParisTimezone);
    if (timezone == nullptr) return Status::Internal("libical cannot read the Europe/Paris time zone");
    icalcomponent_add_component(cal, timezone);
  }

  icaltimetype stamp = icaltime_null_time();
  if (options.stamp) {
    stamp = icaltime_from_timet_with_zone(static_cast<time_t>(*options.stamp), 0, icaltimezone_get_utc_timezone());
  } else {
    stamp.year = date->year;
    stamp.month = date->month;
    stamp.day = date->day;
    stamp.zone = icaltimezone_get_utc_timezone();
  }

  std::vector<std::pair<Meeting, bool>> entries;  // (meeting, cancelled)
  for (const Meeting& m : AgendaMeetings(meetings, owner)) entries.emplace_back(m, false);
  for (const Meeting& m : AgendaMeetings(cancelled, owner)) entries.emplace_back(m, true);
  for (const auto& [m, cancel] : entries) {
    if (m.supplier < 0 || m.supplier >= static_cast<int>(event.suppliers.size()) || m.stand < 0 ||
        m.stand >= static_cast<int>(event.stands.size()) || m.slot < 0 || m.slot >= static_cast<int>(slots.size())) {
      continue;
    }
    const Supplier& supplier = event.suppliers[m.supplier];
    const Stand& stand = event.stands[m.stand];
    const Slot& slot = slots[m.slot];
    const std::string table = std::to_string(m.table);
    const Lang lang = options.lang;
    bool has_need = m.need >= 0 && m.need < static_cast<int>(event.needs.size());
    std::string description;
    if (has_need) description += Tr(lang, Msg::kIcsNeed, {event.needs[m.need].title}) + "\n";
    if (supplier_agenda) {
      description += Tr(lang, Msg::kIcsBuyer, {BuyerName(event, stand)}) + "\n";
    } else {
      description += Tr(lang, Msg::kIcsSupplier, {supplier.name, supplier.id}) + "\n";
    }
    description += event.name;
    const bool no_show = !cancel && m.status == Attendance::kNoShow;
    // A meeting withdrawn or missed is a new state of the event: its SEQUENCE is raised.
    int sequence = options.sequence ? options.sequence(m.supplier, m.stand) : m.sequence + (cancel || no_show ? 1 : 0);
    if (m.status == Attendance::kHeld) description += "\n" + Tr(lang, Msg::kIcsHeld);
    if (no_show) description += "\n" + Tr(lang, Msg::kIcsMissed);

    icalcomponent* vevent = icalcomponent_new_vevent();
    icalcomponent_add_property(vevent, icalproperty_new_uid(MeetingUid(event, m.supplier, m.stand).c_str()));
    icalcomponent_add_property(vevent, icalproperty_new_dtstamp(stamp));
    icalcomponent_add_property(vevent, WithZone(icalproperty_new_dtstart(LocalTime(*date, slot.start)), options));
    icalcomponent_add_property(vevent, WithZone(icalproperty_new_dtend(LocalTime(*date, slot.end)), options));
    icalcomponent_add_property(vevent, icalproperty_new_sequence(sequence));
    const std::string whom = supplier_agenda ? stand.title : supplier.name;
    icalcomponent_add_property(
        vevent,
        icalproperty_new_summary(Tr(lang, no_show ? Msg::kIcsNoShow : Msg::kIcsMeeting, {whom, table}).c_str()));
    icalcomponent_add_property(vevent,
                               icalproperty_new_location(Tr(lang, Msg::kIcsLocation, {stand.title, table}).c_str()));
    icalcomponent_add_property(vevent, icalproperty_new_description(description.c_str()));
    icalcomponent_add_property(
        vevent, icalproperty_new_status(cancel || no_show ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
    // RFC 5546: ORGANIZER in every method; ATTENDEE in CANCEL (those removed), never in PUBLISH.
    icalcomponent_add_property(
        vevent, WithName(icalproperty_new_organizer(CalAddress(event, "event", event.id).c_str()), event.name));
    if (cancel_method) {
      icalcomponent_add_property(
          vevent,
          WithName(icalproperty_new_attendee(CalAddress(event, "supplier", supplier.id).c_str()), supplier.name));
      icalcomponent_add_property(
          vevent, WithName(icalproperty_new_attendee(CalAddress(event, "stand", stand.id).c_str()), stand.title));
    }
    icalcomponent_add_component(cal, vevent);
  }

  char* text = icalcomponent_as_ical_string_r(cal);
  if (text == nullptr) return Status::Internal("libical cannot write the calendar of " + OwnerName(event, owner));
  std::string out(text);
  std::free(text);
  return out;
}

}  // namespace

std::string MeetingUid(const Event& event, SupplierIndex supplier, StandIndex stand) {
  return SafeId(event.id) + "." + SafeId(event.suppliers[supplier].id) + "." + SafeId(event.stands[stand].id) +
         "@standmatch";
}

Result<std::string> AgendaIcs(const Event& event, const Schedule& schedule, AgendaOwner owner,
                              const IcsOptions& options) {
  return WriteCalendar(event, schedule.slots, schedule.meetings, {}, owner, options, /*cancel_method=*/false);
}

Result<std::string> CancellationIcs(const Event& event, const std::vector<Slot>& slots,
                                    const std::vector<Meeting>& cancelled, AgendaOwner owner,
                                    const IcsOptions& options) {
  return WriteCalendar(event, slots, {}, cancelled, owner, options, /*cancel_method=*/true);
}

Result<std::string> FeedIcs(const Event& event, const Schedule& schedule, const std::vector<Meeting>& cancelled,
                            AgendaOwner owner, const IcsOptions& options) {
  return WriteCalendar(event, schedule.slots, schedule.meetings, cancelled, owner, options, /*cancel_method=*/false);
}

}  // namespace match
