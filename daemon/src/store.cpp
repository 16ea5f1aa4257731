#include "store.h"

#include <sqlite3.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <ctime>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <utility>

#include "api_tokens.h"
#include "random_token.h"

namespace standmatchd {
namespace {

constexpr int kBusyTimeoutMs = 5000;

// Migration I (1-based) takes the schema from user_version I-1 to I. Append, never edit.
// Revision and schedule numbers live in `sequences`, which outlives DeleteEvent, so a
// number once given to an event id is never given again (caches keyed by it stay right).
constexpr const char* kMigrations[] = {
    // 1: events with every revision, schedules, supplier tokens.
    R"sql(
CREATE TABLE sequences (
  event_id TEXT PRIMARY KEY NOT NULL,
  last_revision INTEGER NOT NULL,
  last_schedule INTEGER NOT NULL
);
CREATE TABLE events (
  id TEXT PRIMARY KEY NOT NULL,
  revision INTEGER NOT NULL
);
CREATE TABLE event_revisions (
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  revision INTEGER NOT NULL,
  json TEXT NOT NULL,
  rules_json TEXT NOT NULL DEFAULT '',
  created INTEGER NOT NULL,
  PRIMARY KEY (event_id, revision)
);
CREATE TABLE schedules (
  event_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('computed', 'replanned')),
  created INTEGER NOT NULL,
  based_on INTEGER NOT NULL DEFAULT 0,
  event_revision INTEGER NOT NULL,
  meetings INTEGER NOT NULL,
  json TEXT NOT NULL,
  changes_json TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (event_id, version),
  FOREIGN KEY (event_id, event_revision)
    REFERENCES event_revisions(event_id, revision) ON DELETE CASCADE
);
CREATE TABLE tokens (
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  supplier_id TEXT NOT NULL,
  token TEXT NOT NULL UNIQUE,
  PRIMARY KEY (event_id, supplier_id)
);
)sql",
    // 2: calendar feed tokens, one per participant (a supplier or a stand), looked up by
    // the SHA-1 digest of the token.
    R"sql(
CREATE TABLE feeds (
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('supplier', 'stand')),
  owner_id TEXT NOT NULL,
  token TEXT NOT NULL,
  digest BLOB NOT NULL UNIQUE,
  PRIMARY KEY (event_id, kind, owner_id)
);
)sql",
    // 3: the participants: stand tokens, who wrote each revision, the public registration.
    R"sql(
CREATE TABLE stand_tokens (
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  stand_id TEXT NOT NULL,
  token TEXT NOT NULL UNIQUE,
  PRIMARY KEY (event_id, stand_id)
);
CREATE TABLE revision_authors (
  event_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  author TEXT NOT NULL,
  change TEXT NOT NULL,
  PRIMARY KEY (event_id, revision),
  FOREIGN KEY (event_id, revision)
    REFERENCES event_revisions(event_id, revision) ON DELETE CASCADE
);
CREATE TABLE registration_settings (
  event_id TEXT PRIMARY KEY NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  open INTEGER NOT NULL,
  closes TEXT NOT NULL DEFAULT '',
  closes_at INTEGER
);
CREATE TABLE registrations (
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  created INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'rejected')),
  name TEXT NOT NULL,
  siret TEXT NOT NULL,
  record TEXT NOT NULL,
  supplier_id TEXT NOT NULL DEFAULT '',
  decided INTEGER,
  PRIMARY KEY (event_id, id)
);
)sql",
};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == Store::kSchemaVersion,
              "one migration per schema version");

// Thrown inside a transaction to roll it back with a Status of our own.
struct Abort {
  match::Status status;
};

// Storage failures (the API answers 503) versus the caller's mistakes.
match::Status FromSqlite(const std::string& where, const SQLite::Exception& e) {
  std::string message = where + ": " + e.what();
  if (e.getErrorCode() < 0) return match::Status::Internal(message);  // SQLiteCpp's own checks
  switch (e.getErrorCode() & 0xff) {
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
      return match::Status::Invalid(message);
    case SQLITE_INTERNAL:
    case SQLITE_MISUSE:
    case SQLITE_ERROR:
      return match::Status::Internal(message);
    default:  // FULL, READONLY, IOERR, CANTOPEN, CORRUPT, NOTADB, BUSY, LOCKED, NOMEM, PERM...
      return match::Status::IoError(message);
  }
}

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

// Runs BODY, turning every exception into a Status: none leaves the Store.
template <class Body>
auto Guarded(const std::string& where, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const Abort& abort) {
    return abort.status;
  } catch (const SQLite::Exception& e) {
    return FromSqlite(where, e);
  } catch (const std::exception& e) {
    return match::Status::Internal(where + ": " + e.what());
  }
}

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

// The latest revision of event ID, or 0 when there is no such event.
int64_t LatestRevision(SQLite::Database& db, const std::string& id) {
  SQLite::Statement query(db, "SELECT revision FROM events WHERE id = ?");
  query.bind(1, id);
  return query.executeStep() ? query.getColumn(0).getInt64() : 0;
}

// Reserves the next revision (WHICH = "last_revision") or schedule version
// ("last_schedule") of event ID.
int64_t NextNumber(SQLite::Database& db, const std::string& id, const char* which) {
  SQLite::Statement insert(db,
                           "INSERT OR IGNORE INTO sequences (event_id, last_revision, "
                           "last_schedule) VALUES (?, 0, 0)");
  insert.bind(1, id);
  insert.exec();
  SQLite::Statement bump(
      db, std::string("UPDATE sequences SET ") + which + " = " + which + " + 1 WHERE event_id = ? RETURNING " + which);
  bump.bind(1, id);
  if (!bump.executeStep()) throw Abort{match::Status::Internal("store: no sequence for " + id)};
  return bump.getColumn(0).getInt64();
}

// The token tables: the suppliers' and the stands'.
struct TokenTableNames {
  const char* table;
  const char* column;
};
constexpr TokenTableNames kSupplierTokens{"tokens", "supplier_id"};
constexpr TokenTableNames kStandTokens{"stand_tokens", "stand_id"};

// Makes the tokens of event ID in TABLE exactly one per id of OWNER_IDS: existing ones
// kept, new ones drawn, the others deleted.
void SyncTokens(SQLite::Database& db, const std::string& id, const std::vector<std::string>& supplier_ids,
                TokenTableNames names = kSupplierTokens) {
  const std::string table = names.table, column = names.column;
  std::set<std::string> wanted(supplier_ids.begin(), supplier_ids.end());
  std::set<std::string> present;
  {
    SQLite::Statement query(db, "SELECT " + column + " FROM " + table + " WHERE event_id = ?");
    query.bind(1, id);
    while (query.executeStep()) present.insert(query.getColumn(0).getString());
  }
  SQLite::Statement remove(db, "DELETE FROM " + table + " WHERE event_id = ? AND " + column + " = ?");
  for (const auto& supplier : present) {
    if (wanted.count(supplier)) continue;
    remove.bind(1, id);
    remove.bind(2, supplier);
    remove.exec();
    remove.reset();
  }
  std::vector<const std::string*> fresh;
  for (const auto& supplier : wanted) {
    if (!present.count(supplier)) fresh.push_back(&supplier);
  }
  if (fresh.empty()) return;
  match::Result<std::vector<std::string>> tokens = NewTokens(fresh.size());
  if (!tokens.ok()) throw Abort{tokens.status()};
  SQLite::Statement insert(db, "INSERT INTO " + table + " (event_id, " + column + ", token) VALUES (?, ?, ?)");
  for (std::size_t i = 0; i < fresh.size(); ++i) {
    insert.bind(1, id);
    insert.bind(2, *fresh[i]);
    insert.bind(3, (*tokens)[i]);
    insert.exec();
    insert.reset();
  }
}

// Adds a revision of event ID with EVENT_JSON and RULES_JSON; makes it the latest.
int64_t WriteRevision(SQLite::Database& db, const std::string& id, const std::string& event_json,
                      const std::string& rules_json) {
  int64_t revision = NextNumber(db, id, "last_revision");
  SQLite::Statement upsert(db,
                           "INSERT INTO events (id, revision) VALUES (?, ?) "
                           "ON CONFLICT (id) DO UPDATE SET revision = excluded.revision");
  upsert.bind(1, id);
  upsert.bind(2, revision);
  upsert.exec();
  SQLite::Statement insert(db,
                           "INSERT INTO event_revisions (event_id, revision, json, rules_json, "
                           "created) VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, id);
  insert.bind(2, revision);
  insert.bind(3, event_json);
  insert.bind(4, rules_json);
  insert.bind(5, Now());
  insert.exec();
  return revision;
}

// The rules of the latest revision of event ID (which exists).
std::string LatestRules(SQLite::Database& db, const std::string& id) {
  SQLite::Statement query(db,
                          "SELECT r.rules_json FROM events e JOIN event_revisions r "
                          "ON r.event_id = e.id AND r.revision = e.revision WHERE e.id = ?");
  query.bind(1, id);
  return query.executeStep() ? query.getColumn(0).getString() : std::string();
}

int WriteSchedule(SQLite::Database& db, const std::string& id, const char* kind, int64_t event_revision, int based_on,
                  const std::string& schedule_json, int meetings, const std::string& changes_json) {
  int version = static_cast<int>(NextNumber(db, id, "last_schedule"));
  SQLite::Statement insert(db,
                           "INSERT INTO schedules (event_id, version, kind, created, based_on, "
                           "event_revision, meetings, json, changes_json) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, id);
  insert.bind(2, version);
  insert.bind(3, kind);
  insert.bind(4, Now());
  insert.bind(5, based_on);
  insert.bind(6, event_revision);
  insert.bind(7, meetings);
  insert.bind(8, schedule_json);
  insert.bind(9, changes_json);
  insert.exec();
  return version;
}

// The first six columns of QUERY: version, kind, created, based_on, event_revision, meetings.
ScheduleInfo ReadScheduleInfo(SQLite::Statement& query) {
  ScheduleInfo info;
  info.version = query.getColumn(0).getInt();
  info.kind = query.getColumn(1).getString();
  info.created = query.getColumn(2).getInt64();
  info.based_on = query.getColumn(3).getInt();
  info.event_revision = query.getColumn(4).getInt64();
  info.meetings = query.getColumn(5).getInt();
  return info;
}

void RequireEvent(SQLite::Database& db, const std::string& id) {
  if (LatestRevision(db, id) == 0) {
    throw Abort{match::Status::NotFound("no event " + Quoted(id))};
  }
}

// The latest revision of event ID (which exists) as a record.
EventRecord LatestRecord(SQLite::Database& db, const std::string& id) {
  SQLite::Statement query(db,
                          "SELECT r.json, r.rules_json, r.revision FROM events e JOIN event_revisions r "
                          "ON r.event_id = e.id AND r.revision = e.revision WHERE e.id = ?");
  query.bind(1, id);
  if (!query.executeStep()) throw Abort{match::Status::NotFound("no event " + Quoted(id))};
  EventRecord record;
  record.id = id;
  record.json = query.getColumn(0).getString();
  record.rules_json = query.getColumn(1).getString();
  record.revision = query.getColumn(2).getInt64();
  return record;
}

// Writes EDIT as the next revision of event ID (rules kept), by AUTHOR with CHANGE,
// its tokens following its suppliers and stands.
int64_t WriteEdit(SQLite::Database& db, const std::string& id, const EventRecord& latest, const EventEdit& edit,
                  const std::string& author, const std::string& change) {
  int64_t revision = WriteRevision(db, id, edit.json, latest.rules_json);
  SyncTokens(db, id, edit.supplier_ids);
  SyncTokens(db, id, edit.stand_ids, kStandTokens);
  SQLite::Statement insert(db, "INSERT INTO revision_authors (event_id, revision, author, change) VALUES (?, ?, ?, ?)");
  insert.bind(1, id);
  insert.bind(2, revision);
  insert.bind(3, author);
  insert.bind(4, change);
  insert.exec();
  return revision;
}

RegistrationRecord ReadRegistration(SQLite::Statement& query) {
  RegistrationRecord r;
  r.id = query.getColumn(0).getString();
  r.created = query.getColumn(1).getInt64();
  r.state = query.getColumn(2).getString();
  r.name = query.getColumn(3).getString();
  r.siret = query.getColumn(4).getString();
  r.record_json = query.getColumn(5).getString();
  r.supplier_id = query.getColumn(6).getString();
  return r;
}

constexpr const char* kRegistrationColumns = "id, created, state, name, siret, record, supplier_id";

// Registration RID of event ID, which must be pending (NotFound, Invalid otherwise).
RegistrationRecord PendingRegistration(SQLite::Database& db, const std::string& id, const std::string& rid) {
  SQLite::Statement query(
      db, std::string("SELECT ") + kRegistrationColumns + " FROM registrations WHERE event_id = ? AND id = ?");
  query.bind(1, id);
  query.bind(2, rid);
  if (!query.executeStep())
    throw Abort{match::Status::NotFound("event " + Quoted(id) + " has no registration " + Quoted(rid))};
  RegistrationRecord r = ReadRegistration(query);
  if (r.state != "pending")
    throw Abort{match::Status::Invalid("registration " + Quoted(rid) + " is already " + r.state)};
  return r;
}

void Decide(SQLite::Database& db, const std::string& id, const std::string& rid, const char* state,
            const std::string& supplier_id) {
  SQLite::Statement update(db,
                           "UPDATE registrations SET state = ?, supplier_id = ?, decided = ? "
                           "WHERE event_id = ? AND id = ?");
  update.bind(1, state);
  update.bind(2, supplier_id);
  update.bind(3, Now());
  update.bind(4, id);
  update.bind(5, rid);
  update.exec();
}

// True when PATH names a database that lives in this connection only (":memory:",
// "file::memory:", "file:x?mode=memory"): a second connection would see another one.
bool InMemory(const std::string& path) {
  return path == ":memory:" || path.empty() || path.rfind("file::memory:", 0) == 0 ||
         (path.rfind("file:", 0) == 0 && path.find("mode=memory") != std::string::npos);
}

}  // namespace

// Two connections: writes go through `db`, reads through `reader` (read-only), so
// that a write waiting for another process's lock (up to the busy timeout) does not
// hold up the reads: in WAL mode a reader sees the last committed state and never
// waits for a writer. Each connection serves one thread at a time.
struct Store::Impl {
  Impl(const std::string& path, int flags) : path(path), db(path, flags, kBusyTimeoutMs) {}

  // Messages of operations do not name the file: they may reach HTTP clients.
  std::string Where(const std::string& what) const { return "store: " + what; }

  // Opens the read connection (after the migrations); an in-memory database keeps one.
  void OpenReader(int flags) {
    if (InMemory(path)) return;
    reader =
        std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY | (flags & SQLite::OPEN_URI), kBusyTimeoutMs);
  }
  // The connection for reads and its mutex.
  SQLite::Database& Reader() const { return reader ? *reader : db; }
  std::mutex& ReaderMutex() const { return reader ? read_mu : mu; }

  const std::string path;
  mutable std::mutex mu;  // guards db
  mutable SQLite::Database db;
  mutable std::mutex read_mu;  // guards reader
  std::unique_ptr<SQLite::Database> reader;
  int schema = 0;
};

namespace {

// A read of several statements sees one snapshot: a read transaction on the reader,
// ended (never committing anything) when it goes out of scope.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(SQLite::Database& db) : db_(db) { db_.exec("BEGIN"); }
  ~ReadSnapshot() {
    try {
      db_.exec("ROLLBACK");
    } catch (const SQLite::Exception&) {  // nothing was written; the snapshot just ends
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  SQLite::Database& db_;
};

}  // namespace

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

match::Result<std::unique_ptr<Store>> Store::Open(const std::string& path) {
  return Guarded("store: " + path + ": open", [&]() -> match::Result<std::unique_ptr<Store>> {
    int flags = SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;
    if (path.rfind("file:", 0) == 0) flags |= SQLite::OPEN_URI;  // e.g. file:PATH?mode=ro
    auto impl = std::make_unique<Impl>(path, flags);
    SQLite::Database& db = impl->db;
    db.exec("PRAGMA foreign_keys = ON");
    int version = db.execAndGet("PRAGMA user_version").getInt();
    if (version > kSchemaVersion) {
      return match::Status::Invalid(impl->Where(path + ": schema version " + std::to_string(version) +
                                                " is newer than this standmatchd knows (" +
                                                std::to_string(kSchemaVersion) + "); use a newer standmatchd"));
    }
    bool read_only = sqlite3_db_readonly(db.getHandle(), "main") == 1;
    if (!read_only) {
      std::string mode = db.execAndGet("PRAGMA journal_mode = WAL").getString();
      if (mode != "wal" && mode != "memory") {
        return match::Status::IoError(impl->Where(path + ": cannot use WAL (journal_mode is " + mode + ")"));
      }
    }
    db.exec("PRAGMA synchronous = FULL");
    // After a checkpoint, shrink a WAL that a large import grew (schedules are big).
    db.exec("PRAGMA journal_size_limit = 67108864");
    for (int next = version + 1; next <= kSchemaVersion; ++next) {
      SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
      db.exec(kMigrations[next - 1]);
      db.exec("PRAGMA user_version = " + std::to_string(next));
      transaction.commit();
    }
    impl->schema = db.execAndGet("PRAGMA user_version").getInt();
    impl->OpenReader(flags);
    return std::unique_ptr<Store>(new Store(std::move(impl)));
  });
}

int Store::schema_version() const { return impl_->schema; }

match::Result<int64_t> Store::PutEvent(const std::string& id, const std::string& event_json,
                                       const std::vector<std::string>& supplier_ids,
                                       const std::vector<std::string>* stand_ids) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return Guarded(impl_->Where("put event " + Quoted(id)), [&]() -> match::Result<int64_t> {
    if (id.empty()) return match::Status::Invalid("event id is empty");
    SQLite::Database& db = impl_->db;
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    std::string rules = LatestRules(db, id);  // the rules outlive a replaced event file
    int64_t revision = WriteRevision(db, id, event_json, rules);
    SyncTokens(db, id, supplier_ids);
    if (stand_ids) SyncTokens(db, id, *stand_ids, kStandTokens);
    transaction.commit();
    return revision;
  });
}

match::Result<int64_t> Store::EditEvent(const std::string& id, const std::string& author, const std::string& change,
                                        const EventEditor& edit) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return Guarded(impl_->Where("edit event " + Quoted(id)), [&]() -> match::Result<int64_t> {
    SQLite::Database& db = impl_->db;
    // IMMEDIATE: the write lock is taken before the read, so no other writer (thread
    // or process) can commit between the read and the write.
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    EventRecord latest = LatestRecord(db, id);
    match::Result<EventEdit> edited = edit(latest);
    if (!edited.ok()) return edited.status();
    int64_t revision = WriteEdit(db, id, latest, *edited, author, change);
    transaction.commit();
    return revision;
  });
}

match::Result<std::vector<RevisionInfo>> Store::History(const std::string& id) const {
  std::lock_guard<std::mutex> lock(impl_->ReaderMutex());
  return Guarded(impl_->Where("history of " + Quoted(id)), [&]() -> match::Result<std::vector<RevisionInfo>> {
    SQLite::Database& db = impl_->Reader();
    ReadSnapshot snapshot(db);
    RequireEvent(db, id);
    SQLite::Statement query(db,
                            "SELECT r.revision, r.created, COALESCE(a.author, ''), COALESCE(a.change, '') "
                            "FROM event_revisions r LEFT JOIN revision_authors a "
                            "ON a.event_id = r.event_id AND a.revision = r.revision "
                            "WHERE r.event_id = ? ORDER BY r.revision");
    query.bind(1, id);
    std::vector<RevisionInfo> out;
    while (query.executeStep())
      out.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getInt64(), query.getColumn(2).getString(),
                     query.getColumn(3).getString()});
    return out;
  });
}

match::Result<std::optional<EventRecord>> Store::GetEvent(const std::string& id, int64_t revision) const {
  std::lock_guard<std::mutex> lock(impl_->ReaderMutex());
  return Guarded(impl_->Where("get event " + Quoted(id)), [&]() -> match::Result<std::optional<EventRecord>> {
    SQLite::Database& db = impl_->Reader();
    ReadSnapshot snapshot(db);
    int64_t wanted = revision > 0 ? revision : LatestRevision(db, id);
    SQLite::Statement query(db,
                            "SELECT r.json, r.rules_json FROM events e JOIN "
                            "event_revisions r ON r.event_id = e.id "
                            "WHERE e.id = ? AND r.revision = ?");
    query.bind(1, id);
    query.bind(2, wanted);
    if (!query.executeStep()) return std::optional<EventRecord>();
    EventRecord record;
    record.id = id;
    record.json = query.getColumn(0).getString();
    record.rules_json = query.getColumn(1).getString();
    record.revision = wanted;
    return std::optional<EventRecord>(std::move(record));
  });
}

match::Result<std::vector<std::string>> Store::ListEvents() const {
  std::lock_guard<std::mutex> lock(impl_->ReaderMutex());
  return Guarded(impl_->Where("list events"), [&]() -> match::Result<std::vector<std::string>> {
    SQLite::Statement query(impl_->Reader(), "SELECT id FROM events ORDER BY id");
    std::vector<std::string> ids;
    while (query.executeStep()) ids.push_back(query.getColumn(0).getString());
    return ids;
  });
}

match::Status Store::DeleteEvent(const std::string& id) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return Guarded(impl_->Where("delete event " + Quoted(id)), [&]() -> match::Status {
    SQLite::Database& db = impl_->db;
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    RequireEvent(db, id);
    for (const char* sql :
         {"DELETE FROM schedules WHERE event_id = ?", "DELETE FROM feeds WHERE event_id = ?",
          "DELETE FROM tokens WHERE event_id = ?", "DELETE FROM stand_tokens WHERE event_id = ?",
          "DELETE FROM revision_authors WHERE event_id = ?", "DELETE FROM registration_settings WHERE event_id = ?",
          "DELETE FROM registrations WHERE event_id = ?", "DELETE FROM event_revisions WHERE event_id = ?",
          "DELETE FROM events WHERE id = ?"}) {
      SQLite::Statement statement(db, sql);
      statement.bind(1, id);
      statement.exec();
    }
    transaction.commit();
    return match::Status();
  });
}

match::Result<int64_t> Store::PutRules(const std::string& event_id, const std::string& rules_json) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return Guarded(impl_->Where("put rules of " + Quoted(event_id)), [&]() -> match::Result<int64_t> {
    SQLite::Database& db = impl_->db;
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement query(db,
                            "SELECT r.json FROM events e JOIN event_revisions r "
                            "ON r.event_id = e.id AND r.revision = e.revision WHERE e.id = ?");
    query.bind(1, event_id);
    if (!query.executeStep()) return match::Status::NotFound("no event " + Quoted(event_id));
    std::string event_json = query.getColumn(0).getString();
    int64_t revision = WriteRevision(db, event_id, event_json, rules_json);
    transaction.commit();
    return revision;
  });
}

match::Result<int> Store::AddSchedule(const std::string& event_id, int64_t event_revision,
                                      const std::string& schedule_json, int meetings) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return Guarded(impl_->Where("add schedule of " + Quoted(event_id)), [&]() -> match::Result<int> {
    SQLite::Database& db = impl_->db;
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    RequireEvent(db, event_id);
    SQLite::Statement query(db, "SELECT 1 FROM event_revisions WHERE event_id = ? AND revision = ?");
    query.bind(1, event_id);
    query.bind(2, event_revision);
    if (!query.executeStep()) {
      return match::Status::NotFound("event " + Quoted(event_id) + " has no revision " +
                                     std::to_string(event_revision));
    }
    int version = WriteSchedule(db, event_id, "computed", event_revision, 0, schedule_json, meetings, std::string());
    transaction.commit();
    return version;
  });
}

match::Result<int> Store::CommitReplan(const std::string& event_id, const std::string& changed_event_json,
                                       const std::vector<std::string>& supplier_ids, const std::string& schedule_json,
                                       int meetings, const std::string& changes_json, int based_on) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return Guarded(impl_->Where("re-plan of " + Quoted(event_id)), [&]() -> match::Result<int> {
    SQLite::Database& db = impl_->db;
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    RequireEvent(db, event_id);
    std::string rules = LatestRules(db, event_id);
    int64_t revision = WriteRevision(db, event_id, changed_event_json, rules);
    SyncTokens(db, event_id, supplier_ids);
    SQLite::Statement base(db, "SELECT 1 FROM schedules WHERE event_id = ? AND version = ?");
    base.bind(1, event_id);
    base.bind(2, based_on);
    if (!base.executeStep()) {
      // Everything written above is rolled back with the transaction.
      return match::Status::NotFound("event " + Quoted(event_id) + " has no schedule version " +
                                     std::to_string(based_on));
    }
    int version = WriteSchedule(db, event_id, "replanned", revision, based_on, schedule_json, meetings, changes_json);
    transaction.commit();
    return version;
  });
}

match::Result<std::vector<ScheduleInfo>> Store::ListSchedules(const std::string& event_id) const {
  std::lock_guard<std::mutex> lock(impl_->ReaderMutex());
  return Guarded(impl_->Where("list schedules of " + Quoted(event_id)),
                 [&]() -> match::Result<std::vector<ScheduleInfo>> {
                   SQLite::Statement query(impl_->Reader(),
                                           "SELECT version, kind, created, based_on, "
                                           "event_revision, meetings FROM schedules "
                                           "WHERE event_id = ? ORDER BY version");
                   query.bind(1, event_id);
                   std::vector<ScheduleInfo> infos;
                   while (query.executeStep()) {
                     infos.push_back(ReadScheduleInfo(query));
                   }
                   return infos;
                 });
}

match::Result<std::optional<ScheduleRecord>> Store::GetSchedule(const std::string& event_id, int version) const {
  std::lock_guard<std::mutex> lock(impl_->ReaderMutex());
  return Guarded(
      impl_->Where("get schedule of " + Quoted(event_id)), [&]() -> match::Result<std::optional<ScheduleRecord>> {
        SQLite::Statement query(impl_->Reader(), version > 0
                                                     ? "SELECT version, kind, created, based_on, event_revision, "
                                                       "meetings, json, changes_json FROM schedules "
                                                       "WHERE event_id = ? AND version = ?"
                                                     : "SELECT version, kind, created, based_on, event_revision, "
                                                       "meetings, json, changes_json FROM schedules "
                                                       "WHERE event_id = ? ORDER BY version DESC LIMIT 1");
        query.bind(1, event_id);
        if (version > 0) query.bind(2, version);
        if (!query.executeStep()) return std::optional<ScheduleRecord>();
        ScheduleRecord record;
        record.info = ReadScheduleInfo(query);
        record.json = query.getColumn(6).getString();
        record.changes_json = query.getColumn(7).getString();
        return std::optional<ScheduleRecord>(std::move(record));
      });
}

match::Result<std::vector<SupplierToken>> Store::Tokens(const std::string& event_id) const {
  std::lock_guard<std::mutex> lock(impl_->ReaderMutex());
  return Guarded(impl_->Where("tokens of " + Quoted(event_id)), [&]() -> match::Result<std::vector<SupplierToken>> {
    SQLite::Database& db = impl_->Reader();
    ReadSnapshot snapshot(db);
    RequireEvent(db, event_id);
    SQLite::Statement query(db,
                            "SELECT supplier_id, token FROM tokens "
                            "WHERE event_id = ? ORDER BY supplier_id");
    query.bind(1, event_id);
    std::vector<SupplierToken> tokens;
    while (query.executeStep()) {
      tokens.push_back({query.getColumn(0).getString(), query.getColumn(1).getString()});
    }
    return tokens;
  });
}

match::Result<bool> Store::SyncStandTokens(const std::string& event_id, const std::vector<std::string>& stand_ids) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return Guarded(impl_->Where("stand tokens of " + Quoted(event_id)), [&]() -> match::Result<bool> {
    SQLite::Database& db = impl_->db;
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    RequireEvent(db, event_id);
    int before = db.getTotalChanges();
    SyncTokens(db, event_id, stand_ids, kStandTokens);
    bool changed = db.getTotalChanges() != before;
    transaction.commit();
    return changed;
  });
}

match::Result<std::vector<StandToken>> Store::StandTokens(const std::string& event_id) const {
  std::lock_guard<std::mutex> lock(impl_->ReaderMutex());
  return Guarded(impl_->Where("stand tokens of " + Quoted(event_id)), [&]() -> match::Result<std::vector<StandToken>> {
    SQLite::Database& db = impl_->Reader();
    ReadSnapshot snapshot(db);
    RequireEvent(db, event_id);
    SQLite::Statement query(db, "SELECT stand_id, token FROM stand_tokens WHERE event_id = ? ORDER BY stand_id");
    query.bind(1, event_id);
    std::vector<StandToken> tokens;
    while (query.executeStep()) tokens.push_back({query.getColumn(0).getString(), query.getColumn(1).getString()});
    return tokens;
  });
}

match::Result<std::vector<std::pair<TokenScope, std::string>>> Store::AllTokens() const {
  std::lock_guard<std::mutex> lock(impl_->ReaderMutex());
  using Tokens = std::vector<std::pair<TokenScope, std::string>>;
  return Guarded(impl_->Where("all tokens"), [&]() -> match::Result<Tokens> {
    SQLite::Database& db = impl_->Reader();
    ReadSnapshot snapshot(db);
    Tokens tokens;
    {
      SQLite::Statement query(db, "SELECT event_id, supplier_id, token FROM tokens ORDER BY event_id, supplier_id");
      while (query.executeStep()) {
        tokens.push_back({TokenScope{query.getColumn(0).getString(), query.getColumn(1).getString(), ""},
                          query.getColumn(2).getString()});
      }
    }
    SQLite::Statement query(db, "SELECT event_id, stand_id, token FROM stand_tokens ORDER BY event_id, stand_id");
    while (query.executeStep()) {
      tokens.push_back({TokenScope{query.getColumn(0).getString(), "", query.getColumn(1).getString()},
                        query.getColumn(2).getString()});
    }
    return tokens;
  });
}

namespace {

void InsertFeed(SQLite::Database& db, const std::string& event_id, const std::string& kind, const std::string& owner_id,
                const std::string& token) {
  SQLite::Statement insert(db,
                           "INSERT OR REPLACE INTO feeds (event_id, kind, owner_id, token, digest) "
                           "VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, event_id);
  insert.bind(2, kind);
  insert.bind(3, owner_id);
  insert.bind(4, token);
  const std::string digest = Sha1Digest(token);
  insert.bind(5, digest.data(), static_cast<int>(digest.size()));
  insert.exec();
}

}  // namespace

match::Result<std::vector<FeedToken>> Store::Feeds(const std::string& event_id, const std::string& kind,
                                                   const std::vector<std::string>& owner_ids) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return Guarded(impl_->Where("feeds of " + Quoted(event_id)), [&]() -> match::Result<std::vector<FeedToken>> {
    SQLite::Database& db = impl_->db;
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    RequireEvent(db, event_id);
    std::map<std::string, std::string> present;
    {
      SQLite::Statement query(db, "SELECT owner_id, token FROM feeds WHERE event_id = ? AND kind = ?");
      query.bind(1, event_id);
      query.bind(2, kind);
      while (query.executeStep()) present[query.getColumn(0).getString()] = query.getColumn(1).getString();
    }
    std::vector<std::string> missing;
    for (const auto& owner : owner_ids)
      if (!present.count(owner)) missing.push_back(owner);
    if (!missing.empty()) {
      auto fresh = NewTokens(missing.size());
      if (!fresh.ok()) throw Abort{fresh.status()};
      for (size_t i = 0; i < missing.size(); ++i) {
        InsertFeed(db, event_id, kind, missing[i], (*fresh)[i]);
        present[missing[i]] = (*fresh)[i];
      }
    }
    transaction.commit();
    std::vector<FeedToken> feeds;
    for (const auto& owner : owner_ids) feeds.push_back({kind, owner, present[owner]});
    return feeds;
  });
}

match::Result<std::string> Store::RotateFeed(const std::string& event_id, const std::string& kind,
                                             const std::string& owner_id) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return Guarded(impl_->Where("feed of " + Quoted(event_id)), [&]() -> match::Result<std::string> {
    SQLite::Database& db = impl_->db;
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    RequireEvent(db, event_id);
    auto fresh = NewTokens(1);
    if (!fresh.ok()) throw Abort{fresh.status()};
    InsertFeed(db, event_id, kind, owner_id, fresh->front());
    transaction.commit();
    return fresh->front();
  });
}

match::Result<std::optional<FeedOwner>> Store::FindFeed(const std::string& token) const {
  std::lock_guard<std::mutex> lock(impl_->ReaderMutex());
  return Guarded(impl_->Where("find feed"), [&]() -> match::Result<std::optional<FeedOwner>> {
    if (token.empty()) return std::optional<FeedOwner>();
    SQLite::Statement query(impl_->Reader(), "SELECT event_id, kind, owner_id, token FROM feeds WHERE digest = ?");
    const std::string digest = Sha1Digest(token);
    query.bind(1, digest.data(), static_cast<int>(digest.size()));
    if (!query.executeStep() || !ConstantTimeEquals(query.getColumn(3).getString(), token))
      return std::optional<FeedOwner>();
    return std::optional<FeedOwner>(
        FeedOwner{query.getColumn(0).getString(), query.getColumn(1).getString(), query.getColumn(2).getString()});
  });
}

match::Status Store::SetRegistration(const std::string& event_id, const RegistrationSettings& settings) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return Guarded(impl_->Where("registration of " + Quoted(event_id)), [&]() -> match::Status {
    SQLite::Database& db = impl_->db;
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    RequireEvent(db, event_id);
    SQLite::Statement upsert(
        db,
        "INSERT INTO registration_settings (event_id, open, closes, closes_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (event_id) DO UPDATE SET open = excluded.open, closes = excluded.closes, "
        "closes_at = excluded.closes_at");
    upsert.bind(1, event_id);
    upsert.bind(2, settings.open ? 1 : 0);
    upsert.bind(3, settings.closes);
    if (settings.closes_at)
      upsert.bind(4, *settings.closes_at);
    else
      upsert.bind(4);
    upsert.exec();
    transaction.commit();
    return match::Status();
  });
}

namespace {
RegistrationSettings ReadSettings(SQLite::Database& db, const std::string& event_id) {
  RegistrationSettings settings;
  SQLite::Statement query(db, "SELECT open, closes, closes_at FROM registration_settings WHERE event_id = ?");
  query.bind(1, event_id);
  if (query.executeStep()) {
    settings.open = query.getColumn(0).getInt() != 0;
    settings.closes = query.getColumn(1).getString();
    if (!query.getColumn(2).isNull()) settings.closes_at = query.getColumn(2).getInt64();
  }
  return settings;
}
}  // namespace

match::Result<RegistrationSettings> Store::GetRegistration(const std::string& event_id) const {
  std::lock_guard<std::mutex> lock(impl_->ReaderMutex());
  return Guarded(impl_->Where("registration of " + Quoted(event_id)), [&]() -> match::Result<RegistrationSettings> {
    SQLite::Database& db = impl_->Reader();
    ReadSnapshot snapshot(db);
    RequireEvent(db, event_id);
    return ReadSettings(db, event_id);
  });
}

match::Result<Store::Added> Store::AddRegistration(const std::string& event_id, const std::string& name,
                                                   const std::string& siret, const std::string& record_json,
                                                   int max_per_event, int64_t now) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return Guarded(impl_->Where("registration for " + Quoted(event_id)), [&]() -> match::Result<Added> {
    SQLite::Database& db = impl_->db;
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    RequireEvent(db, event_id);
    RegistrationSettings settings = ReadSettings(db, event_id);
    if (!settings.open || (settings.closes_at && now >= *settings.closes_at)) return Added{AddOutcome::kClosed, ""};
    SQLite::Statement count(db, "SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM registrations WHERE event_id = ?");
    count.bind(1, event_id);
    count.executeStep();
    if (count.getColumn(0).getInt64() >= max_per_event) return Added{AddOutcome::kFull, ""};
    int64_t seq = count.getColumn(1).getInt64() + 1;
    std::string rid = "reg-" + std::to_string(seq);
    SQLite::Statement insert(db,
                             "INSERT INTO registrations (event_id, id, seq, created, state, name, siret, record) "
                             "VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)");
    insert.bind(1, event_id);
    insert.bind(2, rid);
    insert.bind(3, seq);
    insert.bind(4, Now());
    insert.bind(5, name);
    insert.bind(6, siret);
    insert.bind(7, record_json);
    insert.exec();
    transaction.commit();
    return Added{AddOutcome::kAdded, rid};
  });
}

match::Result<std::vector<RegistrationRecord>> Store::Registrations(const std::string& event_id) const {
  std::lock_guard<std::mutex> lock(impl_->ReaderMutex());
  return Guarded(
      impl_->Where("registrations of " + Quoted(event_id)), [&]() -> match::Result<std::vector<RegistrationRecord>> {
        SQLite::Database& db = impl_->Reader();
        ReadSnapshot snapshot(db);
        RequireEvent(db, event_id);
        SQLite::Statement query(
            db, std::string("SELECT ") + kRegistrationColumns + " FROM registrations WHERE event_id = ? ORDER BY seq");
        query.bind(1, event_id);
        std::vector<RegistrationRecord> out;
        while (query.executeStep()) out.push_back(ReadRegistration(query));
        return out;
      });
}

match::Result<int64_t> Store::AcceptRegistration(const std::string& event_id, const std::string& rid,
                                                 const AcceptEditor& edit) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return Guarded(impl_->Where("accept registration " + Quoted(rid)), [&]() -> match::Result<int64_t> {
    SQLite::Database& db = impl_->db;
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    EventRecord latest = LatestRecord(db, event_id);
    RegistrationRecord registration = PendingRegistration(db, event_id, rid);
    match::Result<EventEdit> edited = edit(latest, registration);
    if (!edited.ok()) return edited.status();
    int64_t revision = WriteEdit(db, event_id, latest, *edited, "registration " + rid,
                                 "supplier " + rid + " added (registration accepted)");
    Decide(db, event_id, rid, "accepted", rid);
    transaction.commit();
    return revision;
  });
}

match::Status Store::RejectRegistration(const std::string& event_id, const std::string& rid) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return Guarded(impl_->Where("reject registration " + Quoted(rid)), [&]() -> match::Status {
    SQLite::Database& db = impl_->db;
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    RequireEvent(db, event_id);
    PendingRegistration(db, event_id, rid);
    Decide(db, event_id, rid, "rejected", "");
    transaction.commit();
    return match::Status();
  });
}

}  // namespace standmatchd
