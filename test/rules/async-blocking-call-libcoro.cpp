// RUN: %check_async_tidy %s async-blocking-call %t -- -- %async_flags
//
// libcoro (jbaldwin/libcoro): a task runs on a thread_pool worker or the
// scheduler's thread. coro::sync_wait blocks its thread on a condition
// variable (a 1-thread pool deadlocks), shutdown() blocks until every task of
// the executor is done (from one of them: waits for itself), and the README
// says never to sleep_for inside a coroutine (co_await yield_for instead). No
// fix-it: the awaitable sleep needs the scheduler object.

#include <coro/coro.hpp>
#include <chrono>
#include <memory>
#include <thread>

using namespace std::chrono_literals;

auto compute(int x) -> coro::task<int>;

auto syncWaitInTask(coro::thread_pool &tp) -> coro::task<int> {
  co_await tp.schedule();
  co_return coro::sync_wait(compute(2));
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: blocking call to 'coro::sync_wait' in a coroutine blocks the thread of its event loop: no other task runs until it returns; await an asynchronous alternative or move the call off the loop [async-blocking-call]
}

auto sleepInTask(std::unique_ptr<coro::scheduler> &s) -> coro::task<void> {
  co_await s->schedule();
  std::this_thread::sleep_for(10ms);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine blocks the thread of its event loop
}

// shutdown() from a task of that executor waits for itself; the older and the
// work-stealing executors too.
auto shutdownFromTask(std::unique_ptr<coro::scheduler> &s, std::shared_ptr<coro::io_scheduler> io,
                      std::unique_ptr<coro::thread_pool_ws> &ws) -> coro::task<void> {
  co_await s->schedule();
  s->shutdown();
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: blocking call to 'coro::scheduler::shutdown' in a coroutine blocks the thread of its event loop
  io->shutdown();
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: blocking call to 'coro::io_scheduler::shutdown' in a coroutine
  ws->shutdown();
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: blocking call to 'coro::thread_pool_ws::shutdown' in a coroutine
}

// A coroutine lambda is a libcoro coroutine as well.
void lambdaTask(coro::thread_pool &tp) {
  auto job = [&tp]() -> coro::task<void> {
    co_await tp.schedule();
    tp.shutdown();
    // CHECK-NOTES: :[[@LINE-1]]:8: warning: blocking call to 'coro::thread_pool::shutdown' in a coroutine
  };
  coro::sync_wait(job());
}

// Negative: the awaitable sleeps and hops.
auto awaitableSleeps(std::unique_ptr<coro::scheduler> &s, std::shared_ptr<coro::io_scheduler> io)
    -> coro::task<void> {
  co_await s->yield_for(10ms);
  co_await s->schedule_after(1s);
  co_await io->yield_for(std::chrono::milliseconds{5});
  co_await io->schedule_after(std::chrono::milliseconds{5});
  co_await s->yield();
}

// Negative: awaiting instead of sync_wait; process_events() with its default
// timeout of zero does not wait.
auto awaited(std::unique_ptr<coro::scheduler> &s) -> coro::task<int> {
  int a = co_await compute(1);
  auto both = co_await coro::when_all(compute(2), compute(3));
  (void)both;
  s->process_events();
  co_return a + co_await s->schedule(compute(4));
}

// Negative: sync_wait and shutdown at top level, as every test does.
int main() {
  coro::thread_pool tp{coro::thread_pool::options{.thread_count = 1}};
  int r = coro::sync_wait(compute(1));
  r += coro::sync_wait(tp.schedule(compute(2)));
  tp.shutdown();
  std::this_thread::sleep_for(1ms);
  return r;
}
