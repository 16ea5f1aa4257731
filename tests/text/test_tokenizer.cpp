// Tests of the French tokenizer (match/text/tokenizer.h).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "match/text/tokenizer.h"

namespace {

using match::text::Tokenize;

std::vector<std::string> Terms(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& token : Tokenize(text)) out.push_back(token.term);
  return out;
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& token : Tokenize(text)) out.push_back(token.word);
  return out;
}

}  // namespace

TEST_CASE("Tokenizer: case and accents are folded, the written word is kept") {
  CHECK(Terms("Réemploi") == Terms("REEMPLOI"));
  CHECK(Terms("réemploi") == Terms("reemploi"));
  REQUIRE(Terms("Vérité bâchée").size() == 2);
  for (const auto& term : Terms("Vérité bâchée")) CHECK(term.find('\xc3') == std::string::npos);  // no accent left
  CHECK(Words("RÉEMPLOI") == std::vector<std::string>{"réemploi"});
  CHECK(Terms("Œuvre") == Terms("oeuvre"));
  CHECK(match::text::Fold("Réemploi d'Œuvres, ÉLAGAGE!") == "reemploi d oeuvres elagage");
}

TEST_CASE("Tokenizer: stop words, elisions, numbers and single letters are dropped") {
  CHECK(Words("l'entretien des espaces-verts et de la voirie") ==
        std::vector<std::string>{"entretien", "espaces", "verts", "voirie"});
  CHECK(Words("Lot 2 : 2024 à Villejuif") == std::vector<std::string>{"lot", "villejuif"});
  CHECK(Terms("le la les des du de et ou pour avec").empty());
  CHECK(match::text::IsStopWord("des"));
  CHECK_FALSE(match::text::IsStopWord("mobilier"));
}

TEST_CASE("Tokenizer: Snowball French stemming joins the forms of a word") {
  CHECK(Terms("nettoyé") == Terms("nettoyer"));
  CHECK(Terms("nettoyages") == Terms("nettoyage"));
  CHECK(Terms("ordinateurs") == Terms("ordinateur"));
  CHECK(Terms("informatique") == Terms("informatiques"));
  CHECK(Terms("déchets") == Terms("déchet"));
  CHECK(Terms("mobilier") != Terms("mobilité"));
}

TEST_CASE("Tokenizer: invalid UTF-8 separates words and never throws") {
  CHECK(Words("papier\xff"
              "carton") == std::vector<std::string>{"papier", "carton"});
  CHECK(Words("caf\xc3") == std::vector<std::string>{"caf"});
  CHECK(Terms("").empty());
  CHECK(Words("« recyclage » — collecte") == std::vector<std::string>{"recyclage", "collecte"});
}

TEST_CASE("Tokenizer: word families join what the stemmer keeps apart") {
  CHECK(Terms("imprimerie") == Terms("impression"));
  CHECK(Terms("imprimés") == Terms("impression"));
  CHECK(Terms("meubles") == Terms("mobilier"));
  CHECK(Terms("paysagiste") == Terms("paysager"));
  CHECK(Terms("imprimerie") != Terms("mobilier"));
  // Families whose words stem alike stay apart.
  CHECK(Terms("collecte") != Terms("collective"));
  CHECK(Terms("collectes") == Terms("collecte"));
  // The word shown stays the one written.
  CHECK(Words("Meubles") == std::vector<std::string>{"meubles"});
}
