// The language of participant-facing text: French by default, English on request
// (`--lang en` on the command line, `?lang=en` on standmatchd's routes and pages).
//
// Every participant-facing sentence that varies by language is one entry of the message
// table (lang.cpp): a Msg id with its French and English text, placeholders {0}, {1}...
// A new message is one new Msg and one table row; callers never branch on the language.
// Pure and thread-safe.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace match {

enum class Lang { kFr, kEn };

// "fr" or "en" (as given on the command line or in a query); nullopt otherwise.
std::optional<Lang> ParseLang(std::string_view name);
std::string_view LangName(Lang lang);

enum class Msg {
  // Ranking reasons (score/ranking.cpp's Explain).
  kCpvOwnCode,         // {0} code, {1} label
  kCpvWithin,          // {0} code, {1} label
  kCpvMatchesAtLevel,  // {0} code, {1} label, {2} level name
  kNoCpvMatch,         // {0} need title
  kSameCommune,
  kSameIntercommunality,
  kSameNamedArea,  // {0} the intercommunality's name
  kSameDepartement,
  kSameRegion,
  kInTerritory,
  kMicroFirm,
  kPme,
  kInsertionClause,   // {0} structure, {1} percentage
  kReservedEligible,  // {0} article
  kReuseWanted,       // {0} kinds
  kWished,            // {0} level
  kInvited,           // {0} level
  kCpvDivision,       // CPV levels, as kCpvMatchesAtLevel's {2}
  kCpvGroup,
  kCpvClass,
  kCpvCategory,
  kCpvSubcategory,
  // Words shared by the need and the supplier (the text criterion): {0} the quoted words.
  kSharedWordsActivity,
  kSharedWordsNaf,  // {1} the NAF code
  kSharedWordsCpv,
  kHistoryWords,  // {0} words shared with the objects of past contracts
  // Award history (score/history.cpp's ExplainHistory).
  kContractsOne,
  kContractsMany,           // {0} count
  kInDepartement,           // {0} code
  kInNamedDepartement,      // {0} name, {1} code
  kHistoryTradePlace,       // {0} contracts, {1} "CPV 909", {2} place
  kHistoryTradePlaceSince,  // ... {3} year
  kHistoryTradeInAll,       // {0} contracts, {1} trade
  kHistoryTrade,            // {0} contracts, {1} trade
  kHistoryExactCode,        // {0} contracts, {1} code
  kHistoryPlaceAllTrades,   // {0} contracts, {1} place
  kHistoryThisBuyer,        // {0} contracts
  kHistorySizeFit,          // {0} median amount
  // Printed agendas (export/timetable_html.cpp) and calendars (export/agenda_ics.cpp).
  kHtmlMeetings,       // {0} the event's name
  kHtmlMeetingLength,  // {0} minutes
  kHtmlBreaks,
  kHtmlCounts,  // {0} meetings, {1} stands, {2} suppliers
  kHtmlContents,
  kHtmlContentsLink,
  kHtmlGrid,
  kHtmlStands,
  kHtmlSuppliers,
  kHtmlBreakColumn,
  kHtmlBreak,
  kHtmlBreakNamed,  // {0} label
  kHtmlLegend,
  kHtmlHeld,
  kHtmlNoShow,
  kHtmlNoMeeting,
  kHtmlTime,
  kHtmlStandTitle,  // {0} title
  kHtmlTables,      // {0} count (> 1)
  kHtmlOneTable,
  kHtmlPresent,  // {0} windows
  kHtmlNeeds,
  kHtmlTable,
  kHtmlStand,
  kHtmlSupplier,
  kHtmlNeed,
  kHtmlSupplierSub,      // {0} id, {1} meetings
  kHtmlNoAgendaChanged,  // {0} version
  kIcsNeed,              // {0} title
  kIcsBuyer,             // {0} name
  kIcsSupplier,          // {0} name, {1} id
  kIcsHeld,
  kIcsMissed,
  kIcsMeeting,   // {0} whom, {1} table
  kIcsNoShow,    // {0} whom, {1} table
  kIcsLocation,  // {0} stand, {1} table
  // Sourcing from a directory (tools/source.cpp).
  kNafTrade,  // {0} NAF code, {1} its label: where a directory entry's CPV codes come from
  kCount,     // not a message: the number of messages
};

// The text of MSG in LANG with {0}, {1}... replaced by ARGS.
std::string Tr(Lang lang, Msg msg, std::initializer_list<std::string_view> args = {});

}  // namespace match
