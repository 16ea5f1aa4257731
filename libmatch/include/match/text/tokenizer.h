// French text as search terms: the tokenizer behind text relevance.
//
// A text (UTF-8) is cut into words at anything that is not a letter or a digit (so
// "l'entretien" and "espaces-verts" give two words each), lower-cased, and French stop
// words and elisions ("le", "des", "l'", "qu'") are dropped, as are words of one
// character and numbers. Each remaining word is stemmed with the Snowball French
// stemmer (Debian's libstemmer) and its accents are folded ("réemploi" and "Reemploi"
// give the same term). Word families the stemmer keeps apart (datasets/text/families.txt,
// compiled in: "imprimerie", "impression", "imprimés"; "meuble", "mobilier") then share
// one term. Every term keeps the word it was read from (lower case, accents kept) for
// explanations.
// Invalid UTF-8 bytes count as separators. A Tokenizer owns a stemmer: one per thread
// (Tokenize() keeps one per thread).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sb_stemmer;

namespace match::text {

struct WordFamilies;  // tokenizer.cpp

struct Token {
  std::string term;  // stemmed, accents folded: "reemploi", "nettoi"
  std::string word;  // as written, lower case: "réemploi", "nettoyage"
};

class Tokenizer {
 public:
  Tokenizer();
  ~Tokenizer();
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  // The text's terms, in reading order (a term appears as often as it is written).
  std::vector<Token> Tokens(std::string_view text);

 private:
  struct StemmerDelete {
    void operator()(sb_stemmer* stemmer) const;
  };
  std::unique_ptr<sb_stemmer, StemmerDelete> stemmer_;
  std::unique_ptr<const WordFamilies> families_;  // datasets/text/families.txt
};

// Tokenizer::Tokens with this thread's tokenizer.
std::vector<Token> Tokenize(std::string_view text);

// Lower case and accents folded, word characters only: "Réemploi d'Œuvres" ->
// "reemploi d oeuvres" (each run of separators becomes one space, none at the ends).
std::string Fold(std::string_view text);

// True when FOLDED (a folded word) is a French stop word.
bool IsStopWord(std::string_view folded);

}  // namespace match::text
