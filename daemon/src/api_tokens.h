// TokenTable: who a bearer token is, without leaking the secret through timing.
//
// The organiser's token and the supplier tokens (Store::AllTokens) are kept as their
// SHA-1 digests. A presented token is digested once; the organiser check compares
// digests in constant time, and a supplier token is looked up by its digest (the
// lookup's timing depends on the digest, which reveals nothing usable about the
// token) and then compared with the stored token in constant time. Tokens are never
// written anywhere by this class.
//
// Thread-safety: Identify and Replace may be called concurrently (a shared_mutex
// guards the supplier table).
#pragma once
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store.h"

namespace standmatchd {

// True when A and B are equal; the time taken depends only on their lengths.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// The 20-byte SHA-1 digest of TEXT.
std::string Sha1Digest(std::string_view text);

struct Identity {
  enum class Kind { kOrganiser, kSupplier, kStand };
  Kind kind = Kind::kSupplier;
  TokenScope scope;  // for a supplier or a stand
};

class TokenTable {
 public:
  explicit TokenTable(std::string_view organiser_token);

  // Replaces the participant (supplier and stand) tokens by TOKENS (as Store::AllTokens returns them).
  void Replace(const std::vector<std::pair<TokenScope, std::string>>& tokens);

  // Who holds TOKEN, or nullopt when nobody does (an empty token is nobody's).
  std::optional<Identity> Identify(std::string_view token) const;

 private:
  struct Entry {
    TokenScope scope;
    std::string token;
  };
  std::string organiser_digest_;  // empty when no organiser token is set
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> by_digest_;
};

}  // namespace standmatchd
