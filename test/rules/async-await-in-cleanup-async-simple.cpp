// async_simple: cancellation is sticky. Once the chain's slot has seen the
// signal, every cancellable await (sleep, Yield, collectAny, SpinLock::coLock)
// throws SignalException at once, so one placed in cleanup cuts the cleanup
// short; other awaits (a plain Lazy, Mutex, Latch) are not cancelled, and
// co_await ForbidSignal{} or a Slot::setScopedFilter guard shields what follows.
//
// RUN: %check_async_tidy %s async-await-in-cleanup %t -- -- %async_flags

#include <async_simple/Signal.h>
#include <async_simple/coro/Latch.h>
#include <async_simple/coro/Lazy.h>
#include <async_simple/coro/Mutex.h>
#include <async_simple/coro/Sleep.h>
#include <async_simple/coro/SpinLock.h>
#include <chrono>
#include <exception>

using namespace std::chrono_literals;
using async_simple::SignalType;
using async_simple::coro::Lazy;
namespace coro = async_simple::coro;

Lazy<void> work();
// Awaits nothing cancellable: it completes even after a cancellation.
Lazy<void> flushLog() { co_return; }

// --- Reported -----------------------------------------------------------------

// The C++ "finally" idiom with a back-off sleep in the cleanup: after a
// cancellation the sleep throws at once and the rest of the cleanup is lost.
Lazy<void> sleepsInTheCleanup() {
  std::exception_ptr ep;
  try {
    co_await work();
    co_await coro::sleep(1s);
  } catch (...) {
    ep = std::current_exception();
  }
  co_await coro::sleep(10ms);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: await in cleanup that runs before a stored exception is rethrown is not shielded from cancellation: it is cancelled at once and the cleanup never completes [async-await-in-cleanup]
  // CHECK-NOTES: :[[@LINE-5]]:5: note: the exception caught here, a cancellation included, is still in flight during the cleanup
  // CHECK-NOTES: :[[@LINE+3]]:5: note: and rethrown only here
  co_await flushLog();
  if (ep)
    std::rethrow_exception(ep);
}

// Cleanup only when cancelled, starting with a cancellable lock.
Lazy<void> locksWhenCancelled(coro::SpinLock &spin) {
  auto *slot = co_await coro::CurrentSlot{};
  co_await work();
  if (slot && slot->canceled()) {
    co_await spin.coLock();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: await in a branch taken when cancellation was requested is not shielded from cancellation: it is cancelled at once and the cleanup never completes
    // CHECK-NOTES: :[[@LINE-3]]:15: note: this branch runs only when this test finds cancellation requested
    spin.unlock();
  }
}

// --- Negative cases -----------------------------------------------------------

// A Lazy that awaits nothing cancellable, an awaitable Mutex and a Latch
// are not cancelled.
Lazy<void> cleansUpWithPlainAwaits(coro::Mutex &m, coro::Latch &latch) {
  std::exception_ptr ep;
  try {
    co_await coro::sleep(1s);
  } catch (...) {
    ep = std::current_exception();
  }
  co_await m.coLock();
  m.unlock();
  co_await latch.count_down();
  co_await flushLog();
  if (ep)
    std::rethrow_exception(ep);
}

// ForbidSignal{} drops the slot: nothing after it can be cancelled.
Lazy<void> shieldsTheCleanup() {
  std::exception_ptr ep;
  try {
    co_await coro::sleep(1s);
  } catch (...) {
    ep = std::current_exception();
  }
  co_await coro::ForbidSignal{};
  co_await coro::sleep(10ms);
  co_await flushLog();
  if (ep)
    std::rethrow_exception(ep);
}

// A scoped filter masks the signal while the guard lives.
Lazy<void> filtersTheSignal() {
  auto *slot = co_await coro::CurrentSlot{};
  co_await work();
  if (slot && slot->canceled()) {
    auto guard = slot->setScopedFilter(SignalType::None);
    co_await coro::sleep(10ms);
    co_await flushLog();
  }
}

// Cleanup only when not cancelled.
Lazy<void> sleepsWhenNotCancelled() {
  auto *slot = co_await coro::CurrentSlot{};
  if (!slot || !slot->canceled())
    co_await coro::sleep(10ms);
}
