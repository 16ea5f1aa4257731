// Tests of text relevance in scoring: suppliers with only a NAF code or only an activity
// text are ranked by their words (score/text_relevance.h, Criterion::kText).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "event_builder.h"
#include "match/score/ranking.h"
#include "match/score/scoring.h"

namespace {

using event_builder::json;

struct Trade {
  const char* stand;
  const char* title;
  const char* description;
  const char* cpv;
};

// One stand a trade, as a forum of public buyers presents them.
const std::vector<Trade> kTrades = {
    {"impression", "Impression de supports de communication", "Brochures, affiches et magazine municipal", "79810000"},
    {"proprete", "Nettoyage des locaux administratifs", "Entretien des bureaux, vitrerie", "90919200"},
    {"espaces-verts", "Entretien des espaces verts", "Entretien paysager des parcs : tonte, taille des haies, élagage",
     "77310000"},
    {"dechets", "Collecte et valorisation des déchets", "Biodéchets des cantines et papier de bureau", "90511000"},
    {"mobilier", "Mobilier de bureau de réemploi", "Bureaux, chaises et armoires de seconde main", "39130000"},
    {"informatique", "Ordinateurs reconditionnés", "Postes de travail et écrans reconditionnés", "30213000"},
    {"restauration", "Restauration collective", "Repas des cantines scolaires et portage de repas", "55523100"},
    {"batiment", "Travaux de rénovation des écoles", "Peinture, maçonnerie et menuiserie des bâtiments", "45453000"},
};

json Forum(std::vector<json> suppliers) {
  json doc = event_builder::MinimalEvent();
  doc["stands"] = json::array();
  for (const Trade& t : kTrades) {
    json need = {{"id", std::string(t.stand) + "-1"},
                 {"title", t.title},
                 {"description", t.description},
                 {"cpv", json::array({t.cpv})}};
    doc["stands"].push_back(event_builder::Stand(t.stand, {need}));
  }
  doc["suppliers"] = std::move(suppliers);
  return doc;
}

json NafOnly(const std::string& id, const std::string& naf) {
  return {{"id", id}, {"name", "Supplier " + id}, {"commune", "94076"}, {"naf", naf}};
}

json ActivityOnly(const std::string& id, const std::string& activity) {
  return {{"id", id}, {"name", "Supplier " + id}, {"commune", "94076"}, {"activity", activity}};
}

// The stands of kTrades, in order: the expected first stand of each trade's supplier.
std::vector<std::string> Stands() {
  std::vector<std::string> out;
  for (const Trade& t : kTrades) out.push_back(t.stand);
  return out;
}

// The id of the stand ranked first for each supplier ("" when none).
std::vector<std::string> FirstStands(const match::Event& event, const match::ScoreTable& table) {
  std::vector<std::string> out;
  for (int s = 0; s < static_cast<int>(event.suppliers.size()); ++s) {
    auto ranking = match::RankStands(table, s, 1);
    out.push_back(ranking.empty() ? "" : event.stands[ranking[0]->stand].id);
  }
  return out;
}

}  // namespace

TEST_CASE("Text relevance: a supplier with only a NAF code ranks its trade's stand first") {
  match::Event event = event_builder::Parse(Forum({
      NafOnly("printer", "18.12Z"),    // Autre imprimerie (labeur)
      NafOnly("cleaner", "81.21Z"),    // Nettoyage courant des bâtiments
      NafOnly("gardener", "81.30Z"),   // Services d'aménagement paysager
      NafOnly("waste", "38.11Z"),      // Collecte des déchets non dangereux
      NafOnly("furniture", "31.01Z"),  // Fabrication de meubles de bureau et de magasin
      NafOnly("it", "95.11Z"),         // Réparation d'ordinateurs et d'équipements périphériques
      NafOnly("caterer", "56.21Z"),    // Services des traiteurs
      NafOnly("painter", "43.34Z"),    // Travaux de peinture et vitrerie
  }));
  auto table = match::Score(event, match::Rules::Default());
  CHECK(FirstStands(event, table) == Stands());
}

TEST_CASE("Text relevance: a supplier with only an activity text ranks its trade's stand first") {
  match::Event event = event_builder::Parse(Forum({
      ActivityOnly("printer", "Imprimerie labellisée Imprim'Vert : flyers, affiches, papier recyclé"),
      ActivityOnly("cleaner", "Entreprise de propreté : nettoyage de bureaux et de vitres"),
      ActivityOnly("gardener", "Paysagiste, entretien de jardins et élagage"),
      ActivityOnly("waste", "Collecte de biodéchets et de papier en vélo cargo"),
      ActivityOnly("furniture", "Réemploi de meubles de bureau, rénovation de chaises"),
      ActivityOnly("it", "Reconditionnement d'ordinateurs portables et de smartphones"),
      ActivityOnly("caterer", "Traiteur bio et local, repas pour cantines"),
      ActivityOnly("builder", "Maçonnerie, peinture et plâtrerie, petits travaux de rénovation"),
  }));
  auto table = match::Score(event, match::Rules::Default());
  CHECK(FirstStands(event, table) == Stands());
}

TEST_CASE("Text relevance: the explanation names the shared words in French") {
  match::Event event = event_builder::Parse(Forum({
      ActivityOnly("furniture", "Réemploi de mobilier de bureau"),
      NafOnly("caterer", "56.21Z"),
  }));
  auto table = match::Score(event, match::Rules::Default());
  auto furniture = match::RankStands(table, 0, 1);
  REQUIRE(furniture.size() == 1);
  std::string reasons = match::Explain(event, *furniture[0], match::Territory::Builtin());
  INFO(reasons);
  CHECK(reasons.find("'réemploi'") != std::string::npos);
  CHECK(reasons.find("'mobilier'") != std::string::npos);
  CHECK(reasons.find("dans le besoin et l'activité du fournisseur") != std::string::npos);
  CHECK(reasons.find("aucun CPV commun") == std::string::npos);
  auto caterer = match::RankStands(table, 1, 1);
  REQUIRE(caterer.size() == 1);
  std::string naf = match::Explain(event, *caterer[0], match::Territory::Builtin());
  INFO(naf);
  CHECK(naf.find("l'activité NAF 56.21Z du fournisseur") != std::string::npos);
  CHECK(table.Value(*caterer[0], match::Criterion::kText) > 0);
  CHECK(table.Value(*caterer[0], match::Criterion::kRelevance) == 0);
}

TEST_CASE("Text relevance: no text on either side costs nothing and changes nothing") {
  // With the text weight at 0 the index is never built and the table is the CPV one.
  json doc = Forum({event_builder::Supplier("f1", {"39130000"}), NafOnly("printer", "18.12Z")});
  match::Event event = event_builder::Parse(doc);
  match::Rules no_text = match::Rules::Default();
  no_text.weights[static_cast<int>(match::Criterion::kText)] = 0;
  auto table = match::Score(event, no_text);
  CHECK(table.OfSupplier(1).empty());  // only words: no candidate without the criterion
  REQUIRE(table.OfSupplier(0).size() == 1);
  CHECK(table.Value(table.OfSupplier(0)[0], match::Criterion::kText) == 0);
}

TEST_CASE("Text relevance: the indexed scorer finds the same pairs as the all-pairs reference") {
  match::Event event = event_builder::Parse(Forum({
      NafOnly("printer", "18.12Z"),
      ActivityOnly("gardener", "Paysagiste, élagage"),
      event_builder::Supplier("f1", {"39130000"}),
      event_builder::Supplier("f2", {"45000000"}),
  }));
  auto indexed = match::Score(event, match::Rules::Default());
  auto all = match::ScoreAllPairs(event, match::Rules::Default());
  REQUIRE(indexed.pairs().size() == all.pairs().size());
  for (size_t i = 0; i < all.pairs().size(); ++i) {
    CHECK(indexed.pairs()[i].stand == all.pairs()[i].stand);
    CHECK(indexed.pairs()[i].score == all.pairs()[i].score);
  }
  CHECK(indexed.pairs().size() >= 3);
}
