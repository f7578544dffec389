// async_simple: a Lazy gives its executor's thread back only at a co_await,
// and is cancelled only where it awaits a cancellable operation or polls its
// slot (Slot::canceled, signalHelper::hasCanceled/checkHasCanceled), so an
// infinite loop needs one of them on every path.
//
// RUN: %check_async_tidy %s async-loop-without-checkpoint %t -- -- %async_flags

#include <async_simple/Signal.h>
#include <async_simple/coro/Generator.h>
#include <async_simple/coro/Lazy.h>
#include <async_simple/coro/Sleep.h>
#include <atomic>
#include <chrono>
#include <utility>
#include <vector>

using namespace std::chrono_literals;
using async_simple::Slot;
using async_simple::coro::Lazy;
namespace coro = async_simple::coro;

Lazy<int> fetch(int);
Lazy<void> work();
Lazy<std::pair<int, int>> accept();
Lazy<void> serve(int socket);
void log(const char *);
bool tryPop(int &item);
void process(int item);

// --- Reported -----------------------------------------------------------------

Lazy<void> spinsOnAQueue() {
  int item = 0;
  while (true) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine never awaits or checks for cancellation: it cannot be cancelled, and no other task on its event loop runs while it spins [async-loop-without-checkpoint]
    if (tryPop(item))
      process(item);
  }
  co_return;
}

Lazy<void> awaitsOnlyWhenFlagged(std::atomic<bool> &flag) {
  while (true) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine has a path through its body with no await and no cancellation check: it cannot be cancelled, and no other task on its event loop runs while it spins [async-loop-without-checkpoint]
    // CHECK-NOTES: :[[@LINE+1]]:9: note: when this condition is false, the iteration has no await and no cancellation check
    if (flag.load())
      co_await work();
  }
}

Lazy<void> skipsTheAwait(std::vector<int> &queue) {
  for (;;) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine has a path through its body with no await and no cancellation check
    // CHECK-NOTES: :[[@LINE+2]]:7: note: the next iteration starts here without an await or a cancellation check
    if (queue.empty())
      continue;
    co_await fetch(queue.back());
    queue.pop_back();
  }
}

// --- Negative cases -----------------------------------------------------------

// The accept loop of the library's echo server: every path awaits first.
Lazy<void> acceptLoop() {
  for (;;) {
    auto [error, socket] = co_await accept();
    if (error) {
      log("accept failed");
      continue;
    }
    co_await serve(socket);
  }
}

// A CPU loop that polls its slot on every path.
Lazy<void> computesUntilCancelled(Slot *slot) {
  int n = 0;
  while (true) {
    if (slot->canceled())
      break;
    ++n;
  }
  co_return;
}

// The synchronous checkpoint: throws SignalException once cancelled.
Lazy<void> computesWithACheckpoint(Slot *slot) {
  int item = 0;
  for (;;) {
    async_simple::signalHelper{async_simple::SignalType::Terminate}.checkHasCanceled(slot);
    if (tryPop(item))
      process(item);
  }
  co_return;
}

// Yields to the executor on every iteration.
Lazy<void> yieldsEachTime() {
  int item = 0;
  for (;;) {
    if (tryPop(item))
      process(item);
    co_await coro::Yield{};
  }
}

Lazy<void> pollsWithASleep(std::atomic<bool> &ready) {
  while (true) {
    if (ready)
      break;
    co_await coro::sleep(5ms);
  }
}

// A bounded loop ends by itself.
Lazy<int> sums(int n) {
  int sum = 0;
  for (int i = 0; i < n; ++i)
    sum += i;
  co_return sum;
}

// A synchronous generator: its consumer decides when to stop.
coro::Generator<int> naturals() {
  for (int i = 0;; ++i)
    co_yield i;
}
