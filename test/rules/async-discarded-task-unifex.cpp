// RUN: %check_async_tidy %s async-discarded-task %t -- -- %async_flags
//
// libunifex: unifex::task<T> (an alias of _task::_task<T, false>::type) and
// nothrow_task<T> are lazy: the body runs only once the task is awaited,
// connected and started (sync_wait, spawn_detached, stop_when, ...).

#include <unifex/spawn_detached.hpp>
#include <unifex/stop_when.hpp>
#include <unifex/sync_wait.hpp>
#include <unifex/task.hpp>
#include <unifex/timed_single_thread_context.hpp>
#include <unifex/unstoppable.hpp>
#include <unifex/v2/async_scope.hpp>
#include <chrono>
#include <tuple>
#include <utility>

using namespace std::chrono_literals;

unifex::task<int> fetch();
unifex::task<void> flush();
unifex::nothrow_task<void> notify();
unifex::_task::_task<int, false>::type fetchSpelledOut(); // the class the alias names

unifex::timed_single_thread_context ctx;

// --- Positive ---------------------------------------------------------------

unifex::task<void> drops() {
  (void)fetch();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is discarded by a cast to void: it is never awaited or spawned, so it never runs to completion [async-discarded-task]
  (void)notify();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'notify' is discarded by a cast to void
  (void)fetchSpelledOut();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'fetchSpelledOut' is discarded by a cast to void
  std::ignore = flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'flush' is discarded by assigning it to 'std::ignore'
  co_return;
}

unifex::task<void> neverUsed() {
  auto pending = flush();
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: task 'pending' is never used: it is never awaited or spawned, so 'flush' never runs to completion [async-discarded-task]
  co_return;
}

// Outside a coroutine the task is just as lazy.
void plainFunctionDrops() {
  (void)fetch();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is discarded by a cast to void
}

unifex::task<void> lambdaTaskDropped() {
  (void)[]() -> unifex::task<void> { co_await flush(); }();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by the coroutine lambda is discarded by a cast to void
  co_return;
}

// --- Negative ---------------------------------------------------------------

unifex::task<int> awaited() { co_return co_await fetch(); }

unifex::task<void> keptThenAwaited() {
  auto pending = flush();
  co_await fetch();
  co_await std::move(pending);
}

// Handed to what starts it: a scope, stop_when, unstoppable.
unifex::task<void> handedOn(unifex::v2::async_scope &scope) {
  unifex::spawn_detached(flush(), scope);
  auto later = flush();
  unifex::spawn_detached(std::move(later), scope);
  co_await unifex::stop_when(flush(), unifex::schedule_after(ctx.get_scheduler(), 1s));
  co_await unifex::unstoppable(notify());
}

// The tests' idiom: sync_wait at the top of main.
int mainLike() { return unifex::sync_wait(fetch()).value_or(-1); }

// A bare call statement: the compiler already warns ([[nodiscard]] task).
unifex::task<void> bareCall() {
  fetch();
  co_return;
}
