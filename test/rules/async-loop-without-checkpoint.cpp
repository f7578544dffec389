// RUN: %check_async_tidy %s async-loop-without-checkpoint %t -- -- %async_flags

#include <tg/tg.hpp>
#include <cppcoro/cancellation_token.hpp>
#include <cppcoro/task.hpp>
#include <exec/task.hpp>
#include <folly/experimental/coro/Task.h>
#include <stdexcept>

int poll();
bool ready();
void work();
tg::task<int> fetch();

// --- Positive ---------------------------------------------------------------

tg::task<> spinsForever() {
  while (true) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine never awaits or checks for cancellation: it cannot be cancelled, and no other task on its event loop runs while it spins [async-loop-without-checkpoint]
    work();
  }
  co_return; // unreachable, but it makes this a coroutine
}

tg::task<> forEver() {
  for (;;)
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine never awaits
    work();
  co_return;
}

tg::task<> doWhileOne() {
  do {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine never awaits
    if (ready())
      co_return;
  } while (1);
}

tg::task<> awaitsOnlyWhenReady() {
  while (true) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine has a path through its body with no await and no cancellation check: it cannot be cancelled, and no other task on its event loop runs while it spins [async-loop-without-checkpoint]
    // CHECK-NOTES: :[[@LINE+1]]:9: note: when this condition is false, the iteration has no await and no cancellation check
    if (ready())
      co_await tg::checkpoint();
  }
}

tg::task<> continuesBeforeTheAwait() {
  for (;;) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine has a path through its body with no await
    // CHECK-NOTES: :[[@LINE+2]]:7: note: the next iteration starts here without an await or a cancellation check
    if (poll() == 0)
      continue;
    co_await fetch();
  }
}

tg::task<> awaitsInOneCase() {
  while (true) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine has a path through its body with no await
    // CHECK-NOTES: :[[@LINE+5]]:5: note: this case has no await and no cancellation check
    switch (poll()) {
    case 0:
      co_await tg::checkpoint();
      break;
    case 1:
      work();
      break;
    default:
      co_await fetch();
    }
  }
}

tg::task<> awaitsInAnInnerLoopThatMayNotRun() {
  while (true) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine has a path through its body with no await
    // CHECK-NOTES: :[[@LINE+1]]:5: note: this loop may run zero times, leaving the iteration without an await
    for (int i = 0; i < poll(); ++i)
      co_await fetch();
  }
}

tg::task<> awaitsOnlyOnShortCircuit() {
  while (true) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine has a path through its body with no await
    // CHECK-NOTES: :[[@LINE+1]]:27: note: this await is skipped on some evaluations of the expression
    bool got = ready() && co_await fetch() > 0;
    (void)got;
  }
}

tg::task<> checksOnlyOnShortCircuit() {
  while (true) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine has a path through its body with no await
    // CHECK-NOTES: :[[@LINE+1]]:28: note: this cancellation check is skipped on some evaluations of the expression
    bool stop = ready() && tg::cancel_requested();
    if (stop)
      co_return;
    work();
  }
}

tg::task<> handlerRetriesWithoutAwait() {
  for (;;) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine has a path through its body with no await
    // CHECK-NOTES: :[[@LINE+5]]:7: note: this handler has no await and no cancellation check
    try {
      if (poll() < 0)
        throw std::runtime_error("bad");
      co_await fetch();
    } catch (const std::runtime_error &) {
      work();
    }
  }
}

bool more();

// A continue of an inner do-while jumps to its condition; when that is
// false the outer iteration ends without an await.
tg::task<> continueInADoWhileInsideAnInfiniteLoop() {
  while (true) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine has a path through its body with no await
    do {
      if (ready())
        // CHECK-NOTES: :[[@LINE-1]]:11: note: when this condition is true, the iteration has no await and no cancellation check
        continue;
      co_await fetch();
    } while (more());
  }
}

tg::task<> breakOutOfADoWhileInsideAnInfiniteLoop() {
  while (true) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine has a path through its body with no await
    do {
      if (ready())
        // CHECK-NOTES: :[[@LINE-1]]:11: note: when this condition is true, the iteration has no await and no cancellation check
        break;
      co_await fetch();
    } while (more());
  }
}

tg::task<> innerInfiniteLoopInsideAnAwaitingOne() {
  while (true) {
    co_await fetch();
    while (true) {
      // CHECK-NOTES: :[[@LINE-1]]:5: warning: infinite loop in a coroutine never awaits
      work();
    }
  }
}

folly::coro::Task<> follySpins() {
  while (true) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine never awaits
    work();
  }
  co_return;
}

cppcoro::task<> cppcoroSpins() {
  for (;;) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine never awaits
    work();
  }
  co_return;
}

exec::task<void> stdexecSpins() {
  while (true)
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine never awaits
    work();
  co_return;
}

constexpr bool kForever = true;
tg::task<> constantCondition() {
  while (kForever) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine never awaits
    work();
  }
  co_return;
}

// --- Negative ---------------------------------------------------------------

tg::task<> awaitsEveryIteration() {
  while (true) {
    work();
    co_await tg::checkpoint();
  }
}

tg::task<> pollsForCancellation() {
  for (;;) {
    if (tg::cancel_requested())
      co_return;
    work();
  }
}

tg::task<> awaitsOnBothBranches() {
  while (true) {
    if (ready())
      co_await fetch();
    else
      co_await tg::sleep_for(std::chrono::milliseconds(1));
  }
}

tg::task<> exitsOnTheSkippingPath() {
  while (true) {
    if (!ready())
      co_return; // leaves: not an iteration
    co_await fetch();
  }
}

tg::task<> breaksOnTheSkippingPath() {
  for (;;) {
    if (poll() == 0)
      break;
    co_await fetch();
  }
}

tg::task<> throwsOnTheSkippingPath() {
  while (true) {
    if (poll() < 0)
      throw std::runtime_error("bad");
    co_await fetch();
  }
}

tg::task<> awaitInTheIncrement() {
  for (;; co_await tg::checkpoint())
    work();
}

tg::task<> boundedLoop() {
  for (int i = 0; i < 10; ++i)
    work();
  while (ready())
    work();
  co_return;
}

tg::task<> awaitInTheConditionOfAnInnerLoop() {
  while (true) {
    while (co_await fetch() > 0)
      work();
  }
}

tg::task<> awaitBeforeTheSwitch() {
  while (true) {
    co_await fetch();
    switch (poll()) {
    case 0:
      continue;
    default:
      work();
    }
  }
}

// A plain function may loop; only coroutines share a loop.
void plainFunction() {
  while (true)
    work();
}

folly::coro::Task<> follyChecks() {
  while (true) {
    co_await folly::coro::co_safe_point;
    work();
  }
}

cppcoro::task<> cppcoroChecks(cppcoro::cancellation_token token) {
  for (;;) {
    token.throw_if_cancellation_requested();
    work();
  }
  co_return;
}

tg::task<> suppressed() {
  while (true) { // NOLINT(async-loop-without-checkpoint)
    work();
  }
  co_return;
}
