// RUN: %check_async_tidy %s async-loop-without-checkpoint %t -- -- %async_flags
//
// concurrencpp (mock): nothing can interrupt a running coroutine; shutdown
// reaches it only at an await, or when it polls its executor's
// shutdown_requested(). A CPU loop that does neither keeps a pool thread, and
// ~runtime joins that pool forever.

#include <concurrencpp/concurrencpp.h>
#include <memory>
#include <vector>

using namespace std::chrono_literals;
namespace cc = concurrencpp;

using pool_ptr = std::shared_ptr<cc::thread_pool_executor>;
using tq_ptr = std::shared_ptr<cc::timer_queue>;

void log(const char *);
void mayThrow();
int crunch(int);
bool keepGoing();
cc::result<int> compute(cc::executor_tag, pool_ptr ex, int x);

// --- Positive ---------------------------------------------------------------

cc::result<void> spins(pool_ptr ex) {
  co_await cc::resume_on(ex);
  while (true) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine never awaits or checks for cancellation: it cannot be cancelled, and no other task on its event loop runs while it spins [async-loop-without-checkpoint]
    crunch(1);
  }
}

// One branch awaits the delay object, the other only computes.
cc::null_result spinsSometimes(tq_ptr tq, pool_ptr ex) {
  for (;;) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine has a path through its body with no await and no cancellation check: it cannot be cancelled, and no other task on its event loop runs while it spins [async-loop-without-checkpoint]
    // CHECK-NOTES: :[[@LINE+1]]:9: note: when this condition is false, the iteration has no await and no cancellation check
    if (keepGoing())
      co_await tq->make_delay_object(10ms, ex);
    else
      crunch(2);
  }
}

// --- Negative ---------------------------------------------------------------

// Polls the executor's shutdown flag on every iteration.
cc::result<void> pollsShutdown(pool_ptr ex) {
  co_await cc::resume_on(ex);
  while (true) {
    if (ex->shutdown_requested())
      co_return;
    crunch(3);
  }
}

// example/12_delay_object: awaits the delay on every path.
cc::null_result delayedTask(tq_ptr tq, pool_ptr ex) {
  while (true) {
    log("tick");
    co_await tq->make_delay_object(1500ms, ex);
  }
}

// Every iteration awaits submitted work.
cc::result<void> consumes(pool_ptr ex) {
  for (;;) {
    co_await ex->submit(mayThrow);
  }
}

// example/7_when_any: a bounded loop over the results still running.
cc::result<int> firstDone(pool_ptr ex) {
  std::vector<cc::result<int>> results;
  for (int i = 0; i < 4; ++i)
    results.emplace_back(compute({}, ex, i));
  int sum = 0;
  while (!results.empty()) {
    auto any = co_await cc::when_any(ex, results.begin(), results.end());
    sum += co_await any.results[any.index];
    any.results.erase(any.results.begin() + any.index);
    results = std::move(any.results);
  }
  co_return sum;
}

// test/source/tests/result_tests/resume_on_tests.cpp: hops over executors.
cc::result<void> hopAll(std::vector<std::shared_ptr<cc::executor>> &executors,
                        std::vector<int> &seen) {
  for (auto &executor : executors) {
    co_await cc::resume_on(executor);
    seen.push_back(1);
  }
}

// An endless synchronous generator suspends at every co_yield.
cc::generator<int> naturals() {
  for (int i = 0;; ++i)
    co_yield i;
}

// A plain function's loop is not a coroutine's.
void workerThread() {
  while (true)
    crunch(4);
}
