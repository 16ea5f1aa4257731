// The message table of participant-facing text (lang.h): one row per message.
#include "match/base/lang.h"

#include <array>
#include <vector>

namespace match {
namespace {

struct Row {
  Msg msg;
  std::string_view fr, en;
};

// In Msg order (checked below).
constexpr std::array<Row, static_cast<size_t>(Msg::kCount)> kTable{{
    {Msg::kCpvOwnCode, "le CPV {0} est le code même du besoin ('{1}')", "CPV {0} is the need's own code ('{1}')"},
    {Msg::kCpvWithin, "le CPV {0} relève de '{1}'", "CPV {0} falls within '{1}'"},
    {Msg::kCpvMatchesAtLevel, "le CPV {0} rejoint '{1}' au niveau {2}", "CPV {0} matches '{1}' at {2} level"},
    {Msg::kNoCpvMatch, "aucun CPV commun avec '{0}'", "no CPV match with '{0}'"},
    {Msg::kSameCommune, "même commune", "same commune"},
    {Msg::kSameIntercommunality, "même intercommunalité", "same intercommunality"},
    {Msg::kSameNamedArea, "même {0}", "same {0}"},
    {Msg::kSameDepartement, "même département", "same département"},
    {Msg::kSameRegion, "même région", "same région"},
    {Msg::kInTerritory, "sur le territoire de l'évènement", "in the event's territory"},
    {Msg::kMicroFirm, "micro-entreprise", "micro firm"},
    {Msg::kPme, "PME", "PME"},
    {Msg::kInsertionClause, "{0} pour une clause d'insertion de {1} %", "{0} for an insertion clause of {1} %"},
    {Msg::kReservedEligible, "éligible au besoin réservé ({0})", "eligible for the reserved need ({0})"},
    {Msg::kReuseWanted, "réemploi recherché ({0})", "reuse wanted ({0})"},
    {Msg::kWished, "souhaité ({0})", "wished ({0})"},
    {Msg::kInvited, "invité ({0})", "invited ({0})"},
    {Msg::kCpvDivision, "de la division", "division"},
    {Msg::kCpvGroup, "du groupe", "group"},
    {Msg::kCpvClass, "de la classe", "class"},
    {Msg::kCpvCategory, "de la catégorie", "category"},
    {Msg::kCpvSubcategory, "de la sous-catégorie", "subcategory"},
    {Msg::kSharedWordsActivity, "{0} dans le besoin et l'activité du fournisseur",
     "{0} in the need and the supplier's activity"},
    {Msg::kSharedWordsNaf, "{0} dans le besoin et l'activité NAF {1} du fournisseur",
     "{0} in the need and the supplier's NAF activity {1}"},
    {Msg::kSharedWordsCpv, "{0} dans le besoin et les codes CPV du fournisseur",
     "{0} in the need and the supplier's CPV codes"},
    {Msg::kHistoryWords, "{0} dans l'objet de ses marchés passés", "{0} in the objects of its past contracts"},
    {Msg::kContractsOne, "1 marché", "1 contract"},
    {Msg::kContractsMany, "{0} marchés", "{0} contracts"},
    {Msg::kInDepartement, "dans le département {0}", "in département {0}"},
    {Msg::kInNamedDepartement, "en {0} ({1})", "in {0} ({1})"},
    {Msg::kHistoryTradePlace, "{0} en {1} {2}", "{0} in {1} {2}"},
    {Msg::kHistoryTradePlaceSince, "{0} en {1} {2} depuis {3}", "{0} in {1} {2} since {3}"},
    {Msg::kHistoryTradeInAll, "{0} en {1} en tout", "{0} in {1} in all"},
    {Msg::kHistoryTrade, "{0} en {1}", "{0} in {1}"},
    {Msg::kHistoryExactCode, "{0} sur le code exact {1}", "{0} on the exact code {1}"},
    {Msg::kHistoryPlaceAllTrades, "{0} {1}, tous métiers", "{0} {1}, all trades"},
    {Msg::kHistoryThisBuyer, "{0} de cet acheteur", "{0} from this buyer"},
    {Msg::kHistorySizeFit, "montant proche de ses marchés habituels (médiane {0})",
     "amount close to its usual contracts (median {0})"},
    {Msg::kHtmlMeetings, "{0} — rendez-vous", "{0} — meetings"},
    {Msg::kHtmlMeetingLength, "Rendez-vous de {0} min", "Meetings of {0} min"},
    {Msg::kHtmlBreaks, "Pauses : ", "Breaks: "},
    {Msg::kHtmlCounts, "{0} rendez-vous · {1} stands · {2} fournisseurs", "{0} meetings · {1} stands · {2} suppliers"},
    {Msg::kHtmlContents, "Sommaire", "Contents"},
    {Msg::kHtmlContentsLink, "sommaire", "contents"},
    {Msg::kHtmlGrid, "Grille des rendez-vous", "Meeting grid"},
    {Msg::kHtmlStands, "Stands", "Stands"},
    {Msg::kHtmlSuppliers, "Fournisseurs", "Suppliers"},
    {Msg::kHtmlBreakColumn, "pause", "break"},
    {Msg::kHtmlBreak, "Pause", "Break"},
    {Msg::kHtmlBreakNamed, "Pause ({0})", "Break ({0})"},
    {Msg::kHtmlLegend, "Hachuré : stand non tenu. T1, T2… : numéro de table.",
     "Hatched: stand not staffed. T1, T2…: table number."},
    {Msg::kHtmlHeld, "tenu", "held"},
    {Msg::kHtmlNoShow, "absent", "no-show"},
    {Msg::kHtmlNoMeeting, "Aucun rendez-vous.", "No meeting."},
    {Msg::kHtmlTime, "Horaire", "Time"},
    {Msg::kHtmlStandTitle, "Stand : {0}", "Stand: {0}"},
    {Msg::kHtmlTables, "{0} tables", "{0} tables"},
    {Msg::kHtmlOneTable, "1 table", "1 table"},
    {Msg::kHtmlPresent, "présent {0}", "present {0}"},
    {Msg::kHtmlNeeds, "Besoins : ", "Needs: "},
    {Msg::kHtmlTable, "Table", "Table"},
    {Msg::kHtmlStand, "Stand", "Stand"},
    {Msg::kHtmlSupplier, "Fournisseur", "Supplier"},
    {Msg::kHtmlNeed, "Besoin", "Need"},
    {Msg::kHtmlSupplierSub, "Fournisseur {0} · {1} rendez-vous", "Supplier {0} · {1} meetings"},
    {Msg::kHtmlNoAgendaChanged, "Aucun agenda n'a changé depuis la version {0}.",
     "No agenda has changed since version {0}."},
    {Msg::kIcsNeed, "Besoin : {0}", "Need: {0}"},
    {Msg::kIcsBuyer, "Acheteur : {0}", "Buyer: {0}"},
    {Msg::kIcsSupplier, "Fournisseur : {0} ({1})", "Supplier: {0} ({1})"},
    {Msg::kIcsHeld, "Rendez-vous tenu", "Meeting held"},
    {Msg::kIcsMissed, "Rendez-vous manqué (absence)", "Meeting missed (no-show)"},
    {Msg::kIcsMeeting, "Rendez-vous: {0} — table {1}", "Meeting: {0} — table {1}"},
    {Msg::kIcsNoShow, "Absent: {0} — table {1}", "No-show: {0} — table {1}"},
    {Msg::kIcsLocation, "{0}, table {1}", "{0}, table {1}"},
    {Msg::kNafTrade, "métier NAF {0} ('{1}')", "NAF trade {0} ('{1}')"},
}};

constexpr bool InOrder() {
  for (size_t i = 0; i < kTable.size(); ++i)
    if (static_cast<size_t>(kTable[i].msg) != i) return false;
  return true;
}
static_assert(InOrder(), "the message table follows the order of Msg");

}  // namespace

std::optional<Lang> ParseLang(std::string_view name) {
  if (name == "fr") return Lang::kFr;
  if (name == "en") return Lang::kEn;
  return std::nullopt;
}

std::string_view LangName(Lang lang) { return lang == Lang::kEn ? "en" : "fr"; }

std::string Tr(Lang lang, Msg msg, std::initializer_list<std::string_view> args) {
  const Row& row = kTable[static_cast<size_t>(msg)];
  const std::string_view text = lang == Lang::kEn ? row.en : row.fr;
  const std::vector<std::string_view> values(args);
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 2 < text.size() && text[i + 2] == '}' && text[i + 1] >= '0' && text[i + 1] <= '9') {
      const size_t k = static_cast<size_t>(text[i + 1] - '0');
      if (k < values.size()) out += values[k];
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

}  // namespace match
