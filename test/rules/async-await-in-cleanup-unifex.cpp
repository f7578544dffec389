// RUN: %check_async_tidy %s async-await-in-cleanup %t -- -- %async_flags
//
// libunifex: a task hands its (receiver's) stop token to every sender it
// awaits, so once stop was requested a stoppable await completes done at
// once; unstoppable(sender) hides the token (the shield). Cancellation is no
// exception: no handler ever holds one, and at_coroutine_exit's action runs
// with an unstoppable token.

#include <unifex/at_coroutine_exit.hpp>
#include <unifex/get_stop_token.hpp>
#include <unifex/inplace_stop_token.hpp>
#include <unifex/scheduler_concepts.hpp>
#include <unifex/task.hpp>
#include <unifex/timed_single_thread_context.hpp>
#include <unifex/unstoppable.hpp>
#include <chrono>
#include <exception>

using namespace std::chrono_literals;

unifex::task<int> fetch();
unifex::task<void> flush();
unifex::timed_single_thread_context ctx;

// --- Positive: an await in a branch taken when this task was stopped --------

unifex::task<void> flushWhenStopped() {
  auto st = co_await unifex::get_stop_token();
  co_await fetch();
  if (st.stop_requested()) {
    co_await flush();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: await in a branch taken when cancellation was requested is not shielded from cancellation: it is cancelled at once and the cleanup never completes [async-await-in-cleanup]
    // CHECK-NOTES: :[[@LINE-3]]:7: note: this branch runs only when this test finds cancellation requested
    // CHECK-FIXES: {{^}}    co_await unifex::unstoppable(flush());{{$}}
    co_return;
  }
}

unifex::task<void> flushInElse() {
  auto st = co_await unifex::get_stop_token();
  if (!st.stop_requested()) {
    co_await fetch();
  } else {
    co_await unifex::schedule_after(ctx.get_scheduler(), 10ms);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: await in a branch taken when cancellation was requested is not shielded
    // CHECK-NOTES: :[[@LINE-5]]:8: note: this branch runs only when this test finds cancellation requested
    // CHECK-FIXES: {{^}}    co_await unifex::unstoppable(unifex::schedule_after(ctx.get_scheduler(), 10ms));{{$}}
  }
}

// --- Negative ---------------------------------------------------------------

unifex::task<void> shielded() {
  auto st = co_await unifex::get_stop_token();
  if (st.stop_requested())
    co_await unifex::unstoppable(flush());
}

// test/at_coroutine_exit_test.cpp: the action runs in a cleanup coroutine
// whose stop token is an unstoppable_token.
unifex::task<void> cleanupAction() {
  co_await unifex::at_coroutine_exit([]() -> unifex::task<void> { co_await flush(); });
  co_await fetch();
}

// A done never reaches a handler: the exception stored here is an ordinary
// error, and the task is not being cancelled while it flushes.
unifex::task<void> storedException() {
  std::exception_ptr ep;
  try {
    co_await fetch();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await flush();
  if (ep)
    std::rethrow_exception(ep);
}

// A stop source of this frame (it stops the work this frame started) is not
// the source of this task's own token: flush() runs with the token the
// awaiting parent gave, which nobody stopped.
unifex::task<void> stopsItsOwnWorkers() {
  unifex::inplace_stop_source workers;
  co_await fetch();
  workers.request_stop();
  if (workers.stop_requested())
    co_await flush();
}
