// standmatchd's handlers, one per route of api.cpp's route table, grouped by concern.
// Each is a short call into libmatch and the Store (api_context.h gives the signature;
// docs/daemon.md the routes and their answers).
#pragma once
#include <string>
#include <vector>

#include "api_context.h"
#include "match/domain/model.h"

namespace standmatchd::handlers {

// ---- shared by the handler files ---------------------------------------------------
// The name an event body takes in messages, as the CLI names files.
inline constexpr char kEventFile[] = "event.json";
// The ids of EVENT's suppliers, in order (what the Store keeps tokens for).
std::vector<std::string> SupplierIds(const match::Event& event);
// The ids of EVENT's stands, in order (the stand tokens).
std::vector<std::string> StandIds(const match::Event& event);

// handlers_events.cpp: event files, CSV import, validation, rules, supplier tokens.
Response ListEvents(ApiContext& api, const Call& call);
Response GetEvent(ApiContext& api, const Call& call);
Response PutEvent(ApiContext& api, const Call& call);
Response PutEventCsv(ApiContext& api, const Call& call);
Response DeleteEvent(ApiContext& api, const Call& call);
Response Validate(ApiContext& api, const Call& call);
Response GetRules(ApiContext& api, const Call& call);
Response PutRules(ApiContext& api, const Call& call);
Response Tokens(ApiContext& api, const Call& call);

// handlers_participants.cpp: wishes, invitations (those sourced from a directory too), the history of revisions, early
// warnings, the public registration.
Response GetWishes(ApiContext& api, const Call& call);
Response PutWishes(ApiContext& api, const Call& call);
Response GetInvitations(ApiContext& api, const Call& call);
Response PutInvitations(ApiContext& api, const Call& call);
Response InviteFromDirectory(ApiContext& api, const Call& call);
Response History(ApiContext& api, const Call& call);
Response Warnings(ApiContext& api, const Call& call);
Response GetRegistration(ApiContext& api, const Call& call);
Response PutRegistration(ApiContext& api, const Call& call);
Response Register(ApiContext& api, const Call& call);
Response ListRegistrations(ApiContext& api, const Call& call);
Response AcceptRegistration(ApiContext& api, const Call& call);
Response RejectRegistration(ApiContext& api, const Call& call);

// handlers_rankings.cpp: the score table and the rankings.
Response Scores(ApiContext& api, const Call& call);
Response SupplierRanking(ApiContext& api, const Call& call);
Response StandRanking(ApiContext& api, const Call& call);
Response SourceDirectory(ApiContext& api, const Call& call);

// handlers_schedules.cpp: schedule jobs and versions, the re-plan, agendas, timetable.
Response StartSchedule(ApiContext& api, const Call& call);
Response GetJob(ApiContext& api, const Call& call);
Response LatestSchedule(ApiContext& api, const Call& call);
Response ListSchedules(ApiContext& api, const Call& call);
Response GetScheduleVersion(ApiContext& api, const Call& call);
Response Replan(ApiContext& api, const Call& call);
Response SupplierAgenda(ApiContext& api, const Call& call);
Response StandAgenda(ApiContext& api, const Call& call);
Response Timetable(ApiContext& api, const Call& call);
Response ChangedAgendas(ApiContext& api, const Call& call);
Response SupplierChanges(ApiContext& api, const Call& call);

// handlers_feeds.cpp: calendar feeds (no header) and their rotation.
// "/feeds/<token>.ics", as GET /events/{id}/tokens lists it.
std::string FeedPath(const std::string& token);
Response Feed(ApiContext& api, const Call& call);
Response RotateSupplierFeed(ApiContext& api, const Call& call);
Response RotateStandFeed(ApiContext& api, const Call& call);

}  // namespace standmatchd::handlers
