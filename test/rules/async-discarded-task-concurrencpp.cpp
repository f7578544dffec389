// RUN: %check_async_tidy %s async-discarded-task %t -- -- %async_flags
//
// concurrencpp (mock): lazy_result<T> is lazy (dropping it destroys the frame
// before it ever ran), result<T> is eager and its destructor neither waits
// nor cancels (dropping it loses only its outcome), and null_result is
// fire-and-forget by design. None of them is [[nodiscard]].

#include <concurrencpp/concurrencpp.h>
#include <functional>
#include <memory>
#include <span>
#include <tuple>
#include <vector>

using namespace std::chrono_literals;
namespace cc = concurrencpp;

using pool_ptr = std::shared_ptr<cc::thread_pool_executor>;
using tq_ptr = std::shared_ptr<cc::timer_queue>;

void mayThrow();
int crunch(int);

cc::result<int> compute(cc::executor_tag, pool_ptr ex, int x);
cc::result<void> step();
cc::lazy_result<int> lazyWork();
cc::lazy_result<void> lazyStep();
cc::null_result notifyLater(int level);

// --- A lazy result dropped: it never runs -----------------------------------

cc::result<void> dropsLazy(tq_ptr tq, pool_ptr ex, cc::async_lock &lock) {
  (void)lazyWork();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'lazyWork' is discarded by a cast to void: it is never awaited or spawned, so it never runs to completion [async-discarded-task]
  std::ignore = lazyStep();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'lazyStep' is discarded by assigning it to 'std::ignore': it is never awaited or spawned, so it never runs to completion
  // The sleep that never happens (example/12 awaits it).
  tq->make_delay_object(100ms, ex);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'concurrencpp::timer_queue::make_delay_object' is discarded: it is never awaited or spawned, so it never runs to completion
  // The lock that is never taken.
  lock.lock(ex);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'concurrencpp::async_lock::lock' is discarded: it is never awaited or spawned, so it never runs to completion
  // when_all is lazy too: the results given to it are destroyed unread.
  cc::when_all(ex, compute({}, ex, 1), compute({}, ex, 2));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'concurrencpp::when_all' is discarded: it is never awaited or spawned, so it never runs to completion
  auto later = lazyStep();
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: task 'later' is never used: it is never awaited or spawned, so 'lazyStep' never runs to completion
  co_return;
}

// example/4_async_file_processing_version_2 drops resume_on's awaitable: the
// code after it goes on running on the old executor.
cc::result<void> dropsResumeOn(pool_ptr background) {
  cc::resume_on(background);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: awaitable returned by 'concurrencpp::resume_on' is discarded: it does nothing unless it is awaited
  co_return;
}

// In plain code as well.
void dropsLazyInPlainCode() {
  lazyWork();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'lazyWork' is discarded: it is never awaited or spawned, so it never runs to completion
}

// --- An eager result dropped: it runs, but its failure is never seen --------

void dropsEager(pool_ptr ex, std::vector<std::function<int()>> &jobs) {
  ex->submit([] { mayThrow(); });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'concurrencpp::derivable_executor::submit' is discarded: the work runs on, but nothing waits for it or sees its failure [async-discarded-task]
  cc::executor &base = *ex;
  base.submit(mayThrow);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'concurrencpp::executor::submit' is discarded: the work runs on, but nothing waits for it or sees its failure
  lazyWork().run();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'concurrencpp::lazy_result::run' is discarded: the work runs on, but nothing waits for it or sees its failure
  compute({}, ex, 1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'compute' is discarded: the work runs on, but nothing waits for it or sees its failure
  (void)compute({}, ex, 2);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'compute' is discarded: the work runs on, but nothing waits for it or sees its failure
  // bulk_submit returns one result<R> per callable: dropping the vector
  // drops every outcome, the same way.
  ex->bulk_submit(std::span(jobs));
  // Not reported: a dropped std::vector of results is no model type (a known limit).
  // Kept in a local that is never read: the result's destructor does not
  // wait either (std::async's future would).
  auto pending = ex->submit(crunch, 3);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: result 'pending' is never used: the work runs on, but nothing waits for it or sees its failure
}

// --- Negative ---------------------------------------------------------------

// Awaited, or started with run() and kept.
cc::result<void> keepsLazy(tq_ptr tq, pool_ptr ex, cc::async_lock &lock) {
  co_await lazyWork();
  co_await tq->make_delay_object(100ms, ex);
  auto guard = co_await lock.lock(ex);
  auto started = lazyStep().run();
  co_await started;
  auto [a, b] = co_await cc::when_all(ex, compute({}, ex, 1), compute({}, ex, 2));
  co_await a;
  co_await b;
  int v = co_await lazyWork().run();
  (void)v;
}

// Eager results kept and read; get() in plain code.
cc::result<int> keepsEager(pool_ptr ex) {
  std::vector<cc::result<int>> rs;
  rs.emplace_back(compute({}, ex, 1));
  rs.emplace_back(ex->submit(crunch, 2));
  auto done = co_await cc::when_all(ex, rs.begin(), rs.end());
  int v = 0;
  for (auto &d : done)
    v += co_await d;
  co_await step();
  co_return v;
}
int mainLike(pool_ptr ex) { return compute({}, ex, 1).get() + lazyWork().run().get(); }

// null_result is fire-and-forget by its type (async-spawn-outside-group
// reports the call); a concurrencpp::timer is not a task.
void notTasks(tq_ptr tq, pool_ptr ex) {
  notifyLater(1); // NOLINT(async-spawn-outside-group)
  (void)notifyLater(2);
  auto timer = tq->make_one_shot_timer(1s, ex, [] { crunch(3); });
}

// The generator is synchronous: a plain coroutine type, not a task.
cc::generator<int> numbers() {
  for (int i = 0; i < 3; ++i)
    co_yield i;
}
void dropsGenerator() { (void)numbers(); }
