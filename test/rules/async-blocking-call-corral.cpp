// RUN: %check_async_tidy %s async-blocking-call %t -- -- %async_flags
//
// corral runs every task of a loop on one thread (usually an asio
// io_context): a blocking call stalls them all. corral::run() starts a loop
// from synchronous code; inside a task it asserts (same loop) or blocks the
// outer one. ThreadPool::run moves a synchronous function to a worker thread.

#include <corral/ThreadPool.h>
#include <corral/asio.h>
#include <corral/corral.h>
#include <chrono>
#include <string>
#include <thread>

using namespace std::chrono_literals;
extern boost::asio::io_context io;

corral::Task<int> fetch(int x);
corral::Task<void> work();

corral::Task<void> sleepsOnTheLoop() {
  std::this_thread::sleep_for(10ms);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine blocks the thread of its event loop: no other task runs until it returns; await an asynchronous alternative or move the call off the loop [async-blocking-call]
  co_await work();
}

corral::Task<void> nestedRun() {
  int x = corral::run(io, fetch(1));
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: blocking call to 'corral::run' in a coroutine blocks the thread of its event loop: no other task runs until it returns; await an asynchronous alternative or move the call off the loop [async-blocking-call]
  (void)x;
  co_return;
}

corral::Task<void> runsTheLoop() {
  io.run();
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: blocking call to 'boost::asio::io_context::run' in a coroutine blocks the thread of its event loop: no other task runs until it returns; await an asynchronous alternative or move the call off the loop [async-blocking-call]
  co_return;
}

// A nursery body is a corral task too.
corral::Task<void> sleepsInNurseryBody() {
  CORRAL_WITH_NURSERY(n) {
    n.start(work);
    std::this_thread::sleep_for(1s);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine blocks the thread of its event loop
    co_return corral::join;
  };
}

// --- Negatives ----------------------------------------------------------------

// test/asio_test.cc "asio-thread-pool": the function runs on a worker thread.
corral::Task<void> offloaded(corral::ThreadPool &pool) {
  co_await pool.run([] { std::this_thread::sleep_for(10ms); });
  co_await pool.run([](corral::ThreadPool::CancelToken cancelled) {
    while (!cancelled)
      std::this_thread::sleep_for(1ms);
  });
}

// corral::run from synchronous code is the entry point.
int main() { return corral::run(io, fetch(1)); }

// The awaitable way to wait.
corral::Task<void> awaitsATimer() { co_await corral::sleepFor(io, 10ms); }

// A project's own coroutines named like POSIX calls are awaited, not blocking.
struct Listener;
corral::Task<std::string> accept(Listener &l);
corral::Task<bool> poll(Listener &l);

corral::Task<void> acceptLoop(Listener &l) {
  while (co_await poll(l)) {
    std::string conn = co_await accept(l);
    (void)conn;
  }
}
