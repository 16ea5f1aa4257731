// The award-history criteria: what a supplier's past public contracts (awards.h) say
// about one need.
//
//   history       the past awards' CPV codes against the need's (each award counts its
//                 relevance, Rules::Relevance), as a saturating count
//   history_text  the words of the past contracts' objects against the need's title
//                 (BM25 cosine, text/index.h; the scorer computes it over the event's needs)
//   track_record  past awards in the need's département (where the stand's buyer is)
//   size_fit      the need's amount against the supplier's median award amount
//   repeat_buyer  past awards from the stand's buyer (same SIREN)
//
// A count C becomes C / (C + history.half_count). Pure functions of their arguments.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "match/base/lang.h"
#include "match/domain/awards.h"
#include "match/domain/model.h"
#include "match/domain/territory.h"
#include "match/io/rules.h"
#include "match/text/tokenizer.h"

namespace match {

struct HistoryFacts {
  int awards = 0;                      // past awards of the supplier
  double relevance_sum = 0;            // sum over them of the relevance of their code to the need
  int trade_depth = 0;                 // the trade: the need's CPV group (3 digits) when an award shares
                                       // it, else the division (2); 0 when no award shares a division
  CpvCode trade_code;                  // the need's code the trade is read from
  int trade_awards = 0;                // awards in the trade
  int exact_awards = 0;                // awards on the need's own code
  int place_awards = 0;                // awards in the need's département
  int place_trade_awards = 0;          // ... sharing the trade prefix too
  int buyer_awards = 0;                // awards from the stand's buyer
  int first_year = 0;                  // earliest known year of the counted awards (0: unknown)
  std::optional<double> size_decades;  // |log10(need amount / median award amount)|
  std::optional<double> median_amount_eur;
};

// The département of a buyer: its commune's, else the one it gives ("" when neither).
std::string BuyerDepartement(const Buyer& buyer, const Territory& territory);

// DEPARTEMENT and BUYER_SIREN are the stand's buyer's (either may be empty).
HistoryFacts CollectHistoryFacts(const AwardHistory& history, const Need& need, std::string_view departement,
                                 std::string_view buyer_siren, const Rules& rules);

// The values in [0, 1] of history, track_record, size_fit and repeat_buyer (history_text
// apart), by criterion index minus kFirstHistoryCriterion; history_text's place holds 0.
std::array<double, 5> HistoryValues(const HistoryFacts& facts, const Rules& rules);

// The text of a history for text relevance: the objects of its contracts.
std::string HistoryText(const AwardHistory& history);

// The words (as written) a need's title shares with the objects of a supplier's past
// contracts, at most MAX, in the need's order.
std::vector<std::string> SharedHistoryWords(const AwardHistory& history, const Need& need, size_t max);

// The facts of a scored pair (SUPPLIER has a history), for explanations.
HistoryFacts PairHistoryFacts(const Event& event, const Supplier& supplier, const Need& need,
                              const Territory& territory, const Rules& rules);

// The reasons in French, e.g. "3 marchés en CPV 909 dans le Val-de-Marne depuis 2019",
// "2 marchés de cet acheteur", "montant proche de ses marchés habituels (médiane 45 000 €)".
std::vector<std::string> ExplainHistory(const HistoryFacts& facts, std::string_view departement,
                                        const Territory& territory, Lang lang = Lang::kFr);

}  // namespace match
