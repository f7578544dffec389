// RUN: %check_async_tidy %s async-blocking-call %t -- -- %async_flags
//
// libunifex: sync_wait(sender) (and sync_wait_r<R>, and the pipe form
// `s | sync_wait()`) blocks the calling thread until the sender completes; a
// task resumes on its scheduler's thread, so a sync_wait in a task stalls that
// context (a deadlock on a single-thread one). The awaitable wait is
// schedule_after(scheduler, duration).

#include <unifex/scheduler_concepts.hpp>
#include <unifex/sync_wait.hpp>
#include <unifex/task.hpp>
#include <unifex/timed_single_thread_context.hpp>
#include <chrono>
#include <thread>

using namespace std::chrono_literals;

unifex::task<int> fetch();
unifex::timed_single_thread_context ctx;

// --- Positive ---------------------------------------------------------------

unifex::task<int> nestedSyncWait() {
  auto r = unifex::sync_wait(fetch());
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: blocking call to 'unifex::sync_wait' in a coroutine blocks the thread of its event loop: no other task runs until it returns; await an asynchronous alternative or move the call off the loop [async-blocking-call]
  co_return r.value_or(0);
}

unifex::task<void> otherSpellings() {
  (void)(fetch() | unifex::sync_wait());
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: blocking call to 'unifex::sync_wait' in a coroutine
  (void)unifex::sync_wait_r<long>(fetch());
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: blocking call to 'unifex::sync_wait_r' in a coroutine
  co_return;
}

unifex::task<void> threadSleep() {
  std::this_thread::sleep_for(10ms);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
  co_await unifex::schedule_after(ctx.get_scheduler(), 10ms);
}

auto inLambda = []() -> unifex::nothrow_task<void> {
  (void)unifex::sync_wait(fetch());
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: blocking call to 'unifex::sync_wait' in a coroutine
  co_return;
};

// --- Negative ---------------------------------------------------------------

// sync_wait at the top, outside any coroutine: the tests' and examples' idiom.
int mainLike() { return unifex::sync_wait(fetch()).value_or(-1); }

int piped() { return (fetch() | unifex::sync_wait()).value_or(-1); }

// The awaitable sleep.
unifex::task<void> awaitableSleep() {
  co_await unifex::schedule_after(ctx.get_scheduler(), 10ms);
  co_await fetch();
}
