// async_simple: a Lazy runs on its executor's threads, so a call that blocks
// the thread (syncAwait, Future::get/wait, SpinLock::lock, sleep_for) stalls
// every task of that executor; the awaitable forms are co_await future,
// coLock/coScopedLock, and async_simple::coro::sleep.
//
// RUN: %check_async_tidy %s async-blocking-call %t -- -- %async_flags

#include <async_simple/Future.h>
#include <async_simple/Promise.h>
#include <async_simple/coro/FutureAwaiter.h>
#include <async_simple/coro/Latch.h>
#include <async_simple/coro/Lazy.h>
#include <async_simple/coro/Mutex.h>
#include <async_simple/coro/Sleep.h>
#include <async_simple/coro/SpinLock.h>
#include <async_simple/coro/SyncAwait.h>
#include <async_simple/executors/SimpleExecutor.h>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <utility>

using namespace std::chrono_literals;
using async_simple::Executor;
using async_simple::coro::Lazy;
namespace coro = async_simple::coro;

Lazy<int> fetch(int);
Lazy<void> work();
void log(const char *);

// syncAwait inside a Lazy blocks the executor's thread, and deadlocks (or
// throws logic_error) when that thread is the one the task needs.
Lazy<int> nestedSyncAwait(Executor *ex) {
  int v = coro::syncAwait(fetch(1).via(ex));
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: blocking call to 'async_simple::coro::syncAwait' in a coroutine blocks the thread of its event loop: no other task runs until it returns; await an asynchronous alternative or move the call off the loop [async-blocking-call]
  co_return v;
}

Lazy<void> blocksOnAFuture(async_simple::Promise<int> &p) {
  auto f = p.getFuture();
  int x = std::move(f).get();
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: blocking call to 'async_simple::Future::get' in a coroutine
  (void)x;
  auto g = p.getFuture();
  g.wait();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: blocking call to 'async_simple::Future::wait' in a coroutine
  co_return;
}

Lazy<void> spinsTheThread(coro::SpinLock &spin) {
  spin.lock();
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: blocking call to 'async_simple::coro::SpinLock::lock' in a coroutine
  spin.unlock();
  {
    coro::ScopedSpinLock guard(spin);
    // CHECK-NOTES: :[[@LINE-1]]:26: warning: blocking call to '{{.*}}ScopedSpinLock{{.*}}' in a coroutine
  }
  co_await work();
}

// "Wait for the server to start" in a Lazy (yalantinglibs' examples).
Lazy<void> sleepsTheThread() {
  std::this_thread::sleep_for(300ms);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
  // CHECK-FIXES: {{^}}  co_await async_simple::coro::sleep(300ms);{{$}}
  co_await work();
}

// In a handler co_await is ill-formed: reported, no fix.
Lazy<void> sleepsInAHandler() {
  try {
    co_await work();
  } catch (const std::runtime_error &) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
    // CHECK-FIXES: {{^}}    std::this_thread::sleep_for(std::chrono::milliseconds(10));{{$}}
    log("retrying");
  }
}

// --- Negative cases -----------------------------------------------------------

Lazy<void> awaitsInstead(async_simple::Promise<int> &p, coro::SpinLock &spin, coro::Mutex &m,
                         coro::Latch &latch) {
  int x = co_await p.getFuture();
  (void)x;
  auto f = p.getFuture();
  int y = co_await std::move(f);
  (void)y;
  co_await spin.coLock();
  spin.unlock();
  auto guard = co_await spin.coScopedLock();
  auto lock = co_await m.coScopedLock();
  co_await latch.wait();
  co_await coro::sleep(100ms);
  int z = co_await fetch(2);
  (void)z;
}

// The root of the program blocks on purpose: it is no coroutine.
int main() {
  async_simple::executors::SimpleExecutor ex(2);
  async_simple::Promise<int> p;
  auto f = p.getFuture();
  (void)std::move(f).get();
  std::this_thread::sleep_for(10ms);
  return coro::syncAwait(fetch(3).via(&ex));
}

// A plain function (called from main or a thread of its own) may block.
int blockingHelper(Executor *ex) { return coro::syncAwait(fetch(4), ex); }
