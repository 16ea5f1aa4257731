// The daemon's source of unpredictable bytes: supplier tokens and job ids.
//
// Bytes come from the operating system (getrandom(2), falling back to reading
// /dev/urandom), never from a seeded generator: a token is a credential, and a job
// id must not be guessable from another one. These are the daemon's only
// non-deterministic values, and nothing computed depends on them.
//
// Thread-safety: every function may be called from any thread.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "match/base/status.h"

namespace standmatchd {

// Bytes in a supplier token (256 bits), and its text length (base64url, no padding).
inline constexpr std::size_t kTokenBytes = 32;
inline constexpr std::size_t kTokenChars = 43;

// Fills BUFFER with SIZE bytes from the OS. IoError when no source answers.
match::Status RandomBytes(void* buffer, std::size_t size);

// A fresh supplier token: kTokenBytes random bytes as kTokenChars base64url characters
// (RFC 4648 section 5, without padding).
match::Result<std::string> NewToken();
// COUNT fresh tokens, drawn with one call to the OS (an import issues thousands).
match::Result<std::vector<std::string>> NewTokens(std::size_t count);

// SIZE random bytes as 2*SIZE lowercase hexadecimal digits (job ids).
match::Result<std::string> RandomHex(std::size_t size);

// DATA as base64url without padding (exposed for tests).
std::string Base64Url(const unsigned char* data, std::size_t size);

}  // namespace standmatchd
