// RUN: %check_async_tidy %s async-loop-without-checkpoint %t -- -- %async_flags
//
// libunifex: a task is stopped only through its inplace_stop_token, which it
// hands to every sender it awaits; a loop that never awaits must poll it
// itself: `co_await stop_if_requested()` (completes done when stop was
// requested) or `(co_await get_stop_token()).stop_requested()`.

#include <unifex/get_stop_token.hpp>
#include <unifex/inplace_stop_token.hpp>
#include <unifex/scheduler_concepts.hpp>
#include <unifex/stop_if_requested.hpp>
#include <unifex/task.hpp>
#include <unifex/timed_single_thread_context.hpp>

int computeSync(int);
bool ready();
unifex::task<void> flush();
unifex::timed_single_thread_context ctx;

// --- Positive ---------------------------------------------------------------

unifex::task<void> spin() {
  int n = 0;
  while (true) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine never awaits or checks for cancellation: it cannot be cancelled, and no other task on its event loop runs while it spins [async-loop-without-checkpoint]
    n = computeSync(n);
  }
  co_return;
}

unifex::task<void> awaitsOnOnePath(bool fast) {
  for (;;) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine has a path through its body with no await and no cancellation check: it cannot be cancelled, and no other task on its event loop runs while it spins [async-loop-without-checkpoint]
    // CHECK-NOTES: :[[@LINE+1]]:9: note: when this condition is false, the iteration has no await and no cancellation check
    if (!fast)
      co_await flush();
  }
}

unifex::task<void> pollsOnOnePath() {
  auto st = co_await unifex::get_stop_token();
  int n = 0;
  do {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine has a path through its body with no await and no cancellation check
    // CHECK-NOTES: :[[@LINE+1]]:9: note: when this condition is false, the iteration has no await and no cancellation check
    if (ready()) {
      if (st.stop_requested())
        co_return;
    }
    n = computeSync(n);
  } while (true);
}

// --- Negative ---------------------------------------------------------------

// The checkpoint: completes done once stop was requested.
unifex::task<void> checkpoint() {
  int n = 0;
  while (true) {
    co_await unifex::stop_if_requested();
    n = computeSync(n);
  }
}

// Polling the task's token.
unifex::task<void> pollsToken() {
  auto st = co_await unifex::get_stop_token();
  int n = 0;
  for (;;) {
    if (st.stop_requested())
      co_return;
    n = computeSync(n);
  }
}

// Polling a source the owner stops.
struct Worker {
  unifex::inplace_stop_source stop_;
  unifex::task<void> run() {
    int n = 0;
    while (true) {
      if (stop_.stop_requested())
        co_return;
      n = computeSync(n);
    }
  }
};

// Rescheduling each iteration: an await (schedule completes done when the
// task was stopped).
unifex::task<void> reschedules() {
  int n = 0;
  while (true) {
    co_await unifex::schedule(ctx.get_scheduler());
    n = computeSync(n);
  }
}

// A loop that ends when stop is requested is not infinite.
unifex::task<void> untilStopped() {
  auto st = co_await unifex::get_stop_token();
  int n = 0;
  while (!st.stop_requested())
    n = computeSync(n);
}
