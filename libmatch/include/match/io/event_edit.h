// Changes participants make to an event file themselves: a supplier's wishes, a
// stand's invitations, a registered supplier joining (interfaces.md §5, docs/daemon.md).
//
// Each edit reads the event file's JSON text, replaces one part and returns the new
// text; fields it does not touch are kept as they were (unknown ones too). The caller
// loads the result with ParseEvent to check it as a whole. Errors name FILE and the
// JSON path of the request body (`wishes[2].stand`) and the value. Pure functions;
// thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "match/base/status.h"
#include "match/domain/model.h"
#include "match/io/event_io.h"

namespace match {

// One wish (ID: a stand) or one invitation (ID: a supplier) by id.
struct InterestById {
  std::string id;
  Level level = Level::kNone;
};

enum class InterestKind { kWishes, kInvitations };

// The body {"wishes": [{"stand", "level"}]} or {"invitations": [{"supplier", "level"}]}:
// levels must, want, no; an id given twice is an error. Ids are checked against EVENT.
Result<std::vector<InterestById>> ParseInterests(std::string_view body, const std::string& file, InterestKind kind,
                                                 const Event& event);

// The wishes of SUPPLIER, or the invitations of STAND, as EVENT holds them.
std::vector<InterestById> WishesOf(const Event& event, SupplierIndex supplier);
std::vector<InterestById> InvitationsOf(const Event& event, StandIndex stand);
// {"wishes": [{"stand", "level"}]} or {"invitations": [{"supplier", "level"}]}.
std::string InterestsJson(const std::vector<InterestById>& list, InterestKind kind);

// EVENT_JSON with the wishes of supplier SUPPLIER_ID replaced by WISHES.
Result<std::string> ReplaceWishes(std::string_view event_json, const std::string& supplier_id,
                                  const std::vector<InterestById>& wishes);
// EVENT_JSON with the invitations of stand STAND_ID replaced by INVITATIONS (those of
// the other stands kept in their order).
Result<std::string> ReplaceInvitations(std::string_view event_json, const std::string& stand_id,
                                       const std::vector<InterestById>& invitations);
// EVENT_JSON with SUPPLIER_JSON (one supplier record, a JSON object) appended to its
// suppliers under the id SUPPLIER_ID.
Result<std::string> AppendSupplier(std::string_view event_json, const std::string& supplier_id,
                                   std::string_view supplier_json);

// EVENT_JSON with the sourced invitations of INVITATIONS_JSON merged in (the file
// `standmatch source --invite` writes: {"suppliers": [...], "invitations": [...]}): each
// supplier record is appended unless the event has a supplier of that id or SIRET (its
// invitations then name that supplier), and each invitation is added unless the stand
// already invites the supplier. FILE names INVITATIONS_JSON in messages.
Result<std::string> MergeInvitations(std::string_view event_json, std::string_view invitations_json,
                                     const std::string& file);

}  // namespace match
