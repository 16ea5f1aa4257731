// The per-event cache of standmatchd: the latest revision of each event, parsed and
// scored, and its latest schedule, as an immutable EventState shared by pointer.
//
// Ranking, scores, agenda and timetable responses are memoised in the state as ready
// Responses (EventState::Memo), so a repeated read does no SQL and no scoring. Every
// write replaces or drops the event's state (Invalidate, Reload, InstallSchedule).
// The cache's shared_mutex is never held while loading, scoring or solving: a loader
// builds a state unlocked and installs it only if no write happened meanwhile (the
// generation counter). Concurrent misses of one event load it once. After a write,
// Reload drops the state and one background thread (the prefetcher) loads and scores
// the event again, so that the first read after a write finds it ready.
//
// Thread-safety: every member function may be called from any thread.
#pragma once
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "http.h"
#include "match/base/status.h"
#include "match/domain/model.h"
#include "match/io/rules.h"
#include "match/schedule/schedule.h"
#include "match/score/scoring.h"

namespace standmatchd {

class Store;

// Ready responses, keyed by route, owner and options. A copy starts empty.
class ResponseMemo {
 public:
  ResponseMemo() = default;
  ResponseMemo(const ResponseMemo&) {}
  ResponseMemo& operator=(const ResponseMemo&) = delete;

  // The response under KEY, computed by MAKE (unlocked) on the first request; only
  // successes are kept.
  Response Get(const std::string& key, const std::function<Response()>& make) const;

 private:
  mutable std::shared_mutex mutex_;
  mutable std::unordered_map<std::string, std::shared_ptr<const Response>> memo_;
};

// The latest revision of one event, parsed and scored, and its latest schedule.
// Immutable once shared (the memo aside, which is internally locked).
struct EventState {
  std::string id;
  int64_t revision = 0;
  std::string event_json;
  std::shared_ptr<const match::Event> event;
  std::shared_ptr<const match::Rules> rules;
  std::shared_ptr<const match::ScoreTable> scores;
  // The latest schedule; version 0 when there is none. SCHEDULE_EVENT is the event
  // revision it belongs to (EVENT itself when that is the latest).
  int schedule_version = 0;
  int64_t schedule_revision = 0;
  std::string schedule_json;
  std::string schedule_event_json;
  std::shared_ptr<const match::Event> schedule_event;
  std::shared_ptr<const match::Schedule> schedule;
  ResponseMemo memo;

  Response Memo(const std::string& key, const std::function<Response()>& make) const { return memo.Get(key, make); }
};

using StatePtr = std::shared_ptr<const EventState>;

class EventCache {
 public:
  // STORE must outlive the cache.
  explicit EventCache(Store& store);
  // Stops the prefetcher after the load in progress.
  ~EventCache();
  EventCache(const EventCache&) = delete;
  EventCache& operator=(const EventCache&) = delete;

  // The state of event ID, from the cache or loaded (NotFound when no such event,
  // Internal when what is stored does not load, IoError from the store).
  match::Result<StatePtr> State(const std::string& id);
  // Whether event ID is cached now (no loading).
  bool Contains(const std::string& id) const;

  // After a write: drops the event's state; requests after it never wait for a load
  // that began before it.
  void Invalidate(const std::string& id);
  // Loads event ID again in the background (queued at most once).
  void Prefetch(const std::string& id);
  // After a write that keeps the event: Invalidate, then Prefetch.
  void Reload(const std::string& id);
  // After a schedule job: the new version becomes the cached latest schedule when the
  // cached state is still the revision it was computed on; otherwise the state goes.
  void InstallSchedule(const std::string& id, int64_t revision, int version, std::string json,
                       std::shared_ptr<const match::Schedule> schedule);

 private:
  class Prefetcher;
  match::Result<StatePtr> Load(const std::string& id);

  Store& store_;
  // Event id -> state. GENERATION_ counts the writes, so that a loader that read the
  // Store before a write does not install what it read.
  mutable std::shared_mutex mutex_;
  std::map<std::string, StatePtr, std::less<>> cache_;
  uint64_t generation_ = 0;
  // Events being loaded, for the requests that miss the cache meanwhile. A write
  // drops the event's entry. TICKET tells a loader whether the entry is still its own.
  struct Loading {
    uint64_t ticket = 0;
    std::shared_future<match::Result<StatePtr>> result;
  };
  std::map<std::string, Loading, std::less<>> loading_;
  uint64_t next_ticket_ = 0;
  // Last member: its thread stops before the rest goes.
  std::unique_ptr<Prefetcher> prefetch_;
};

}  // namespace standmatchd
