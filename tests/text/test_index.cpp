// Tests of the BM25 text index (match/text/index.h).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "match/text/index.h"

namespace {

using match::text::QueryScatter;
using match::text::SharedTerm;
using match::text::TextIndex;
using match::text::Tokenize;

TextIndex Build(const std::vector<std::string>& texts) {
  TextIndex index;
  for (const auto& text : texts) index.Add(Tokenize(text));
  index.Finish();
  return index;
}

const std::vector<std::string> kNeeds = {
    "Mobilier de bureau de réemploi",                // 0
    "Nettoyage des locaux et vitrerie",              // 1
    "Entretien des espaces verts et élagage",        // 2
    "Impression de brochures et d'affiches",         // 3
    "Collecte et traitement des déchets de bureau",  // 4
};

}  // namespace

TEST_CASE("TextIndex: candidates come from the postings of the query's terms") {
  TextIndex index = Build(kNeeds);
  REQUIRE(index.size() == 5);
  auto query = index.Query(Tokenize("réemploi et reconditionnement de mobilier"));
  CHECK(index.Candidates(query) == std::vector<int>{0});
  auto bureau = index.Query(Tokenize("fournitures de bureau"));
  CHECK(index.Candidates(bureau) == std::vector<int>{0, 4});
  CHECK(index.Candidates(index.Query(Tokenize("restauration scolaire"))).empty());
  auto term = index.Find(Tokenize("bureau")[0].term);
  REQUIRE(term.has_value());
  CHECK(index.DocumentFrequency(*term) == 2);
  CHECK(std::vector<int>(index.Postings(*term).begin(), index.Postings(*term).end()) == std::vector<int>{0, 4});
}

TEST_CASE("TextIndex: similarity is a cosine in [0, 1] that names the shared words") {
  TextIndex index = Build(kNeeds);
  auto query = index.Query(Tokenize("Mobilier de réemploi"));
  std::vector<SharedTerm> shared;
  double same = index.Similarity(query, 0, &shared);
  CHECK(same > 0.5);
  CHECK(same <= 1.0);
  REQUIRE(shared.size() == 2);
  std::vector<std::string> words{index.Word(shared[0].term), index.Word(shared[1].term)};
  std::sort(words.begin(), words.end());
  CHECK(words == std::vector<std::string>{"mobilier", "réemploi"});
  CHECK(shared[0].contribution >= shared[1].contribution);
  CHECK(index.Similarity(query, 1, &shared) == 0.0);
  CHECK(shared.empty());
  // The same words score 1.
  CHECK(index.Similarity(index.Query(Tokenize(kNeeds[2])), 2) == Approx(1.0).epsilon(1e-5));
}

TEST_CASE("TextIndex: a rare shared word weighs more than a common one") {
  TextIndex index = Build(kNeeds);
  // "bureau" is in two needs, "élagage" in one.
  double common = index.Similarity(index.Query(Tokenize("bureau")), 4);
  double rare = index.Similarity(index.Query(Tokenize("élagage")), 2);
  CHECK(rare > common);
  // Words the index does not know lower the similarity (they count in the query's length).
  double focused = index.Similarity(index.Query(Tokenize("élagage")), 2);
  double diluted = index.Similarity(index.Query(Tokenize("élagage boulangerie pâtisserie")), 2);
  CHECK(diluted < focused);
  CHECK(diluted > 0);
}

TEST_CASE("TextIndex: QueryScatter gives the same similarity as Similarity") {
  TextIndex index = Build(kNeeds);
  QueryScatter scatter(index);
  CHECK(scatter.empty());
  for (const char* text : {"mobilier de bureau", "déchets de bureau et papier", "vitrerie"}) {
    auto query = index.Query(Tokenize(text));
    scatter.Load(query);
    for (int doc = 0; doc < index.size(); ++doc) {
      INFO(text << " doc " << doc);
      CHECK(scatter.Dot(doc) == Approx(index.Similarity(query, doc)).margin(1e-6));
    }
  }
  scatter.Clear();
  CHECK(scatter.empty());
  CHECK(scatter.Dot(0) == 0.0);
}
