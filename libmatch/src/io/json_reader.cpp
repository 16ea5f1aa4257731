#include "io/json_reader.h"

#include <algorithm>

#include "base/limits.h"

namespace match {

std::optional<nlohmann::json> JsonReader::Parse(std::string_view text) {
  if (std::string problem = JsonTextProblem(text); !problem.empty()) {
    Error("", problem);
    return std::nullopt;
  }
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    Error("", JsonSyntaxMessage(e, text));
  }
  return std::nullopt;
}

std::string JsonSyntaxMessage(const std::exception& error, std::string_view text) {
  // "[json.exception.parse_error.101] parse error at line 3, column 5: ..." -> keep the tail.
  std::string what = error.what();
  auto at = what.find("parse error");
  if (at != std::string::npos) return "not valid JSON: " + what.substr(at);
  // Other library errors ("[json.exception.out_of_range.406] number overflow parsing
  // '1e400'") carry no place: drop the tag and find the quoted token in TEXT.
  if (what.rfind("[json.exception.", 0) == 0 && what.find("] ") != std::string::npos)
    what = what.substr(what.find("] ") + 2);
  auto open = what.find('\'');
  auto close = what.rfind('\'');
  if (open != std::string::npos && close > open + 1) {
    auto token = text.find(std::string_view(what).substr(open + 1, close - open - 1));
    if (token != std::string_view::npos)
      what += " at line " + std::to_string(1 + std::count(text.begin(), text.begin() + token, '\n'));
  }
  return "not valid JSON: " + what;
}

std::string JsonReader::Quote(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  return text.size() > 80 ? text.substr(0, 77) + "..." : text;
}

std::string JsonReader::FormatMismatch(const json& value, std::string_view expected) {
  if (value.is_string() && value.get_ref<const std::string&>() == expected) return "";
  return Quote(value) + " is not \"" + std::string(expected) + "\"";
}

void JsonReader::Format(const json& root, std::string_view expected) {
  if (auto format = String(root, "", "format", true)) {
    if (std::string message = FormatMismatch(*format, expected); !message.empty()) Error("format", message);
  }
}

bool JsonReader::Object(const json& node, const std::string& path) {
  if (node.is_object()) return true;
  Error(path, Quote(node) + " is not an object");
  return false;
}

std::optional<std::string> JsonReader::String(const json& obj, const std::string& path, const char* key,
                                              bool required) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) Error(path, std::string("\"") + key + "\" is missing");
    return std::nullopt;
  }
  if (!it->is_string()) {
    Error(Child(path, key), Quote(*it) + " is not a string");
    return std::nullopt;
  }
  if (it->get_ref<const std::string&>().size() > kMaxStringBytes) {
    Error(Child(path, key), Quote(*it) + " is longer than " + std::to_string(kMaxStringBytes) + " bytes");
    return std::nullopt;
  }
  return it->get<std::string>();
}

std::optional<std::string> JsonReader::Id(const json& obj, const std::string& path, const char* key) {
  auto id = String(obj, path, key, true);
  if (!id) return std::nullopt;
  if (id->empty() || id->size() > 64) {
    Error(Child(path, key), Quote(*id) + " is not an id (1 to 64 characters)");
    return std::nullopt;
  }
  return id;
}

std::optional<double> JsonReader::Number(const json& obj, const std::string& path, const char* key, double min,
                                         double max) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_number()) {
    Error(Child(path, key), Quote(*it) + " is not a number");
    return std::nullopt;
  }
  double v = it->get<double>();
  if (!(v >= min && v <= max)) {
    Error(Child(path, key), Quote(*it) + " is out of range");
    return std::nullopt;
  }
  return v;
}

std::optional<int64_t> JsonReader::Integer(const json& obj, const std::string& path, const char* key, int64_t min,
                                           int64_t max) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer()) {
    Error(Child(path, key), Quote(*it) + " is not a whole number");
    return std::nullopt;
  }
  bool in_range = it->is_number_unsigned() ? it->get<uint64_t>() <= static_cast<uint64_t>(max) &&
                                                 static_cast<int64_t>(it->get<uint64_t>()) >= min
                                           : it->get<int64_t>() >= min && it->get<int64_t>() <= max;
  if (!in_range) {
    Error(Child(path, key), Quote(*it) + " is out of range [" + std::to_string(min) + ", " + std::to_string(max) + "]");
    return std::nullopt;
  }
  return it->get<int64_t>();
}

std::optional<bool> JsonReader::Bool(const json& obj, const std::string& path, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) {
    Error(Child(path, key), Quote(*it) + " is not true or false");
    return std::nullopt;
  }
  return it->get<bool>();
}

const nlohmann::json* JsonReader::Array(const json& obj, const std::string& path, const char* key, bool required,
                                        size_t max_items) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) Error(path, std::string("\"") + key + "\" is missing");
    return nullptr;
  }
  if (!it->is_array()) {
    Error(Child(path, key), Quote(*it) + " is not a list");
    return nullptr;
  }
  if (it->size() > max_items) {
    Error(Child(path, key), TooManyMessage(it->size(), max_items));
    return nullptr;
  }
  return &*it;
}

std::optional<std::vector<std::string>> JsonReader::StringList(const json& obj, const std::string& path,
                                                               const char* key) {
  const json* list = Array(obj, path, key, false, kMaxListItems);
  if (!list) return std::nullopt;
  std::vector<std::string> out;
  for (size_t i = 0; i < list->size(); ++i) {
    const json& item = (*list)[i];
    if (!item.is_string()) {
      Error(Item(Child(path, key), i), Quote(item) + " is not a string");
      continue;
    }
    if (item.get_ref<const std::string&>().size() > kMaxStringBytes) {
      Error(Item(Child(path, key), i), Quote(item) + " is longer than " + std::to_string(kMaxStringBytes) + " bytes");
      continue;
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::optional<Minute> JsonReader::Time(const json& obj, const std::string& path, const char* key) {
  auto text = String(obj, path, key, true);
  if (!text) return std::nullopt;
  auto minute = ParseTime(*text);
  if (!minute) Error(Child(path, key), Quote(*text) + " is not a time (HH:MM)");
  return minute;
}

std::optional<Window> JsonReader::WindowAt(const json& item, const std::string& item_path) {
  if (!Object(item, item_path)) return std::nullopt;
  auto start = Time(item, item_path, "start");
  auto end = Time(item, item_path, "end");
  if (!start || !end) return std::nullopt;
  if (*end <= *start) {
    Error(item_path, *end == *start
                         ? "the window is empty (" + FormatTime(*start) + "-" + FormatTime(*end) + ")"
                         : "the window ends (" + FormatTime(*end) + ") before it starts (" + FormatTime(*start) + ")");
    return std::nullopt;
  }
  return Window{*start, *end};
}

std::vector<Window> JsonReader::Windows(const json& obj, const std::string& path, const char* key, bool required) {
  std::vector<Window> out;
  const json* list = Array(obj, path, key, required, kMaxListItems);
  if (!list) return out;
  if (required && list->empty()) Error(Child(path, key), "the list is empty");
  for (size_t i = 0; i < list->size(); ++i) {
    if (auto window = WindowAt((*list)[i], Item(Child(path, key), i))) out.push_back(*window);
  }
  return out;
}

}  // namespace match
