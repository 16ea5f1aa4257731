// A BM25 index over short French texts: candidates by shared terms, and a similarity
// in [0, 1] naming the shared words.
//
// Documents are added as tokens (tokenizer.h), then Finish() weighs every term of
// every document with BM25 (Robertson's idf ln(1 + (N - df + 0.5) / (df + 0.5)), term
// frequency saturated by k1 and normalised for length by b) and scales each document
// to unit length, so that the similarity of two texts is the cosine of their weight
// vectors: 1 for the same words in the same proportions, 0 for no shared term. A query
// (a text not in the index) is weighed the same way with the index's statistics; its
// terms unknown to the index count in its length only.
// The postings (term -> documents) give the candidates of a query without looking at
// every document. After Finish() the index is immutable and safe to share between threads.
#pragma once

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "match/text/tokenizer.h"

namespace match::text {

using TermId = int;

// Weighted terms of a document or a query, sorted by term, of unit length.
struct TermWeights {
  std::vector<TermId> terms;
  std::vector<float> weights;
  bool empty() const { return terms.empty(); }
};

// One weighted term of a document, for QueryScatter's loop.
struct WeightedTerm {
  TermId term = 0;
  float weight = 0;
};

// A term two texts share and its part of their similarity.
struct SharedTerm {
  TermId term = 0;
  double contribution = 0;
};

class TextIndex {
 public:
  struct Params {
    double k1 = 1.2;  // term frequency saturation
    double b = 0.75;  // length normalisation
  };
  TextIndex() = default;
  explicit TextIndex(Params params) : params_(params) {}

  // Adds a document; returns its number (0, 1, ... in order). Only before Finish().
  int Add(std::span<const Token> tokens);
  // Weighs the documents and builds the postings; once, after the last Add().
  void Finish();

  int size() const { return static_cast<int>(documents_.size()); }
  int num_terms() const { return static_cast<int>(words_.size()); }
  std::optional<TermId> Find(std::string_view term) const;
  // The word the term was first read from ("réemploi"), for people.
  const std::string& Word(TermId term) const { return words_[term]; }
  // The number of documents holding the term.
  int DocumentFrequency(TermId term) const { return static_cast<int>(postings_[term].size()); }

  const TermWeights& Document(int doc) const { return documents_[doc]; }
  // The same terms and weights side by side, all documents in one array (one stream to
  // read per document).
  std::span<const WeightedTerm> Terms(int doc) const {
    return std::span<const WeightedTerm>(flat_).subspan(offsets_[doc], offsets_[doc + 1] - offsets_[doc]);
  }
  // The documents holding TERM, ascending.
  std::span<const int> Postings(TermId term) const { return postings_[term]; }
  // A text that is not indexed, weighed as the documents are.
  TermWeights Query(std::span<const Token> tokens) const;
  // The same in two steps, for texts assembled from parts looked up once: the terms of
  // TOKENS (-1 for a term the index does not know), then the weights of such terms.
  std::vector<TermId> Lookup(std::span<const Token> tokens) const;
  TermWeights Weigh(std::vector<TermId> terms) const;
  // The documents sharing at least one term with QUERY, ascending.
  std::vector<int> Candidates(const TermWeights& query) const;
  // The cosine of QUERY and document DOC, in [0, 1]. SHARED (optional) receives the
  // shared terms, largest contribution first.
  double Similarity(const TermWeights& query, int doc, std::vector<SharedTerm>* shared = nullptr) const;

 private:
  // Term counts of TOKENS, sorted by term, adding new terms to the vocabulary.
  std::vector<std::pair<TermId, int>> Intern(std::span<const Token> tokens);
  TermWeights WeighCounts(const std::vector<std::pair<TermId, int>>& counts, int length) const;
  double Idf(int df) const;

  Params params_;
  std::unordered_map<std::string, TermId> ids_;
  std::vector<std::string> words_;                           // per term
  std::vector<std::vector<std::pair<TermId, int>>> counts_;  // per document, until Finish()
  std::vector<int> lengths_;                                 // per document: tokens (N = its size)
  double average_length_ = 0;
  std::vector<TermWeights> documents_;
  std::vector<std::vector<int>> postings_;
  std::vector<WeightedTerm> flat_;  // every document's terms, document after document
  std::vector<int> offsets_;        // per document + 1: where its terms start in flat_
  std::vector<double> idf_;         // per term
  double unknown_idf_ = 0;          // of a term in no document
};

// One query against many documents of an index, for a hot loop: Load() spreads the
// query's weights over an array by term, then each Dot() costs one read per term of
// the document. Dot(doc) equals index.Similarity(query, doc) up to float rounding.
class QueryScatter {
 public:
  explicit QueryScatter(const TextIndex& index) : index_(index), weight_(index.num_terms(), 0.0f) {}
  void Load(const TermWeights& query);
  void Clear();
  bool empty() const { return loaded_.empty(); }
  double Dot(int doc) const {  // inline: called once per scored pair
    float dot = 0;
    for (const WeightedTerm& t : index_.Terms(doc)) dot += weight_[t.term] * t.weight;
    return std::clamp(static_cast<double>(dot), 0.0, 1.0);
  }

 private:
  const TextIndex& index_;
  std::vector<float> weight_;
  std::vector<TermId> loaded_;
};

}  // namespace match::text
