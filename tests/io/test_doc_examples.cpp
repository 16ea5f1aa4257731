// Every JSON example of docs/*.md is read by the loader its "format" names: an event
// example must pass `standmatch validate`, a schedule or changes example must load
// against the event example of docs/interfaces.md. Blocks that show a shape with
// placeholders ("{...}", "...]") are not examples and are skipped by name here.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "match/io/event_io.h"
#include "match/replan/changes.h"
#include "match/schedule/schedule.h"

namespace {

struct Example {
  std::string place;  // "docs/interfaces.md:11"
  std::string text;
};

std::vector<Example> JsonExamples() {
  std::vector<Example> out;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(STANDMATCH_SOURCE_DIR) + "/docs"))
    if (entry.path().extension() == ".md") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    std::string line, text;
    int number = 0, start = 0;
    bool inside = false;
    while (std::getline(in, line)) {
      ++number;
      if (!inside && line == "```json") {
        inside = true;
        start = number;
        text.clear();
      } else if (inside && line.rfind("```", 0) == 0) {
        inside = false;
        out.push_back({"docs/" + path.filename().string() + ":" + std::to_string(start), text});
      } else if (inside) {
        text += line + "\n";
      }
    }
  }
  return out;
}

// A shape rather than an example: elided members or elements.
bool IsShape(const std::string& text) {
  for (const char* elision : {"{...}", "...]", ", ...", "{\"id\", "}) {
    if (text.find(elision) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("every JSON example of the docs loads", "[docs]") {
  std::vector<Example> examples = JsonExamples();
  REQUIRE(examples.size() >= 8);
  // The event example of the contract, the one the other examples refer to.
  const Example* event_example = nullptr;
  for (const Example& e : examples) {
    if (e.text.find("\"standmatch.event/1\"") != std::string::npos) {
      event_example = &e;
      break;
    }
  }
  REQUIRE(event_example != nullptr);
  auto event = match::ParseEvent(event_example->text, event_example->place);
  INFO((event.ok() ? std::string() : event.status().ToString()));
  REQUIRE(event.ok());

  int loaded = 0;
  for (const Example& e : examples) {
    INFO(e.place);
    if (IsShape(e.text)) continue;
    nlohmann::json doc = nlohmann::json::parse(e.text, nullptr, false);
    REQUIRE_FALSE(doc.is_discarded());
    std::string format = doc.is_object() && doc.contains("format") ? doc["format"].get<std::string>() : "";
    if (format == "standmatch.event/1") {
      auto loaded_event = match::ParseEvent(e.text, e.place);
      INFO((loaded_event.ok() ? std::string() : loaded_event.status().ToString()));
      CHECK(loaded_event.ok());
      ++loaded;
    } else if (format == "standmatch.schedule/1") {
      auto schedule = match::ParseSchedule(e.text, e.place, *event);
      INFO((schedule.ok() ? std::string() : schedule.status().ToString()));
      CHECK(schedule.ok());
      ++loaded;
    } else if (format == "standmatch.changes/1") {
      // The suppliers and meetings the example names, added to the event example.
      match::Event changed = *event;
      match::Schedule schedule;
      schedule.event_id = changed.id;
      schedule.slots = changed.slots;
      for (const char* id : {"f002", "f003", "f004", "f005"}) {
        match::Supplier supplier = changed.suppliers[0];
        supplier.id = id;
        changed.supplier_index[id] = static_cast<match::SupplierIndex>(changed.suppliers.size());
        changed.suppliers.push_back(supplier);
        match::Meeting m;
        m.supplier = static_cast<match::SupplierIndex>(changed.suppliers.size() - 1);
        m.stand = 0;
        m.slot = static_cast<int>(changed.suppliers.size()) - 2;
        m.table = 1;
        schedule.meetings.push_back(m);
      }
      auto changes = match::ParseChanges(e.text, e.place, changed, schedule);
      INFO((changes.ok() ? std::string() : changes.status().ToString()));
      CHECK(changes.ok());
      ++loaded;
    }
  }
  // interfaces.md: event, schedule, changes; changes.md: changes.
  CHECK(loaded >= 4);
}

namespace {

// GitHub's anchor of a heading: lower case, punctuation dropped, spaces as '-'.
std::string Slug(const std::string& heading) {
  std::string out;
  for (char c : heading) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u) || c == '-' || c == '_') {
      out += static_cast<char>(u < 0x80 ? std::tolower(u) : u);
    } else if (c == ' ') {
      out += '-';
    }
  }
  return out;
}

}  // namespace

TEST_CASE("every relative link of the docs and the README leads to a file and heading", "[docs]") {
  const std::filesystem::path root = STANDMATCH_SOURCE_DIR;
  std::vector<std::filesystem::path> files = {root / "README.md"};
  for (const auto& entry : std::filesystem::directory_iterator(root / "docs"))
    if (entry.path().extension() == ".md") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  auto anchors_of = [](const std::filesystem::path& path) {
    std::vector<std::string> anchors;
    std::ifstream in(path);
    bool fenced = false;
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("```", 0) == 0) fenced = !fenced;
      if (fenced || line.empty() || line[0] != '#') continue;
      size_t text = line.find_first_not_of('#');
      if (text != std::string::npos && line[text] == ' ') anchors.push_back(Slug(line.substr(text + 1)));
    }
    return anchors;
  };
  int links = 0;
  for (const auto& path : files) {
    std::ifstream in(path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    for (size_t at = text.find("]("); at != std::string::npos; at = text.find("](", at + 2)) {
      size_t end = text.find(')', at);
      if (end == std::string::npos) break;
      std::string target = text.substr(at + 2, end - at - 2);
      if (target.empty() || target.find("://") != std::string::npos || target.rfind("mailto:", 0) == 0 ||
          target.find(' ') != std::string::npos)
        continue;
      INFO(path.filename().string() << ": (" << target << ")");
      std::string file = target.substr(0, target.find('#'));
      std::string anchor = target.find('#') == std::string::npos ? "" : target.substr(target.find('#') + 1);
      std::filesystem::path linked = file.empty() ? path : path.parent_path() / file;
      // Links stay inside the checkout.
      CHECK(std::filesystem::weakly_canonical(linked).string().rfind(std::filesystem::weakly_canonical(root).string(),
                                                                     0) == 0);
      REQUIRE(std::filesystem::exists(linked));
      if (!anchor.empty() && linked.extension() == ".md") {
        auto anchors = anchors_of(linked);
        CHECK(std::find(anchors.begin(), anchors.end(), anchor) != anchors.end());
      }
      ++links;
    }
  }
  CHECK(links >= 1);
}
