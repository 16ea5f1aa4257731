#include "api_tokens.h"

#include <boost/uuid/detail/sha1.hpp>
#include <mutex>

namespace standmatchd {

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  // Every byte is visited whatever the first difference: no early exit.
  unsigned diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string Sha1Digest(std::string_view text) {
  boost::uuids::detail::sha1 sha;
  sha.process_bytes(text.data(), text.size());
  boost::uuids::detail::sha1::digest_type words;
  sha.get_digest(words);
  std::string out(20, '\0');
  for (int i = 0; i < 5; ++i)
    for (int b = 0; b < 4; ++b) out[i * 4 + b] = static_cast<char>((words[i] >> (24 - 8 * b)) & 0xff);
  return out;
}

TokenTable::TokenTable(std::string_view organiser_token) {
  if (!organiser_token.empty()) organiser_digest_ = Sha1Digest(organiser_token);
}

void TokenTable::Replace(const std::vector<std::pair<TokenScope, std::string>>& tokens) {
  std::unordered_map<std::string, Entry> table;
  table.reserve(tokens.size());
  for (const auto& [scope, token] : tokens) {
    if (token.empty()) continue;
    table[Sha1Digest(token)] = Entry{scope, token};
  }
  std::unique_lock lock(mutex_);
  by_digest_.swap(table);
}

std::optional<Identity> TokenTable::Identify(std::string_view token) const {
  if (token.empty()) return std::nullopt;
  std::string digest = Sha1Digest(token);
  if (!organiser_digest_.empty() && ConstantTimeEquals(digest, organiser_digest_))
    return Identity{Identity::Kind::kOrganiser, {}};
  std::shared_lock lock(mutex_);
  auto it = by_digest_.find(digest);
  if (it == by_digest_.end() || !ConstantTimeEquals(it->second.token, token)) return std::nullopt;
  const TokenScope& scope = it->second.scope;
  return Identity{scope.stand_id.empty() ? Identity::Kind::kSupplier : Identity::Kind::kStand, scope};
}

}  // namespace standmatchd
