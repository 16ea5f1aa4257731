// Store: schema, migrations, revisions, schedule versions, tokens, atomic writes and
// storage failures, on temporary SQLite files.
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <thread>

#include "random_token.h"
#include "store.h"
#include "temp_dir.h"

namespace fs = std::filesystem;
using standmatchd::Store;

namespace {

struct StoreDir : standmatchd_test::TempDir {
  StoreDir() : TempDir("standmatchd-store") {}
};

std::unique_ptr<Store> OpenOrFail(const std::string& path) {
  auto store = Store::Open(path);
  INFO(store.status().ToString());
  REQUIRE(store.ok());
  return std::move(store).value();
}

std::map<std::string, std::string> TokenMap(const Store& store, const std::string& event) {
  auto tokens = store.Tokens(event);
  REQUIRE(tokens.ok());
  std::map<std::string, std::string> out;
  for (const auto& t : *tokens) out[t.supplier_id] = t.token;
  return out;
}

// Runs one SQL statement on PATH outside the Store; returns its first column as text.
std::string Sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
  std::string out;
  if (sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0) != nullptr) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return out;
}

}  // namespace

TEST_CASE("tokens are 43 base64url characters from 32 random bytes", "[store]") {
  auto a = standmatchd::NewToken();
  auto b = standmatchd::NewToken();
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->size() == standmatchd::kTokenChars);
  CHECK(*a != *b);
  CHECK(a->find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos);
  const unsigned char bytes[] = {0xfb, 0xff, 0x00, 0x61};
  CHECK(standmatchd::Base64Url(bytes, 3) == "-_8A");
  CHECK(standmatchd::Base64Url(bytes, 4) == "-_8AYQ");
  CHECK(standmatchd::Base64Url(bytes, 1) == "-w");
  auto many = standmatchd::NewTokens(3);
  REQUIRE(many.ok());
  REQUIRE(many->size() == 3);
  CHECK((*many)[0] != (*many)[1]);
  CHECK((*many)[2].size() == standmatchd::kTokenChars);
  auto hex = standmatchd::RandomHex(16);
  REQUIRE(hex.ok());
  CHECK(hex->size() == 32);
  CHECK(hex->find_first_not_of("0123456789abcdef") == std::string::npos);
}

TEST_CASE("a new database is migrated, in WAL mode, and keeps its data on reopen", "[store]") {
  StoreDir dir;
  std::string path = dir.File("d.sqlite");
  {
    auto store = OpenOrFail(path);
    CHECK(store->schema_version() == Store::kSchemaVersion);
    auto revision = store->PutEvent("e1", "{\"id\":\"e1\"}\n", {"s1", "s2"});
    REQUIRE(revision.ok());
    CHECK(*revision == 1);
  }
  CHECK(Sql(path, "PRAGMA user_version") == std::to_string(Store::kSchemaVersion));
  CHECK(Sql(path, "PRAGMA journal_mode") == "wal");
  auto store = OpenOrFail(path);
  CHECK(store->schema_version() == Store::kSchemaVersion);
  auto event = store->GetEvent("e1");
  REQUIRE(event.ok());
  REQUIRE(event->has_value());
  CHECK((*event)->json == "{\"id\":\"e1\"}\n");
  CHECK((*event)->revision == 1);
  CHECK((*event)->rules_json.empty());
  CHECK(TokenMap(*store, "e1").size() == 2);
  auto events = store->ListEvents();
  REQUIRE(events.ok());
  CHECK(*events == std::vector<std::string>{"e1"});
}

TEST_CASE("a database of a newer schema is refused", "[store]") {
  StoreDir dir;
  std::string path = dir.File("new.sqlite");
  { OpenOrFail(path); }
  Sql(path, "PRAGMA user_version = 99");
  auto store = Store::Open(path);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == match::Status::Code::kInvalidInput);
  CHECK(store.status().ToString().find("schema version 99 is newer") != std::string::npos);
}

TEST_CASE("a file that is not a database gives IoError", "[store]") {
  StoreDir dir;
  std::string path = dir.File("junk.sqlite");
  std::string junk(4096, 'x');
  FILE* f = fopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  fwrite(junk.data(), 1, junk.size(), f);
  fclose(f);
  auto store = Store::Open(path);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == match::Status::Code::kIoError);
  CHECK(Store::Open(dir.File("no/such/dir/x.sqlite")).status().code() == match::Status::Code::kIoError);
}

TEST_CASE("PutEvent keeps existing tokens, issues new ones and drops removed ones", "[store]") {
  StoreDir dir;
  auto store = OpenOrFail(dir.File("t.sqlite"));
  REQUIRE(store->PutEvent("e", "v1", {"s1", "s2", "s3"}).ok());
  auto first = TokenMap(*store, "e");
  REQUIRE(first.size() == 3);
  CHECK(first["s1"] != first["s2"]);
  for (const auto& [supplier, token] : first) CHECK(token.size() == 43);

  auto revision = store->PutEvent("e", "v2", {"s2", "s3", "s4"});
  REQUIRE(revision.ok());
  CHECK(*revision == 2);
  auto second = TokenMap(*store, "e");
  REQUIRE(second.size() == 3);
  CHECK(second.count("s1") == 0);
  CHECK(second["s2"] == first["s2"]);
  CHECK(second["s3"] == first["s3"]);
  CHECK(second["s4"].size() == 43);

  REQUIRE(store->PutEvent("other", "o", {"s1"}).ok());
  auto all = store->AllTokens();
  REQUIRE(all.ok());
  REQUIRE(all->size() == 4);
  CHECK((*all)[0].first.event_id == "e");
  CHECK((*all)[0].first.supplier_id == "s2");
  CHECK((*all)[3].first.event_id == "other");
  CHECK((*all)[3].second != first["s1"]);
  CHECK(store->Tokens("nope").status().code() == match::Status::Code::kNotFound);
}

TEST_CASE("revisions are kept and rules are a revision of their own", "[store]") {
  StoreDir dir;
  auto store = OpenOrFail(dir.File("r.sqlite"));
  CHECK(store->PutRules("e", "{}").status().code() == match::Status::Code::kNotFound);
  REQUIRE(store->PutEvent("e", "v1", {}).ok());
  auto rules = store->PutRules("e", "{\"w\":1}");
  REQUIRE(rules.ok());
  CHECK(*rules == 2);
  REQUIRE(*store->PutEvent("e", "v3", {}) == 3);

  auto latest = store->GetEvent("e");
  REQUIRE(latest.ok());
  REQUIRE(latest->has_value());
  CHECK((*latest)->revision == 3);
  CHECK((*latest)->json == "v3");
  CHECK((*latest)->rules_json == "{\"w\":1}");  // the rules outlive a replaced event file
  auto old = store->GetEvent("e", 1);
  REQUIRE(old.ok());
  REQUIRE(old->has_value());
  CHECK((*old)->json == "v1");
  CHECK((*old)->rules_json.empty());
  auto second = store->GetEvent("e", 2);
  REQUIRE(second->has_value());
  CHECK((*second)->json == "v1");
  CHECK((*second)->rules_json == "{\"w\":1}");
  CHECK_FALSE(store->GetEvent("e", 4)->has_value());
  CHECK_FALSE(store->GetEvent("missing")->has_value());
}

TEST_CASE("schedule versions increase and every one can be fetched", "[store]") {
  StoreDir dir;
  auto store = OpenOrFail(dir.File("s.sqlite"));
  CHECK(store->AddSchedule("e", 1, "x", 0).status().code() == match::Status::Code::kNotFound);
  REQUIRE(store->PutEvent("e", "v1", {"s1"}).ok());
  CHECK(store->AddSchedule("e", 7, "x", 0).status().code() == match::Status::Code::kNotFound);
  CHECK_FALSE(store->GetSchedule("e")->has_value());
  REQUIRE(*store->AddSchedule("e", 1, "sched1", 10) == 1);
  REQUIRE(*store->AddSchedule("e", 1, "sched2", 12) == 2);
  auto replan = store->CommitReplan("e", "v2", {"s1", "s9"}, "sched3", 13, "{\"changes\":1}", 2);
  REQUIRE(replan.ok());
  CHECK(*replan == 3);

  auto list = store->ListSchedules("e");
  REQUIRE(list.ok());
  REQUIRE(list->size() == 3);
  CHECK((*list)[0].kind == "computed");
  CHECK((*list)[0].meetings == 10);
  CHECK((*list)[0].event_revision == 1);
  CHECK((*list)[0].created > 0);
  CHECK((*list)[2].kind == "replanned");
  CHECK((*list)[2].based_on == 2);
  CHECK((*list)[2].event_revision == 2);

  auto latest = store->GetSchedule("e");
  REQUIRE(latest->has_value());
  CHECK((*latest)->info.version == 3);
  CHECK((*latest)->json == "sched3");
  CHECK((*latest)->changes_json == "{\"changes\":1}");
  auto first = store->GetSchedule("e", 1);
  REQUIRE(first->has_value());
  CHECK((*first)->json == "sched1");
  CHECK((*first)->changes_json.empty());
  CHECK_FALSE(store->GetSchedule("e", 4)->has_value());
  CHECK((*store->GetEvent("e"))->json == "v2");
  CHECK(TokenMap(*store, "e").count("s9") == 1);
}

TEST_CASE("a failed re-plan changes nothing", "[store]") {
  StoreDir dir;
  auto store = OpenOrFail(dir.File("a.sqlite"));
  REQUIRE(store->PutEvent("e", "v1", {"s1"}).ok());
  REQUIRE(store->AddSchedule("e", 1, "sched1", 5).ok());
  auto tokens = TokenMap(*store, "e");

  // Fails after the new revision and tokens are written: based_on names no schedule.
  auto failed = store->CommitReplan("e", "v2", {"s2"}, "sched2", 6, "{}", 42);
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.status().code() == match::Status::Code::kNotFound);
  CHECK(failed.status().ToString() == "event \"e\" has no schedule version 42");
  auto missing = store->CommitReplan("nope", "v2", {"s2"}, "sched2", 6, "{}", 1);
  CHECK(missing.status().code() == match::Status::Code::kNotFound);

  CHECK((*store->GetEvent("e"))->revision == 1);
  CHECK((*store->GetEvent("e"))->json == "v1");
  CHECK_FALSE(store->GetEvent("e", 2)->has_value());
  CHECK(TokenMap(*store, "e") == tokens);
  CHECK(store->ListSchedules("e")->size() == 1);
  CHECK(*store->ListEvents() == std::vector<std::string>{"e"});
  // The numbers the failed write reserved were rolled back too.
  CHECK(*store->PutEvent("e", "v2", {"s1"}) == 2);
  CHECK(*store->AddSchedule("e", 2, "sched2", 5) == 2);
}

TEST_CASE("a deleted event goes with its schedules and tokens, and numbers are not reused", "[store]") {
  StoreDir dir;
  auto store = OpenOrFail(dir.File("del.sqlite"));
  REQUIRE(store->PutEvent("e", "v1", {"s1"}).ok());
  REQUIRE(store->AddSchedule("e", 1, "sched1", 5).ok());
  REQUIRE(store->DeleteEvent("e").ok());
  CHECK(store->DeleteEvent("e").code() == match::Status::Code::kNotFound);
  CHECK_FALSE(store->GetEvent("e")->has_value());
  CHECK_FALSE(store->GetEvent("e", 1)->has_value());
  CHECK(store->ListSchedules("e")->empty());
  CHECK(store->AllTokens()->empty());
  CHECK(store->ListEvents()->empty());
  CHECK(*store->PutEvent("e", "again", {"s1"}) == 2);
  CHECK(*store->AddSchedule("e", 2, "sched", 1) == 2);
}

TEST_CASE("writes to a read-only database give IoError, reads still work", "[store]") {
  StoreDir dir;
  std::string path = dir.File("ro.sqlite");
  {
    auto store = OpenOrFail(path);
    REQUIRE(store->PutEvent("e", "v1", {"s1"}).ok());
  }
  // Read-only through the URI: works even for root, whom file modes do not stop.
  std::string copy = dir.File("ro-uri.sqlite");
  fs::copy_file(path, copy);
  auto store = OpenOrFail("file:" + copy + "?mode=ro");
  CHECK((*store->GetEvent("e"))->json == "v1");
  auto put = store->PutEvent("e", "v2", {"s2"});
  REQUIRE_FALSE(put.ok());
  CHECK(put.status().code() == match::Status::Code::kIoError);
  CHECK(put.status().ToString().find("readonly") != std::string::npos);
  CHECK(store->PutRules("e", "{}").status().code() == match::Status::Code::kIoError);
  CHECK(store->AddSchedule("e", 1, "s", 1).status().code() == match::Status::Code::kIoError);
  CHECK(store->DeleteEvent("e").code() == match::Status::Code::kIoError);
  CHECK((*store->GetEvent("e"))->revision == 1);

  // A file of mode 0444 (only meaningful when file modes apply to us).
  std::string locked = dir.File("ro-mode.sqlite");
  fs::copy_file(path, locked);
  REQUIRE(chmod(locked.c_str(), 0444) == 0);
  if (geteuid() != 0) {
    auto locked_store = OpenOrFail(locked);
    CHECK(locked_store->PutEvent("e", "v2", {}).status().code() == match::Status::Code::kIoError);
    CHECK((*locked_store->GetEvent("e"))->json == "v1");
  }
}

namespace {

// The event file of revision I in the crash test: large, so a kill often lands mid-write.
std::string CrashEvent(int i) { return std::string(256 << 10, static_cast<char>('a' + i % 26)); }
std::vector<std::string> CrashSuppliers(int i) {
  std::vector<std::string> ids;
  for (int s = 0; s < 1 + i % 5; ++s) ids.push_back("s" + std::to_string(s + i % 3));
  return ids;
}

}  // namespace

TEST_CASE("kill -9 in the middle of writes loses nothing committed", "[store]") {
  StoreDir dir;
  std::string path = dir.File("crash.sqlite");
  int pipe_fds[2];
  REQUIRE(pipe(pipe_fds) == 0);
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The writer: reports each revision once it is committed. No Catch2 here.
    close(pipe_fds[0]);
    auto store = Store::Open(path);
    if (!store.ok()) _exit(2);
    for (int i = 1;; ++i) {
      auto revision = (*store)->PutEvent("e", CrashEvent(i), CrashSuppliers(i));
      if (!revision.ok() || *revision != i) _exit(3);
      if (!(*store)->AddSchedule("e", i, CrashEvent(i + 1), i).ok()) _exit(4);
      if (write(pipe_fds[1], &i, sizeof i) != static_cast<ssize_t>(sizeof i)) _exit(5);
    }
  }
  close(pipe_fds[1]);
  int reported = 0;
  while (reported < 12) {
    int i = 0;
    if (read(pipe_fds[0], &i, sizeof i) != static_cast<ssize_t>(sizeof i)) break;
    reported = i;
  }
  kill(child, SIGKILL);
  int wstatus = 0;
  waitpid(child, &wstatus, 0);
  for (int i = 0; read(pipe_fds[0], &i, sizeof i) == static_cast<ssize_t>(sizeof i);) reported = i;
  close(pipe_fds[0]);
  REQUIRE(WIFSIGNALED(wstatus));  // the writer did not stop on an error of its own
  REQUIRE(reported >= 12);

  CHECK(Sql(path, "PRAGMA integrity_check") == "ok");
  auto store = OpenOrFail(path);
  auto latest = store->GetEvent("e");
  REQUIRE(latest.ok());
  REQUIRE(latest->has_value());
  int64_t revisions = (*latest)->revision;
  CHECK(revisions >= reported);
  CHECK(revisions <= reported + 1);
  for (int i = 1; i <= revisions; ++i) {
    auto event = store->GetEvent("e", i);
    REQUIRE(event->has_value());
    CHECK((*event)->json == CrashEvent(i));
  }
  auto schedules = store->ListSchedules("e");
  REQUIRE(schedules.ok());
  CHECK(static_cast<int64_t>(schedules->size()) >= revisions - 1);
  for (const auto& info : *schedules) CHECK(info.event_revision == info.version);
  auto tokens = TokenMap(*store, "e");
  std::vector<std::string> expected = CrashSuppliers(static_cast<int>(revisions));
  CHECK(tokens.size() == expected.size());
  for (const auto& s : expected) CHECK(tokens.count(s) == 1);
  // And the store takes writes again.
  CHECK(*store->PutEvent("e", "after", {}) == revisions + 1);
}

TEST_CASE("a full disk gives IoError and leaves the last committed revision", "[store]") {
  StoreDir dir;
  std::string path = dir.File("full.sqlite");
  {
    auto store = OpenOrFail(path);
    REQUIRE(store->PutEvent("e", "v1", {"s1"}).ok());
  }
  // In a child process, so the file size limit does not outlive the test.
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    signal(SIGXFSZ, SIG_IGN);  // writes past the limit fail with EFBIG instead
    auto store = Store::Open(path);
    if (!store.ok()) _exit(2);
    rlimit limit{1 << 20, 1 << 20};
    if (setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(3);
    auto put = (*store)->PutEvent("e", std::string(4 << 20, 'x'), {"s2"});
    if (put.ok()) _exit(4);
    if (put.status().code() != match::Status::Code::kIoError) _exit(5);
    auto event = (*store)->GetEvent("e");
    if (!event.ok() || !event->has_value() || (*event)->json != "v1") _exit(6);
    if (!(*store)->PutEvent("e", "v2", {"s1"}).ok()) _exit(7);  // small writes still fit
    _exit(0);
  }
  int wstatus = 0;
  waitpid(child, &wstatus, 0);
  REQUIRE(WIFEXITED(wstatus));
  CHECK(WEXITSTATUS(wstatus) == 0);
  auto store = OpenOrFail(path);
  CHECK((*store->GetEvent("e"))->json == "v2");
  CHECK_FALSE(store->GetEvent("e", 3)->has_value());
  CHECK(TokenMap(*store, "e").count("s1") == 1);
}

TEST_CASE("writers and readers on several threads see whole revisions", "[store]") {
  StoreDir dir;
  auto store = OpenOrFail(dir.File("threads.sqlite"));
  constexpr int kWriters = 3, kWrites = 20;
  std::vector<std::thread> threads;
  std::atomic<int> torn{0};
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      std::string id = "e" + std::to_string(w);
      for (int i = 1; i <= kWrites; ++i) {
        auto revision = store->PutEvent(id, id + ":" + std::to_string(i), {"s" + std::to_string(i)});
        if (!revision.ok() || *revision != i) ++torn;
      }
    });
  }
  threads.emplace_back([&] {
    for (int i = 0; i < 200; ++i) {
      for (int w = 0; w < kWriters; ++w) {
        std::string id = "e" + std::to_string(w);
        auto event = store->GetEvent(id);
        if (!event.ok()) ++torn;
        if (event.ok() && event->has_value() && (*event)->json != id + ":" + std::to_string((*event)->revision)) {
          ++torn;
        }
      }
    }
  });
  for (auto& t : threads) t.join();
  CHECK(torn == 0);
  auto all = store->AllTokens();
  REQUIRE(all.ok());
  CHECK(all->size() == kWriters);
  CHECK(store->ListEvents()->size() == kWriters);
}

TEST_CASE("reads go on while a write waits for another process's lock", "[store]") {
  StoreDir dir;
  const std::string path = dir.File("busy.sqlite");
  auto store = OpenOrFail(path);
  REQUIRE(store->PutEvent("e", "v1", {"s1"}).ok());
  REQUIRE(store->AddSchedule("e", 1, "{}", 0).ok());
  // Another connection (an administrator's shell, say) holds the write lock.
  SQLite::Database other(path, SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  std::atomic<bool> write_done{false};
  std::thread writer([&] {
    auto revision = store->PutEvent("e", "v2", {"s1"});  // waits for the busy timeout
    CHECK_FALSE(revision.ok());
    write_done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto start = std::chrono::steady_clock::now();
  auto event = store->GetEvent("e");
  auto schedules = store->ListSchedules("e");
  auto tokens = store->Tokens("e");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK_FALSE(write_done.load());  // the write was still waiting during the reads
  CHECK(seconds < 1.0);
  writer.join();  // before any REQUIRE can end the test
  other.exec("ROLLBACK");
  REQUIRE(event.ok());
  CHECK((*event)->json == "v1");
  REQUIRE(schedules.ok());
  CHECK(schedules->size() == 1);
  CHECK(tokens.ok());
  REQUIRE(store->PutEvent("e", "v3", {"s1"}).ok());
  CHECK((*store->GetEvent("e"))->json == "v3");  // the reader sees the new commit
}

TEST_CASE("an in-memory store reads what it wrote", "[store]") {
  auto store = OpenOrFail(":memory:");
  REQUIRE(store->PutEvent("e", "v1", {"s1"}).ok());
  CHECK((*store->GetEvent("e"))->json == "v1");
  CHECK(store->ListEvents()->size() == 1);
}
