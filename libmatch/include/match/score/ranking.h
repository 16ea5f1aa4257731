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

#include "match/domain/cpv.h"
#include "match/score/scoring.h"

namespace match {

// TOP <= 0 means all.
std::vector<const PairScore*> RankStands(const ScoreTable& table, SupplierIndex supplier, int top);
std::vector<const PairScore*> RankSuppliers(const ScoreTable& table, StandIndex stand, int top);

// The reasons behind a pair's score, for people. LABELS (optional) names CPV codes.
std::string Explain(const Event& event, const PairScore& pair, const Territory& territory,
                    const CpvList* labels = nullptr);

// "0.8234": scores and contributions as printed everywhere (4 decimals).
std::string FormatScore(double value);

// A ranking as JSON: {"supplier"|"stand": id, "ranking": [{"rank", "stand"|"supplier",
// "name", "score", "need", "criteria": {...}, "reasons"}]}. OWNER is the supplier (when
// OF_SUPPLIER) or the stand the ranking is for.
std::string RankingJson(const Event& event, const std::vector<const PairScore*>& ranking, bool of_supplier,
                        int owner, const Territory& territory, const CpvList* labels = nullptr);
// The same as a table for a terminal.
std::string RankingText(const Event& event, const std::vector<const PairScore*>& ranking, bool of_supplier,
                        const Territory& territory, const CpvList* labels = nullptr);

// `standmatch scores`: header "supplier,stand,score,<criteria...>", one row per pair.
std::string ScoresCsv(const Event& event, const ScoreTable& table);

}  // namespace match
