// RUN: %check_async_tidy %s async-loop-without-checkpoint %t -- -- %async_flags
//
// corral has no cancellation poll for a task: a pending cancellation is taken
// at the next co_await of an awaitable that suspends or opts in, and the loop
// thread runs no other task until the running one suspends. The checkpoint is
// `co_await corral::yield;` (a constant, not a call). Ready awaitables
// (noop(), just()) do not suspend.

#include <corral/ThreadPool.h>
#include <corral/asio.h>
#include <corral/corral.h>
#include <chrono>
#include <string>

using namespace std::chrono_literals;
extern boost::asio::io_context io;

corral::Task<void> work();
corral::Task<void> serve(std::string conn);
corral::Task<std::string> acceptConn();
bool pollFlag();
void heavyCompute();

corral::Task<void> spins() {
  while (true) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine never awaits or checks for cancellation: it cannot be cancelled, and no other task on its event loop runs while it spins [async-loop-without-checkpoint]
    if (pollFlag())
      break;
  }
  co_await work();
}

corral::Task<void> oneBranchAwaits() {
  for (;;) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine has a path through its body with no await and no cancellation check: it cannot be cancelled, and no other task on its event loop runs while it spins [async-loop-without-checkpoint]
    // CHECK-NOTES: :[[@LINE+1]]:9: note: when this condition is false, the iteration has no await and no cancellation check
    if (pollFlag())
      co_await work();
    else
      heavyCompute();
  }
}

// A nursery body is a task of its own.
corral::Task<void> spinsInNurseryBody() {
  CORRAL_WITH_NURSERY(n) {
    n.start(work);
    co_await corral::yield;
    while (true) {
      // CHECK-NOTES: :[[@LINE-1]]:5: warning: infinite loop in a coroutine never awaits or checks for cancellation
      heavyCompute();
    }
  };
}

// noop() is ready at once: the task never suspends, so nothing else runs and
// nothing can cancel it.
corral::Task<void> awaitsOnlyAReadyAwaitable() {
  while (true) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine
    heavyCompute();
    co_await corral::noop();
  }
}

// --- Negatives ----------------------------------------------------------------

corral::Task<void> yieldsEachIteration() {
  while (true) {
    heavyCompute();
    co_await corral::yield;
  }
}

// examples/asio_echo_server.cc
corral::Task<void> acceptLoop() {
  CORRAL_WITH_NURSERY(n) {
    while (true) {
      std::string c = co_await acceptConn();
      n.start(serve, std::move(c));
    }
  };
}

corral::Task<void> periodic() {
  for (;;) {
    co_await work();
    co_await corral::sleepFor(io, 1s);
  }
}

// test/asio_test.cc "asio-thread-pool": the busy loop runs on a worker
// thread, in a synchronous function that polls its CancelToken.
corral::Task<void> workerPolls(corral::ThreadPool &pool) {
  co_await pool.run([](corral::ThreadPool::CancelToken cancelled) {
    while (true) {
      if (cancelled)
        break;
      heavyCompute();
    }
  });
}
