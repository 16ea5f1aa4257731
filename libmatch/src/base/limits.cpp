#include "base/limits.h"

#include <algorithm>

namespace match {
namespace {

// "(line L)" for the 0-based OFFSET of TEXT.
std::string LineOf(std::string_view text, std::size_t offset) {
  const auto end = text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size()));
  return "(line " + std::to_string(1 + std::count(text.begin(), end, '\n')) + ")";
}

}  // namespace

std::optional<std::size_t> FindInvalidUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = bytes[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t extra;
    unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      if (c == 0xE0) lo = 0xA0;  // no overlong form
      if (c == 0xED) hi = 0x9F;  // no surrogate
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      if (c == 0xF0) lo = 0x90;  // no overlong form
      if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
      return i;
    }
    for (std::size_t k = 1; k <= extra; ++k) {
      if (i + k >= n) return i;
      const unsigned char b = bytes[i + k];
      if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) return i;
    }
    i += extra + 1;
  }
  return std::nullopt;
}

std::optional<std::size_t> FindJsonDepthExcess(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // skips the escaped character
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if (c == ']' || c == '}') {
      depth = std::max(0, depth - 1);
    }
  }
  return std::nullopt;
}

std::string InputTextProblem(std::string_view text, bool require_utf8) {
  if (text.size() > kMaxInputBytes) {
    return std::to_string(text.size()) + " bytes, more than the limit of " + std::to_string(kMaxInputBytes) +
           " bytes (" + std::to_string(kMaxInputBytes >> 20) + " MiB)";
  }
  if (require_utf8) {
    if (auto at = FindInvalidUtf8(text))
      return "invalid UTF-8 at byte " + std::to_string(*at) + " " + LineOf(text, *at);
  }
  return "";
}

std::string JsonTextProblem(std::string_view text) {
  std::string problem = InputTextProblem(text);
  if (!problem.empty()) return problem;
  if (auto at = FindJsonDepthExcess(text)) {
    return "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels at byte " + std::to_string(*at) + " " +
           LineOf(text, *at);
  }
  return "";
}

Status CheckInputText(std::string_view text, const std::string& file_name, bool require_utf8) {
  std::string problem = InputTextProblem(text, require_utf8);
  return problem.empty() ? Status() : Status::Invalid(file_name + ": " + problem);
}

Status CheckJsonText(std::string_view text, const std::string& file_name) {
  std::string problem = JsonTextProblem(text);
  return problem.empty() ? Status() : Status::Invalid(file_name + ": " + problem);
}

std::string TooManyMessage(std::size_t count, std::size_t max) {
  return std::to_string(count) + " entries, more than the limit of " + std::to_string(max);
}

}  // namespace match
