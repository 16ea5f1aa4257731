#include "match/domain/territory.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <tuple>
#include <type_traits>

#include "base/csv_reader.h"
#include "base/embedded.h"
#include "match/base/files.h"
#include "match/base/huge_pages.h"

namespace match {
namespace {

constexpr std::string_view kHeader = "kind,code,name,parent,epci,ept,population";
constexpr size_t kFields = 7;
constexpr size_t kMaxErrors = 50;
constexpr double kEarthRadiusKm = 6371.0088;  // IUGG mean radius

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return !s.empty();
}

// A syntactically valid INSEE code as a number below kCodeNumbers: the département part
// (00-99, 2A = 100, 2B = 101) times 1000 plus the last three digits.
constexpr uint32_t kCodeNumbers = 102 * 1000;
uint32_t CodeNumber(std::string_view insee) {
  uint32_t departement = insee[1] == 'A' ? 100 : insee[1] == 'B' ? 101 : (insee[0] - '0') * 10 + (insee[1] - '0');
  return departement * 1000 + (insee[2] - '0') * 100 + (insee[3] - '0') * 10 + (insee[4] - '0');
}

// The département of a commune code: its first two characters, three overseas (97x, 98x).
std::string_view DepartementOfCode(std::string_view insee) {
  return insee.substr(0, insee[0] == '9' && (insee[1] == '7' || insee[1] == '8') ? 3 : 2);
}

std::string Quoted(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 2);
  out += '"';
  out += value;
  out += '"';
  return out;
}

// The records of a CSV text, read once with the library's tokenizer (csv::ForEachRecord)
// and handed out one by one. Fields are views into ARENA: a copy of the text (a field
// the tokenizer took as it stands is a view at the same offset of the copy, no byte
// copied), followed by the fields it had to rewrite (quoted ones). Reserved to twice the
// text's size up front, so that the views stay valid for as long as the arena lives (the
// rewritten fields never hold more bytes than the text). The formats read here are
// written by programs, so nothing is guessed.
class RecordReader {
 public:
  RecordReader(std::string_view text, char separator, std::string* arena) {
    arena->clear();
    arena->reserve(2 * text.size());
    arena->assign(text);
    const char* begin = text.data();
    const char* end = begin + text.size();
    // Room for every record up front (a table of tens of thousands of rows would
    // otherwise grow the two arrays a dozen times, copying and faulting pages).
    const size_t lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    const std::string_view first_line = text.substr(0, text.find('\n'));
    records_.reserve(lines);
    views_.reserve(lines * (static_cast<size_t>(std::count(first_line.begin(), first_line.end(), separator)) + 1));
    complete_ = csv::ForEachRecord(
        text, separator,
        [&](int line, const std::vector<std::string_view>& fields) {
          records_.push_back({line, views_.size(), fields.size()});
          for (std::string_view f : fields) {
            size_t at;
            if (f.data() >= begin && f.data() + f.size() <= end) {
              at = static_cast<size_t>(f.data() - begin);
            } else {
              at = arena->size();
              arena->append(f);
            }
            views_.push_back(std::string_view(*arena).substr(at, f.size()));
          }
        },
        &error_);
  }

  bool AtEnd() const { return next_ >= records_.size() && (complete_ || error_given_); }
  // The line the last record read started on (1-based).
  int line() const { return line_; }

  // Reads the next record into FIELDS; false with ERROR set where the text could not be
  // read further.
  bool Next(std::vector<std::string_view>* fields, std::string* error) {
    fields->clear();
    if (next_ >= records_.size()) {
      error_given_ = true;
      line_ = error_.line;
      *error = complete_ ? "no more records" : error_.message;
      return false;
    }
    const Record& r = records_[next_++];
    line_ = r.line;
    fields->assign(views_.begin() + static_cast<std::ptrdiff_t>(r.first),
                   views_.begin() + static_cast<std::ptrdiff_t>(r.first + r.count));
    return true;
  }

 private:
  struct Record {
    int line;
    size_t first, count;  // its fields in views_
  };
  std::vector<Record> records_;
  std::vector<std::string_view> views_;
  bool complete_ = true, error_given_ = false;
  csv::CsvProblem error_;
  size_t next_ = 0;
  int line_ = 1;
};

std::string LineWhere(int line) { return "line " + std::to_string(line); }

bool ParsePopulation(std::string_view text, int64_t* population) {
  if (text.empty()) {
    *population = kUnknownPopulation;
    return true;
  }
  if (!AllDigits(text) || text.size() > 12) return false;
  std::from_chars(text.data(), text.data() + text.size(), *population);
  return true;
}

// A code of a département or région: 2 or 3 digits or capital letters ("94", "2A", "974").
bool IsAreaCodeSyntax(std::string_view code) {
  if (code.size() < 2 || code.size() > 3) return false;
  for (char c : code) {
    if (!IsDigit(c) && !(c >= 'A' && c <= 'Z')) return false;
  }
  return true;
}

bool IsSirenSyntax(std::string_view code) { return code.size() == 9 && AllDigits(code); }

}  // namespace

std::string_view TierName(LocalityTier tier) {
  switch (tier) {
    case LocalityTier::kSameCommune:
      return "same commune";
    case LocalityTier::kSameIntercommunality:
      return "same intercommunality";
    case LocalityTier::kSameDepartement:
      return "same département";
    case LocalityTier::kSameRegion:
      return "same région";
    case LocalityTier::kElsewhere:
      return "elsewhere";
    case LocalityTier::kUnknown:
      break;
  }
  return "unknown";
}

bool IsInseeCodeSyntax(std::string_view text) {
  if (text.size() != 5) return false;
  bool corsica = text[0] == '2' && (text[1] == 'A' || text[1] == 'B');
  if (!corsica && !(IsDigit(text[0]) && IsDigit(text[1]))) return false;
  return IsDigit(text[2]) && IsDigit(text[3]) && IsDigit(text[4]);
}

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRadians = 3.14159265358979323846 / 180.0;
  double dlat = (lat2 - lat1) * kRadians;
  double dlon = (lon2 - lon1) * kRadians;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * kRadians) * std::cos(lat2 * kRadians) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::sqrt(std::min(1.0, h)));
}

// ----------------------------------------------------------------------------------------
// Territory

const Territory& Territory::Builtin() {
  static const Territory& builtin = embedded::KeepBuiltin(Parse(embedded::TerritoryCsv(), "communes.csv (built in)"));
  return builtin;
}

// Records of a whole table take megabytes: in huge pages (match/base/huge_pages.h), the
// built-in table's load takes three page faults instead of thousands (~25 of 30 ms on
// virtual machines). Commune is trivially destructible: freeing is enough.
static_assert(std::is_trivially_destructible_v<Commune>);

Territory::Places Territory::Places::Allocate(size_t capacity) {
  Places places;
  places.block.reset(static_cast<Commune*>(AllocateLarge(std::max<size_t>(capacity, 1) * sizeof(Commune))));
  return places;
}

void Territory::Places::Free::operator()(Commune* block) const { FreeLarge(block); }

Result<Territory> Territory::Parse(std::string_view csv, const std::string& source_name) {
  Diagnostics diag(source_name);
  auto error = [&diag](int line, const std::string& message) {
    if (diag.errors().size() < kMaxErrors) diag.Error(LineWhere(line), message);
  };
  Territory t;
  auto arena = std::make_unique<std::string>();
  RecordReader reader(csv, ',', arena.get());
  t.text_ = std::move(arena);
  std::vector<std::string_view> fields;
  std::string read_error;
  std::string header;
  if (!reader.AtEnd() && reader.Next(&fields, &read_error)) {
    for (size_t i = 0; i < fields.size(); ++i) {
      header += (i == 0 ? "" : ",") + std::string(fields[i]);
    }
  }
  if (header != kHeader) {
    diag.Error(LineWhere(1), "expected the header \"" + std::string(kHeader) + "\"");
    return diag.ToStatus();
  }

  const size_t rows = static_cast<size_t>(std::count(csv.begin(), csv.end(), '\n')) + 1;
  t.places_ = Places::Allocate(rows);
  std::vector<int> place_lines;  // line of each place, for the checks after reading
  place_lines.reserve(rows);
  struct UnitLine {
    std::string_view code;
    const Unit* unit;
    int line;
  };
  std::vector<UnitLine> unit_lines;
  while (!reader.AtEnd() && diag.errors().size() < kMaxErrors) {
    if (!reader.Next(&fields, &read_error)) {
      error(reader.line(), read_error);
      continue;
    }
    int line = reader.line();
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (fields.size() != kFields) {
      error(line, "expected " + std::to_string(kFields) + " fields, got " + std::to_string(fields.size()));
      continue;
    }
    std::string_view kind = fields[0], code = fields[1], name = fields[2], parent = fields[3];
    std::string_view epci = fields[4], ept = fields[5], population = fields[6];
    if (name.empty()) {
      error(line, "code " + Quoted(code) + " has an empty name");
      continue;
    }
    int64_t people = kUnknownPopulation;
    if (!ParsePopulation(population, &people)) {
      error(line, "population " + Quoted(population) + " is not a non-negative integer");
      continue;
    }
    if (kind == "R" || kind == "D" || kind == "E" || kind == "T") {
      char k = kind[0];
      bool is_area = k == 'R' || k == 'D';
      if (is_area ? !IsAreaCodeSyntax(code) : !IsSirenSyntax(code)) {
        error(line, Quoted(code) + (is_area ? " is not a département or région code" : " is not a SIREN"));
        continue;
      }
      Units& units = k == 'R' ? t.regions_ : k == 'D' ? t.departements_ : t.groupings_;
      auto [it, inserted] = units.try_emplace(code, Unit{k, name, parent});
      if (!inserted) {
        error(line, "code " + Quoted(code) + " appears twice");
        continue;
      }
      unit_lines.push_back({code, &it->second, line});
      continue;
    }
    Commune c;
    if (kind == "C") {
      c.kind = Commune::Kind::kCommune;
    } else if (kind == "A") {
      c.kind = Commune::Kind::kArrondissement;
    } else if (kind == "M") {
      c.kind = Commune::Kind::kMerged;
    } else {
      error(line, "kind " + Quoted(kind) + " is not one of R, D, E, T, C, A, M");
      continue;
    }
    if (!IsInseeCodeSyntax(code)) {
      error(line, Quoted(code) + " is not an INSEE commune code");
      continue;
    }
    if ((c.kind == Commune::Kind::kCommune) != parent.empty()) {
      error(line, c.kind == Commune::Kind::kCommune ? "commune " + Quoted(code) + " has a parent " + Quoted(parent)
                                                    : "code " + Quoted(code) + " has no parent commune");
      continue;
    }
    if (c.kind != Commune::Kind::kCommune && (!epci.empty() || !ept.empty())) {
      error(line, Quoted(code) +
                      " takes its EPCI and EPT from its parent commune: "
                      "leave them empty");
      continue;
    }
    c.insee = code;
    c.name = name;
    c.commune = parent;  // the parent's code until it is checked below
    c.epci = epci;
    c.ept = ept;
    c.population = people;
    new (&t.places_[t.places_.size++]) Commune(c);
    place_lines.push_back(line);
  }

  // The code index; duplicates show up here.
  t.by_code_.assign(kCodeNumbers, kNoPlace);
  for (size_t i = 0; i < t.places_.size; ++i) {
    uint32_t& slot = t.by_code_[CodeNumber(t.places_[i].insee)];
    if (slot != kNoPlace) {
      error(place_lines[i], "code " + Quoted(t.places_[i].insee) + " appears twice (first on line " +
                                std::to_string(place_lines[slot]) + ")");
      continue;
    }
    slot = static_cast<uint32_t>(i);
  }

  // References, checked once every row is known (rows may come in any order).
  for (const UnitLine& u : unit_lines) {
    std::string_view parent = u.unit->parent;
    if (u.unit->kind == 'D' && !t.regions_.count(parent)) {
      error(u.line, "région " + Quoted(parent) + " of département " + Quoted(u.code) + " is not in the table");
    } else if (u.unit->kind == 'T') {
      auto epci = t.groupings_.find(parent);
      if (epci == t.groupings_.end() || epci->second.kind != 'E') {
        error(u.line, "EPCI " + Quoted(parent) + " of EPT " + Quoted(u.code) + " is not in the table");
      }
    } else if ((u.unit->kind == 'R' || u.unit->kind == 'E') && !parent.empty()) {
      error(u.line, "code " + Quoted(u.code) + " has a parent " + Quoted(parent));
    }
  }
  for (size_t i = 0; i < t.places_.size; ++i) {
    Commune& c = t.places_[i];
    int line = place_lines[i];
    if (c.kind != Commune::Kind::kCommune) {
      const Commune* parent = t.Find(c.commune);
      if (parent == nullptr || parent->kind != Commune::Kind::kCommune) {
        error(line, "parent " + Quoted(c.commune) + " of " + Quoted(c.insee) + " is not a commune of the table");
      }
      continue;
    }
    c.commune = c.insee;
    auto dep = t.departements_.find(DepartementOfCode(c.insee));
    if (dep == t.departements_.end()) {
      error(line,
            "département " + Quoted(DepartementOfCode(c.insee)) + " of " + Quoted(c.insee) + " is not in the table");
      continue;
    }
    c.departement = dep->first;
    c.region = dep->second.parent;
    auto epci = t.groupings_.find(c.epci);
    if (!c.epci.empty() && (epci == t.groupings_.end() || epci->second.kind != 'E')) {
      error(line, "EPCI " + Quoted(c.epci) + " of " + Quoted(c.insee) + " is not in the table");
      continue;
    }
    if (!c.ept.empty()) {
      auto ept = t.groupings_.find(c.ept);
      if (ept == t.groupings_.end() || ept->second.kind != 'T') {
        error(line, "EPT " + Quoted(c.ept) + " of " + Quoted(c.insee) + " is not in the table");
      } else if (ept->second.parent != c.epci) {
        error(line, "EPT " + Quoted(c.ept) + " of " + Quoted(c.insee) + " lies in EPCI " + Quoted(ept->second.parent) +
                        ", not in the commune's EPCI " + Quoted(c.epci));
      }
    }
  }
  if (!diag.ok()) {
    if (diag.errors().size() >= kMaxErrors) diag.Error("", "too many errors, stopped");
    return diag.ToStatus();
  }
  // Arrondissements and merged communes are placed where their parent commune is.
  for (Commune& c : t.places_) {
    if (c.kind == Commune::Kind::kCommune) continue;
    const Commune* parent = t.Find(c.commune);
    c.epci = parent->epci;
    c.ept = parent->ept;
    c.departement = parent->departement;
    c.region = parent->region;
  }
  return t;
}

const Commune* Territory::Find(std::string_view insee) const {
  if (by_code_.empty() || !IsInseeCodeSyntax(insee)) return nullptr;
  uint32_t place = by_code_[CodeNumber(insee)];
  return place == kNoPlace ? nullptr : &places_[place];
}

std::string_view Territory::IntercommunalityKey(const Commune& c) {
  return c.ept.empty() ? std::string_view(c.epci) : std::string_view(c.ept);
}

bool Territory::Locate(std::string_view place, std::string_view* departement, std::string_view* region) const {
  if (const Commune* c = Find(place)) {
    *departement = c->departement;
    *region = c->region;
    return true;
  }
  auto it = departements_.find(place);
  if (it == departements_.end()) return false;
  *departement = it->first;
  *region = it->second.parent;
  return true;
}

LocalityTier Territory::Tier(std::string_view place_a, std::string_view place_b) const {
  const Commune* a = Find(place_a);
  const Commune* b = Find(place_b);
  if (a != nullptr && b != nullptr) {
    if (a->commune == b->commune) return LocalityTier::kSameCommune;
    std::string_view key = IntercommunalityKey(*a);
    if (!key.empty() && key == IntercommunalityKey(*b)) return LocalityTier::kSameIntercommunality;
  }
  std::string_view departement_a, region_a, departement_b, region_b;
  if (!Locate(place_a, &departement_a, &region_a) || !Locate(place_b, &departement_b, &region_b))
    return LocalityTier::kUnknown;
  if (departement_a == departement_b) return LocalityTier::kSameDepartement;
  if (region_a == region_b) return LocalityTier::kSameRegion;
  return LocalityTier::kElsewhere;
}

std::string Territory::Describe(std::string_view place_a, std::string_view place_b) const {
  LocalityTier tier = Tier(place_a, place_b);
  std::string out(TierName(tier));
  std::string_view departement, region;
  switch (tier) {
    case LocalityTier::kSameCommune: {
      const Commune* commune = Find(Find(place_a)->commune);
      return out + ": " + std::string(commune->name);
    }
    case LocalityTier::kSameIntercommunality:
      return out + ": " + IntercommunalityName(*Find(place_a));
    case LocalityTier::kSameDepartement:
      Locate(place_a, &departement, &region);
      return out + ": " + std::string(DepartementName(departement)) + " (" + std::string(departement) + ")";
    case LocalityTier::kSameRegion:
      Locate(place_a, &departement, &region);
      return out + ": " + std::string(RegionName(region));
    case LocalityTier::kElsewhere:
      return out;
    case LocalityTier::kUnknown:
      break;
  }
  return "unknown commune " + Quoted(Locate(place_a, &departement, &region) ? place_b : place_a);
}

std::string Territory::IntercommunalityName(const Commune& commune) const {
  if (!commune.ept.empty()) return "EPT " + std::string(EpciName(commune.ept));
  return std::string(EpciName(commune.epci));
}

std::string_view Territory::EpciName(std::string_view siren) const {
  auto it = groupings_.find(siren);
  return it == groupings_.end() ? std::string_view() : std::string_view(it->second.name);
}

std::string_view Territory::DepartementName(std::string_view code) const {
  auto it = departements_.find(code);
  return it == departements_.end() ? std::string_view() : std::string_view(it->second.name);
}

std::string_view Territory::RegionName(std::string_view code) const {
  auto it = regions_.find(code);
  return it == regions_.end() ? std::string_view() : std::string_view(it->second.name);
}

std::vector<const Commune*> Territory::Members(std::string_view siren) const {
  std::vector<const Commune*> members;
  if (siren.empty()) return members;
  for (const Commune& c : places_) {
    if (c.kind == Commune::Kind::kCommune && (c.epci == siren || c.ept == siren)) {
      members.push_back(&c);
    }
  }
  std::sort(members.begin(), members.end(), [](const Commune* a, const Commune* b) { return a->insee < b->insee; });
  return members;
}

bool Territory::InArea(std::string_view insee, const std::vector<std::string>& area) const {
  const Commune* place = Find(insee);
  std::string_view commune = place == nullptr ? insee : std::string_view(place->commune);
  for (const std::string& code : area) {
    if (code == insee || code == commune) return true;
  }
  return false;
}

// ----------------------------------------------------------------------------------------
// CommuneCentres

Result<CommuneCentres> CommuneCentres::Load(const std::string& path) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  return Parse(*text, path);
}

Result<CommuneCentres> CommuneCentres::Parse(std::string_view csv, const std::string& source_name) {
  Diagnostics diag(source_name);
  std::string_view first_line = csv.substr(0, csv.find('\n'));
  char separator =
      first_line.find(';') != std::string_view::npos && first_line.find(',') == std::string_view::npos ? ';' : ',';
  std::string arena;
  RecordReader reader(csv, separator, &arena);
  std::vector<std::string_view> fields;
  std::string read_error;
  if (reader.AtEnd() || !reader.Next(&fields, &read_error)) {
    diag.Error(LineWhere(1), "expected a header naming the columns insee, lat and lon");
    return diag.ToStatus();
  }
  const size_t columns = fields.size();
  size_t column[3];
  const char* const kNames[3] = {"insee", "lat", "lon"};
  for (int k = 0; k < 3; ++k) {
    column[k] = columns;
    for (size_t i = 0; i < columns; ++i) {
      if (fields[i] == kNames[k]) column[k] = i;
    }
    if (column[k] == columns) {
      diag.Error(LineWhere(1), std::string("the header has no column \"") + kNames[k] + "\"");
    }
  }
  if (!diag.ok()) return diag.ToStatus();

  CommuneCentres centres;
  while (!reader.AtEnd() && diag.errors().size() < kMaxErrors) {
    if (!reader.Next(&fields, &read_error)) {
      diag.Error(LineWhere(reader.line()), read_error);
      continue;
    }
    std::string where = LineWhere(reader.line());
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (fields.size() != columns) {
      diag.Error(where, "expected " + std::to_string(columns) + " fields, got " + std::to_string(fields.size()));
      continue;
    }
    std::string_view insee = fields[column[0]];
    if (!IsInseeCodeSyntax(insee)) {
      diag.Error(where, Quoted(insee) + " is not an INSEE commune code");
      continue;
    }
    std::string_view lat_text = fields[column[1]], lon_text = fields[column[2]];
    if (lat_text.empty() && lon_text.empty()) continue;  // no coordinates for that code
    LatLon centre;
    bool ok = true;
    for (auto [text, value, limit, what] :
         {std::tuple{lat_text, &centre.lat, 90.0, "lat %s is not a latitude in degrees"},
          std::tuple{lon_text, &centre.lon, 180.0, "lon %s is not a longitude in degrees"}}) {
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *value);
      if (ec != std::errc() || end != text.data() + text.size() || text.empty() || !(std::fabs(*value) <= limit)) {
        std::string message(what);
        message.replace(message.find("%s"), 2, Quoted(text));
        diag.Error(where, message);
        ok = false;
      }
    }
    if (!ok) continue;
    if (!centres.centres_.try_emplace(CodeNumber(insee), centre).second) {
      diag.Error(where, "code " + Quoted(insee) + " appears twice");
    }
  }
  if (!diag.ok()) {
    if (diag.errors().size() >= kMaxErrors) diag.Error("", "too many errors, stopped");
    return diag.ToStatus();
  }
  return centres;
}

std::optional<LatLon> CommuneCentres::Centre(std::string_view insee) const {
  if (!IsInseeCodeSyntax(insee)) return std::nullopt;
  auto it = centres_.find(CodeNumber(insee));
  if (it == centres_.end()) return std::nullopt;
  return it->second;
}

std::optional<double> CommuneCentres::DistanceKm(std::string_view insee_a, std::string_view insee_b) const {
  std::optional<LatLon> a = Centre(insee_a), b = Centre(insee_b);
  if (!a || !b) return std::nullopt;
  return match::DistanceKm(a->lat, a->lon, b->lat, b->lon);
}

}  // namespace match
