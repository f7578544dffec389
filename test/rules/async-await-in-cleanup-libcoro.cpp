// RUN: %check_async_tidy %s async-await-in-cleanup %t -- -- %async_flags
//
// libcoro (jbaldwin/libcoro) has no cancellation that an await observes:
// nothing interrupts a co_await, and a stop is a std::stop_token the task
// polls. Cleanup that awaits runs to completion, so the check stays silent.

#include <coro/coro.hpp>
#include <exception>
#include <stop_token>

auto compute(int x) -> coro::task<int>;
auto cleanup() -> coro::task<void>;
auto flush(coro::thread_pool &tp) -> coro::task<void>;

// The stored-exception "finally" idiom.
auto finallyIdiom(coro::thread_pool &tp) -> coro::task<void> {
  std::exception_ptr ep;
  try {
    co_await tp.schedule();
    co_await compute(1);
  } catch (...) {
    ep = std::current_exception();
  }
  co_await cleanup();
  if (ep)
    std::rethrow_exception(ep);
}

// Cleanup awaited once a stop was requested: the await is not interrupted.
auto flushOnStop(coro::thread_pool &tp, std::stop_token st) -> coro::task<void> {
  while (true) {
    if (st.stop_requested()) {
      co_await flush(tp);
      co_return;
    }
    co_await tp.yield();
  }
}

// A poll that completes with poll_status::cancelled, then a cleanup await.
auto pollThenClose(std::unique_ptr<coro::scheduler> &s, coro::fd_t fd) -> coro::task<void> {
  auto status = co_await s->poll(fd, coro::poll_op::read);
  if (status == coro::poll_status::cancelled)
    co_await cleanup();
}
