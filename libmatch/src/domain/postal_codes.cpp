#include "match/domain/postal_codes.h"

#include <algorithm>
#include <cctype>

#include "base/csv_reader.h"
#include "base/embedded.h"

namespace match {

namespace {

// A commune name as a comparison key: upper-case ASCII words separated by one space,
// accents of Latin-1 letters folded, "ST"/"STE" spelled out, "CEDEX" and what follows
// dropped, "1ER"/"13E"/"ARRONDISSEMENT" reduced to the number (Paris 13e Arrondissement
// and PARIS 13 meet).
std::string NameKey(std::string_view name) {
  // The base letters of U+00C0..U+00FF ('.': not a letter kept).
  static constexpr std::string_view kLatin1 = "AAAAAAACEEEEIIIIDNOOOOO.OUUUUYTSAAAAAAACEEEEIIIIDNOOOOO.OUUUUYTY";
  std::string folded;
  for (size_t i = 0; i < name.size(); ++i) {
    auto c = static_cast<unsigned char>(name[i]);
    if (c == 0xC3 && i + 1 < name.size()) {
      auto d = static_cast<unsigned char>(name[++i]);
      char base = d >= 0x80 && d <= 0xBF ? kLatin1[d - 0x80] : '.';
      folded += base == '.' ? ' ' : base;
    } else if (c == 0xC5 && i + 1 < name.size() && (name[i + 1] == '\x92' || name[i + 1] == '\x93')) {
      folded += "OE";  // Œ œ
      ++i;
    } else if (std::isalnum(c)) {
      folded += static_cast<char>(std::toupper(c));
    } else {
      folded += ' ';
    }
  }
  std::string out;
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    std::string word = folded.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    if (word == "CEDEX") break;
    if (word == "ARRONDISSEMENT") continue;
    if (word == "ST") word = "SAINT";
    if (word == "STE") word = "SAINTE";
    // "1ER", "13E", "2EME" -> the number.
    size_t digits = 0;
    while (digits < word.size() && std::isdigit(static_cast<unsigned char>(word[digits]))) ++digits;
    if (digits > 0 && (word.substr(digits) == "ER" || word.substr(digits) == "E" || word.substr(digits) == "EME"))
      word.resize(digits);
    if (digits > 0 && digits < word.size()) continue;  // a CEDEX number glued to letters
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

std::string_view DepartementOf(std::string_view insee) {
  return insee.substr(0, insee.starts_with("97") || insee.starts_with("98") ? 3 : 2);
}

}  // namespace

Result<PostalCodes> PostalCodes::Parse(std::string_view text, const std::string& name) {
  Diagnostics diag(name);
  PostalCodes out;
  csv::ForEachListItem(text, "postal", "insee", "a postal code and its INSEE codes", diag,
                       [&](int line, std::string_view postal, std::string_view insee) {
                         if (postal.size() != 5)
                           diag.ErrorAt(line, "", "\"" + std::string(postal) + "\" is not a postal code");
                         else if (!IsInseeCodeSyntax(insee))
                           diag.ErrorAt(line, "", "\"" + std::string(insee) + "\" is not an INSEE code");
                         else
                           out.communes_[std::string(postal)].emplace_back(insee);
                       });
  if (!diag.ok()) return diag.ToStatus();
  return out;
}

const PostalCodes& PostalCodes::Builtin() {
  static const PostalCodes& table =
      embedded::KeepBuiltin(Parse(embedded::PostalCodesCsv(), "postal_codes.csv (built in)"));
  return table;
}

const std::vector<std::string>& PostalCodes::Communes(std::string_view postal) const {
  static const std::vector<std::string> kNone;
  auto it = communes_.find(postal);
  return it == communes_.end() ? kNone : it->second;
}

ResolvedPlace ResolvePostalPlace(std::string_view postal, std::string_view name, const Territory& territory,
                                 const PostalCodes& codes) {
  ResolvedPlace out;
  const auto& served = codes.Communes(postal);
  if (served.empty()) {
    out.problem = "postal code \"" + std::string(postal) + "\" is unknown";
    // A postal code starts with its département's number in metropolitan France.
    if (postal.size() == 5 && !postal.starts_with("97") && !postal.starts_with("98") && !postal.starts_with("20"))
      out.departement = std::string(postal.substr(0, 2));
    return out;
  }
  // An arrondissement rather than its city: drop the city when one of its arrondissements
  // shares the postal code.
  std::vector<const Commune*> places;
  for (const std::string& code : served)
    if (const Commune* c = territory.Find(code)) places.push_back(c);
  std::erase_if(places, [&](const Commune* city) {
    return std::any_of(places.begin(), places.end(), [&](const Commune* c) {
      return c->kind == Commune::Kind::kArrondissement && c->commune == city->insee;
    });
  });
  if (places.size() == 1) {
    out.insee = std::string(places[0]->insee);
    return out;
  }
  std::string key = NameKey(name);
  std::vector<const Commune*> named;
  for (const Commune* c : places)
    if (NameKey(c->name) == key) named.push_back(c);
  if (named.size() == 1) {
    out.insee = std::string(named[0]->insee);
    return out;
  }
  out.problem = "postal code \"" + std::string(postal) + "\" serves " + std::to_string(places.size()) +
                " communes and " + (named.empty() ? "none" : "several") + " named \"" + std::string(name) + "\"";
  bool one = !places.empty() && std::all_of(places.begin(), places.end(), [&](const Commune* c) {
    return DepartementOf(c->insee) == DepartementOf(places[0]->insee);
  });
  if (one) out.departement = std::string(DepartementOf(places[0]->insee));
  return out;
}

}  // namespace match
