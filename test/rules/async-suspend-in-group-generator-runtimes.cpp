// RUN: %check_async_tidy %s async-suspend-in-group-generator %t -- -- %async_flags
//
// Groups that are objects of the generator's frame: folly's AsyncScope (its
// destructor CHECK-fails unless joinAsync() or cleanup() completed),
// cppcoro's async_scope (asserts that join() was awaited), Cobalt's
// wait_group. From a spawn into one until an await that names it, a
// co_yield leaves the children running while the consumer decides whether
// to pull again.

#include <boost/cobalt.hpp>
#include <cppcoro/async_generator.hpp>
#include <cppcoro/async_scope.hpp>
#include <cppcoro/task.hpp>
#include <folly/experimental/coro/AsyncGenerator.h>
#include <folly/experimental/coro/AsyncScope.h>
#include <folly/experimental/coro/Task.h>
#include <vector>

folly::coro::Task<void> follyWork(int);
folly::coro::Task<int> follyFetch(int);
cppcoro::task<void> cppcoroWork(int);
boost::cobalt::promise<void> cobaltWork(int);
folly::Executor *executor();

// --- Positive ---------------------------------------------------------------

folly::coro::AsyncGenerator<int> follyScope(std::vector<int> ids) {
  folly::coro::AsyncScope scope;
  for (int id : ids) {
    scope.add(follyWork(id));
    co_yield id;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_yield' suspends the generator while children spawned into 'scope' may still be running: a consumer that stops pulling destroys the generator, and 'scope' with it, before they are joined [async-suspend-in-group-generator]
    // CHECK-NOTES: :[[@LINE-3]]:11: note: child spawned into 'scope' here
    // CHECK-NOTES: :[[@LINE-6]]:27: note: 'scope' lives in the generator's frame; only an await that names it waits for its children
  }
  co_await scope.joinAsync();
}

cppcoro::async_generator<int> cppcoroScope() {
  cppcoro::async_scope scope;
  scope.spawn(cppcoroWork(1));
  co_yield 1;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_yield' suspends the generator while children spawned into 'scope' may still be running
  // CHECK-NOTES: :[[@LINE-3]]:9: note: child spawned into 'scope' here
  // CHECK-NOTES: :[[@LINE-5]]:24: note: 'scope' lives in the generator's frame; only an await that names it waits for its children
  co_await scope.join();
  co_yield 2; // joined: nothing runs any more
}

boost::cobalt::generator<int> cobaltWaitGroup() {
  boost::cobalt::wait_group wg;
  wg.push_back(cobaltWork(1));
  co_yield 1;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_yield' suspends the generator while children spawned into 'wg' may still be running
  // CHECK-NOTES: :[[@LINE-3]]:6: note: child spawned into 'wg' here
  // CHECK-NOTES: :[[@LINE-5]]:29: note: 'wg' lives in the generator's frame; only an await that names it waits for its children
  co_await wg.wait();
}

// --- Negative ---------------------------------------------------------------

// Joined before every yield.
folly::coro::AsyncGenerator<int> follyJoinedFirst(std::vector<int> ids) {
  for (int id : ids) {
    folly::coro::AsyncScope scope;
    scope.add(follyWork(id));
    co_await scope.joinAsync();
    co_yield id;
  }
}

// A yield before anything is spawned, and a scope of another block.
folly::coro::AsyncGenerator<int> follyBeforeTheSpawn() {
  co_yield 0;
  {
    folly::coro::AsyncScope scope;
    scope.add(follyWork(1));
    co_await scope.joinAsync();
  }
  co_yield 1;
}

// A group the generator does not own (a parameter): its owner joins it.
folly::coro::AsyncGenerator<int> follyCallersScope(folly::coro::AsyncScope &scope) {
  scope.add(follyWork(1));
  co_yield 1;
}

// Not a generator: a task that holds a scope across awaits is the normal use.
folly::coro::Task<void> follyTask() {
  folly::coro::AsyncScope scope;
  scope.add(follyWork(1));
  co_await follyFetch(1);
  co_await scope.joinAsync();
}
