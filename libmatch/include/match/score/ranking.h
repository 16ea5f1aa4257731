// Rankings and explanations: what a supplier or a stand reads.
//
// A supplier's ranking lists the stands worth visiting, best first; a stand's ranking
// lists its suppliers. Ties break by index (file order), so rankings are deterministic.
// Each entry carries a sentence of reasons, e.g.
//   CPV 39130000 matches 'Mobilier de bureau' at class level · same EPT Grand-Orly Seine Bièvre · ESS
// Pure functions over an immutable ScoreTable: thread-safe.
#pragma once

#include <string>
#include <vector>

#include "match/base/lang.h"
#include "match/domain/cpv.h"
#include "match/score/scoring.h"

namespace match {

// TOP <= 0 means all.
std::vector<const PairScore*> RankStands(const ScoreTable& table, SupplierIndex supplier, int top);
std::vector<const PairScore*> RankSuppliers(const ScoreTable& table, StandIndex stand, int top);

// The reasons behind a pair's score, for people, in LANG (French by default; the
// sentences are messages of base/lang.h). LABELS (optional) names CPV codes.
std::string Explain(const Event& event, const PairScore& pair, const Territory& territory,
                    const CpvList* labels = nullptr, Lang lang = Lang::kFr);

// "0.8234": scores and contributions as printed everywhere (4 decimals).
std::string FormatScore(double value);

// Why a stand is missing from a supplier's ranking: the stand and the reason, for
// people (schedule.h's UnrankedStands gives them, as the unmet list words them).
struct Unranked {
  StandIndex stand = 0;
  std::string kind;    // the reason's code (UnmetCode): "refused", "reserved", "low_relevance"
  std::string reason;  // the sentence
};

// A ranking as JSON: {"supplier"|"stand": id, "ranking": [{"rank", "stand"|"supplier",
// "name", "score", "need", "criteria": {...}, "reasons"}]}. OWNER is the supplier (when
// OF_SUPPLIER) or the stand the ranking is for. A supplier's empty ranking is followed
// by "unranked": [{"stand", "name", "kind", "reason"}] from UNRANKED (when given).
// TABLE is the one RANKING points into (its contributions are the criteria).
std::string RankingJson(const Event& event, const ScoreTable& table, const std::vector<const PairScore*>& ranking,
                        bool of_supplier, int owner, const Territory& territory, const CpvList* labels = nullptr,
                        const std::vector<Unranked>* unranked = nullptr, Lang lang = Lang::kFr);
// The same as a table for a terminal; an empty ranking prints "no stand ranked for
// ID NAME:" and one line per UNRANKED stand with its reason.
std::string RankingText(const Event& event, const ScoreTable& table, const std::vector<const PairScore*>& ranking,
                        bool of_supplier, const Territory& territory, const CpvList* labels = nullptr, int owner = -1,
                        const std::vector<Unranked>* unranked = nullptr, Lang lang = Lang::kFr);

// `standmatch scores`: header "supplier,stand,score,<criteria...>", one row per pair.
std::string ScoresCsv(const Event& event, const ScoreTable& table);

}  // namespace match
