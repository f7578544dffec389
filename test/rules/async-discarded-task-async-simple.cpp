// async_simple: Lazy<T> is lazy (it starts only when awaited, started,
// detached, syncAwaited or handed to collectAll/collectAny), and so is the
// RescheduleLazy that via(ex) makes of it: one that is dropped never runs.
//
// RUN: %check_async_tidy %s async-discarded-task %t -- -- %async_flags

#include <async_simple/Promise.h>
#include <async_simple/Try.h>
#include <async_simple/coro/Collect.h>
#include <async_simple/coro/Lazy.h>
#include <async_simple/coro/SyncAwait.h>
#include <async_simple/executors/SimpleExecutor.h>
#include <tuple>
#include <utility>
#include <vector>

using async_simple::Executor;
using async_simple::Try;
using async_simple::coro::Lazy;
namespace coro = async_simple::coro;

Lazy<int> fetch(int);
Lazy<void> work();
void run(Lazy<int> task);

Lazy<void> discards(Executor *ex) {
  (void)work();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'work' is discarded by a cast to void: it is never awaited or spawned, so it never runs to completion [async-discarded-task]
  std::ignore = fetch(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is discarded by assigning it to 'std::ignore': it is never awaited or spawned, so it never runs to completion [async-discarded-task]
  auto pending = fetch(2);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: task 'pending' is never used: it is never awaited or spawned, so 'fetch' never runs to completion [async-discarded-task]
  co_return;
}

// The RescheduleLazy from via() is as lazy as the Lazy it wraps, and so is
// the Lazy a collectAll returns.
void discardsScheduledWork(Executor *ex) {
  (void)work().via(ex);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'async_simple::coro::Lazy::via' is discarded by a cast to void
  auto scheduled = fetch(3).via(ex);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: task 'scheduled' is never used: it is never awaited or spawned, so 'async_simple::coro::Lazy::via' never runs to completion
  (void)coro::collectAll(fetch(4), fetch(5));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'async_simple::coro::collectAll' is discarded by a cast to void
}

// --- Negative cases -----------------------------------------------------------

Lazy<void> uses(Executor *ex) {
  co_await work();
  auto later = fetch(6);
  int v = co_await std::move(later);
  (void)v;
  Try<int> t = co_await fetch(7).coAwaitTry();
  (void)t;
  std::vector<Lazy<void>> batch;
  batch.push_back(work());
  batch.push_back(work());
  // The result (one Try per child) is dropped, not the task: the children
  // ran (SleepTest does this when the children handle their own errors).
  co_await coro::collectAllPara(std::move(batch));
  auto r = co_await coro::collectAny(fetch(8), fetch(9));
  (void)r;
}

// Started, detached, syncAwaited, handed on or returned.
int starts(Executor *ex) {
  fetch(10).via(ex).start([](Try<int> t) { (void)t.hasError(); });
  work().via(ex).detach();
  auto task = fetch(11);
  run(std::move(task));
  run(fetch(12));
  return coro::syncAwait(fetch(13).via(ex));
}

Lazy<int> retry() { return fetch(14); }

// A Future is no lazy task: it runs whether or not it is kept.
void keepsNoFuture(async_simple::Promise<int> &p) { (void)p.getFuture(); }

// A Lazy is [[nodiscard]]: the compiler already warns about a bare call.
void bareCall() { work(); }
