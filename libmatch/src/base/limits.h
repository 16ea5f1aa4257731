// Limits: the largest inputs standmatch accepts, and the checks every loader applies.
//
// What organisers import comes from spreadsheets and forms, what the daemon receives
// comes from the network; neither is trusted. Every loader (event, CSV import, rules,
// changes, .dzn) checks its input against these limits before and while reading it,
// and answers an input beyond them with an InvalidInput Status naming the file, the
// place and the value, e.g.
//   event.json: invalid UTF-8 at byte 1234 (line 56)
//   event.json: suppliers: 100001 entries, more than the limit of 100000
// never with a crash, an exception or a hang. The numbers are far above any real
// forum (the largest has a few hundred suppliers and stands) and low enough that
// scoring and scheduling the largest accepted event stays within memory.
// docs/limits.md lists them with the reason for each.
//
// Constants and pure functions only; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "match/base/status.h"

namespace match {

// Any one input: an event, CSV, rules, changes or .dzn file, or a request body.
inline constexpr std::size_t kMaxInputBytes = std::size_t{64} << 20;  // 64 MiB
// JSON arrays and objects nested deeper than this are refused before parsing.
inline constexpr int kMaxJsonDepth = 64;
// A string value the loaders read (names, titles, labels, CSV cells); ids are 1 to 64.
inline constexpr std::size_t kMaxStringBytes = 4096;

// Counts in one event.
inline constexpr std::size_t kMaxSuppliers = 100'000;  // walk-ins included
inline constexpr std::size_t kMaxStands = 10'000;
inline constexpr std::size_t kMaxBuyers = 10'000;
inline constexpr std::size_t kMaxNeedsPerStand = 1'000;
inline constexpr std::size_t kMaxNeeds = 100'000;     // over all stands
inline constexpr std::size_t kMaxListItems = 10'000;  // per list: CPV codes, windows, wishes, territory...
inline constexpr std::size_t kMaxInvitations = 1'000'000;
// Slots follow from the format (HH:MM times of one day, slot_minutes >= 1): at most
// 1440; stated here so that code may rely on it.
inline constexpr std::size_t kMaxSlots = 1'440;

// A changes file.
inline constexpr std::size_t kMaxChanges = 100'000;
// A CSV import: data rows per file.
inline constexpr std::size_t kMaxCsvRows = 200'000;
// A .dzn instance: integers held once its sets and ranges are expanded.
inline constexpr std::size_t kMaxDznValues = 10'000'000;

// The 0-based offset of the first byte of TEXT that is not part of well-formed UTF-8
// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or nullopt.
std::optional<std::size_t> FindInvalidUtf8(std::string_view text);

// The 0-based offset of the first '[' or '{' of TEXT (outside JSON strings) that opens
// a level deeper than MAX_DEPTH, or nullopt. Linear, no recursion; TEXT need not be
// valid JSON.
std::optional<std::size_t> FindJsonDepthExcess(std::string_view text, int max_depth = kMaxJsonDepth);

// The checks every loader makes first: at most kMaxInputBytes, well-formed UTF-8 (when
// REQUIRE_UTF8). OK, or InvalidInput naming FILE_NAME:
//   "event.json: 70000000 bytes, more than the limit of 67108864 bytes (64 MiB)"
//   "event.json: invalid UTF-8 at byte 1234 (line 56)"
Status CheckInputText(std::string_view text, const std::string& file_name, bool require_utf8 = true);

// As CheckInputText, then FindJsonDepthExcess:
//   "event.json: JSON nested deeper than 64 levels at byte 80 (line 3)"
Status CheckJsonText(std::string_view text, const std::string& file_name);

// The problem CheckInputText / CheckJsonText report, without the file name; empty
// when there is none (for loaders that prefix their own place).
std::string InputTextProblem(std::string_view text, bool require_utf8 = true);
std::string JsonTextProblem(std::string_view text);

// "N entries, more than the limit of MAX", for count checks.
std::string TooManyMessage(std::size_t count, std::size_t max);

}  // namespace match
