// Status and Result<T>: how every function of the public API reports failure.
//
// A Status is either OK or carries a code and one or more messages. Messages are
// complete sentences for people and name the place and the value, e.g.
//   event.json: suppliers[3].cpv[0]: "3913" is not a CPV code
// Loaders report every problem they find, not just the first, hence a list.
// Exceptions of the libraries standmatch uses never cross the public API: adapters
// catch them and return a Status. Status and Result are plain values (thread-compatible).
#pragma once

#include <algorithm>
#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace match {

class Status {
 public:
  enum class Code { kOk, kInvalidInput, kNotFound, kIoError, kInfeasible, kInternal };

  Status() = default;
  Status(Code code, std::vector<std::string> messages) : code_(code), messages_(std::move(messages)) {}

  static Status Invalid(std::string message) { return {Code::kInvalidInput, {std::move(message)}}; }
  static Status NotFound(std::string message) { return {Code::kNotFound, {std::move(message)}}; }
  static Status IoError(std::string message) { return {Code::kIoError, {std::move(message)}}; }
  static Status Infeasible(std::string message) { return {Code::kInfeasible, {std::move(message)}}; }
  static Status Internal(std::string message) { return {Code::kInternal, {std::move(message)}}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // One entry per problem found, in input order.
  const std::vector<std::string>& messages() const { return messages_; }
  // The messages, one per line (no trailing newline); empty when OK.
  std::string ToString() const {
    std::string out;
    for (const auto& m : messages_) {
      if (!out.empty()) out += '\n';
      out += m;
    }
    return out;
  }

 private:
  Code code_ = Code::kOk;
  std::vector<std::string> messages_;
};

// A value or the Status that explains why there is none.
template <class T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}                                  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

// Collects the problems found while reading one input; turns into a Status. The one
// error collector of the loaders: JSON files name the JSON path in WHERE; line-based
// files (CSV, .dzn) give the line too, and may be ordered by it.
class Diagnostics {
 public:
  explicit Diagnostics(std::string file) : file_(std::move(file)) {}
  // Adds "FILE: WHERE: MESSAGE" (WHERE may be empty; so may FILE, for command-line values).
  void Error(const std::string& where, const std::string& message) { Add(0, where, message, false); }
  void Warning(const std::string& where, const std::string& message) { Add(0, where, message, true); }
  // At line LINE of the file (1-based; 0: the file as a whole): "FILE:LINE: WHERE: MESSAGE".
  void ErrorAt(int line, const std::string& where, const std::string& message) { Add(line, where, message, false); }
  void WarningAt(int line, const std::string& where, const std::string& message) { Add(line, where, message, true); }
  // Adds OTHER's errors and warnings after these, at their lines (problems collected
  // apart, e.g. those of a file's rows read while the file itself was being checked).
  void Append(const Diagnostics& other) {
    for (const auto& e : other.error_entries_) Add(e.line, "", e.text, false);
    for (const auto& w : other.warning_entries_) Add(w.line, "", w.text, true);
  }
  bool ok() const { return errors_.empty(); }
  const std::string& file() const { return file_; }
  const std::vector<std::string>& errors() const { return errors_; }
  const std::vector<std::string>& warnings() const { return warnings_; }
  // The warnings marked after their place: "FILE:LINE: warning: WHERE: MESSAGE".
  std::vector<std::string> MarkedWarnings() const {
    std::vector<std::string> out;
    for (const auto& w : warning_entries_) out.push_back(Format(w, true));
    return out;
  }
  // Orders errors and warnings by line, equal lines in the order they were added (so
  // problems found in several passes over a file come out in file order).
  void SortByLine() {
    for (auto* entries : {&error_entries_, &warning_entries_}) {
      std::stable_sort(entries->begin(), entries->end(),
                       [](const Entry& a, const Entry& b) { return a.line < b.line; });
    }
    errors_.clear();
    warnings_.clear();
    for (const auto& e : error_entries_) errors_.push_back(Format(e, false));
    for (const auto& w : warning_entries_) warnings_.push_back(Format(w, false));
  }
  Status ToStatus() const { return ok() ? Status() : Status(Status::Code::kInvalidInput, errors_); }

 private:
  struct Entry {
    int line;
    std::string text;  // "WHERE: MESSAGE" or "MESSAGE"
  };
  void Add(int line, const std::string& where, const std::string& message, bool warning) {
    Entry entry{line, where.empty() ? message : where + ": " + message};
    (warning ? warnings_ : errors_).push_back(Format(entry, false));
    (warning ? warning_entries_ : error_entries_).push_back(std::move(entry));
  }
  std::string Format(const Entry& entry, bool marked) const {
    std::string place = file_;
    if (entry.line > 0) place += ":" + std::to_string(entry.line);
    std::string text = marked ? "warning: " + entry.text : entry.text;
    return place.empty() ? text : place + ": " + text;
  }
  std::string file_;
  std::vector<Entry> error_entries_, warning_entries_;
  std::vector<std::string> errors_;
  std::vector<std::string> warnings_;
};

}  // namespace match
