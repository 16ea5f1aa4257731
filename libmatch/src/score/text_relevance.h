// The text criterion of scoring: how well a supplier's words answer a need's.
//
// A need's text is its stand's title, its own title, its description and the French
// labels of its CPV codes (the stand's title is how the buyer presents the theme); a
// supplier's is its activity, the label of its NAF code and the labels of its CPV codes
// (labels from the built-in tables, datasets/cpv and datasets/naf). The needs form a BM25
// index (text/index.h); a supplier is a query against it. The value of a pair is
// min(1, cosine / rules.text.full).
// Candidates: the needs sharing a term of the supplier's own words (activity and NAF
// label; its CPV codes find needs through the CPV index), leaving out terms held by more
// than rules.text.candidate_max_needs needs.
// One TextRelevance per scoring pass and thread: Enter() loads a supplier, then Value()
// and the candidate calls answer for it.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "match/domain/model.h"
#include "match/io/rules.h"
#include "match/text/index.h"

namespace match {

class TextRelevance {
 public:
  TextRelevance(const Event& event, const Rules& rules);
  TextRelevance(const TextRelevance&) = delete;  // scatter_ refers to index_
  TextRelevance& operator=(const TextRelevance&) = delete;

  // Loads supplier S (clearing the previous one).
  void Enter(const Supplier& supplier);
  // The current supplier's text value against need N, in [0, 1]; 0 without text.
  double Value(NeedIndex n) const { return has_query_ ? std::min(1.0, scatter_->Dot(n) / full_) : 0.0; }
  // Calls visit(need) for each candidate need of the current supplier's own words
  // (a need may come several times).
  template <class Visit>
  void FindNeeds(Visit&& visit) const {
    for (text::TermId term : own_terms_)
      for (int n : index_.Postings(term)) visit(static_cast<NeedIndex>(n));
  }
  // True when FindNeeds would visit need N (for the all-pairs reference scorer).
  bool IsCandidate(NeedIndex n) const;

 private:
  const std::vector<text::TermId>& CpvTerms(CpvCode code);
  const std::vector<text::TermId>& NafTerms(const std::string& naf);

  bool active_ = false;  // the criterion weighs, and some need has text
  double full_ = 1;
  int max_postings_ = 0;
  text::TextIndex index_;
  std::optional<text::QueryScatter> scatter_;                          // over index_, once built
  bool has_query_ = false;                                             // the current supplier has text
  std::unordered_map<uint32_t, std::vector<text::TermId>> cpv_terms_;  // by CPV digits
  std::unordered_map<std::string, std::vector<text::TermId>> naf_terms_;
  std::vector<text::TermId> own_terms_;  // the current supplier's candidate terms
  std::vector<char> own_mark_;           // per term: in own_terms_
};

// The tokens of a need's text (STAND_TITLE: its stand's), as TextRelevance reads them.
std::vector<text::Token> NeedTokens(const Need& need, const std::string& stand_title);

// For explanations: the words a need and a supplier share, the most specific first (the
// rarest in the built-in CPV and NAF labels; the commonest left out when rarer ones are
// shared), at most MAX, each as the need writes it; and what of the supplier holds the
// first of them: "l'activité du fournisseur", "l'activité NAF
// 31.01Z du fournisseur" or "les codes CPV du fournisseur".
struct SharedWords {
  std::vector<std::string> words;
  // Where the most specific word comes from on the supplier's side.
  enum class Side { kActivity, kNaf, kCpv } side = Side::kActivity;
};
SharedWords FindSharedWords(const Need& need, const std::string& stand_title, const Supplier& supplier, int max);

}  // namespace match
