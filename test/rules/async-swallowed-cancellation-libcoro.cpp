// RUN: %check_async_tidy %s async-swallowed-cancellation %t -- -- %async_flags
// RUN: %check_async_tidy %s async-swallowed-cancellation %t -- \
// RUN:   -config="{CheckOptions: {async-swallowed-cancellation.ReportCancellationAsSuccess: true}}" \
// RUN:   -- %async_flags
//
// libcoro (jbaldwin/libcoro) has no cancellation exception and cancels no
// task: a stop is a std::stop_token the task polls, or a poll() that completes
// with poll_status::cancelled. No handler can swallow a cancellation, so the
// check stays silent on every handler below.

#include <coro/coro.hpp>
#include <exception>
#include <stdexcept>
#include <stop_token>

auto compute(int x) -> coro::task<int>;
void log();

// test_thread_pool.cpp "thread_pool shutdown": schedule() throws
// std::runtime_error once the pool is shut down.
auto scheduleAfterShutdown(coro::thread_pool &tp) -> coro::task<bool> {
  try {
    co_await tp.schedule();
  } catch (...) {
    co_return true;
  }
  co_return false;
}

auto logAndGoOn(coro::thread_pool &tp) -> coro::task<void> {
  for (int i = 0; i < 3; ++i) {
    try {
      co_await tp.schedule();
      co_await compute(i);
    } catch (const std::exception &) {
      log();
    }
  }
}

auto fallback() -> coro::task<int> {
  try {
    co_return co_await compute(5);
  } catch (const std::runtime_error &) {
    co_return -1;
  } catch (...) {
    co_return -2;
  }
}

// A stop request is a value the task reads, not an exception.
auto stopAware(std::stop_token st, coro::thread_pool &tp) -> coro::task<int> {
  int done = 0;
  while (!st.stop_requested()) {
    try {
      co_await tp.yield();
      done += co_await compute(done);
    } catch (...) {
      log();
    }
  }
  co_return done;
}
