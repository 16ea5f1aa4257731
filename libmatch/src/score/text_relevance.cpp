#include "score/text_relevance.h"

#include <algorithm>

#include "base/embedded.h"
#include "match/domain/cpv.h"
#include "match/domain/naf.h"

namespace match {
namespace {

void Append(std::vector<text::Token>& out, std::vector<text::Token> more) {
  out.insert(out.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

std::vector<text::Token> CpvLabelTokens(CpvCode code) { return text::Tokenize(CpvList::Builtin().Label(code)); }

std::vector<text::Token> NafLabelTokens(const std::string& naf) {
  return naf.empty() ? std::vector<text::Token>() : text::Tokenize(NafTable::Builtin().Label(naf));
}

// How often each term occurs in the built-in CPV and NAF labels (the commoner, the less
// a shared word says), and the number of labels.
struct ReferenceCounts {
  std::unordered_map<std::string, int> count;
  int labels = 0;
};

const ReferenceCounts& Reference() {
  static const auto* reference = [] {
    auto* out = new ReferenceCounts;
    for (std::string_view table : {embedded::CpvFrCsv(), embedded::NafCsv()}) {
      out->labels += static_cast<int>(std::count(table.begin(), table.end(), '\n'));
      for (const auto& token : text::Tokenize(table)) ++out->count[token.term];
    }
    return out;
  }();
  return *reference;
}

}  // namespace

std::vector<text::Token> NeedTokens(const Need& need, const std::string& stand_title) {
  std::vector<text::Token> tokens = text::Tokenize(stand_title);
  Append(tokens, text::Tokenize(need.title));
  Append(tokens, text::Tokenize(need.description));
  for (CpvCode code : need.cpv) Append(tokens, CpvLabelTokens(code));
  return tokens;
}

TextRelevance::TextRelevance(const Event& event, const Rules& rules) {
  if (rules.weights[static_cast<int>(Criterion::kText)] <= 0) return;
  std::unordered_map<uint32_t, std::vector<text::Token>> labels;  // tokens of each CPV label, read once
  bool any = false;
  for (const Need& need : event.needs) {
    std::vector<text::Token> tokens = text::Tokenize(event.stands[need.stand].title);
    Append(tokens, text::Tokenize(need.title));
    Append(tokens, text::Tokenize(need.description));
    for (CpvCode code : need.cpv) {
      auto [it, added] = labels.try_emplace(code.digits());
      if (added) it->second = CpvLabelTokens(code);
      tokens.insert(tokens.end(), it->second.begin(), it->second.end());
    }
    any = any || !tokens.empty();
    index_.Add(tokens);
  }
  index_.Finish();
  if (!any) return;
  active_ = true;
  full_ = rules.text.full;
  max_postings_ = rules.text.candidate_max_needs;
  scatter_.emplace(index_);
  own_mark_.assign(index_.num_terms(), 0);
}

const std::vector<text::TermId>& TextRelevance::CpvTerms(CpvCode code) {
  auto [it, added] = cpv_terms_.try_emplace(code.digits());
  if (added) it->second = index_.Lookup(CpvLabelTokens(code));
  return it->second;
}

const std::vector<text::TermId>& TextRelevance::NafTerms(const std::string& naf) {
  auto [it, added] = naf_terms_.try_emplace(naf);
  if (added) it->second = index_.Lookup(NafLabelTokens(naf));
  return it->second;
}

void TextRelevance::Enter(const Supplier& supplier) {
  if (!active_) return;
  for (text::TermId term : own_terms_) own_mark_[term] = 0;
  own_terms_.clear();
  scatter_->Clear();
  has_query_ = false;
  std::vector<text::TermId> terms;
  if (!supplier.activity.empty()) terms = index_.Lookup(text::Tokenize(supplier.activity));
  if (!supplier.naf.empty()) {
    const auto& naf = NafTerms(supplier.naf);
    terms.insert(terms.end(), naf.begin(), naf.end());
  }
  // The supplier's own words find candidates, unless too common among the needs.
  for (text::TermId term : terms) {
    if (term < 0 || own_mark_[term] || index_.DocumentFrequency(term) > max_postings_) continue;
    own_mark_[term] = 1;
    own_terms_.push_back(term);
  }
  for (CpvCode code : supplier.cpv) {
    const auto& cpv = CpvTerms(code);
    terms.insert(terms.end(), cpv.begin(), cpv.end());
  }
  if (terms.empty()) return;
  scatter_->Load(index_.Weigh(std::move(terms)));
  has_query_ = !scatter_->empty();
}

bool TextRelevance::IsCandidate(NeedIndex n) const {
  if (own_terms_.empty()) return false;
  for (text::TermId term : index_.Document(n).terms)
    if (own_mark_[term]) return true;
  return false;
}

SharedWords FindSharedWords(const Need& need, const std::string& stand_title, const Supplier& supplier, int max) {
  // The supplier's terms by where they come from: 0 activity, 1 NAF label, 2 CPV labels.
  std::unordered_map<std::string, int> source;
  auto add = [&](const std::vector<text::Token>& tokens, int from) {
    for (const auto& token : tokens) source.try_emplace(token.term, from);
  };
  add(text::Tokenize(supplier.activity), 0);
  add(NafLabelTokens(supplier.naf), 1);
  for (CpvCode code : supplier.cpv) add(CpvLabelTokens(code), 2);
  struct Word {
    std::string word;
    int from, count;
  };
  std::vector<Word> shared;
  std::unordered_map<std::string, bool> seen;
  const ReferenceCounts& reference = Reference();
  for (const auto& token : NeedTokens(need, stand_title)) {
    auto it = source.find(token.term);
    if (it == source.end() || !seen.emplace(token.term, true).second) continue;
    auto count = reference.count.find(token.term);
    shared.push_back({token.word, it->second, count == reference.count.end() ? 0 : count->second});
  }
  // Words in more than one label in 50 ("services", "travaux") say little: named only
  // when nothing rarer is shared.
  auto common = [&](const Word& w) { return w.count * 50 > reference.labels; };
  if (!std::all_of(shared.begin(), shared.end(), common)) std::erase_if(shared, common);
  std::stable_sort(shared.begin(), shared.end(), [](const Word& a, const Word& b) { return a.count < b.count; });
  if (static_cast<int>(shared.size()) > max) shared.resize(max);
  SharedWords out;
  for (const Word& w : shared) out.words.push_back(w.word);
  if (!out.words.empty()) {
    out.side = static_cast<SharedWords::Side>(shared[0].from);  // the most specific word's
  }
  return out;
}

}  // namespace match
