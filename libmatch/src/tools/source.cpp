#include "match/tools/source.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_set>

#include "match/base/huge_pages.h"
#include "match/domain/naf.h"
#include "match/domain/naf_trades.h"
#include "match/score/ranking.h"

namespace match {

namespace {

using json = nlohmann::ordered_json;

// Where an entry is, for people: the commune's code and name, or the département.
std::string PlaceText(const Supplier& supplier, const Territory& territory) {
  if (const Commune* c = supplier.commune.empty() ? nullptr : territory.Find(supplier.commune))
    return std::string(c->name) + " (" + supplier.commune + ")";
  return supplier.departement.empty() ? "?" : supplier.departement;
}

// The reasons of a candidate: its NAF trade first when its CPV codes come from it.
std::string Reasons(const Event& e, const PairScore& p, const Territory& territory, const CpvList* labels, Lang lang) {
  const Supplier& s = e.suppliers[p.supplier];
  std::string reasons = Explain(e, p, territory, labels, lang);
  if (p.cpv_depth > 0 && !s.naf.empty() && NafTrades::Builtin().Cpv(s.naf) == s.cpv)
    reasons = Tr(lang, Msg::kNafTrade, {s.naf, NafTable::Builtin().Label(s.naf)}) + " · " + reasons;
  return reasons;
}

// Source over the entries of DIRECTORY; with CHOSEN, only those of its SIRETs, the
// event's suppliers among them kept.
Sourcing SourceEntries(const Event& event, Directory directory, const Rules& rules, const Territory& territory,
                       const SourceOptions& options, const std::set<std::string, std::less<>>* chosen) {
  Sourcing out;
  Event& e = out.event;
  e = event;
  e.suppliers.clear();
  e.wishes.clear();
  e.invitations.clear();
  e.wish_levels.clear();
  e.invitation_levels.clear();
  e.supplier_index.clear();
  std::unordered_set<std::string_view> registered;
  for (const Supplier& s : event.suppliers)
    if (!s.siret.empty()) registered.insert(s.siret);
  e.suppliers.reserve(directory.entries.size());
  // Some 470 bytes a supplier, 50 MB for 10^5 entries: first touched here, one fault per 2 MB.
  AdviseHugePages(e.suppliers.data(), e.suppliers.capacity() * sizeof(Supplier));
  out.lines.reserve(directory.entries.size());
  for (DirectoryEntry& entry : directory.entries) {
    const std::string& siret = entry.supplier.siret;
    if (chosen && !chosen->count(siret)) continue;
    if (!chosen && !siret.empty() && registered.count(siret)) {
      ++out.already_suppliers;
      continue;
    }
    e.suppliers.push_back(std::move(entry.supplier));
    // A structure with a NAF code and no CPV code supplies what its trade supplies.
    Supplier& s = e.suppliers.back();
    if (s.cpv.empty() && !s.naf.empty()) s.cpv = NafTrades::Builtin().Cpv(s.naf);
    out.lines.push_back(entry.line);
  }
  out.table = options.all_pairs ? ScoreAllPairs(e, rules, territory) : Score(e, rules, territory);
  for (StandIndex t = 0; t < static_cast<StandIndex>(e.stands.size()); ++t) {
    if (options.stand && *options.stand != t) continue;
    // The best 2K first (a structure listed twice takes two places), all when these do not
    // give K distinct SIRETs.
    Sourcing::StandCandidates stand{t, {}};
    const int first = options.top > 0 ? 2 * options.top : 0;
    for (int top : {first, 0}) {
      stand.candidates.clear();
      std::unordered_set<std::string_view> seen;  // SIRETs listed for this stand
      const std::vector<const PairScore*> ranked = RankSuppliers(out.table, t, top);
      for (const PairScore* p : ranked) {
        const std::string& siret = e.suppliers[p->supplier].siret;
        if (!siret.empty() && !seen.insert(siret).second) continue;
        stand.candidates.push_back(p);
        if (options.top > 0 && static_cast<int>(stand.candidates.size()) >= options.top) break;
      }
      const bool complete =
          top == 0 || static_cast<int>(ranked.size()) < top || static_cast<int>(stand.candidates.size()) >= options.top;
      if (complete) break;
    }
    out.stands.push_back(std::move(stand));
  }
  return out;
}

}  // namespace

Sourcing Source(const Event& event, Directory directory, const Rules& rules, const Territory& territory,
                const SourceOptions& options) {
  return SourceEntries(event, std::move(directory), rules, territory, options, nullptr);
}

Result<Sourcing> SourceChosen(const Event& event, const Directory& directory, const Rules& rules,
                              const Territory& territory, StandIndex stand, const std::vector<std::string>& sirets) {
  if (sirets.empty()) return Status::Invalid(directory.name + ": no structure chosen (no SIRET)");
  const std::set<std::string, std::less<>> chosen(sirets.begin(), sirets.end());
  for (const std::string& siret : chosen) {
    if (siret.empty()) return Status::Invalid(directory.name + ": an empty SIRET among the chosen structures");
    bool listed = std::any_of(directory.entries.begin(), directory.entries.end(),
                              [&](const DirectoryEntry& entry) { return entry.supplier.siret == siret; });
    if (!listed) return Status::Invalid(directory.name + ": no structure of SIRET \"" + siret + "\" in the directory");
  }
  SourceOptions options;
  options.top = 0;
  options.stand = stand;
  Directory picked;  // the chosen entries only (a directory may hold 10^5)
  picked.name = directory.name;
  for (const DirectoryEntry& entry : directory.entries)
    if (chosen.count(entry.supplier.siret)) picked.entries.push_back(entry);
  Result<Sourcing> out = SourceEntries(event, std::move(picked), rules, territory, options, &chosen);
  std::set<std::string, std::less<>> ranked;
  for (const PairScore* p : out->stands.front().candidates) ranked.insert(out->event.suppliers[p->supplier].siret);
  for (const std::string& siret : chosen)
    if (!ranked.count(siret))
      return Status::Invalid(directory.name + ": the structure of SIRET \"" + siret +
                             "\" answers none of the needs of stand \"" + event.stands[stand].id + "\"");
  return out;
}

std::string SourcingJson(const Sourcing& sourcing, const Territory& territory, const CpvList* labels, Lang lang) {
  const Event& e = sourcing.event;
  json stands = json::array();
  for (const auto& stand : sourcing.stands) {
    json candidates = json::array();
    for (const PairScore* p : stand.candidates) {
      const Supplier& s = e.suppliers[p->supplier];
      candidates.push_back(json{{"siret", s.siret},
                                {"name", s.name},
                                {"naf", s.naf},
                                {"commune", s.place()},
                                {"score", std::stod(FormatScore(p->score))},
                                {"reasons", Reasons(e, *p, territory, labels, lang)}});
    }
    stands.push_back(json{{"stand", e.stands[stand.stand].id}, {"candidates", std::move(candidates)}});
  }
  return json{{"stands", std::move(stands)}}.dump(2) + "\n";
}

std::string SourcingText(const Sourcing& sourcing, const Territory& territory, const CpvList* labels, Lang lang) {
  const Event& e = sourcing.event;
  std::string out;
  for (const auto& stand : sourcing.stands) {
    out += e.stands[stand.stand].id + "  " + e.stands[stand.stand].title + "\n";
    if (stand.candidates.empty()) out += "  (no structure of the directory answers its needs)\n";
    int rank = 0;
    for (const PairScore* p : stand.candidates) {
      const Supplier& s = e.suppliers[p->supplier];
      std::string kind(StructureName(s.structure));
      out += "  " + std::to_string(++rank) + ". " + FormatScore(p->score) + "  " + s.name + "  " +
             (s.naf.empty() ? "" : "NAF " + s.naf + "  ") + (kind.empty() ? "" : kind + "  ") +
             PlaceText(s, territory) + (s.siret.empty() ? "" : "  SIRET " + s.siret) + "\n";
      out += "      " + Reasons(e, *p, territory, labels, lang) + "\n";
    }
  }
  return out;
}

std::string SourcingInvitationsJson(const Sourcing& sourcing, Level level) {
  const Event& e = sourcing.event;
  json suppliers = json::array(), invitations = json::array();
  std::set<SupplierIndex> written;
  for (const auto& stand : sourcing.stands) {
    for (const PairScore* p : stand.candidates) {
      const Supplier& s = e.suppliers[p->supplier];
      if (written.insert(p->supplier).second) {
        json record{{"id", s.id}, {"name", s.name}};
        if (!s.siret.empty()) record["siret"] = s.siret;
        if (!s.commune.empty()) record["commune"] = s.commune;
        if (s.commune.empty() && !s.departement.empty()) record["departement"] = s.departement;
        if (!s.legal_form.empty()) record["legal_form"] = s.legal_form;
        record["ess"] = s.ess;
        if (s.structure != Structure::kNone) record["structure"] = std::string(StructureName(s.structure));
        if (!s.naf.empty()) record["naf"] = s.naf;
        if (!s.activity.empty()) record["activity"] = s.activity;
        suppliers.push_back(std::move(record));
      }
      invitations.push_back(
          json{{"stand", e.stands[stand.stand].id}, {"supplier", s.id}, {"level", std::string(LevelName(level))}});
    }
  }
  return json{{"event", e.id}, {"suppliers", std::move(suppliers)}, {"invitations", std::move(invitations)}}.dump(2) +
         "\n";
}

}  // namespace match
