// RUN: %check_async_tidy %s async-spawn-outside-group %t -- -- %async_flags
//
// concurrencpp (mock): there are no groups. A call of a coroutine returning
// null_result and executor::post are fire-and-forget: null_result's promise
// and post's try/catch wrapper drop the exception, and nothing waits for them.

#include <concurrencpp/concurrencpp.h>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

using namespace std::chrono_literals;
namespace cc = concurrencpp;

using pool_ptr = std::shared_ptr<cc::thread_pool_executor>;

void mayThrow();
int crunch(int);

cc::null_result notifyLater(int level);
cc::null_result pushOn(cc::executor_tag, pool_ptr ex, std::string message);
cc::result<int> compute(cc::executor_tag, pool_ptr ex, int x);
cc::lazy_result<int> lazyWork();

// A null_result coroutine is detached by its type: every call is a spawn,
// also the executor_tag form that starts it on the pool.
void requestHandler(pool_ptr ex) {
  notifyLater(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call of 'notifyLater' runs a detached coroutine ('concurrencpp::null_result') outside any group: nothing waits for it or handles its failure, and it can outlive the data it uses [async-spawn-outside-group]
  pushOn({}, ex, "hello");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call of 'pushOn' runs a detached coroutine ('concurrencpp::null_result') outside any group
}

cc::result<void> fromACoroutine(pool_ptr ex) {
  co_await cc::resume_on(ex);
  notifyLater(2);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call of 'notifyLater' runs a detached coroutine ('concurrencpp::null_result') outside any group
}

// A coroutine lambda returning null_result, invoked in place, is detached in
// the same way (the generic coroutine_traits<null_result, ...> matches it).
void detachedLambda(pool_ptr ex) {
  [ex]() -> cc::null_result {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: call of the coroutine lambda runs a detached coroutine ('concurrencpp::null_result') outside any group: nothing waits for it or handles its failure, and it can outlive the data it uses [async-spawn-outside-group]
    co_await cc::resume_on(ex);
    mayThrow();
  }();
}

// A detached member coroutine.
struct Session {
  cc::null_result serve(pool_ptr ex);
};
void startsSession(Session &session, pool_ptr ex) {
  session.serve(ex);
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: call of 'serve' runs a detached coroutine ('concurrencpp::null_result') outside any group
}

// post/bulk_post run the callable through bind_with_try_catch: its
// exception is dropped. Both spellings: derivable_executor<E>::post through
// the concrete executor, executor::post through the base class.
void posts(pool_ptr ex, std::vector<std::function<void()>> &jobs) {
  ex->post([] { mayThrow(); });
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'concurrencpp::derivable_executor::post' runs work outside any group: nothing waits for it or handles its failure, and it can outlive the data it uses [async-spawn-outside-group]
  cc::executor &base = *ex;
  base.post(mayThrow);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: 'concurrencpp::executor::post' runs work outside any group
  ex->bulk_post(std::span(jobs));
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'concurrencpp::derivable_executor::bulk_post' runs work outside any group
  base.bulk_post(std::span(jobs));
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: 'concurrencpp::executor::bulk_post' runs work outside any group
}

// test/source/tests/coroutine_tests/coroutine_promise_tests.cpp calls
// null_result coroutines on purpose and waits on an observer: the report is
// right, and the test silences it.
void intendedFireAndForget() {
  notifyLater(3); // NOLINT(async-spawn-outside-group)
}

// --- Negative ---------------------------------------------------------------

// The definition of a null_result coroutine is not a call of it.
cc::null_result notifyLater(int level) { co_return; }

// submit returns a result<R>: awaited, kept for when_all, or read with get()
// in plain code, the failure is seen.
cc::result<int> keepsResults(pool_ptr ex) {
  int v = co_await ex->submit([] { return crunch(1); });
  std::vector<cc::result<int>> rs;
  rs.emplace_back(compute({}, ex, v));
  rs.emplace_back(ex->submit(crunch, 2));
  auto done = co_await cc::when_all(ex, rs.begin(), rs.end());
  for (auto &d : done)
    v += co_await d;
  v += co_await lazyWork().run();
  co_return v;
}
int mainLike(pool_ptr ex) { return compute({}, ex, 1).get() + ex->submit(crunch, 2).get(); }

// A discarded submit() or eager result is async-discarded-task's to report
// (once), not this check's.
void discardedResults(pool_ptr ex) {
  ex->submit(mayThrow);
  compute({}, ex, 1);
}

// A timer's callable is posted, but the timer object owns it: its destructor
// cancels the timer.
cc::result<void> ownedTimer(std::shared_ptr<cc::timer_queue> tq, pool_ptr ex) {
  auto timer = tq->make_timer(1s, 1s, ex, [] { crunch(3); });
  co_await tq->make_delay_object(10s, ex);
  timer.cancel();
}
