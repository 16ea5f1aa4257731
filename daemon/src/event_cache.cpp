// The per-event cache and its prefetch thread (event_cache.h).
#include "event_cache.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

#include "json_views.h"
#include "match/io/event_io.h"
#include "store.h"

namespace standmatchd {
namespace {

// Names the stored texts take in messages, as the CLI names files.
constexpr char kEventFile[] = "event.json";
constexpr char kRulesFile[] = "rules.json";
constexpr char kScheduleFile[] = "schedule.json";

match::Result<std::shared_ptr<const match::Event>> ParseStoredEvent(const std::string& json) {
  auto event = match::ParseEvent(json, kEventFile);
  if (!event.ok()) return match::Status::Internal("stored event does not load: " + event.status().ToString());
  return std::make_shared<const match::Event>(std::move(event).value());
}

}  // namespace

Response ResponseMemo::Get(const std::string& key, const std::function<Response()>& make) const {
  {
    std::shared_lock lock(mutex_);
    auto it = memo_.find(key);
    if (it != memo_.end()) return *it->second;
  }
  auto response = std::make_shared<const Response>(make());
  if (response->status == 200) {
    std::unique_lock lock(mutex_);
    memo_.emplace(key, response);
  }
  return *response;
}

// Loads events again in the background after writes, so that the first read after a
// write finds the event parsed and scored instead of doing that on an I/O thread. One
// thread; an event waits in the queue at most once.
class EventCache::Prefetcher {
 public:
  explicit Prefetcher(std::function<void(const std::string&)> load) : load_(std::move(load)) {
    thread_ = std::thread([this] { Run(); });
  }
  // Stops after the load in progress, dropping the queue.
  ~Prefetcher() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }
  Prefetcher(const Prefetcher&) = delete;
  Prefetcher& operator=(const Prefetcher&) = delete;

  void Add(const std::string& id) {
    {
      std::lock_guard lock(mutex_);
      if (!queued_.insert(id).second) return;
      queue_.push_back(id);
    }
    wake_.notify_one();
  }

 private:
  void Run() {
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      std::string id = std::move(queue_.front());
      queue_.pop_front();
      queued_.erase(id);
      lock.unlock();
      try {
        load_(id);
      } catch (...) {
        // A failed prefetch only means the next read loads the event itself.
      }
      lock.lock();
    }
  }

  std::function<void(const std::string&)> load_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;
  std::set<std::string> queued_;
  bool stop_ = false;
  std::thread thread_;
};

EventCache::EventCache(Store& store)
    : store_(store), prefetch_(std::make_unique<Prefetcher>([this](const std::string& id) { State(id); })) {}

EventCache::~EventCache() { prefetch_.reset(); }

bool EventCache::Contains(const std::string& id) const {
  std::shared_lock lock(mutex_);
  return cache_.count(id) > 0;
}

void EventCache::Invalidate(const std::string& id) {
  std::unique_lock lock(mutex_);
  cache_.erase(id);
  loading_.erase(id);
  ++generation_;
}

void EventCache::Prefetch(const std::string& id) { prefetch_->Add(id); }

void EventCache::Reload(const std::string& id) {
  Invalidate(id);
  Prefetch(id);
}

// Concurrent misses of one event load it once: the first loads, the others wait for
// its result (no lock is held while loading).
match::Result<StatePtr> EventCache::State(const std::string& id) {
  {
    std::shared_lock lock(mutex_);
    auto it = cache_.find(id);
    if (it != cache_.end()) return it->second;
  }
  std::promise<match::Result<StatePtr>> promise;
  std::shared_future<match::Result<StatePtr>> pending;
  uint64_t generation, ticket = 0;
  {
    std::unique_lock lock(mutex_);
    auto it = cache_.find(id);
    if (it != cache_.end()) return it->second;
    auto loading = loading_.find(id);
    if (loading != loading_.end()) {
      pending = loading->second.result;
    } else {
      ticket = ++next_ticket_;
      loading_.emplace(id, Loading{ticket, promise.get_future().share()});
    }
    generation = generation_;
  }
  if (pending.valid()) return pending.get();
  match::Result<StatePtr> loaded = match::Status::Internal("not loaded");
  try {
    loaded = Load(id);
  } catch (...) {
    loaded = match::Status::Internal("internal error while loading the event");
  }
  {
    std::unique_lock lock(mutex_);
    if (loaded.ok() && generation_ == generation) cache_[id] = *loaded;
    auto mine = loading_.find(id);
    if (mine != loading_.end() && mine->second.ticket == ticket) loading_.erase(mine);
  }
  promise.set_value(loaded);
  return loaded;
}

match::Result<StatePtr> EventCache::Load(const std::string& id) {
  auto record = store_.GetEvent(id);
  if (!record.ok()) return record.status();
  if (!record->has_value()) return match::Status::NotFound("no event " + Quote(id));
  const EventRecord& rec = **record;
  auto state = std::make_shared<EventState>();
  state->id = id;
  state->revision = rec.revision;
  state->event_json = rec.json;
  auto event = ParseStoredEvent(rec.json);
  if (!event.ok()) return event.status();
  state->event = *event;
  if (rec.rules_json.empty()) {
    state->rules = std::make_shared<const match::Rules>(match::Rules::Default());
  } else {
    auto rules = match::Rules::Parse(rec.rules_json, kRulesFile);
    if (!rules.ok()) return match::Status::Internal("stored rules do not load: " + rules.status().ToString());
    state->rules = std::make_shared<const match::Rules>(std::move(rules).value());
  }
  state->scores = std::make_shared<const match::ScoreTable>(match::Score(*state->event, *state->rules));
  auto schedule = store_.GetSchedule(id, 0);
  if (!schedule.ok()) return schedule.status();
  if (schedule->has_value()) {
    const ScheduleRecord& srec = **schedule;
    state->schedule_version = srec.info.version;
    state->schedule_revision = srec.info.event_revision;
    state->schedule_json = srec.json;
    if (srec.info.event_revision == rec.revision) {
      state->schedule_event = state->event;
      state->schedule_event_json = rec.json;
    } else {
      auto old = store_.GetEvent(id, srec.info.event_revision);
      if (!old.ok()) return old.status();
      if (!old->has_value()) return match::Status::Internal("schedule names a missing event revision");
      auto old_event = ParseStoredEvent((*old)->json);
      if (!old_event.ok()) return old_event.status();
      state->schedule_event = *old_event;
      state->schedule_event_json = (*old)->json;
    }
    auto parsed = match::ParseSchedule(srec.json, kScheduleFile, *state->schedule_event);
    if (!parsed.ok()) return match::Status::Internal("stored schedule does not load: " + parsed.status().ToString());
    state->schedule = std::make_shared<const match::Schedule>(std::move(parsed).value());
  }
  return StatePtr(state);
}

void EventCache::InstallSchedule(const std::string& id, int64_t revision, int version, std::string json,
                                 std::shared_ptr<const match::Schedule> schedule) {
  std::unique_lock lock(mutex_);
  ++generation_;
  loading_.erase(id);
  auto it = cache_.find(id);
  if (it == cache_.end()) return;
  if (it->second->revision != revision || it->second->schedule_version >= version) {
    cache_.erase(it);
    return;
  }
  auto state = std::make_shared<EventState>(*it->second);  // with an empty memo
  state->schedule_version = version;
  state->schedule_revision = revision;
  state->schedule_json = std::move(json);
  state->schedule_event = state->event;
  state->schedule_event_json = state->event_json;
  state->schedule = std::move(schedule);
  it->second = std::move(state);
}

}  // namespace standmatchd
