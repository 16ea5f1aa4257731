// Typed field access on a parsed JSON document, reporting each problem to Diagnostics
// with its JSON path (`suppliers[3].cpv[0]`) and the offending value. Internal.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/limits.h"
#include "match/base/status.h"
#include "match/domain/model.h"

namespace match {

// "not valid JSON: parse error at line L, column C: ..." from a JSON library error
// thrown while parsing TEXT (a number overflow names the line of the number in TEXT).
std::string JsonSyntaxMessage(const std::exception& error, std::string_view text = {});

class JsonReader {
 public:
  using json = nlohmann::json;
  explicit JsonReader(Diagnostics& diag) : diag_(diag) {}

  // Parses TEXT; on a syntax error, or an input beyond the limits of libmatch/src/base/limits.h
  // (size, UTF-8, nesting depth), reports it and returns nullopt.
  std::optional<json> Parse(std::string_view text);

  static std::string Child(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }
  static std::string Item(const std::string& path, size_t index) { return path + "[" + std::to_string(index) + "]"; }
  // The value shown in messages: JSON text, shortened.
  static std::string Quote(const json& value);

  // The required "format" field of ROOT must be EXPECTED ("standmatch.event/1");
  // reports otherwise. Every standmatch file format is checked here.
  void Format(const json& root, std::string_view expected);
  // The message for a "format" VALUE that is not EXPECTED; empty when it is.
  static std::string FormatMismatch(const json& value, std::string_view expected);

  // Checks NODE is an object; reports otherwise.
  bool Object(const json& node, const std::string& path);
  // Field accessors: nullopt when absent (reports when REQUIRED) or of the wrong type.
  std::optional<std::string> String(const json& obj, const std::string& path, const char* key, bool required);
  std::optional<std::string> Id(const json& obj, const std::string& path, const char* key);
  std::optional<double> Number(const json& obj, const std::string& path, const char* key, double min, double max);
  std::optional<int64_t> Integer(const json& obj, const std::string& path, const char* key, int64_t min, int64_t max);
  std::optional<bool> Bool(const json& obj, const std::string& path, const char* key);
  // The array at KEY (nullptr when absent: reports when REQUIRED, or when not an array,
  // or when it holds more than MAX_ITEMS entries).
  const json* Array(const json& obj, const std::string& path, const char* key, bool required,
                    size_t max_items = static_cast<size_t>(-1));
  // At most kMaxListItems strings, each at most kMaxStringBytes.
  std::optional<std::vector<std::string>> StringList(const json& obj, const std::string& path, const char* key);
  std::optional<Minute> Time(const json& obj, const std::string& path, const char* key);
  // One {"start","end"} window at ITEM_PATH; nullopt (reported) when malformed.
  std::optional<Window> WindowAt(const json& item, const std::string& item_path);
  // A list of at most kMaxListItems {"start","end"} windows; absent gives an empty list.
  std::vector<Window> Windows(const json& obj, const std::string& path, const char* key, bool required);
  // One of CHOICES (by name); reports the allowed names otherwise.
  template <class E>
  std::optional<E> Enum(const json& obj, const std::string& path, const char* key,
                        std::initializer_list<std::pair<const char*, E>> choices);

  void Error(const std::string& path, const std::string& message) { diag_.Error(path, message); }
  void Warning(const std::string& path, const std::string& message) { diag_.Warning(path, message); }
  Diagnostics& diagnostics() { return diag_; }

 private:
  Diagnostics& diag_;
};

template <class E>
std::optional<E> JsonReader::Enum(const json& obj, const std::string& path, const char* key,
                                  std::initializer_list<std::pair<const char*, E>> choices) {
  auto text = String(obj, path, key, false);
  if (!text) return std::nullopt;
  std::string allowed;
  for (const auto& [name, value] : choices) {
    if (*text == name) return value;
    allowed += allowed.empty() ? "" : ", ";
    allowed += name;
  }
  Error(Child(path, key), Quote(*text) + " is not one of " + allowed);
  return std::nullopt;
}

}  // namespace match
