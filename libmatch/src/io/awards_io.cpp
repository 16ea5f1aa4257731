#include "match/io/awards_io.h"

#include <charconv>
#include <map>
#include <nlohmann/json.hpp>

#include "base/csv_reader.h"
#include "io/json_reader.h"
#include "match/base/files.h"

namespace match {
namespace {

using json = nlohmann::json;

// The fields of one published contract, as text.
struct RawContract {
  std::string buyer, cpv, place_code, place_kind, date, amount, object;
  std::vector<std::string> awardees;
};

bool AllDigits(std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos; }

std::string Trimmed(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ') out += c;
  return out;
}

// "50700000-2" -> 50700000; "9132100" (a lost leading zero) -> 09132100.
std::optional<CpvCode> CleanCpv(std::string_view raw) {
  std::string code = Trimmed(raw.substr(0, raw.find('-')));
  if (code.size() == 7 && AllDigits(code)) code = "0" + code;
  if (code.size() != 8 || code == "00000000") return std::nullopt;
  return CpvCode::Parse(code);
}

// The départements of postal codes: the first two digits, three overseas, Corsica apart.
std::string PostalDepartement(std::string_view code) {
  if (code.size() != 5 || !AllDigits(code)) return "";
  if (code.substr(0, 2) == "97") return std::string(code.substr(0, 3));
  if (code.substr(0, 2) == "20") return code[2] < '2' ? "2A" : "2B";
  return std::string(code.substr(0, 2));
}

// Commune and département of a lieuExecution (code, typeCode).
void CleanPlace(std::string_view raw_code, std::string_view raw_kind, const Territory& territory, Award& award) {
  std::string code = Trimmed(raw_code), kind;
  for (char c : raw_kind) kind += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (kind.find("postal") != std::string::npos) {
    if (code.size() == 4 && AllDigits(code)) code = "0" + code;
    award.departement = PostalDepartement(code);
  } else if (kind.find("commune") != std::string::npos || kind.find("arrondissement") != std::string::npos) {
    if (code.size() == 4 && AllDigits(code)) code = "0" + code;
    if (const Commune* c = territory.Find(code)) {
      award.commune = code;
      award.departement = std::string(c->departement);
    } else {
      award.departement = PostalDepartement(code);  // a postal code in the commune field
    }
  } else if (kind.find("partement") != std::string::npos) {
    if (code.size() == 1 && AllDigits(code)) code = "0" + code;
    if (!territory.DepartementName(code).empty()) award.departement = code;
  }
  if (!award.departement.empty() && territory.DepartementName(award.departement).empty()) award.departement.clear();
}

// Appends the awards of one contract (one per usable awardee); false when none.
bool AddContract(const RawContract& raw, int contract, const Territory& territory, std::vector<Award>& out) {
  auto cpv = CleanCpv(raw.cpv);
  if (!cpv) return false;
  Award award;
  award.buyer = Trimmed(raw.buyer);
  if (award.buyer.size() == 13 && AllDigits(award.buyer)) award.buyer = "0" + award.buyer;
  award.cpv = *cpv;
  CleanPlace(raw.place_code, raw.place_kind, territory, award);
  std::string date = raw.date.substr(0, 10);
  if (date.size() == 10 && date[4] == '-' && date[7] == '-' && AllDigits(date.substr(0, 4))) {
    award.date = date;
    std::from_chars(date.data(), date.data() + 4, award.year);
  }
  std::string amount = Trimmed(raw.amount);
  for (auto& c : amount)
    if (c == ',') c = '.';
  double value = 0;
  auto [end, ec] = std::from_chars(amount.data(), amount.data() + amount.size(), value);
  if (ec == std::errc() && end == amount.data() + amount.size() && value > 0) award.amount_eur = value;
  award.object = raw.object;
  award.contract = contract;
  std::vector<std::string> seen;
  for (const auto& id : raw.awardees) {
    std::string t = Trimmed(id);
    if (t.size() == 13 && AllDigits(t)) t = "0" + t;
    std::string siren = SirenOf(t);
    if (siren.empty() || std::find(seen.begin(), seen.end(), siren) != seen.end()) continue;
    seen.push_back(siren);
    award.awardee = siren;
    out.push_back(award);
  }
  return !seen.empty();
}

std::string Text(const json& node, const char* key) {
  auto it = node.find(key);
  if (it == node.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return "";
}

Status ParseJson(std::string_view text, const std::string& file_name, const Territory& territory, AwardsFile& file) {
  Diagnostics diag(file_name);
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::exception& e) {
    diag.Error("", JsonSyntaxMessage(e, text));
    return diag.ToStatus();
  }
  const json* marches = &doc;
  if (doc.is_object()) {
    auto it = doc.find("marches");
    if (it == doc.end()) {
      diag.Error("", "a DECP file holds {\"marches\": [...]}; no \"marches\" here");
      return diag.ToStatus();
    }
    marches = &*it;
    if (marches->is_object() && marches->contains("marche")) marches = &(*marches)["marche"];
  }
  if (!marches->is_array()) {
    diag.Error("marches", "expected a list of contracts");
    return diag.ToStatus();
  }
  for (const json& m : *marches) {
    if (!m.is_object()) continue;
    ++file.records;
    RawContract raw;
    if (auto a = m.find("acheteur"); a != m.end() && a->is_object()) raw.buyer = Text(*a, "id");
    raw.cpv = Text(m, "codeCPV");
    if (auto l = m.find("lieuExecution"); l != m.end() && l->is_object()) {
      raw.place_code = Text(*l, "code");
      raw.place_kind = Text(*l, "typeCode");
    }
    raw.date = Text(m, "dateNotification");
    raw.amount = Text(m, "montant");
    raw.object = Text(m, "objet");
    if (auto t = m.find("titulaires"); t != m.end()) {
      const json* list = &*t;
      if (list->is_object() && list->contains("titulaire")) list = &(*list)["titulaire"];
      auto add = [&](const json& tit) {
        if (tit.is_object()) raw.awardees.push_back(Text(tit, "id"));
      };
      if (list->is_array())
        for (const json& tit : *list) add(tit);
      else
        add(*list);
    }
    if (!AddContract(raw, file.records - 1, territory, file.awards)) ++file.left_out;
  }
  return Status();
}

Status ParseCsv(std::string_view text, const std::string& file_name, const Territory& territory, AwardsFile& file) {
  Diagnostics diag(file_name);
  std::vector<csv::CsvProblem> errors, warnings;
  csv::CsvTable table = csv::ReadCsvTable(text, &errors, &warnings);
  for (const auto& e : errors) diag.ErrorAt(e.line, "", e.message);
  if (!diag.ok()) return diag.ToStatus();
  std::map<std::string, int, std::less<>> column;
  for (size_t i = 0; i < table.header.size(); ++i) column[table.header[i]] = static_cast<int>(i);
  auto find = [&](std::initializer_list<const char*> names) {
    for (const char* n : names)
      if (auto it = column.find(n); it != column.end()) return it->second;
    return -1;
  };
  int c_awardee = find({"titulaire_id"}), c_cpv = find({"codeCPV_raw", "cpv8", "codeCPV"});
  if (c_awardee < 0 || c_cpv < 0) {
    diag.ErrorAt(table.header_line, "",
                 "a DECP flat CSV needs the columns titulaire_id and codeCPV_raw (or cpv8); the header has neither "
                 "the one nor the other");
    return diag.ToStatus();
  }
  int c_source = find({"source"}), c_id = find({"id"}), c_uid = find({"uid"}), c_buyer = find({"acheteur_id"}),
      c_place = find({"lieu_code"}), c_kind = find({"lieu_typeCode"}), c_date = find({"dateNotification"}),
      c_amount = find({"montant"}), c_object = find({"objet"});
  auto field = [](const csv::CsvRow& row, int c) {
    return c >= 0 && c < static_cast<int>(row.fields.size()) ? row.fields[c] : std::string();
  };
  // A contract's awardees are on consecutive rows sharing (source, id, uid, buyer).
  std::string previous_key;
  RawContract raw;
  bool open = false;
  auto flush = [&] {
    if (!open) return;
    ++file.records;
    if (!AddContract(raw, file.records - 1, territory, file.awards)) ++file.left_out;
  };
  for (const auto& row : table.rows) {
    std::string key =
        field(row, c_source) + '\x1f' + field(row, c_id) + '\x1f' + field(row, c_uid) + '\x1f' + field(row, c_buyer);
    if (!open || key != previous_key || (c_id < 0 && c_uid < 0)) {
      flush();
      previous_key = key;
      raw = RawContract{field(row, c_buyer), field(row, c_cpv),    field(row, c_place),  field(row, c_kind),
                        field(row, c_date),  field(row, c_amount), field(row, c_object), {}};
      open = true;
    }
    raw.awardees.push_back(field(row, c_awardee));
  }
  flush();
  return Status();
}

}  // namespace

Result<AwardsFile> ParseAwards(std::string_view text, const std::string& file_name, const Territory& territory) {
  AwardsFile file;
  std::string_view head = text;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  size_t first = head.find_first_not_of(" \t\r\n");
  bool is_json = first != std::string_view::npos && (head[first] == '{' || head[first] == '[');
  Status status = is_json ? ParseJson(head, file_name, territory, file) : ParseCsv(text, file_name, territory, file);
  if (!status.ok()) return status;
  return file;
}

Result<AwardsFile> LoadAwards(const std::string& path, const Territory& territory) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseAwards(*text, path, territory);
}

}  // namespace match
