#include "match/text/tokenizer.h"

#include <libstemmer.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <unordered_map>

#include "base/embedded.h"

namespace match::text {
namespace {

// French stop words, folded and sorted: articles, pronouns, prepositions, conjunctions,
// elisions and the forms of être and avoir (after Snowball's French stop list), plus
// a few adverbs that say nothing of a trade.
constexpr std::array<std::string_view, 146> kStopWords = {
    "ai",    "aie",      "aient",  "aies",    "ainsi",  "ait",   "alors",  "as",      "au",      "aupres", "aussi",
    "autre", "autres",   "aux",    "avaient", "avais",  "avait", "avant",  "avec",    "avez",    "aviez",  "avions",
    "avons", "ayant",    "ayez",   "ayons",   "ce",     "ceci",  "cela",   "celle",   "celles",  "celui",  "ces",
    "cet",   "cette",    "ceux",   "chaque",  "chez",   "comme", "dans",   "de",      "des",     "donc",   "dont",
    "du",    "elle",     "elles",  "en",      "entre",  "es",    "est",    "et",      "etaient", "etais",  "etait",
    "etant", "ete",      "etes",   "etiez",   "etions", "etre",  "eu",     "eux",     "fait",    "ici",    "il",
    "ils",   "je",       "la",     "le",      "les",    "leur",  "leurs",  "lors",    "lui",     "ma",     "mais",
    "me",    "meme",     "memes",  "mes",     "moi",    "moins", "mon",    "ne",      "ni",      "non",    "nos",
    "notre", "nous",     "on",     "ont",     "or",     "ou",    "par",    "parce",   "pas",     "peu",    "plus",
    "pour",  "pourquoi", "qu",     "quand",   "que",    "quel",  "quelle", "quelles", "quels",   "qui",    "quoi",
    "sa",    "sans",     "se",     "sera",    "serait", "ses",   "si",     "soi",     "soit",    "sommes", "son",
    "sont",  "sous",     "suis",   "sur",     "ta",     "tant",  "te",     "tes",     "toi",     "ton",    "tous",
    "tout",  "toute",    "toutes", "tres",    "tu",     "un",    "une",    "unes",    "uns",     "vers",   "via",
    "vos",   "votre",    "vous"};

// Appends code point CP as UTF-8.
void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the code point at TEXT[I] and advances I; an invalid byte gives U+FFFD
// (a separator) and advances one byte.
char32_t NextCodePoint(std::string_view text, size_t& i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b = byte(i);
  if (b < 0x80) {
    ++i;
    return b;
  }
  int length = b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
  if (length == 0 || i + length > text.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = b & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += length;
  return cp;
}

// Lower case of a letter or digit; 0 for a separator. Latin letters (Basic Latin,
// Latin-1, Latin Extended-A and B) are word characters; everything else separates.
char32_t Lower(char32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return cp;
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7) return cp <= 0xDE ? cp + 32 : cp;
  if (cp == 0x152) return 0x153;  // Œ
  if (cp == 0x178) return 0xFF;   // Ÿ
  if (cp >= 0x100 && cp <= 0x24F) return cp;
  return 0;
}

// The accent-free spelling of a lower-case letter (Latin-1 and œ); other letters as they are.
std::string_view Unaccented(char32_t cp) {
  static constexpr std::array<std::string_view, 32> kLatin1 = {"a", "a", "a", "a", "a", "a", "ae", "c", "e",  "e", "e",
                                                               "e", "i", "i", "i", "i", "d", "n",  "o", "o",  "o", "o",
                                                               "o", "",  "o", "u", "u", "u", "u",  "y", "th", "y"};
  if (cp >= 0xE0 && cp <= 0xFF) return kLatin1[cp - 0xE0];
  if (cp == 0xDF) return "ss";
  if (cp == 0x153) return "oe";
  return {};
}

void AppendFolded(std::string& out, char32_t lower) {
  std::string_view plain = Unaccented(lower);
  if (!plain.empty())
    out += plain;
  else
    AppendUtf8(out, lower);
}

// Calls word(lower, folded) for each word of TEXT.
template <class Visit>
void ForEachWord(std::string_view text, Visit&& word) {
  std::string lower, folded;
  size_t i = 0;
  while (i <= text.size()) {
    char32_t cp = i < text.size() ? Lower(NextCodePoint(text, i)) : (++i, 0);
    if (cp != 0) {
      AppendUtf8(lower, cp);
      AppendFolded(folded, cp);
    } else if (!lower.empty()) {
      word(lower, folded);
      lower.clear();
      folded.clear();
    }
  }
}

// The stem of a lower-case word, accents folded.
std::string Stem(sb_stemmer* stemmer, const std::string& lower) {
  const sb_symbol* stem =
      sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(lower.data()), static_cast<int>(lower.size()));
  return Fold(std::string_view(reinterpret_cast<const char*>(stem), sb_stemmer_length(stemmer)));
}

// Word families (datasets/text/families.txt, compiled in). A family's term is its first
// word, folded, with a '~' (never a stem's character), so that families whose words stem
// alike stay apart ("collecte", "collective"). A listed word (folded) maps to its family's
// term; so does the stem of a listed word, for the forms the file does not list, unless
// two families share that stem.
}  // namespace

struct WordFamilies {
  std::unordered_map<std::string, std::string> by_word, by_stem;
};

namespace {

WordFamilies ReadFamilies(sb_stemmer* stemmer) {
  WordFamilies families;
  std::unordered_map<std::string, int> stem_uses;
  std::string_view text = embedded::TextFamilies();
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.empty() || line[0] == '#') continue;
    std::string head;
    std::unordered_map<std::string, bool> stems;
    ForEachWord(line, [&](const std::string& lower, const std::string& folded) {
      if (head.empty()) head = folded + "~";
      families.by_word.emplace(folded, head);
      std::string stem = Stem(stemmer, lower);
      if (stems.emplace(stem, true).second) ++stem_uses[stem];
      families.by_stem.emplace(stem, head);
    });
  }
  for (const auto& [stem, uses] : stem_uses)
    if (uses > 1) families.by_stem.erase(stem);
  return families;
}

}  // namespace

void Tokenizer::StemmerDelete::operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }

Tokenizer::Tokenizer() : stemmer_(sb_stemmer_new("french", "UTF_8")) {
  if (!stemmer_) throw std::runtime_error("libstemmer has no French stemmer");
  families_ = std::make_unique<const WordFamilies>(ReadFamilies(stemmer_.get()));
}

Tokenizer::~Tokenizer() = default;

std::vector<Token> Tokenizer::Tokens(std::string_view text) {
  std::vector<Token> tokens;
  ForEachWord(text, [&](const std::string& lower, const std::string& folded) {
    if (folded.size() < 2 || IsStopWord(folded)) return;
    if (std::all_of(folded.begin(), folded.end(), [](char c) { return c >= '0' && c <= '9'; })) return;
    std::string term;
    if (auto word = families_->by_word.find(folded); word != families_->by_word.end()) {
      term = word->second;
    } else {
      term = Stem(stemmer_.get(), lower);
      if (auto stem = families_->by_stem.find(term); stem != families_->by_stem.end()) term = stem->second;
    }
    tokens.push_back({std::move(term), lower});
  });
  return tokens;
}

std::vector<Token> Tokenize(std::string_view text) {
  thread_local Tokenizer tokenizer;
  return tokenizer.Tokens(text);
}

std::string Fold(std::string_view text) {
  std::string out;
  ForEachWord(text, [&](const std::string&, const std::string& folded) {
    if (!out.empty()) out += ' ';
    out += folded;
  });
  return out;
}

bool IsStopWord(std::string_view folded) { return std::binary_search(kStopWords.begin(), kStopWords.end(), folded); }

}  // namespace match::text
