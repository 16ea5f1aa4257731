#include "match/text/index.h"

#include <algorithm>
#include <cmath>

namespace match::text {
namespace {

std::vector<std::pair<TermId, int>> Merge(std::vector<TermId> ids) {
  std::sort(ids.begin(), ids.end());
  std::vector<std::pair<TermId, int>> counts;
  for (TermId id : ids) {
    if (!counts.empty() && counts.back().first == id)
      ++counts.back().second;
    else
      counts.push_back({id, 1});
  }
  return counts;
}

}  // namespace

std::vector<std::pair<TermId, int>> TextIndex::Intern(std::span<const Token> tokens) {
  std::vector<TermId> ids;
  ids.reserve(tokens.size());
  for (const Token& token : tokens) {
    auto [it, added] = ids_.try_emplace(token.term, static_cast<TermId>(words_.size()));
    if (added) words_.push_back(token.word);
    ids.push_back(it->second);
  }
  return Merge(std::move(ids));
}

std::vector<TermId> TextIndex::Lookup(std::span<const Token> tokens) const {
  std::vector<TermId> ids;
  ids.reserve(tokens.size());
  for (const Token& token : tokens) {
    auto it = ids_.find(token.term);
    ids.push_back(it == ids_.end() ? -1 : it->second);
  }
  return ids;
}

int TextIndex::Add(std::span<const Token> tokens) {
  counts_.push_back(Intern(tokens));
  lengths_.push_back(static_cast<int>(tokens.size()));
  return static_cast<int>(counts_.size()) - 1;
}

double TextIndex::Idf(int df) const {
  double n = static_cast<double>(lengths_.size());
  return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
}

void TextIndex::Finish() {
  postings_.assign(words_.size(), {});
  double total = 0;
  for (size_t d = 0; d < counts_.size(); ++d) {
    total += lengths_[d];
    for (auto [term, count] : counts_[d]) postings_[term].push_back(static_cast<int>(d));
  }
  average_length_ = counts_.empty() ? 1 : std::max(1.0, total / static_cast<double>(counts_.size()));
  idf_.clear();
  for (const auto& docs : postings_) idf_.push_back(Idf(static_cast<int>(docs.size())));
  unknown_idf_ = Idf(0);
  documents_.clear();
  documents_.reserve(counts_.size());
  flat_.clear();
  offsets_.assign(1, 0);
  for (size_t d = 0; d < counts_.size(); ++d) {
    documents_.push_back(WeighCounts(counts_[d], lengths_[d]));
    const TermWeights& doc = documents_.back();
    for (size_t i = 0; i < doc.terms.size(); ++i) flat_.push_back({doc.terms[i], doc.weights[i]});
    offsets_.push_back(static_cast<int>(flat_.size()));
  }
  counts_.clear();
  counts_.shrink_to_fit();
}

TermWeights TextIndex::WeighCounts(const std::vector<std::pair<TermId, int>>& counts, int length) const {
  const double k1 = params_.k1, b = params_.b;
  const double norm_length = k1 * (1 - b + b * length / average_length_);
  TermWeights out;
  double sum = 0;
  std::vector<double> weights;
  for (auto [term, count] : counts) {
    if (term < 0) {  // terms unknown to the index (merged): each token as a term of its own
      double w = unknown_idf_ * (k1 + 1) / (1 + norm_length);
      sum += w * w * count;
      continue;
    }
    double w = idf_[term] * count * (k1 + 1) / (count + norm_length);
    sum += w * w;
    out.terms.push_back(term);
    weights.push_back(w);
  }
  double scale = sum > 0 ? 1 / std::sqrt(sum) : 0;
  for (double w : weights) out.weights.push_back(static_cast<float>(w * scale));
  return out;
}

std::optional<TermId> TextIndex::Find(std::string_view term) const {
  auto it = ids_.find(std::string(term));
  return it == ids_.end() ? std::nullopt : std::optional<TermId>(it->second);
}

TermWeights TextIndex::Query(std::span<const Token> tokens) const { return Weigh(Lookup(tokens)); }

TermWeights TextIndex::Weigh(std::vector<TermId> terms) const {
  int length = static_cast<int>(terms.size());
  return WeighCounts(Merge(std::move(terms)), length);
}

std::vector<int> TextIndex::Candidates(const TermWeights& query) const {
  std::vector<int> docs;
  for (TermId term : query.terms) docs.insert(docs.end(), postings_[term].begin(), postings_[term].end());
  std::sort(docs.begin(), docs.end());
  docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
  return docs;
}

double TextIndex::Similarity(const TermWeights& query, int doc, std::vector<SharedTerm>* shared) const {
  const TermWeights& d = documents_[doc];
  double dot = 0;
  size_t i = 0, j = 0;
  if (shared) shared->clear();
  while (i < query.terms.size() && j < d.terms.size()) {
    if (query.terms[i] < d.terms[j]) {
      ++i;
    } else if (d.terms[j] < query.terms[i]) {
      ++j;
    } else {
      double c = static_cast<double>(query.weights[i]) * d.weights[j];
      dot += c;
      if (shared) shared->push_back({query.terms[i], c});
      ++i;
      ++j;
    }
  }
  if (shared)
    std::stable_sort(shared->begin(), shared->end(),
                     [](const SharedTerm& a, const SharedTerm& b) { return a.contribution > b.contribution; });
  return std::clamp(dot, 0.0, 1.0);
}

void QueryScatter::Load(const TermWeights& query) {
  Clear();
  for (size_t i = 0; i < query.terms.size(); ++i) weight_[query.terms[i]] = query.weights[i];
  loaded_ = query.terms;
}

void QueryScatter::Clear() {
  for (TermId term : loaded_) weight_[term] = 0;
  loaded_.clear();
}

}  // namespace match::text
