// Store: standmatchd's durable state in one SQLite database (SQLiteCpp).
//
// Holds the events (their JSON text as imported), each event's rules, every schedule
// version (computed or re-planned; none is ever overwritten) and the supplier tokens.
// The database runs in WAL mode with synchronous=FULL, so a committed write survives
// kill -9 and power loss; its schema is versioned (PRAGMA user_version) and migrated
// forward on open, each migration in its own transaction. Every public write is one
// transaction: when it fails, nothing of it is visible. Revision and schedule numbers
// are never reused for an event id, not even after DeleteEvent, so caches keyed by
// them cannot serve a deleted event's data.
//
// Thread-safety: a Store is safe to use from several threads. It holds two
// connections, each used by one thread at a time: one for writes, one (read-only) for
// reads, so a write waiting for another process's lock does not delay the reads, which
// see the last committed state (an in-memory database has one connection for both).
// Errors are values: storage failures (disk full, read-only file, corrupt database)
// come back as Status::Code::kIoError, which the API turns into 503.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "match/base/status.h"

namespace standmatchd {

struct EventRecord {
  std::string id;
  std::string json;        // the event file (standmatch.event/1), as stored
  std::string rules_json;  // the event's rules; empty = the default rules
  int64_t revision = 0;    // 1, 2, ... per event: every write to the event or its rules adds one
};

struct ScheduleInfo {
  int version = 0;             // 1, 2, ... per event
  std::string kind;            // "computed" or "replanned"
  int64_t created = 0;         // Unix seconds
  int based_on = 0;            // the version a re-plan started from; 0 for computed
  int64_t event_revision = 0;  // the event revision the schedule belongs to
  int meetings = 0;
};

struct ScheduleRecord {
  ScheduleInfo info;
  std::string json;          // the schedule file (standmatch.schedule/1)
  std::string changes_json;  // the changes body of a re-plan; empty for computed
};

struct SupplierToken {
  std::string supplier_id;
  std::string token;
};

struct StandToken {
  std::string stand_id;
  std::string token;
};

// Whose a participant token is: a supplier's (SUPPLIER_ID set) or a stand's (STAND_ID set).
struct TokenScope {
  std::string event_id;
  std::string supplier_id;
  std::string stand_id;
};

// Who wrote a revision and what the write changed ("supplier f001", "wishes of f001");
// empty for the organiser's imports and rules.
struct RevisionInfo {
  int64_t revision = 0;
  int64_t created = 0;  // Unix seconds
  std::string author;
  std::string change;
};

// A new event file, computed from the latest one inside a write transaction
// (Store::EditEvent): its JSON and the ids its tokens follow.
struct EventEdit {
  std::string json;
  std::vector<std::string> supplier_ids;
  std::vector<std::string> stand_ids;
};

// Whether the public registration of an event is open, and until when.
struct RegistrationSettings {
  bool open = false;
  std::string closes;                // as given; empty = no closing time
  std::optional<int64_t> closes_at;  // Unix seconds
};

// A supplier's registration: pending until the organiser accepts or rejects it.
struct RegistrationRecord {
  std::string id;  // "r1", "r2", ... per event
  int64_t created = 0;
  std::string state;  // "pending", "accepted", "rejected"
  std::string name, siret;
  std::string record_json;  // the supplier record (match::Registration::supplier_json)
  std::string supplier_id;  // once accepted
};

// A participant's calendar feed token (GET /feeds/{token}.ics needs no header).
struct FeedToken {
  std::string kind;  // "supplier" or "stand"
  std::string owner_id;
  std::string token;
};

struct FeedOwner {
  std::string event_id;
  std::string kind;  // "supplier" or "stand"
  std::string owner_id;
};

class Store {
 public:
  static constexpr int kSchemaVersion = 3;

  // Opens (creating if needed) the database at PATH, sets WAL and migrates the schema.
  // PATH may be an SQLite URI ("file:PATH?mode=ro": a read-only store whose writes
  // fail with IoError). A database of a newer schema than kSchemaVersion: InvalidInput;
  // a file that cannot be opened or is not a database: IoError.
  static match::Result<std::unique_ptr<Store>> Open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  int schema_version() const;

  // Creates or replaces the event ID with EVENT_JSON, whose suppliers are SUPPLIER_IDS,
  // in one transaction. Suppliers that already had a token keep it; new suppliers get
  // a fresh random token (opaque, 32 random bytes as 43 base64url characters, from the
  // OS's random source); tokens of suppliers no longer in the event are removed.
  // Schedules of the event are kept (they name their event revision). Returns the new
  // revision.
  // STAND_IDS (when given) are the stands, whose tokens follow them likewise.
  match::Result<int64_t> PutEvent(const std::string& id, const std::string& event_json,
                                  const std::vector<std::string>& supplier_ids,
                                  const std::vector<std::string>* stand_ids = nullptr);
  // Read-modify-write of event ID in one write transaction: EDIT receives the latest
  // revision and returns the new event file (an error status: nothing is written, and
  // EditEvent returns it). The result becomes a new revision with the latest rules,
  // recorded as written by AUTHOR with CHANGE; tokens follow its suppliers and stands.
  // Concurrent edits are serialised, so none is lost. NotFound when no such event.
  using EventEditor = std::function<match::Result<EventEdit>(const EventRecord& latest)>;
  match::Result<int64_t> EditEvent(const std::string& id, const std::string& author, const std::string& change,
                                   const EventEditor& edit);
  // Every revision of event ID with who wrote it, oldest first.
  match::Result<std::vector<RevisionInfo>> History(const std::string& id) const;
  // Every revision is kept (schedules refer to theirs). REVISION 0 = the latest.
  match::Result<std::optional<EventRecord>> GetEvent(const std::string& id, int64_t revision = 0) const;
  match::Result<std::vector<std::string>> ListEvents() const;  // sorted by id
  match::Status DeleteEvent(const std::string& id);            // with its schedules and tokens; NotFound

  // Sets the event's rules (JSON text; empty = default). NotFound if no such event.
  // A new revision with the same event JSON. Returns it.
  match::Result<int64_t> PutRules(const std::string& event_id, const std::string& rules_json);

  // Appends a computed schedule of the event at EVENT_REVISION; returns its version
  // (1 + the last one). MEETINGS: its meeting count, for listings. NotFound when the
  // event or that revision of it does not exist.
  match::Result<int> AddSchedule(const std::string& event_id, int64_t event_revision, const std::string& schedule_json,
                                 int meetings);
  // A re-plan, in one transaction: the changed event (walk-ins, new windows) becomes a
  // new revision (tokens as in PutEvent), and the new schedule a new version of kind
  // "replanned" on that revision, with its changes body and the version it started from.
  // NotFound (and nothing written) when the event or schedule BASED_ON does not exist.
  match::Result<int> CommitReplan(const std::string& event_id, const std::string& changed_event_json,
                                  const std::vector<std::string>& supplier_ids, const std::string& schedule_json,
                                  int meetings, const std::string& changes_json, int based_on);
  match::Result<std::vector<ScheduleInfo>> ListSchedules(const std::string& event_id) const;
  // VERSION 0 = the latest. nullopt when there is none.
  match::Result<std::optional<ScheduleRecord>> GetSchedule(const std::string& event_id, int version = 0) const;

  // Sorted by supplier id; NotFound when there is no such event.
  match::Result<std::vector<SupplierToken>> Tokens(const std::string& event_id) const;
  // Calendar feeds. The feed tokens of OWNER_IDS (of KIND, "supplier" or "stand"),
  // in that order; an owner without one gets a fresh random token (as supplier tokens),
  // in one transaction. NotFound when there is no such event.
  match::Result<std::vector<FeedToken>> Feeds(const std::string& event_id, const std::string& kind,
                                              const std::vector<std::string>& owner_ids);
  // Replaces the owner's feed token (the old one stops working); returns the new one.
  match::Result<std::string> RotateFeed(const std::string& event_id, const std::string& kind,
                                        const std::string& owner_id);
  // Whose feed TOKEN is (looked up by its digest, compared in constant time); nullopt
  // when nobody's.
  match::Result<std::optional<FeedOwner>> FindFeed(const std::string& token) const;

  // Draws the missing stand tokens of event ID for STAND_IDS (and drops those of
  // stands no longer there), without a new revision: for events stored before stands
  // had tokens. Returns whether anything changed. NotFound when no such event.
  match::Result<bool> SyncStandTokens(const std::string& event_id, const std::vector<std::string>& stand_ids);
  // The stand tokens, sorted by stand id; NotFound when there is no such event.
  match::Result<std::vector<StandToken>> StandTokens(const std::string& event_id) const;
  // Every token (suppliers' and stands') of every event, to build the daemon's
  // in-memory lookup at start.
  match::Result<std::vector<std::pair<TokenScope, std::string>>> AllTokens() const;

  // ---- registrations ------------------------------------------------------------
  // NotFound when no such event. Closed by default.
  match::Status SetRegistration(const std::string& event_id, const RegistrationSettings& settings);
  match::Result<RegistrationSettings> GetRegistration(const std::string& event_id) const;
  enum class AddOutcome { kAdded, kClosed, kFull };
  struct Added {
    AddOutcome outcome = AddOutcome::kAdded;
    std::string id;  // when added
  };
  // Adds a pending registration, in one transaction with the checks: registration
  // open and not past its closing time at NOW (kClosed), fewer than MAX_PER_EVENT
  // registrations of the event so far (kFull). NotFound when no such event.
  match::Result<Added> AddRegistration(const std::string& event_id, const std::string& name, const std::string& siret,
                                       const std::string& record_json, int max_per_event, int64_t now);
  // The event's registrations, oldest first.
  match::Result<std::vector<RegistrationRecord>> Registrations(const std::string& event_id) const;
  // Accepts pending registration RID: EDIT (given the latest event and the
  // registration) returns the event with the supplier added, which becomes a new
  // revision by "registration RID" in the same transaction as the state change.
  // NotFound (no event or no such registration); Invalid when it is not pending.
  using AcceptEditor =
      std::function<match::Result<EventEdit>(const EventRecord& latest, const RegistrationRecord& registration)>;
  match::Result<int64_t> AcceptRegistration(const std::string& event_id, const std::string& rid,
                                            const AcceptEditor& edit);
  // Rejects pending registration RID (NotFound; Invalid when not pending).
  match::Status RejectRegistration(const std::string& event_id, const std::string& rid);

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace standmatchd
