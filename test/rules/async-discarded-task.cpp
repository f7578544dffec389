// RUN: %check_async_tidy %s async-discarded-task %t -- -- %async_flags

#include <tg/tg.hpp>
#include <cppcoro/task.hpp>
#include <exec/task.hpp>
#include <folly/experimental/coro/Task.h>
#include <tuple>
#include <utility>

tg::task<int> fetch(int id);
tg::task<> flush();
folly::coro::Task<int> follyFetch();
cppcoro::task<> cppcoroWork();
exec::task<int> execWork();
void consume(tg::task<> t);

struct Cache {
  tg::task<> refresh();
};

// --- Positive ---------------------------------------------------------------

tg::task<> castToVoid() {
  (void)fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is discarded by a cast to void: it is never awaited or spawned, so it never runs to completion [async-discarded-task]
  co_return;
}

tg::task<> staticCastToVoid() {
  static_cast<void>(flush());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'flush' is discarded by a cast to void
  co_return;
}

tg::task<> assignedToIgnore() {
  std::ignore = fetch(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is discarded by assigning it to 'std::ignore': it is never awaited or spawned, so it never runs to completion [async-discarded-task]
  co_return;
}

tg::task<> unusedLocal() {
  auto pending = fetch(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task 'pending' is never used: it is never awaited or spawned, so 'fetch' never runs to completion [async-discarded-task]
  co_return;
}

tg::task<> memberCall(Cache &cache) {
  (void)cache.refresh();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'Cache::refresh' is discarded by a cast to void
  co_return;
}

tg::task<> lambdaInvokedInPlace() {
  (void)[]() -> tg::task<> { co_return; }();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by the coroutine lambda is discarded by a cast to void
  co_return;
}

// A plain function drops a task just the same.
void plainFunction() {
  (void)flush();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'flush' is discarded by a cast to void
  tg::task<int> unused = fetch(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: task 'unused' is never used
}

folly::coro::Task<> follyDrops() {
  (void)follyFetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'follyFetch' is discarded by a cast to void
  co_return;
}

cppcoro::task<> cppcoroDrops() {
  std::ignore = cppcoroWork();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'cppcoroWork' is discarded by assigning it to 'std::ignore'
  co_return;
}

exec::task<void> stdexecDrops() {
  auto t = execWork();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task 't' is never used
  co_return;
}

template <class T>
tg::task<> generic(T id) {
  (void)fetch(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is discarded by a cast to void
  co_return;
}
template tg::task<> generic(int);
template tg::task<> generic(short);

// --- Negative ---------------------------------------------------------------

tg::task<int> awaited() { co_return co_await fetch(1); }

tg::task<> spawned() {
  co_await tg::with_group([](tg::task_group &g) -> tg::task<> {
    g.spawn(fetch(1));
    co_return;
  });
}

tg::task<> localAwaitedLater() {
  auto t = fetch(1);
  co_await std::move(t);
}

tg::task<> passedOn() {
  consume(flush());
  co_return;
}

tg::task<int> returned() { return fetch(1); }

tg::task<> ignoresAPlainValue() {
  std::ignore = 42;
  (void)sizeof(fetch(1)); // unevaluated: nothing is created
  co_return;
}

tg::task<> detachedOnPurpose() {
  (void)tg::spawn_detached(flush()); // a handle, not a task: async-spawn-outside-group's business
  co_return;
}

tg::task<> suppressed() {
  (void)flush(); // NOLINT(async-discarded-task)
  // NOLINTNEXTLINE(async-discarded-task)
  std::ignore = flush();
  co_return;
}

// tg::task is [[nodiscard]]: the compiler already warns about a bare call
// (-Wunused-result), so this check does not repeat it.
void bareNodiscardCall() {
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wunused-result"
  flush();
#pragma clang diagnostic pop
}

void parameterIsNotALocal(tg::task<> t) {}

// A call that returns a reference hands back a task kept elsewhere: not a
// discarded task.
#include <map>
#include <optional>
#include <vector>

tg::task<> keptInContainers() {
  std::vector<tg::task<>> tasks;
  tasks.emplace_back(flush());
  tasks.push_back(flush());
  tg::task<> stored;
  stored = flush();
  std::optional<tg::task<>> maybe;
  maybe.emplace(flush());
  std::map<int, tg::task<>> byId;
  byId[1] = flush();
  for (auto &t : tasks)
    co_await std::move(t);
  co_await std::move(stored);
}

// One line in a template, one report: not one per instantiation.
template <class T> struct Refresher {
  tg::task<T> load();
  void drop() {
    (void)load();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'Refresher::load' is discarded by a cast to void
  }
};
template struct Refresher<int>;
template struct Refresher<long>;
template struct Refresher<char>;

void genericLambdaDrops() {
  auto drop = [](auto id) { (void)fetch(id); };
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: task returned by 'fetch' is discarded by a cast to void
  drop(1);
  drop(short(2));
  drop(3L);
}
