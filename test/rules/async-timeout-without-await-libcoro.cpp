// RUN: %check_async_tidy %s async-timeout-without-await %t -- -- %async_flags
//
// libcoro (jbaldwin/libcoro): scheduler::schedule(task, timeout) (and the
// stop_source overload, and io_scheduler's) is when_any(task, timer); the task
// starts inline in the awaiting coroutine, so one that never suspends has
// finished before the timer task even starts: the timeout cannot fire.

#include <coro/coro.hpp>
#include <chrono>
#include <memory>
#include <stop_token>

using namespace std::chrono_literals;

auto quick() -> coro::task<int> { co_return 1; }

auto guardQuick(std::unique_ptr<coro::scheduler> &s) -> coro::task<void> {
  auto r = co_await s->schedule(quick(), 10ms);
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: 'coro::scheduler::schedule' can never fire: the task it guards never awaits, so it runs to completion before the timer gets a chance [async-timeout-without-await]
  // CHECK-NOTES: :[[@LINE-5]]:6: note: 'quick' has no co_await or co_yield
  (void)r;
}

// The stop_source overload with a coroutine lambda that never suspends.
auto guardBusyLambda(std::unique_ptr<coro::scheduler> &s) -> coro::task<void> {
  auto busy = []() -> coro::task<int> {
    int x = 0;
    for (int i = 0; i < 1000000; ++i)
      x += i;
    co_return x;
  };
  auto r = co_await s->schedule(std::stop_source{}, busy(), 10ms);
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: 'coro::scheduler::schedule' can never fire
  // CHECK-NOTES: :[[@LINE-8]]:15: note: this coroutine lambda has no co_await or co_yield
  (void)r;
}

// io_scheduler's (std::chrono::milliseconds).
auto guardOnIo(std::shared_ptr<coro::io_scheduler> io) -> coro::task<void> {
  auto r = co_await io->schedule(quick(), std::chrono::milliseconds{5});
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: 'coro::io_scheduler::schedule' can never fire
  // CHECK-NOTES: :[[@LINE-27]]:6: note: 'quick' has no co_await or co_yield
  (void)r;
}

// The same task built first and moved in.
auto guardMovedTask(std::unique_ptr<coro::scheduler> &s) -> coro::task<void> {
  auto t = quick();
  auto r = co_await s->schedule(std::move(t), 10ms);
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: 'coro::scheduler::schedule' can never fire
  // CHECK-NOTES: :[[@LINE-36]]:6: note: 'quick' has no co_await or co_yield
  (void)r;
}

// Negative: the guarded task suspends on a timer, so the timeout can win
// (slow() keeps running after it: nothing is cancelled).
auto slow(coro::scheduler &s) -> coro::task<int> {
  co_await s.yield_for(1s);
  co_return 2;
}
auto guardSlow(std::unique_ptr<coro::scheduler> &s) -> coro::task<void> {
  auto r = co_await s->schedule(slow(*s), 10ms);
  if (!r)
    co_return; // timeout_status::timeout
}

// Negative: schedule(task) without a duration, timers and a poll timeout are
// no timeout scopes.
auto noTimeout(std::unique_ptr<coro::scheduler> &s) -> coro::task<int> {
  co_await s->schedule_after(10ms);
  auto status = co_await s->poll(0, coro::poll_op::read, std::chrono::milliseconds{10});
  (void)status;
  co_return co_await s->schedule(quick());
}

// Negative: a guarded task that hops onto a pool first.
auto guardHop(std::unique_ptr<coro::scheduler> &s, coro::thread_pool &tp) -> coro::task<void> {
  auto r = co_await s->schedule(tp.schedule(quick()), 10ms);
  (void)r;
}
