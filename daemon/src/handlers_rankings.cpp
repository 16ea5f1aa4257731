// Handlers of the score table and the rankings, served from the event cache.
#include <algorithm>

#include "handlers.h"
#include "json_views.h"
#include "match/domain/territory.h"
#include "match/score/ranking.h"
#include "match/tools/source.h"

namespace standmatchd::handlers {
namespace {

constexpr int kDefaultTop = 10;

// ?top=K: a non-negative whole number, kDefaultTop when absent.
match::Result<int> TopParam(const Call& call) {
  auto text = call.target.Query("top");
  if (!text) return kDefaultTop;
  int value = 0;
  bool digits = !text->empty() && text->size() <= 9 &&
                std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) value = std::stoi(*text);
  if (!digits) return match::Status::Invalid("query top: " + Quote(*text) + " is not a non-negative whole number");
  return value;
}

Response Ranking(ApiContext& api, const Call& call, bool of_supplier) {
  const std::string& owner_id = call.Param(of_supplier ? "sid" : "tid");
  auto top = TopParam(call);
  if (!top.ok()) return StatusResponse(top.status());
  const auto lang = call.Lang();
  if (!lang.ok()) return StatusResponse(lang.status());
  const std::string lang_name(match::LangName(*lang));
  auto state = api.cache.State(call.Param("id"));
  if (!state.ok()) return StatusResponse(state.status());
  const EventState& s = **state;
  const match::Event& event = *s.event;
  auto owner = of_supplier ? event.FindSupplier(owner_id) : event.FindStand(owner_id);
  if (!owner)
    return ErrorResponse(
        404, std::string(of_supplier ? "no supplier " : "no stand ") + Quote(owner_id) + " in event " + Quote(s.id));
  // Every K at least the number of candidates is "all": one memo entry for them.
  int count = of_supplier ? static_cast<int>(event.stands.size()) : static_cast<int>(event.suppliers.size());
  int k = (*top <= 0 || *top > count) ? 0 : *top;
  std::string key = std::string(of_supplier ? "rank/supplier/" : "rank/stand/") + std::to_string(*owner) + "/" +
                    std::to_string(k) + "/" + lang_name;
  return s.Memo(key, [&] {
    auto ranking = of_supplier ? match::RankStands(*s.scores, *owner, k) : match::RankSuppliers(*s.scores, *owner, k);
    // An empty supplier ranking carries each stand's reason (the unmet reasons).
    std::vector<match::Unranked> unranked;
    if (of_supplier && ranking.empty()) unranked = match::UnrankedForRanking(event, *s.rules, *s.scores, *owner);
    return JsonTextResponse(
        200, match::RankingJson(event, *s.scores, ranking, of_supplier, *owner, match::Territory::Builtin(),
                                api.options.cpv_list.get(), &unranked, *lang));
  });
}

}  // namespace

Response Scores(ApiContext& api, const Call& call) {
  auto state = api.cache.State(call.Param("id"));
  if (!state.ok()) return StatusResponse(state.status());
  const EventState& s = **state;
  return s.Memo("scores", [&] {
    Response response;
    response.content_type = kCsvType;
    response.body = match::ScoresCsv(*s.event, *s.scores);
    return response;
  });
}

// POST /events/{id}/source?top=K&stand=TID&lang=fr|en with a directory (CSV) body: the
// structures most worth inviting to each stand (or one), as `standmatch source --json`,
// with the directory's warnings.
Response SourceDirectory(ApiContext& api, const Call& call) {
  auto top = TopParam(call);
  if (!top.ok()) return StatusResponse(top.status());
  const auto lang = call.Lang();
  if (!lang.ok()) return StatusResponse(lang.status());
  auto state = api.cache.State(call.Param("id"));
  if (!state.ok()) return StatusResponse(state.status());
  const EventState& s = **state;
  match::SourceOptions options;
  options.top = *top;
  if (auto stand = call.target.Query("stand")) {
    options.stand = s.event->FindStand(*stand);
    if (!options.stand) return ErrorResponse(404, "no stand " + Quote(*stand) + " in event " + Quote(s.id));
  }
  auto directory = match::ReadDirectory({"directory", call.request.body});
  if (!directory.ok()) return StatusResponse(directory.status());
  const match::Territory& territory = match::Territory::Builtin();
  std::vector<std::string> warnings = std::move(directory->warnings);
  const match::Sourcing sourcing = match::Source(*s.event, std::move(*directory), *s.rules, territory, options);
  Json reply = Json::parse(match::SourcingJson(sourcing, territory, api.options.cpv_list.get(), *lang));
  reply["warnings"] = std::move(warnings);
  return JsonResponse(200, reply);
}

Response SupplierRanking(ApiContext& api, const Call& call) { return Ranking(api, call, true); }
Response StandRanking(ApiContext& api, const Call& call) { return Ranking(api, call, false); }

}  // namespace standmatchd::handlers
