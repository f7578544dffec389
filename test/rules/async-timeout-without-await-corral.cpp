// RUN: %check_async_tidy %s async-timeout-without-await %t -- -- %async_flags
//
// corral has no timeout helper: a timeout is a race, anyOf(op, sleepFor(io,
// d)), which cancels the loser. anyOf starts its arguments in order on one
// thread; an op that never suspends runs to completion before the timer can
// fire, whichever side the timer is on.

#include <corral/asio.h>
#include <corral/corral.h>
#include <chrono>

using namespace std::chrono_literals;
extern boost::asio::io_context io;

corral::Task<void> work();
void heavyCompute();

// A corral coroutine that never awaits.
corral::Task<void> compute() {
  heavyCompute();
  co_return;
}
corral::Task<int> computeValue() { co_return 42; }

corral::Task<void> timeoutNeverFires() {
  co_await corral::anyOf(compute(), corral::sleepFor(io, 1s));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'corral::anyOf' can never fire: the task it guards never awaits, so it runs to completion before the timer gets a chance [async-timeout-without-await]
  // CHECK-NOTES: :[[@LINE-9]]:20: note: 'compute' has no co_await or co_yield
}

corral::Task<void> timerFirst() {
  auto [timedOut, value] = co_await corral::anyOf(corral::sleepFor(io, 100ms), computeValue());
  // CHECK-NOTES: :[[@LINE-1]]:37: warning: 'corral::anyOf' can never fire: the task it guards never awaits, so it runs to completion before the timer gets a chance [async-timeout-without-await]
  // CHECK-NOTES: :[[@LINE-11]]:19: note: 'computeValue' has no co_await or co_yield
  (void)timedOut;
  (void)value;
}

// anyOf takes task callables too (test/basic_test.cc "task-callable").
corral::Task<void> lambdaNeverAwaits() {
  co_await corral::anyOf(
      // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'corral::anyOf' can never fire: the task it guards never awaits, so it runs to completion before the timer gets a chance [async-timeout-without-await]
      // CHECK-NOTES: :[[@LINE+1]]:7: note: this coroutine lambda has no co_await or co_yield
      [&]() -> corral::Task<> {
        heavyCompute();
        co_return;
      },
      corral::sleepFor(io, 1s));
}

// --- Negatives ----------------------------------------------------------------

// doc/01: "Attaching a timeout to a potentially long operation".
corral::Task<void> timeoutAwaits() {
  co_await corral::anyOf(work(), corral::sleepFor(io, 1s));
  co_await corral::anyOf([&]() -> corral::Task<> { co_await work(); },
                         corral::sleepFor(io, 1s));
}

// No timer in the race: not a timeout.
corral::Task<void> raceWithoutTimer() {
  corral::Event stop;
  co_await corral::anyOf(compute(), stop);
  co_await corral::anyOf(compute(), computeValue());
}

// allOf waits for both: nothing times out.
corral::Task<void> allOfWithSleep() {
  co_await corral::allOf(compute(), corral::sleepFor(io, 10ms));
}
