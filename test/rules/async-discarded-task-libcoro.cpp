// RUN: %check_async_tidy %s async-discarded-task %t -- -- %async_flags
//
// libcoro (jbaldwin/libcoro): coro::task is lazy ([[nodiscard]], started by
// co_await, a schedule(task), a spawn or a group), and so is what
// coro::when_all returns; a dropped one never runs. spawn_joinable starts its
// task at once: what it returns is a join task, not the work.

#include <coro/coro.hpp>
#include <chrono>
#include <memory>
#include <tuple>
#include <vector>

using namespace std::chrono_literals;

auto compute(int x) -> coro::task<int>;
auto serve() -> coro::task<void>;

// The sleep that was created and never awaited.
auto forgotSleep(std::unique_ptr<coro::scheduler> &s) -> coro::task<void> {
  auto pause = s->yield_for(10ms);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: task 'pause' is never used: it is never awaited or spawned, so 'coro::scheduler::yield_for' never runs to completion [async-discarded-task]
  co_await s->schedule();
}

auto forgotTasks(std::unique_ptr<coro::thread_pool> &tp) -> coro::task<void> {
  auto t = compute(3);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: task 't' is never used: it is never awaited or spawned, so 'compute' never runs to completion
  (void)compute(4);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'compute' is discarded by a cast to void: it is never awaited or spawned, so it never runs to completion
  std::ignore = tp->schedule(compute(5));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'coro::thread_pool::schedule' is discarded by assigning it to 'std::ignore': it is never awaited or spawned, so it never runs to completion
  (void)coro::when_any(compute(6), compute(7));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'coro::when_any' is discarded by a cast to void
  co_return;
}

// when_all's awaitable is as lazy as a task: neither child ever starts.
auto forgotWhenAll() -> coro::task<void> {
  auto both = coro::when_all(compute(1), compute(2));
  // Not reported: when_all's awaitable is no model type (a known limit).
  co_return;
}

// A plain function drops one as well.
void forgotInMain() {
  auto t = compute(8);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: task 't' is never used
}

// Negative (every libcoro test): tasks moved into a vector with emplace_back
// (which returns task&), then into when_all and sync_wait.
int fillAndWait() {
  std::vector<coro::task<int>> tasks;
  for (int i = 0; i < 4; ++i)
    tasks.emplace_back(compute(i));
  auto results = coro::sync_wait(coro::when_all(std::move(tasks)));
  return static_cast<int>(results.size());
}

// Negative (test_task_group.cpp): a task handed to a group's constructor or
// start(); `(void)` drops start()'s [[nodiscard]] bool, not a task; the bool
// of spawn_detached and the void of task_container::start.
auto handedOver(std::unique_ptr<coro::thread_pool> &tp, std::shared_ptr<coro::io_scheduler> io)
    -> coro::task<void> {
  coro::task_group<coro::thread_pool> g{tp, serve()};
  (void)g.start(serve());
  tp->spawn_detached(serve());
  coro::task_container tc{io};
  tc.start(serve());
  co_await g;
  co_await tc.garbage_collect_and_yield_until_empty();
}

// Negative: kept and awaited later, handed to schedule(task, timeout) or
// coro::invoke.
auto awaitedLater(std::unique_ptr<coro::scheduler> &s) -> coro::task<int> {
  auto t = compute(1);
  auto u = compute(2);
  int a = co_await std::move(t);
  auto b = co_await s->schedule(std::move(u), 10ms);
  auto add = [](int x) -> coro::task<int> { co_return x + 1; };
  int c = co_await coro::invoke(add, 2);
  co_return a + (b ? *b : 0) + c;
}

// Negative: a bare statement is left to the compiler's -Wunused-result
// ([[nodiscard]] on coro::task and on yield_for).
auto bareStatement(std::unique_ptr<coro::scheduler> &s) -> coro::task<void> {
  s->yield_for(10ms);
  co_await s->schedule();
}

// Negative: spawn_joinable has already started serve(); the join task is not
// the work. Dropping it (async-spawn-outside-group's) or keeping it unused
// blocks until serve() ends, it does not stop serve() from running.
auto joinTasks(std::unique_ptr<coro::thread_pool> &tp) -> coro::task<void> {
  (void)tp->spawn_joinable(serve());
  auto join = tp->spawn_joinable(serve());
  co_return;
}

// Negative: a generator consumed by a range-for.
auto naturals() -> coro::generator<int> {
  for (int i = 0;; ++i)
    co_yield i;
}
int firstBig() {
  for (int v : naturals())
    if (v > 10)
      return v;
  return 0;
}
