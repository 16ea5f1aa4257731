// Synthetic standmatch.event/1 documents; see match/tools/generate.h.
#include "match/tools/generate.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string_view>
#include <unordered_set>
#include <utility>

namespace match {
namespace {

using Json = nlohmann::ordered_json;

// ---------------------------------------------------------------------------
// Built-in pools.

// Real INSEE communes. Tier: 0 the EPT Grand-Orly Seine Bièvre, 1 the rest of
// Val-de-Marne and Essonne, 2 the rest of Île-de-France, 3 elsewhere in France.
struct Commune {
  std::string_view insee;
  std::string_view name;
  int tier;
};

constexpr Commune kCommunes[] = {
    {"91027", "Athis-Mons", 0},
    {"91326", "Juvisy-sur-Orge", 0},
    {"91432", "Morangis", 0},
    {"91479", "Paray-Vieille-Poste", 0},
    {"91589", "Savigny-sur-Orge", 0},
    {"91687", "Viry-Châtillon", 0},
    {"94001", "Ablon-sur-Seine", 0},
    {"94003", "Arcueil", 0},
    {"94016", "Cachan", 0},
    {"94021", "Chevilly-Larue", 0},
    {"94022", "Choisy-le-Roi", 0},
    {"94034", "Fresnes", 0},
    {"94037", "Gentilly", 0},
    {"94038", "L'Haÿ-les-Roses", 0},
    {"94041", "Ivry-sur-Seine", 0},
    {"94043", "Le Kremlin-Bicêtre", 0},
    {"94054", "Orly", 0},
    {"94065", "Rungis", 0},
    {"94073", "Thiais", 0},
    {"94074", "Valenton", 0},
    {"94076", "Villejuif", 0},
    {"94077", "Villeneuve-le-Roi", 0},
    {"94078", "Villeneuve-Saint-Georges", 0},
    {"94081", "Vitry-sur-Seine", 0},
    {"94028", "Créteil", 1},
    {"94080", "Vincennes", 1},
    {"94068", "Saint-Maur-des-Fossés", 1},
    {"94017", "Champigny-sur-Marne", 1},
    {"94046", "Maisons-Alfort", 1},
    {"94002", "Alfortville", 1},
    {"94033", "Fontenay-sous-Bois", 1},
    {"94011", "Bonneuil-sur-Marne", 1},
    {"94018", "Charenton-le-Pont", 1},
    {"94071", "Sucy-en-Brie", 1},
    {"94052", "Nogent-sur-Marne", 1},
    {"94058", "Le Perreux-sur-Marne", 1},
    {"91228", "Évry-Courcouronnes", 1},
    {"91377", "Massy", 1},
    {"91477", "Palaiseau", 1},
    {"91174", "Corbeil-Essonnes", 1},
    {"91286", "Grigny", 1},
    {"91549", "Sainte-Geneviève-des-Bois", 1},
    {"91692", "Les Ulis", 1},
    {"91114", "Brunoy", 1},
    {"91434", "Morsang-sur-Orge", 1},
    {"91223", "Étampes", 1},
    {"75056", "Paris", 2},
    {"92049", "Montrouge", 2},
    {"92007", "Bagneux", 2},
    {"92050", "Nanterre", 2},
    {"92012", "Boulogne-Billancourt", 2},
    {"92040", "Issy-les-Moulineaux", 2},
    {"92023", "Clamart", 2},
    {"92025", "Colombes", 2},
    {"93048", "Montreuil", 2},
    {"93055", "Pantin", 2},
    {"93001", "Aubervilliers", 2},
    {"93008", "Bobigny", 2},
    {"93070", "Saint-Ouen-sur-Seine", 2},
    {"77288", "Melun", 2},
    {"77284", "Meaux", 2},
    {"78646", "Versailles", 2},
    {"78586", "Sartrouville", 2},
    {"95127", "Cergy", 2},
    {"95018", "Argenteuil", 2},
    {"59350", "Lille", 3},
    {"44109", "Nantes", 3},
    {"76540", "Rouen", 3},
    {"45234", "Orléans", 3},
    {"33063", "Bordeaux", 3},
    {"31555", "Toulouse", 3},
    {"35238", "Rennes", 3},
    {"67482", "Strasbourg", 3},
    {"21231", "Dijon", 3},
    {"37261", "Tours", 3},
    {"2A004", "Ajaccio", 3},
    {"97411", "Saint-Denis", 3},
    {"69266", "Villeurbanne", 3},
    {"06088", "Nice", 3},
};
constexpr int kTiers = 4;
// Where suppliers come from, per tier (per mille).
constexpr int kTierWeights[kTiers] = {35, 20, 30, 15};
// The generated event is the EPT's: hosted in Vitry-sur-Seine, territory = tier 0.
constexpr std::string_view kHostCommune = "94081";
constexpr std::string_view kEptName = "Établissement public territorial Grand-Orly Seine Bièvre";
constexpr std::string_view kEptSiret = "20005801400016";

// A purchasing theme: what the stands present and what the suppliers sell. CPV codes
// are listed coarse to fine where a theme holds a hierarchy (division, group, class),
// which makes suppliers and needs meet at different depths.
struct Theme {
  std::string_view key;
  std::string_view title;
  std::vector<std::string_view> cpv;
  std::vector<std::string_view> need_titles;
  std::vector<std::string_view> naf;
  std::vector<std::string_view> words;  // for supplier names
  std::vector<std::string_view> reuse;  // practices its suppliers may have
  int weight;                           // relative frequency among suppliers and stands
  int amount_min;                       // index into kAmounts
  int amount_max;
  bool large_firms;       // ETI/GE compete here
  bool insertion_clause;  // labour-intensive: insertion clauses are common
  bool ess_reservable;    // L2113-15 social/cultural services
};

const std::vector<Theme>& Themes() {
  static const std::vector<Theme> themes = {
      {"impression",
       "Impression durable",
       {"79800000-2", "79810000-5", "79820000-8", "79823000-9", "22458000-5", "30197630-1"},
       {"Impression des documents institutionnels", "Papier recyclé pour les services", "Affiches et programmes"},
       {"18.12Z", "18.13Z"},
       {"Imprimerie", "Atelier graphique", "Arts graphiques"},
       {"recyclage"},
       8,
       2,
       13,
       true,
       false,
       false},
      {"mobilier",
       "Mobilier en réemploi",
       {"39100000-3", "39130000-2", "39160000-1", "39150000-8", "39120000-9", "39110000-6"},
       {"Mobilier de bureau de seconde main", "Mobilier scolaire reconditionné", "Sièges et tables en réemploi"},
       {"31.01Z", "31.09B", "47.79Z"},
       {"Ressourcerie", "Atelier du meuble", "Ébénisterie"},
       {"reemploi", "reconditionnement", "location"},
       8,
       1,
       11,
       false,
       false,
       false},
      {"informatique",
       "Informatique reconditionnée",
       {"30200000-1", "30213000-5", "30213100-6", "30213300-8", "30232000-4", "50320000-4", "32250000-0"},
       {"Ordinateurs portables reconditionnés", "Maintenance du parc informatique",
        "Téléphones mobiles reconditionnés"},
       {"95.11Z", "46.51Z", "62.02A"},
       {"Informatique", "Numérique", "Recyclerie numérique"},
       {"reconditionnement", "location", "reemploi"},
       10,
       2,
       13,
       true,
       false,
       false},
      {"biodechets",
       "Collecte des biodéchets",
       {"90500000-2", "90511000-2", "90513000-6", "90514000-3", "77120000-7", "39234000-1"},
       {"Collecte des biodéchets", "Composteurs collectifs et accompagnement", "Recyclage des déchets des services"},
       {"38.11Z", "38.21Z", "38.32Z"},
       {"Compost", "Collecte", "Boucle verte"},
       {"recyclage"},
       6,
       4,
       19,
       true,
       true,
       false},
      {"restauration",
       "Restauration et traiteur",
       {"15000000-8", "15800000-6", "55500000-5", "55520000-1", "55321000-6", "55523100-3"},
       {"Traiteur pour les réceptions", "Repas des centres de loisirs", "Produits d'épicerie locaux"},
       {"56.21Z", "56.29A", "10.85Z"},
       {"Traiteur", "Cuisine", "Table"},
       {},
       12,
       2,
       16,
       true,
       false,
       false},
      {"nettoyage",
       "Nettoyage des bâtiments",
       {"90910000-9", "90911000-6", "90911200-8", "90919200-4", "39830000-9", "33760000-5"},
       {"Nettoyage des groupes scolaires", "Nettoyage de la vitrerie", "Produits d'entretien écolabellisés"},
       {"81.21Z", "81.22Z"},
       {"Propreté", "Nettoyage", "Services"},
       {},
       10,
       2,
       16,
       true,
       true,
       false},
      {"espaces-verts",
       "Espaces verts",
       {"77300000-3", "77310000-6", "77311000-3", "77313000-7", "77340000-5", "77211500-7", "45112700-2", "03451000-6"},
       {"Entretien des parcs et squares", "Élagage des arbres d'alignement", "Fleurissement de la ville"},
       {"81.30Z", "01.30Z", "02.40Z"},
       {"Jardins", "Paysages", "Espaces verts"},
       {},
       10,
       2,
       16,
       true,
       true,
       false},
      {"evenementiel",
       "Événementiel responsable",
       {"79950000-8", "79952000-2", "79952100-3", "79960000-1", "39522530-1"},
       {"Organisation des événements", "Location de matériel scénique en réemploi", "Reportages photographiques"},
       {"82.30Z", "90.02Z", "74.20Z"},
       {"Événements", "Scènes", "Production"},
       {"location", "reemploi"},
       8,
       2,
       13,
       true,
       false,
       false},
      {"mise-sous-pli",
       "Mise sous pli et envois",
       {"79500000-9", "79570000-0", "79571000-7", "79823000-9"},
       {"Mise sous pli des courriers", "Routage des envois"},
       {"82.19Z", "82.92Z"},
       {"Routage", "Envois", "Conditionnement"},
       {},
       4,
       1,
       9,
       false,
       false,
       false},
      {"jouets",
       "Jouets pour les ludothèques",
       {"37500000-3", "37520000-9", "37522000-3", "37523000-0", "37524000-7"},
       {"Jouets d'occasion pour les ludothèques", "Jeux de société"},
       {"47.65Z", "32.40Z", "93.29Z"},
       {"Jeux", "Jouets", "Ludo"},
       {"reemploi", "reconditionnement", "recyclage"},
       3,
       0,
       6,
       false,
       false,
       false},
      {"velos",
       "Vélos et entretien",
       {"34430000-0", "34431000-7", "34432000-4", "50000000-5", "50800000-3"},
       {"Entretien de la flotte de vélos", "Vélos reconditionnés pour les agents"},
       {"95.29Z", "47.64Z", "77.21Z"},
       {"Cycles", "Vélo", "Atelier vélo"},
       {"reconditionnement", "reemploi", "location"},
       3,
       0,
       8,
       false,
       false,
       false},
      {"batiment",
       "Travaux de bâtiment",
       {"45000000-7", "45210000-2", "45262700-8", "45400000-1", "45421000-4", "45442100-8", "45453000-7", "45330000-9",
        "45310000-3", "45111100-9", "44000000-0"},
       {"Réhabilitation des équipements sportifs", "Travaux de peinture des écoles",
        "Menuiseries des bâtiments communaux", "Plomberie et sanitaires"},
       {"43.34Z", "43.32A", "43.99C", "41.20B", "43.22A", "43.21A"},
       {"Bâtiment", "Rénovation", "Second œuvre"},
       {"reemploi"},
       12,
       6,
       21,
       true,
       true,
       false},
      {"culture",
       "Action culturelle",
       {"92000000-1", "92500000-6", "92312000-1", "92320000-0", "79952100-3"},
       {"Animation culturelle des médiathèques", "Spectacles pour le jeune public"},
       {"90.01Z", "90.04Z", "94.99Z"},
       {"Compagnie", "Collectif", "Ateliers"},
       {},
       4,
       2,
       10,
       false,
       false,
       true},
      {"solidarites",
       "Accompagnement social",
       {"85320000-8", "98133000-4", "80500000-9", "80530000-8"},
       {"Accompagnement vers l'emploi", "Formations aux savoirs de base"},
       {"88.99B", "85.59A"},
       {"Solidarités", "Accompagnement", "Parcours"},
       {},
       4,
       3,
       13,
       false,
       false,
       true},
      {"textile",
       "Vêtements de travail",
       {"18000000-9", "18100000-0", "18110000-3", "39500000-7"},
       {"Tenues de travail en textile recyclé", "Linge des crèches"},
       {"14.12Z", "13.99Z"},
       {"Couture", "Textile", "Fil"},
       {"reemploi", "recyclage"},
       3,
       1,
       9,
       false,
       false,
       false},
  };
  return themes;
}

// Estimated amounts, EUR excl. VAT: a ladder (no floating point in the output).
constexpr int kAmounts[] = {5000,   8000,    12000,   15000,   20000,   25000,  30000,  38000,
                            45000,  60000,   80000,   100000,  150000,  200000, 300000, 450000,
                            700000, 1000000, 1500000, 2400000, 3500000, 5000000};

constexpr std::string_view kSyllablesA[] = {"Ar",   "Bel", "Cal", "Dor", "El",  "Fal", "Gal", "Hel",
                                            "Ir",   "Jal", "Kor", "Lum", "Mar", "Nor", "Or",  "Pel",
                                            "Quin", "Ros", "Sol", "Tal", "Ul",  "Val", "Ver", "Zé"};
constexpr std::string_view kSyllablesB[] = {"ba", "cé", "da", "fi", "go", "la", "li", "mo", "na",
                                            "ni", "ra", "ri", "sa", "ta", "to", "vi", "zo"};
constexpr std::string_view kSyllablesC[] = {"lis",  "nor", "vel", "ric", "ane", "ya",
                                            "mont", "val", "bel", "rin", "ton", "lia"};

// Inclusion structures with their usual legal forms and size, and their weight.
struct Structure {
  std::string_view code;
  std::vector<std::string_view> legal_forms;
  bool pme;  // usually 10-249 people (else micro)
  int weight;
};

const std::vector<Structure>& Structures() {
  static const std::vector<Structure> structures = {
      {"EI", {"SAS", "SARL", "Association"}, true, 4},
      {"ACI", {"Association"}, false, 4},
      {"AI", {"Association"}, false, 2},
      {"ETTI", {"SAS", "SARL"}, false, 1},
      {"EA", {"SAS", "Association"}, true, 3},
      {"ESAT", {"Association"}, true, 3},
      {"GEIQ", {"Association"}, false, 1},
  };
  return structures;
}

// Other public buyers once the communes of the pool are used up: (kind, name prefix).
constexpr std::pair<std::string_view, std::string_view> kOtherBuyers[] = {
    {"syndicat", "Syndicat intercommunal"},
    {"bailleur", "Office public de l'habitat"},
    {"hopital", "Centre hospitalier"},
    {"ccas", "Centre communal d'action sociale"},
    {"college", "Collège"},
    {"epci", "Communauté d'agglomération"},
};

// ---------------------------------------------------------------------------
// Randomness: std::mt19937_64 is specified bit for bit by the standard; the
// distributions of <random> are not, hence these helpers.

class EventRng {
 public:
  explicit EventRng(uint64_t seed) : engine_(seed) {}
  // Uniform in [0, n), n > 0 (multiply-shift; the bias is below 2^-40 here).
  int Below(int n) {
    return static_cast<int>((static_cast<unsigned __int128>(engine_()) * static_cast<uint64_t>(n)) >> 64);
  }
  // Uniform in [lo, hi].
  int Between(int lo, int hi) { return lo + Below(hi - lo + 1); }
  // True with probability P.
  bool Chance(double p) {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return static_cast<double>(engine_() >> 11) < p * 9007199254740992.0;  // 2^53
  }
  template <class T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(static_cast<int>(items.size()))];
  }
  template <class T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(static_cast<int>(N))];
  }
  // An index drawn with integer weights.
  int Weighted(const std::vector<int>& weights) {
    int total = 0;
    for (int w : weights) total += w;
    int r = Below(total);
    for (size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return static_cast<int>(i);
      r -= weights[i];
    }
    return static_cast<int>(weights.size()) - 1;
  }
  char Digit() { return static_cast<char>('0' + Below(10)); }

 private:
  std::mt19937_64 engine_;
};

bool LuhnOk(std::string_view digits) {
  int total = 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    int d = digits[digits.size() - 1 - i] - '0';
    if (i % 2 == 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    total += d;
  }
  return total % 10 == 0;
}

// PREFIX followed by the digit that makes it pass the Luhn check.
std::string LuhnComplete(std::string prefix) {
  prefix.push_back('0');
  for (char d = '0'; d <= '9'; ++d) {
    prefix.back() = d;
    if (LuhnOk(prefix)) break;
  }
  return prefix;
}

// A SIRET whose SIREN starts with one of FIRST; both parts pass the Luhn check.
std::string RandomSiret(EventRng& rng, std::string_view first) {
  std::string siren(1, first[rng.Below(static_cast<int>(first.size()))]);
  for (int i = 0; i < 7; ++i) siren.push_back(rng.Digit());
  std::string nic = LuhnComplete(std::move(siren)) + "0";
  for (int i = 0; i < 3; ++i) nic.push_back(rng.Digit());
  return LuhnComplete(std::move(nic));
}

// "09:05" for 545 (minutes since midnight, 0 <= minutes < 24 * 60).
std::string Hhmm(int minutes) {
  const int h = minutes / 60, m = minutes % 60;
  return {static_cast<char>('0' + h / 10), static_cast<char>('0' + h % 10), ':', static_cast<char>('0' + m / 10),
          static_cast<char>('0' + m % 10)};
}

// "f0042" for ('f', 42, 4).
std::string Id(char prefix, int index, int width) {
  std::string digits = std::to_string(index);
  if (static_cast<int>(digits.size()) < width) digits.insert(0, width - digits.size(), '0');
  return prefix + digits;
}

int Width(int count) {
  int width = 3;
  for (int n = 1000; n <= count; n *= 10) ++width;
  return width;
}

std::string CoinedName(EventRng& rng) {
  std::string name(rng.Pick(kSyllablesA));
  name += rng.Pick(kSyllablesB);
  if (rng.Chance(0.3)) name += rng.Pick(kSyllablesB);
  name += rng.Pick(kSyllablesC);
  return name;
}

std::string CityName(std::string_view name) {
  std::string out;
  if (name.substr(0, 3) == "Le ") return "Ville du " + std::string(name.substr(3));
  if (name.substr(0, 4) == "Les ") return "Ville des " + std::string(name.substr(4));
  if (std::string_view("AEIOU").find(name[0]) != std::string_view::npos || name.substr(0, 2) == "É")
    return "Ville d'" + std::string(name);
  return "Ville de " + std::string(name);
}

Json Window(int start, int end) { return Json{{"start", Hhmm(start)}, {"end", Hhmm(end)}}; }

// The time grid: sessions and breaks, in minutes since midnight.
struct Grid {
  std::vector<std::pair<int, int>> sessions;
  std::vector<std::pair<int, int>> breaks;
};

bool HasBreak(const GenerateOptions& o) { return o.coffee_break && o.slots >= 6; }

Grid MakeGrid(const GenerateOptions& o) {
  Grid grid;
  const int length = (o.slots + (HasBreak(o) ? 1 : 0)) * o.slot_minutes;
  int start = 9 * 60;
  for (int s = 0; s < o.sessions; ++s) {
    if (s > 0) start = std::max(14 * 60, grid.sessions.back().second + 60);
    grid.sessions.emplace_back(start, start + length);
    if (HasBreak(o)) {
      const int b = start + (o.slots / 2) * o.slot_minutes;
      grid.breaks.emplace_back(b, b + o.slot_minutes);
    }
  }
  return grid;
}

// Availability windows for someone present only part of the time: arrives late,
// leaves early, or (with two sessions or more) comes to one session only.
Json PartialAvailability(EventRng& rng, const GenerateOptions& o, const Grid& grid) {
  Json windows = Json::array();
  const int n = static_cast<int>(grid.sessions.size());
  if (n > 1 && rng.Chance(0.4)) {
    const auto& [s, e] = grid.sessions[rng.Below(n)];
    windows.push_back(Window(s, e));
    return windows;
  }
  const int shift = rng.Between(2, std::max(2, o.slots / 2)) * o.slot_minutes;
  const bool late = rng.Chance(0.5);
  for (int i = 0; i < n; ++i) {
    auto [s, e] = grid.sessions[i];
    if (late && i == 0) s += shift;
    if (!late && i == n - 1) e -= shift;
    windows.push_back(Window(s, e));
  }
  return windows;
}

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::strict); }

// Joins records one per line inside a JSON array, indented.
void AppendRecords(std::string& out, std::string_view key, const std::vector<std::string>& lines, bool last) {
  out += " \"";
  out += key;
  out += "\": [";
  for (size_t i = 0; i < lines.size(); ++i) {
    out += i == 0 ? "\n  " : ",\n  ";
    out += lines[i];
  }
  out += lines.empty() ? "]" : "\n ]";
  out += last ? "\n" : ",\n";
}

GenerateOptions Clamped(GenerateOptions o) {
  o.suppliers = std::clamp(o.suppliers, 1, 1000000);
  o.stands = std::clamp(o.stands, 1, 100000);
  o.needs_per_stand_max = std::clamp(o.needs_per_stand_max, 1, 20);
  o.tables_max = std::clamp(o.tables_max, 1, 20);
  o.sessions = std::clamp(o.sessions, 1, 2);
  o.slot_minutes = std::clamp(o.slot_minutes, 5, 60);
  o.slots = std::clamp(o.slots, 1, 200);
  o.wishes_max = std::clamp(o.wishes_max, 1, 50);
  auto share = [](double v) { return v >= 0 && v <= 1 ? v : (v > 1 ? 1.0 : 0.0); };
  o.partial_availability = share(o.partial_availability);
  o.wish_share = share(o.wish_share);
  o.max_meetings_share = share(o.max_meetings_share);
  o.invitation_share = share(o.invitation_share);
  // Shorten the sessions until the day fits.
  while (o.slots > 1 && MakeGrid(o).sessions.back().second > 23 * 60 + 59) --o.slots;
  return o;
}

// One synthetic event, drawn in a fixed order (event, buyers and stands, suppliers,
// invitations) from one random stream: the same options give the same bytes.
class Generator {
 public:
  explicit Generator(const GenerateOptions& options)
      : o_(Clamped(options)),
        rng_(o_.seed),
        themes_(Themes()),
        grid_(MakeGrid(o_)),
        communes_by_tier_(kTiers),
        stands_by_theme_(themes_.size()),
        suppliers_by_theme_(themes_.size()) {
    for (const Theme& t : themes_) theme_weights_.push_back(t.weight);
    for (int i = 0; i < static_cast<int>(std::size(kCommunes)); ++i) communes_by_tier_[kCommunes[i].tier].push_back(i);
  }

  std::string Run() {
    std::string out = "{\n \"format\": \"standmatch.event/1\",\n \"event\": {\n";
    bool first = true;
    const Json header = EventHeader();
    for (const auto& [key, value] : header.items()) {
      out += first ? "  " : ",\n  ";
      first = false;
      out += Dump(Json(key)) + ": " + Dump(value);
    }
    out += "\n },\n";
    Stands();
    Suppliers();
    Invitations();
    AppendRecords(out, "buyers", buyer_lines_, false);
    AppendRecords(out, "stands", stand_lines_, false);
    AppendRecords(out, "suppliers", supplier_lines_, false);
    AppendRecords(out, "invitations", invitation_lines_, true);
    out += "}\n";
    return out;
  }

 private:
  Json EventHeader() const {
    Json event;
    event["id"] = "synthetic-" + std::to_string(o_.seed);
    event["name"] = "Forum synthétique n° " + std::to_string(o_.seed) + " (données synthétiques)";
    event["synthetic"] = true;
    event["date"] = "2026-03-19";
    event["commune"] = std::string(kHostCommune);
    Json territory = Json::array();
    for (int i : communes_by_tier_[0]) territory.push_back(std::string(kCommunes[i].insee));
    event["territory"] = territory;
    Json sessions = Json::array();
    for (const auto& [s, e] : grid_.sessions) sessions.push_back(Window(s, e));
    event["sessions"] = sessions;
    event["slot_minutes"] = o_.slot_minutes;
    Json breaks = Json::array();
    for (const auto& [s, e] : grid_.breaks) {
      Json b = Window(s, e);
      b["label"] = "coffee";
      breaks.push_back(b);
    }
    event["breaks"] = breaks;
    event["generator"] = {{"seed", std::to_string(o_.seed)},
                          {"suppliers", o_.suppliers},
                          {"stands", o_.stands},
                          {"needs_per_stand_max", o_.needs_per_stand_max},
                          {"slots", o_.slots}};
    return event;
  }

  // Stands, grouped under buyers (1 to 3 stands each).
  void Stands() {
    const int width = Width(o_.stands);
    std::string buyer_id;
    int left_for_buyer = 0;
    for (int s = 0; s < o_.stands; ++s) {
      if (left_for_buyer == 0) {
        left_for_buyer = rng_.Between(1, 3);
        buyer_id = Buyer();
      }
      --left_for_buyer;
      Stand(s, width, buyer_id);
    }
  }

  // The next buyer: the EPT first, then the communes of the pool, then other public
  // buyers. Returns its id.
  std::string Buyer() {
    ++buyer_index_;
    const std::string buyer_id = Id('b', buyer_index_, Width(o_.stands));
    Json buyer;
    buyer["id"] = buyer_id;
    std::string siret;
    if (buyer_index_ == 1) {
      buyer["name"] = std::string(kEptName);
      buyer["kind"] = "ept";
      buyer["commune"] = std::string(kHostCommune);
      siret = std::string(kEptSiret);
    } else {
      if (next_commune_ < static_cast<int>(std::size(kCommunes)) && kCommunes[next_commune_].tier < 3) {
        const Commune& c = kCommunes[next_commune_++];
        buyer["name"] = CityName(c.name);
        buyer["kind"] = "commune";
        buyer["commune"] = std::string(c.insee);
      } else {
        const auto& [kind, prefix] = rng_.Pick(kOtherBuyers);
        const auto& tier = communes_by_tier_[rng_.Below(3)];
        buyer["name"] = std::string(prefix) + " " + CoinedName(rng_);
        buyer["kind"] = std::string(kind);
        buyer["commune"] = std::string(kCommunes[rng_.Pick(tier)].insee);
      }
      do siret = RandomSiret(rng_, "2");
      while (siret == kEptSiret || !buyer_sirets_.insert(siret).second);
    }
    buyer["siret"] = siret;
    buyer_lines_.push_back(Dump(buyer));
    return buyer_id;
  }

  void Stand(int s, int width, const std::string& buyer_id) {
    std::vector<int> stand_themes = {rng_.Weighted(theme_weights_)};
    if (rng_.Chance(0.2)) {
      const int other = rng_.Weighted(theme_weights_);
      if (other != stand_themes[0]) stand_themes.push_back(other);
    }
    const Theme& main = themes_[stand_themes[0]];
    const std::string id = Id('s', s + 1, width) + "-" + std::string(main.key);
    Json stand;
    stand["id"] = id;
    stand["buyer"] = buyer_id;
    stand["title"] = std::string(main.title);
    stand["tables"] = rng_.Chance(0.6) ? 1 : rng_.Between(1, o_.tables_max);
    if (rng_.Chance(o_.partial_availability)) stand["available"] = PartialAvailability(rng_, o_, grid_);
    Json needs = Json::array();
    const int need_count = rng_.Between(1, o_.needs_per_stand_max);
    for (int k = 0; k < need_count; ++k) {
      const Theme& t = themes_[stand_themes[rng_.Below(static_cast<int>(stand_themes.size()))]];
      needs.push_back(Need(t, id + "-" + std::to_string(k + 1)));
    }
    for (int t : stand_themes) stands_by_theme_[t].push_back(s);
    themes_of_stand_.push_back(stand_themes);
    stand_ids_.push_back(id);
    // The stand on one line, its needs one per line.
    std::string line = Dump(stand);
    line.pop_back();
    line += ",\"needs\":[";
    for (size_t k = 0; k < needs.size(); ++k) line += (k ? ",\n    " : "\n    ") + Dump(needs[k]);
    line += "]}";
    stand_lines_.push_back(std::move(line));
  }

  Json Need(const Theme& t, const std::string& id) {
    Json need;
    need["id"] = id;
    need["title"] = std::string(rng_.Pick(t.need_titles));
    Json cpv = Json::array();
    // Needs name fine codes mostly (skipping the coarsest of the theme).
    const int first = t.cpv.size() > 2 ? 1 : 0;
    const int count = rng_.Chance(0.3) ? 2 : 1;
    for (int c = 0; c < count; ++c) {
      std::string code(t.cpv[first + rng_.Below(static_cast<int>(t.cpv.size()) - first)]);
      if (rng_.Chance(0.4)) code.resize(8);
      if (std::find(cpv.begin(), cpv.end(), Json(code)) == cpv.end()) cpv.push_back(code);
    }
    need["cpv"] = cpv;
    need["amount_eur"] = kAmounts[rng_.Between(t.amount_min, t.amount_max)];
    need["quarter"] = "2026-Q" + std::to_string(rng_.Between(2, 4));
    std::string reserved = "none";
    if (t.ess_reservable && rng_.Chance(0.3)) {
      reserved = "ess";
    } else {
      const int r = rng_.Below(100);
      if (r < 8)
        reserved = "insertion";
      else if (r < 12)
        reserved = "disability";
      else if (r < 15)
        reserved = "disability-or-insertion";
    }
    need["reserved"] = reserved;
    need["reuse"] = !t.reuse.empty() && rng_.Chance(0.5);
    need["insertion_clause_pct"] =
        t.insertion_clause && reserved == "none" && rng_.Chance(0.4) ? rng_.Between(5, 8) : 0;
    return need;
  }

  // Who a supplier is: kind of structure, legal form, size, ESS status, labels.
  struct Identity {
    std::string structure, legal_form, size;
    bool ess = false;
    std::vector<std::string> labels;
  };

  Identity DrawIdentity(const Theme& t) {
    Identity id;
    const int kind = rng_.Weighted({55, 15, 30});  // classic, ESS, inclusion structure
    if (kind == 2) {
      const Structure& st = Structures()[rng_.Weighted(structure_weights_)];
      id.structure = std::string(st.code);
      id.legal_form = std::string(rng_.Pick(st.legal_forms));
      id.size = st.pme && rng_.Chance(0.7) ? "pme" : "micro";
      id.ess = id.legal_form == "Association" || rng_.Chance(0.5);
    } else if (kind == 1) {
      constexpr std::string_view kForms[] = {"Association", "Association", "SCOP", "SCOP", "SCIC", "SAS"};
      id.legal_form = std::string(rng_.Pick(kForms));
      id.size = rng_.Chance(0.6) ? "micro" : "pme";
      id.ess = true;
      if (id.legal_form == "SAS") id.labels.push_back("esus");
    } else {
      const int s = rng_.Weighted({55, 35, 7, 3});
      id.size = s == 0 ? "micro" : s == 1 || !t.large_firms ? "pme" : s == 2 ? "eti" : "ge";
      if (id.size == "micro") {
        constexpr std::string_view kForms[] = {"SARL", "SASU", "EURL", "Entreprise individuelle"};
        id.legal_form = std::string(rng_.Pick(kForms));
      } else {
        id.legal_form = id.size == "pme" ? (rng_.Chance(0.5) ? "SAS" : "SARL") : (id.size == "ge" ? "SA" : "SAS");
      }
    }
    return id;
  }

  std::string DrawName(const Theme& t, const Identity& id) {
    const std::string word(rng_.Pick(t.words));
    const std::string brand = CoinedName(rng_);
    if (id.structure == "GEIQ") return "GEIQ " + word + " " + brand;
    if (id.structure == "ESAT") return "ESAT " + brand;
    if (id.legal_form == "Association") {
      constexpr std::string_view kQualifiers[] = {"solidaire", "d'insertion", "partagé", "en commun"};
      return word + " " + std::string(rng_.Pick(kQualifiers)) + " " + brand;
    }
    if (id.legal_form == "SCOP" || id.legal_form == "SCIC") return word + " " + brand + " (" + id.legal_form + ")";
    if (id.size == "eti" || id.size == "ge") return "Groupe " + brand + " " + word;
    return word + " " + brand;
  }

  Json DrawSupplierCpv(const Theme& t) {
    std::vector<std::string_view> pool(t.cpv.begin(), t.cpv.end());
    if (rng_.Chance(0.25)) {  // also sells in a second trade
      const Theme& other = themes_[rng_.Below(static_cast<int>(themes_.size()))];
      if (&other != &t) pool.insert(pool.end(), other.cpv.begin(), other.cpv.begin() + 2);
    }
    Json cpv = Json::array();
    const int count = rng_.Between(1, std::min<int>(4, pool.size()));
    for (int c = 0; c < count; ++c) {
      std::string code(pool[rng_.Below(static_cast<int>(pool.size()))]);
      if (rng_.Chance(0.5)) code.resize(8);
      if (std::find(cpv.begin(), cpv.end(), Json(code)) == cpv.end()) cpv.push_back(code);
    }
    return cpv;
  }

  // Wishes go to stands of the supplier's theme, a few elsewhere; a few are `no`.
  Json DrawWishes(int theme_index) {
    Json wishes = Json::array();
    std::vector<int> chosen;
    auto add = [&](int stand, const char* level) {
      if (std::find(chosen.begin(), chosen.end(), stand) != chosen.end()) return;
      chosen.push_back(stand);
      wishes.push_back({{"stand", stand_ids_[stand]}, {"level", level}});
    };
    const std::vector<int>& own = stands_by_theme_[theme_index];
    const int k = rng_.Between(1, o_.wishes_max);
    for (int w = 0; w < k; ++w) {
      const int stand = own.empty() ? rng_.Below(o_.stands) : rng_.Pick(own);
      add(stand, rng_.Chance(0.3) ? "must" : "want");
    }
    if (rng_.Chance(0.3)) add(rng_.Below(o_.stands), "want");
    if (rng_.Chance(0.08)) add(rng_.Below(o_.stands), "no");
    return wishes;
  }

  void Suppliers() {
    const int width = Width(o_.suppliers);
    for (const Structure& st : Structures()) structure_weights_.push_back(st.weight);
    for (int f = 0; f < o_.suppliers; ++f) Supplier(f, width);
  }

  void Supplier(int f, int width) {
    const int theme_index = rng_.Weighted(theme_weights_);
    const Theme& t = themes_[theme_index];
    Identity identity = DrawIdentity(t);
    // Headcount and turnover per head (kEUR) by size, Décret 2008-1354 art. 3.
    struct Band {
      int min_employees, max_employees, min_per_head, max_per_head;
    };
    const Band band = identity.size == "micro" ? Band{1, 9, 45, 140}
                      : identity.size == "pme" ? Band{10, 240, 55, 160}
                      : identity.size == "eti" ? Band{260, 4500, 80, 180}
                                               : Band{6000, 60000, 120, 220};
    const int employees = rng_.Between(band.min_employees, band.max_employees);
    const int64_t per_head = rng_.Between(band.min_per_head, band.max_per_head);
    int64_t turnover = employees * per_head * 1000;
    if (!identity.structure.empty() || identity.legal_form == "Association") turnover = turnover * 2 / 5 / 1000 * 1000;

    const std::string name = DrawName(t, identity);
    const std::vector<int> tier_weights(std::begin(kTierWeights), std::end(kTierWeights));
    const auto& tier = communes_by_tier_[rng_.Weighted(tier_weights)];
    const Commune& commune = kCommunes[rng_.Pick(tier)];
    Json cpv = DrawSupplierCpv(t);

    const std::string id = Id('f', f + 1, width);
    std::string siret;
    do siret = RandomSiret(rng_, "3456789");
    while (!supplier_sirets_.insert(siret).second);
    Json sup;
    sup["id"] = id;
    sup["name"] = name;
    sup["siret"] = siret;
    sup["commune"] = std::string(commune.insee);
    sup["employees"] = employees;
    sup["turnover_eur"] = turnover;
    sup["legal_form"] = identity.legal_form;
    sup["ess"] = identity.ess;
    if (!identity.structure.empty()) sup["structure"] = identity.structure;
    sup["cpv"] = cpv;
    sup["naf"] = std::string(rng_.Pick(t.naf));
    const bool reuse_trade = t.reuse.size() > 1;
    Json reuse = Json::array();
    for (std::string_view r : t.reuse)
      if (rng_.Chance(reuse_trade ? 0.55 : 0.25)) reuse.push_back(std::string(r));
    if (!reuse.empty()) sup["reuse"] = reuse;
    std::vector<std::string>& labels = identity.labels;
    if (t.key == "batiment" && rng_.Chance(0.4)) labels.push_back("rge");
    if (t.key == "nettoyage" && rng_.Chance(0.4)) labels.push_back("ecolabel");
    if (commune.tier == 0 && rng_.Chance(0.2)) labels.push_back("emplitude");
    if (!labels.empty()) sup["labels"] = labels;
    if (rng_.Chance(o_.partial_availability)) sup["available"] = PartialAvailability(rng_, o_, grid_);
    if (rng_.Chance(o_.max_meetings_share)) sup["max_meetings"] = rng_.Between(2, 6);
    if (rng_.Chance(o_.wish_share)) sup["wishes"] = DrawWishes(theme_index);
    suppliers_by_theme_[theme_index].push_back(f);
    supplier_ids_.push_back(id);
    supplier_lines_.push_back(Dump(sup));
  }

  // Invitations: a stand invites a supplier of one of its themes.
  void Invitations() {
    const int wanted = static_cast<int>(o_.invitation_share * o_.suppliers);
    std::set<std::pair<int, int>> seen;
    for (int tries = 0; static_cast<int>(invitation_lines_.size()) < wanted && tries < 20 * wanted + 100; ++tries) {
      const int stand = rng_.Below(o_.stands);
      const std::vector<int>& theirs = themes_of_stand_[stand];
      const std::vector<int>& fits = suppliers_by_theme_[theirs[rng_.Below(static_cast<int>(theirs.size()))]];
      if (fits.empty()) continue;
      const int supplier = rng_.Pick(fits);
      if (!seen.emplace(stand, supplier).second) continue;
      invitation_lines_.push_back(Dump(Json{{"stand", stand_ids_[stand]},
                                            {"supplier", supplier_ids_[supplier]},
                                            {"level", rng_.Chance(0.25) ? "must" : "want"}}));
    }
  }

  const GenerateOptions o_;
  EventRng rng_;
  const std::vector<Theme>& themes_;
  std::vector<int> theme_weights_, structure_weights_;
  const Grid grid_;
  std::vector<std::vector<int>> communes_by_tier_;
  int buyer_index_ = 0, next_commune_ = 0;
  std::unordered_set<std::string> buyer_sirets_, supplier_sirets_;
  std::vector<std::string> stand_ids_, supplier_ids_;
  std::vector<std::vector<int>> stands_by_theme_, themes_of_stand_, suppliers_by_theme_;
  std::vector<std::string> buyer_lines_, stand_lines_, supplier_lines_, invitation_lines_;
};

}  // namespace

Status CheckGenerateOptions(const GenerateOptions& o) {
  auto positive = [](int v, const char* name, int max) -> std::string {
    if (v < 1 || v > max)
      return std::string(name) + " must be between 1 and " + std::to_string(max) + ", got " + std::to_string(v);
    return "";
  };
  for (const std::string& m : {positive(o.suppliers, "suppliers", 1000000), positive(o.stands, "stands", 100000),
                               positive(o.needs_per_stand_max, "needs_per_stand_max", 20),
                               positive(o.tables_max, "tables_max", 20), positive(o.sessions, "sessions", 2),
                               positive(o.slots, "slots", 200), positive(o.wishes_max, "wishes_max", 50)}) {
    if (!m.empty()) return Status::Invalid(m);
  }
  if (o.slot_minutes < 5 || o.slot_minutes > 60)
    return Status::Invalid("slot_minutes must be between 5 and 60, got " + std::to_string(o.slot_minutes));
  const std::pair<double, const char*> shares[] = {{o.partial_availability, "partial_availability"},
                                                   {o.wish_share, "wish_share"},
                                                   {o.max_meetings_share, "max_meetings_share"},
                                                   {o.invitation_share, "invitation_share"}};
  for (const auto& [v, name] : shares) {
    if (!(v >= 0 && v <= 1))
      return Status::Invalid(std::string(name) + " must be between 0 and 1, got " + std::to_string(v));
  }
  const Grid grid = MakeGrid(o);
  if (grid.sessions.back().second > 23 * 60 + 59)
    return Status::Invalid("the sessions do not fit in one day: " + std::to_string(o.sessions) + " x " +
                           std::to_string(o.slots) + " slots of " + std::to_string(o.slot_minutes) +
                           " minutes end after 23:59");
  return Status();
}

std::string GenerateEvent(const GenerateOptions& options) { return Generator(options).Run(); }

std::vector<std::string> GeneratorCpvCodes() {
  std::set<std::string> codes;
  for (const Theme& t : Themes())
    for (std::string_view c : t.cpv) codes.emplace(c);
  return {codes.begin(), codes.end()};
}

std::vector<std::string> GeneratorCommuneCodes() {
  std::set<std::string> codes;
  for (const Commune& c : kCommunes) codes.emplace(c.insee);
  return {codes.begin(), codes.end()};
}

}  // namespace match
