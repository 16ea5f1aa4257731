// Postal codes: which INSEE communes a La Poste postal code serves, and a directory's
// place (postal code plus commune name, as exports write them) read as an INSEE code.
//
// Postal codes do not follow communes: 01700 serves four communes, and Paris 13e
// (75113) has the code 75013. The built-in table (datasets/postal/postal_codes.csv,
// derived from @etalab/decoupage-administratif like the territory table; see its
// README) lists, for each postal code, the current communes and municipal
// arrondissements it serves. Immutable after loading, safe for concurrent readers.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "match/base/status.h"
#include "match/domain/territory.h"

namespace match {

class PostalCodes {
 public:
  // A CSV with header postal,insee: a postal code a row, its INSEE codes separated by
  // blanks. NAME names it in messages.
  static Result<PostalCodes> Parse(std::string_view text, const std::string& name);
  // The table compiled into the library.
  static const PostalCodes& Builtin();

  size_t size() const { return communes_.size(); }
  // The INSEE codes POSTAL serves, in code order; empty when unknown.
  const std::vector<std::string>& Communes(std::string_view postal) const;

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> communes_;
};

// A place read from a postal code and a commune name.
struct ResolvedPlace {
  std::string insee;        // the commune (or arrondissement); empty when not resolved
  std::string departement;  // when only the département is sure ("94"); empty otherwise
  // Why the commune is not resolved, for people: empty when it is, else e.g.
  //   postal code "01700" serves 4 communes and none is named "BEYNOST SUD"
  std::string problem;
};

// Reads POSTAL and NAME (as directories write it: "ST MAURICE DE BEYNOST", "PARIS 13",
// case, accents, hyphens, "ST"/"STE" and a trailing "CEDEX" ignored) as one INSEE code.
// When the postal code serves one commune, it is that one; otherwise the commune named
// NAME among those it serves (an arrondissement rather than its city when the name does
// not tell them apart). Unresolved, the département is kept when the postal code's
// communes share one.
ResolvedPlace ResolvePostalPlace(std::string_view postal, std::string_view name, const Territory& territory,
                                 const PostalCodes& codes = PostalCodes::Builtin());

}  // namespace match
