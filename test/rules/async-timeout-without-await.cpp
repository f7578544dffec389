// RUN: %check_async_tidy %s async-timeout-without-await %t -- -- %async_flags

#include <tg/tg.hpp>
#include <folly/experimental/coro/Task.h>

using namespace std::chrono_literals;

int crunch(int n);
tg::task<int> fetch(int id);
tg::task<int> elsewhere(); // defined in another translation unit

tg::task<int> computeOnly(int n) {
  int sum = 0;
  for (int i = 0; i < n; ++i)
    sum += crunch(i);
  co_return sum;
}

tg::task<int> awaitsSomething(int id) { co_return co_await fetch(id); }

struct Worker {
  tg::task<> step() { co_return; }
};

// --- Positive ---------------------------------------------------------------

tg::task<int> timesOutAFunction() {
  co_return co_await tg::timeout(10ms, computeOnly(1000000));
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: 'tg::timeout' can never fire: the task it guards never awaits, so it runs to completion before the timer gets a chance [async-timeout-without-await]
  // CHECK-NOTES: :[[@LINE-18]]:15: note: 'computeOnly' has no co_await or co_yield
}

tg::task<> timesOutALambda() {
  co_await tg::timeout(1s, []() -> tg::task<> {
    // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'tg::timeout' can never fire
    // CHECK-NOTES: :[[@LINE-2]]:28: note: this coroutine lambda has no co_await or co_yield
    while (crunch(0) != 0) {
    }
    co_return;
  }());
}

tg::task<> timesOutAMember(Worker &w) {
  co_await tg::timeout(1s, w.step());
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'tg::timeout' can never fire
  // CHECK-NOTES: :[[@LINE-24]]:14: note: 'step' has no co_await or co_yield
}

tg::task<int> timesOutAShieldedBody() {
  co_return co_await tg::timeout(5ms, tg::shield(computeOnly(3)));
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: 'tg::timeout' can never fire
  // CHECK-NOTES: :[[@LINE-40]]:15: note: 'computeOnly' has no co_await or co_yield
}

tg::task<> awaitOnlyInANestedLambda() {
  co_await tg::timeout(1s, []() -> tg::task<> {
    // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'tg::timeout' can never fire
    // CHECK-NOTES: :[[@LINE-2]]:28: note: this coroutine lambda has no co_await or co_yield
    auto later = []() -> tg::task<> { co_await tg::checkpoint(); };
    (void)later;
    co_return;
  }());
}

// Outside any coroutine: the main task itself.
int runsWithATimeout() {
  return tg::run(tg::timeout(1s, computeOnly(5)));
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: 'tg::timeout' can never fire
  // CHECK-NOTES: :[[@LINE-57]]:15: note: 'computeOnly' has no co_await or co_yield
}

folly::coro::Task<int> follyCompute() {
  co_return crunch(1);
}

folly::coro::Task<int> follyTimesOut() {
  co_return co_await folly::coro::timeout(follyCompute(), folly::Duration(5));
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: 'folly::coro::timeout' can never fire
  // CHECK-NOTES: :[[@LINE-7]]:24: note: 'follyCompute' has no co_await or co_yield
}

template <class T>
tg::task<int> generic(T d) {
  co_return co_await tg::timeout(d, computeOnly(1));
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: 'tg::timeout' can never fire
  // CHECK-NOTES: :[[@LINE-74]]:15: note: 'computeOnly' has no co_await or co_yield
}
template tg::task<int> generic(std::chrono::milliseconds);

// --- Negative ---------------------------------------------------------------

tg::task<int> bodyAwaits() { co_return co_await tg::timeout(1s, awaitsSomething(1)); }

tg::task<> lambdaAwaits() {
  co_await tg::timeout(1s, []() -> tg::task<> {
    for (int i = 0; i < 10; ++i) {
      crunch(i);
      co_await tg::checkpoint();
    }
  }());
}

tg::task<int> bodyNotVisible() { co_return co_await tg::timeout(1s, elsewhere()); }

tg::task<int> taskInAVariable() {
  tg::task<int> t = computeOnly(1); // a task built earlier and moved in
  co_return co_await tg::timeout(1s, std::move(t));
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: 'tg::timeout' can never fire
  // CHECK-NOTES: :[[@LINE-97]]:15: note: 'computeOnly' has no co_await or co_yield
}

tg::task<> awaitsOnlyOnSomePaths(bool fast) {
  co_await tg::timeout(1s, [](bool fast) -> tg::task<> {
    if (!fast)
      co_await tg::sleep_for(1ms); // may still fire: the check asks for an await, not for one on every path
  }(fast));
}

folly::coro::Task<int> follyAwaits() { co_return co_await follyCompute(); }
folly::coro::Task<int> follyTimesOutAnAwaitingBody() {
  co_return co_await folly::coro::timeout(follyAwaits(), folly::Duration(5));
}

tg::task<int> suppressed() {
  co_return co_await tg::timeout(1s, computeOnly(1)); // NOLINT(async-timeout-without-await)
}
