// Reader of the Girona B2B .dzn files: a tokenizer and parser for the small MiniZinc
// data subset they use (integers, 1-D arrays of integers or of integer sets, 2-D
// arrays "[| .. |]"), then the checks and the conversion to B2bInstance.
#include "match/tools/b2b.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/limits.h"
#include "match/base/files.h"

namespace match {
namespace {

struct Token {
  enum class Kind { kName, kInt, kPunct, kEnd };
  Kind kind = Kind::kEnd;
  std::string text;
  long long value = 0;
  int line = 0;
};

std::string Describe(const Token& token) {
  return token.kind == Token::Kind::kEnd ? "end of file" : "'" + token.text + "'";
}

// Splits TEXT into tokens; '%' starts a comment up to the end of the line.
bool Tokenize(const std::string& text, Diagnostics* diag, std::vector<Token>* out) {
  int line = 1;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\n') {
      ++line, ++i;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '%') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t j = i;
      while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_')) ++j;
      out->push_back({Token::Kind::kName, text.substr(i, j - i), 0, line});
      i = j;
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '-' && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1])))) {
      size_t j = i + 1;
      while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
      const std::string digits = text.substr(i, j - i);
      if (digits.size() > 9) {
        diag->Error("line " + std::to_string(line), "integer " + digits + " is too large");
        return false;
      }
      out->push_back({Token::Kind::kInt, digits, std::stoll(digits), line});
      i = j;
    } else if (c == '.' && i + 1 < text.size() && text[i + 1] == '.') {
      out->push_back({Token::Kind::kPunct, "..", 0, line});
      i += 2;
    } else if (std::string("=;[]{},|").find(c) != std::string::npos) {
      out->push_back({Token::Kind::kPunct, std::string(1, c), 0, line});
      ++i;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      const char hex[] = "0123456789ABCDEF";
      diag->Error("line " + std::to_string(line),
                  byte < 0x80 && std::isprint(byte)
                      ? "unexpected character '" + std::string(1, c) + "'"
                      : std::string("unexpected byte 0x") + hex[byte >> 4] + hex[byte & 15]);
      return false;
    }
  }
  // The end is reported on the last line that has a token.
  out->push_back({Token::Kind::kEnd, "", 0, out->empty() ? line : out->back().line});
  return true;
}

// One assigned value: an integer, a 1-D array (of integers or of sets) or the rows of a
// 2-D array. `lines` holds the line of each element (or row).
struct Value {
  enum class Kind { kInt, kInts, kSets, kRows };
  Kind kind = Kind::kInt;
  int line = 0;
  long long scalar = 0;
  std::vector<std::vector<long long>> items;  // kInts: one-element items
  std::vector<int> lines;
};

class Parser {
 public:
  Parser(std::vector<Token> tokens, Diagnostics* diag) : tokens_(std::move(tokens)), diag_(diag) {}

  // name -> value; false after the first syntax error.
  bool Parse(std::map<std::string, Value>* out) {
    while (Peek().kind != Token::Kind::kEnd) {
      const Token name = Next();
      if (name.kind != Token::Kind::kName) return Fail(name, "expected a name");
      if (!Expect("=")) return false;
      Value value;
      if (!ParseValue(&value)) return false;
      if (!Expect(";")) return false;
      if (out->count(name.text) != 0) {
        return Fail(name, "'" + name.text + "' is assigned twice");
      }
      (*out)[name.text] = std::move(value);
    }
    return true;
  }

 private:
  const Token& Peek() const { return tokens_[pos_]; }
  Token Next() { return pos_ + 1 < tokens_.size() ? tokens_[pos_++] : tokens_.back(); }
  bool IsPunct(const char* text) const { return Peek().kind == Token::Kind::kPunct && Peek().text == text; }
  bool Fail(const Token& token, const std::string& message) {
    diag_->Error("line " + std::to_string(token.line), message + ", got " + Describe(token));
    return false;
  }
  bool Expect(const char* text) {
    if (IsPunct(text)) {
      Next();
      return true;
    }
    return Fail(Peek(), std::string("expected '") + text + "'");
  }

  bool ParseValue(Value* value) {
    value->line = Peek().line;
    if (Peek().kind == Token::Kind::kInt) {
      value->kind = Value::Kind::kInt;
      value->scalar = Next().value;
      return true;
    }
    if (!Expect("[")) return false;
    if (IsPunct("|")) return ParseRows(value);
    value->kind = Value::Kind::kInts;
    bool first = true;
    while (!IsPunct("]")) {
      const int line = Peek().line;
      if (IsPunct("{")) {
        if (!first && value->kind != Value::Kind::kSets) return Fail(Peek(), "expected an integer");
        value->kind = Value::Kind::kSets;
        std::vector<long long> set;
        if (!ParseSet(&set)) return false;
        value->items.push_back(std::move(set));
      } else if (Peek().kind == Token::Kind::kInt) {
        if (value->kind == Value::Kind::kSets) return Fail(Peek(), "expected a set '{'");
        value->items.push_back({Next().value});
      } else {
        return Fail(Peek(), "expected an integer or a set");
      }
      value->lines.push_back(line);
      first = false;
      if (IsPunct(",")) {
        Next();
      } else if (!IsPunct("]")) {
        return Fail(Peek(), "expected ',' or ']'");
      }
    }
    Next();
    return true;
  }

  bool ParseSet(std::vector<long long>* set) {
    Next();  // '{'
    while (!IsPunct("}")) {
      if (Peek().kind != Token::Kind::kInt) return Fail(Peek(), "expected an integer in a set");
      const long long lo = Next().value;
      long long hi = lo;
      if (IsPunct("..")) {
        Next();
        if (Peek().kind != Token::Kind::kInt) return Fail(Peek(), "expected an integer after '..'");
        hi = Next().value;
        if (hi - lo > 100000) return Fail(Peek(), "range too large");
      }
      if (hi >= lo && (values_ += static_cast<size_t>(hi - lo + 1)) > kMaxDznValues)
        return Fail(Peek(), "more than " + std::to_string(kMaxDznValues) + " values in all (the limit)");
      for (long long v = lo; v <= hi; ++v) set->push_back(v);
      if (IsPunct(",")) {
        Next();
      } else if (!IsPunct("}")) {
        return Fail(Peek(), "expected ',' or '}'");
      }
    }
    Next();
    return true;
  }

  // After '[': '|' row ('|' row)* '|' ']' where row is integers separated by commas.
  bool ParseRows(Value* value) {
    value->kind = Value::Kind::kRows;
    Next();  // '|'
    while (!IsPunct("]")) {
      std::vector<long long> row;
      const int line = Peek().line;
      while (Peek().kind == Token::Kind::kInt) {
        row.push_back(Next().value);
        if (IsPunct(",")) Next();
      }
      if (!Expect("|")) return false;
      if (row.empty() && IsPunct("]")) break;  // "|]" after a trailing '|'
      value->items.push_back(std::move(row));
      value->lines.push_back(line);
    }
    Next();
    return true;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  size_t values_ = 0;  // integers held in sets so far, ranges expanded
  Diagnostics* diag_;
};

std::string Line(int line) { return "line " + std::to_string(line); }

// Builds the instance from the parsed values, reporting every inconsistency.
class Builder {
 public:
  Builder(const std::map<std::string, Value>& values, Diagnostics* diag) : values_(values), diag_(diag) {}

  B2bInstance Build() {
    B2bInstance out;
    const int p = Scalar("nBusiness", 0);
    const int m = Scalar("nMeetings", 0);
    out.num_tables = Scalar("nTables", 1);
    out.num_slots = Scalar("nTotalSlots", 1);
    out.num_morning_slots = Scalar("nMorningSlots", 0);
    if (!diag_->ok()) return out;
    const int t = out.num_slots;
    out.num_participants = p;
    if (out.num_morning_slots > t) {
      diag_->Error(Line(values_.at("nMorningSlots").line), "nMorningSlots: " + std::to_string(out.num_morning_slots) +
                                                               " exceeds nTotalSlots " + std::to_string(t));
    }
    out.meetings.resize(static_cast<size_t>(m));
    out.fixed.assign(static_cast<size_t>(m), -1);
    out.precedences.resize(static_cast<size_t>(m));
    out.forbidden.resize(static_cast<size_t>(p));

    // requested
    if (const Value* v = Get("requested", Value::Kind::kRows, true)) {
      if (Count("requested", *v, m)) {
        for (int i = 0; i < m; ++i) {
          const auto& row = v->items[static_cast<size_t>(i)];
          const std::string where = "requested[" + std::to_string(i + 1) + "]";
          const int line = v->lines[static_cast<size_t>(i)];
          if (row.size() != 3) {
            diag_->Error(Line(line), where + ": " + std::to_string(row.size()) +
                                         " values, expected 3 (participant, participant, session)");
            continue;
          }
          auto& meeting = out.meetings[static_cast<size_t>(i)];
          meeting.a = Participant(row[0], p, line, where) - 1;
          meeting.b = Participant(row[1], p, line, where) - 1;
          if (row[0] == row[1]) {
            diag_->Error(Line(line), where + ": participant " + std::to_string(row[0]) + " meets itself");
          }
          if (row[2] < 1 || row[2] > 3) {
            diag_->Error(Line(line), where + ": session " + std::to_string(row[2]) +
                                         " is not 1 (morning), 2 (afternoon) or 3 (any)");
          } else {
            meeting.session = static_cast<B2bInstance::Session>(row[2]);
          }
        }
      }
    }
    if (!diag_->ok()) return out;

    // meetingsxBusiness and nMeetingsBusiness must agree with requested.
    std::vector<std::set<int>> of(static_cast<size_t>(p));
    for (int i = 0; i < m; ++i) {
      of[static_cast<size_t>(out.meetings[i].a)].insert(i);
      of[static_cast<size_t>(out.meetings[i].b)].insert(i);
    }
    if (const Value* v = Get("meetingsxBusiness", Value::Kind::kSets, false)) {
      if (Count("meetingsxBusiness", *v, p)) {
        for (int q = 0; q < p; ++q) {
          std::set<int> listed;
          for (const long long id : v->items[static_cast<size_t>(q)]) {
            if (id == 1) continue;  // the dummy "no meeting"
            if (id < 2 || id > m + 1) {
              diag_->Error(Line(v->lines[q]), "meetingsxBusiness[" + std::to_string(q + 1) +
                                                  "]: " + std::to_string(id) + " is not a meeting id + 1 (2.." +
                                                  std::to_string(m + 1) + ")");
              continue;
            }
            listed.insert(static_cast<int>(id) - 2);
          }
          if (listed != of[static_cast<size_t>(q)]) {
            diag_->Error(Line(v->lines[q]), "meetingsxBusiness[" + std::to_string(q + 1) +
                                                "]: does not list the meetings that requested gives participant " +
                                                std::to_string(q + 1));
          }
        }
      }
    }
    if (const Value* v = Get("nMeetingsBusiness", Value::Kind::kInts, false)) {
      if (Count("nMeetingsBusiness", *v, p)) {
        for (int q = 0; q < p; ++q) {
          const long long n = v->items[static_cast<size_t>(q)][0];
          if (n != static_cast<long long>(of[static_cast<size_t>(q)].size())) {
            diag_->Error(Line(v->lines[q]), "nMeetingsBusiness[" + std::to_string(q + 1) + "]: " + std::to_string(n) +
                                                ", but requested gives participant " + std::to_string(q + 1) + " " +
                                                std::to_string(of[static_cast<size_t>(q)].size()) + " meetings");
          }
        }
      }
    }
    if (const Value* v = Get("forbidden", Value::Kind::kSets, false)) {
      if (Count("forbidden", *v, p)) {
        for (int q = 0; q < p; ++q) {
          for (const long long s : v->items[static_cast<size_t>(q)]) {
            if (s == 0) continue;  // dummy
            if (s < 1 || s > t) {
              diag_->Error(Line(v->lines[q]), "forbidden[" + std::to_string(q + 1) + "]: slot " + std::to_string(s) +
                                                  " is not in 1.." + std::to_string(t));
              continue;
            }
            out.forbidden[static_cast<size_t>(q)].push_back(static_cast<int>(s) - 1);
          }
          auto& f = out.forbidden[static_cast<size_t>(q)];
          std::sort(f.begin(), f.end());
          f.erase(std::unique(f.begin(), f.end()), f.end());
        }
      }
    }
    if (const Value* v = Get("fixed", Value::Kind::kInts, false)) {
      if (Count("fixed", *v, m)) {
        for (int i = 0; i < m; ++i) {
          const long long s = v->items[static_cast<size_t>(i)][0];
          if (s < 0 || s > t) {
            diag_->Error(Line(v->lines[i]), "fixed[" + std::to_string(i + 1) + "]: slot " + std::to_string(s) +
                                                " is not 0 (free) or in 1.." + std::to_string(t));
          } else {
            out.fixed[static_cast<size_t>(i)] = static_cast<int>(s) - 1;
          }
        }
      }
    }
    if (const Value* v = Get("precedences", Value::Kind::kSets, false)) {
      if (Count("precedences", *v, m)) {
        for (int i = 0; i < m; ++i) {
          for (const long long x : v->items[static_cast<size_t>(i)]) {
            if (x < 1 || x > m || x == i + 1) {
              diag_->Error(Line(v->lines[i]), "precedences[" + std::to_string(i + 1) + "]: " + std::to_string(x) +
                                                  " is not another meeting (1.." + std::to_string(m) + ")");
              continue;
            }
            out.precedences[static_cast<size_t>(i)].push_back(static_cast<int>(x) - 1);
          }
        }
      }
    }
    return out;
  }

 private:
  int Scalar(const char* name, int minimum) {
    const auto it = values_.find(name);
    if (it == values_.end()) {
      diag_->Error("", std::string("missing '") + name + "'");
      return minimum;
    }
    if (it->second.kind != Value::Kind::kInt) {
      diag_->Error(Line(it->second.line), std::string(name) + ": expected an integer");
      return minimum;
    }
    if (it->second.scalar < minimum || it->second.scalar > 1000000) {
      diag_->Error(Line(it->second.line), std::string(name) + ": " + std::to_string(it->second.scalar) +
                                              " is out of range (" + std::to_string(minimum) + "..1000000)");
      return minimum;
    }
    return static_cast<int>(it->second.scalar);
  }

  // The value of NAME when it has KIND (an empty 1-D array matches any array kind).
  const Value* Get(const char* name, Value::Kind kind, bool required) {
    const auto it = values_.find(name);
    if (it == values_.end()) {
      if (required) diag_->Error("", std::string("missing '") + name + "'");
      return nullptr;
    }
    const Value& v = it->second;
    const bool empty_array = v.kind != Value::Kind::kInt && v.items.empty();
    if (v.kind != kind && !empty_array) {
      static const char* kNames[] = {"an integer", "an array of integers", "an array of sets", "a 2-D array"};
      diag_->Error(Line(v.line), std::string(name) + ": expected " + kNames[static_cast<int>(kind)] + ", got " +
                                     kNames[static_cast<int>(v.kind)]);
      return nullptr;
    }
    return &v;
  }

  bool Count(const char* name, const Value& v, int expected) {
    if (static_cast<int>(v.items.size()) == expected) return true;
    diag_->Error(Line(v.line), std::string(name) + ": " + std::to_string(v.items.size()) + " entries, expected " +
                                   std::to_string(expected));
    return false;
  }

  int Participant(long long value, int count, int line, const std::string& where) {
    if (value >= 1 && value <= count) return static_cast<int>(value);
    diag_->Error(Line(line),
                 where + ": participant " + std::to_string(value) + " is not in 1.." + std::to_string(count));
    return 1;
  }

  const std::map<std::string, Value>& values_;
  Diagnostics* diag_;
};

}  // namespace

Result<B2bInstance> ParseDzn(const std::string& text, const std::string& file) {
  Diagnostics diag(file);
  if (std::string problem = InputTextProblem(text); !problem.empty()) {
    diag.Error("", problem);
    return diag.ToStatus();
  }
  std::vector<Token> tokens;
  if (!Tokenize(text, &diag, &tokens)) return diag.ToStatus();
  std::map<std::string, Value> values;
  Parser parser(std::move(tokens), &diag);
  if (!parser.Parse(&values)) return diag.ToStatus();
  B2bInstance instance = Builder(values, &diag).Build();
  if (!diag.ok()) return diag.ToStatus();
  return instance;
}

Result<B2bInstance> ReadDzn(const std::string& path) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseDzn(*text, path);
}

TimetableProblem ToTimetableProblem(const B2bInstance& instance) {
  TimetableProblem problem;
  const int slots = instance.num_slots;
  problem.num_slots = slots;
  problem.slot_capacity = instance.num_tables;
  problem.capacity.assign(static_cast<size_t>(instance.num_participants), 1);
  problem.available.resize(static_cast<size_t>(instance.num_participants));
  for (int p = 0; p < instance.num_participants; ++p) {
    const auto& forbidden = instance.forbidden[static_cast<size_t>(p)];
    if (forbidden.empty()) continue;
    auto& row = problem.available[static_cast<size_t>(p)];
    row.assign(static_cast<size_t>(slots), true);
    for (const int s : forbidden) row[static_cast<size_t>(s)] = false;
  }
  const int morning = instance.num_morning_slots;
  for (size_t i = 0; i < instance.meetings.size(); ++i) {
    const auto& in = instance.meetings[i];
    TimetableProblem::Meeting meeting;
    meeting.a = in.a;
    meeting.b = in.b;
    meeting.fixed_slot = instance.fixed[i];
    if (in.session != B2bInstance::Session::kAny) {
      meeting.allowed.assign(static_cast<size_t>(slots), false);
      const bool am = in.session == B2bInstance::Session::kMorning;
      for (int s = 0; s < slots; ++s) meeting.allowed[static_cast<size_t>(s)] = (s < morning) == am;
    }
    problem.meetings.push_back(std::move(meeting));
    for (const int before : instance.precedences[i]) {
      problem.precedences.emplace_back(before, static_cast<int>(i));
    }
  }
  return problem;
}

namespace {

std::string SlotList(const std::vector<int>& slots) {
  std::string out;
  for (size_t i = 0; i < slots.size(); ++i) {
    if (i == 6 && slots.size() > 8) return out + ", ... (" + std::to_string(slots.size()) + " slots)";
    out += (i ? ", " : "") + std::to_string(slots[i] + 1);
  }
  return out;
}

const char* SessionName(B2bInstance::Session session) {
  switch (session) {
    case B2bInstance::Session::kMorning:
      return "morning";
    case B2bInstance::Session::kAfternoon:
      return "afternoon";
    case B2bInstance::Session::kAny:
      return "any session";
  }
  return "";
}

// The fewest breaks a participant can have when its meetings take the FIXED slots
// (sorted, distinct) and FREE more slots anywhere: the gaps between fixed slots that
// FREE meetings cannot all fill, smallest gaps filled first.
int FewestBreaks(const std::vector<int>& fixed, int free) {
  std::vector<int> gaps;
  for (size_t i = 1; i < fixed.size(); ++i)
    if (fixed[i] > fixed[i - 1] + 1) gaps.push_back(fixed[i] - fixed[i - 1] - 1);
  std::sort(gaps.begin(), gaps.end());
  int breaks = static_cast<int>(gaps.size());
  for (int gap : gaps) {
    if (gap > free) break;
    free -= gap;
    --breaks;
  }
  return breaks;
}

}  // namespace

B2bFeasibility CheckB2bFeasibility(const B2bInstance& in, int fairness) {
  B2bFeasibility out;
  const int slots = in.num_slots;
  const size_t participants = static_cast<size_t>(in.num_participants);
  std::vector<std::vector<char>> usable(participants, std::vector<char>(static_cast<size_t>(slots), 1));
  for (size_t p = 0; p < participants && p < in.forbidden.size(); ++p)
    for (int s : in.forbidden[p])
      if (s >= 0 && s < slots) usable[p][static_cast<size_t>(s)] = 0;
  auto in_session = [&](B2bInstance::Session session, int s) {
    if (session == B2bInstance::Session::kAny) return true;
    return (s < in.num_morning_slots) == (session == B2bInstance::Session::kMorning);
  };
  auto fixed_of = [&](size_t m) { return m < in.fixed.size() ? in.fixed[m] : -1; };

  // Each meeting's allowed slots: its session, both participants usable, its fixed slot.
  std::vector<std::vector<int>> allowed(in.meetings.size());
  std::vector<std::vector<int>> of_participant(participants);
  for (size_t m = 0; m < in.meetings.size(); ++m) {
    const auto& meeting = in.meetings[m];
    of_participant[static_cast<size_t>(meeting.a)].push_back(static_cast<int>(m));
    of_participant[static_cast<size_t>(meeting.b)].push_back(static_cast<int>(m));
    for (int s = 0; s < slots; ++s) {
      if (fixed_of(m) >= 0 && s != fixed_of(m)) continue;
      if (in_session(meeting.session, s) && usable[static_cast<size_t>(meeting.a)][static_cast<size_t>(s)] &&
          usable[static_cast<size_t>(meeting.b)][static_cast<size_t>(s)])
        allowed[m].push_back(s);
    }
    if (!allowed[m].empty()) continue;
    std::string why = fixed_of(m) >= 0 ? "its fixed slot " + std::to_string(fixed_of(m) + 1) +
                                             " is outside its session or forbidden to a participant"
                                       : "every slot of its session is forbidden to one participant or the other";
    out.placement.push_back("meeting " + std::to_string(m + 1) + " (participants " + std::to_string(meeting.a + 1) +
                            " and " + std::to_string(meeting.b + 1) + ", " + SessionName(meeting.session) +
                            ") has no allowed slot: " + why);
    out.unplaceable.push_back(static_cast<int>(m));
  }

  // A participant meets once per slot: each group of its meetings needs as many
  // distinct slots among those the group may use (all, morning-only, afternoon-only).
  for (size_t p = 0; p < participants; ++p) {
    struct Group {
      const char* name;
      B2bInstance::Session only;
      bool all;
    };
    for (const Group& group :
         {Group{"", B2bInstance::Session::kAny, true}, Group{"morning ", B2bInstance::Session::kMorning, false},
          Group{"afternoon ", B2bInstance::Session::kAfternoon, false}}) {
      std::vector<char> open(static_cast<size_t>(slots), 0);
      int count = 0;
      bool unplaceable = false;  // a meeting with no allowed slot, already reported
      for (int m : of_participant[p]) {
        if (!group.all && in.meetings[static_cast<size_t>(m)].session != group.only) continue;
        ++count;
        unplaceable = unplaceable || allowed[static_cast<size_t>(m)].empty();
        for (int s : allowed[static_cast<size_t>(m)]) open[static_cast<size_t>(s)] = 1;
      }
      int open_slots = static_cast<int>(std::count(open.begin(), open.end(), 1));
      if (count > open_slots && !unplaceable) {
        out.placement.push_back("participant " + std::to_string(p + 1) + " has " + std::to_string(count) + " " +
                                group.name + "meetings but " + std::to_string(open_slots) +
                                " usable slots (not forbidden, in their sessions, fixed slots kept)");
        break;
      }
    }
    // Two of its meetings fixed in the same slot.
    std::map<int, int> fixed_at;
    for (int m : of_participant[p]) {
      int s = fixed_of(static_cast<size_t>(m));
      if (s < 0) continue;
      auto [it, inserted] = fixed_at.emplace(s, m);
      if (!inserted)
        out.placement.push_back("participant " + std::to_string(p + 1) + " has meetings " +
                                std::to_string(it->second + 1) + " and " + std::to_string(m + 1) +
                                " both fixed at slot " + std::to_string(s + 1));
    }
  }

  // nTables meetings per slot.
  if (in.num_tables > 0) {
    std::vector<int> fixed_in(static_cast<size_t>(slots), 0);
    for (size_t m = 0; m < in.meetings.size(); ++m)
      if (fixed_of(m) >= 0 && fixed_of(m) < slots) ++fixed_in[static_cast<size_t>(fixed_of(m))];
    for (int s = 0; s < slots; ++s)
      if (fixed_in[static_cast<size_t>(s)] > in.num_tables)
        out.placement.push_back(std::to_string(fixed_in[static_cast<size_t>(s)]) + " meetings are fixed at slot " +
                                std::to_string(s + 1) + " but it has " + std::to_string(in.num_tables) + " tables");
    int64_t room = static_cast<int64_t>(in.num_tables) * slots;
    if (static_cast<int64_t>(in.meetings.size()) > room)
      out.placement.push_back(std::to_string(in.meetings.size()) + " meetings but " + std::to_string(slots) +
                              " slots of " + std::to_string(in.num_tables) + " tables hold " + std::to_string(room));
  }

  // Fairness: the breaks fixed meetings force on one participant against the most
  // another can have (n meetings make at most n - 1 breaks; exactly known when all are
  // fixed).
  if (fairness >= 0 && out.placement.empty()) {
    int most_forced = -1, forced_participant = -1, fewest_most = -1, few_participant = -1;
    for (size_t p = 0; p < participants; ++p) {
      std::vector<int> fixed;
      int free = 0;
      for (int m : of_participant[p]) {
        int s = fixed_of(static_cast<size_t>(m));
        if (s >= 0)
          fixed.push_back(s);
        else
          ++free;
      }
      std::sort(fixed.begin(), fixed.end());
      int forced = FewestBreaks(fixed, free);
      int at_most = free == 0 ? forced : std::max(0, static_cast<int>(of_participant[p].size()) - 1);
      if (forced > most_forced) most_forced = forced, forced_participant = static_cast<int>(p);
      if (fewest_most < 0 || at_most < fewest_most) fewest_most = at_most, few_participant = static_cast<int>(p);
    }
    if (forced_participant >= 0 && most_forced - fewest_most > fairness) {
      std::vector<int> fixed;
      for (int m : of_participant[static_cast<size_t>(forced_participant)])
        if (fixed_of(static_cast<size_t>(m)) >= 0) fixed.push_back(fixed_of(static_cast<size_t>(m)));
      std::sort(fixed.begin(), fixed.end());
      out.fairness = "the fairness bound " + std::to_string(fairness) +
                     " cannot be met: the fixed meetings of participant " + std::to_string(forced_participant + 1) +
                     " (slots " + SlotList(fixed) + ") force at least " + std::to_string(most_forced) +
                     " breaks, and participant " + std::to_string(few_participant + 1) + " has at most " +
                     std::to_string(fewest_most) + " (spread >= " + std::to_string(most_forced - fewest_most) + ")";
    }
  }
  return out;
}

}  // namespace match
