// async_simple: cancellation is async_simple::SignalException, a
// std::runtime_error, thrown only by the cancellable operations (sleep,
// Yield, collectAny, SpinLock::coLock, signalHelper::checkHasCanceled) once
// the chain's slot has seen the signal; it is sticky, so a handler that
// swallows it and goes on meets it again at once. Other awaits (Mutex,
// Latch, Future, collectAll) never raise it; an awaited Lazy only when its
// own awaits do.
//
// RUN: %check_async_tidy -check-suffixes=GOESON %s async-swallowed-cancellation %t -- -- %async_flags
// RUN: %check_async_tidy -check-suffixes=GOESON,ENDS %s async-swallowed-cancellation %t -- \
// RUN:   -config="{CheckOptions: {async-swallowed-cancellation.ReportCancellationAsSuccess: true}}" \
// RUN:   -- %async_flags

#include <async_simple/Signal.h>
#include <async_simple/Try.h>
#include <async_simple/coro/Collect.h>
#include <async_simple/coro/Latch.h>
#include <async_simple/coro/Lazy.h>
#include <async_simple/coro/Mutex.h>
#include <async_simple/coro/Sleep.h>
#include <async_simple/coro/SpinLock.h>
#include <atomic>
#include <chrono>
#include <exception>
#include <stdexcept>
#include <string>

using namespace std::chrono_literals;
using async_simple::SignalException;
using async_simple::SignalType;
using async_simple::coro::Lazy;
namespace coro = async_simple::coro;

void log(const char *);
Lazy<int> fetch(int);
Lazy<void> work();
struct ParseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// --- The task goes on after the handler: once cancelled, every later sleep
// --- throws at once, the loop spins and the collectAll owning it never ends.

Lazy<void> pollsUntilReady(std::atomic<bool> &ready) {
  while (!ready) {
    try {
      co_await coro::sleep(10ms);
    } catch (...) {
      // CHECK-NOTES-GOESON: :[[@LINE-1]]:7: warning: catch-all handler in a coroutine swallows 'async_simple::SignalException'; rethrow it so the cancelled task stops and its group can finish [async-swallowed-cancellation]
      // CHECK-NOTES-GOESON: :[[@LINE+5]]:5: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES-GOESON: :[[@LINE-4]]:7: note: cancellation is raised at this await
      // CHECK-NOTES-GOESON: :[[@LINE-5]]:7: note: after the handler the task goes on to this await
      // CHECK-FIXES-GOESON: {{^}}    } catch (const async_simple::SignalException&) { throw; } catch (...) {{{$}}
      log("sleep failed");
    }
  }
}

Lazy<void> retriesEveryError() {
  for (int i = 0; i < 100; ++i) {
    try {
      co_await coro::sleep(1s);
      co_await work();
    } catch (const std::exception &e) {
      // CHECK-NOTES-GOESON: :[[@LINE-1]]:7: warning: handler for 'std::exception' in a coroutine swallows 'async_simple::SignalException'; rethrow it so the cancelled task stops and its group can finish
      // CHECK-NOTES-GOESON: :[[@LINE+5]]:7: note: cancellation is dropped here: the handler jumps out
      // CHECK-NOTES-GOESON: :[[@LINE-5]]:7: note: cancellation is raised at this await
      // CHECK-NOTES-GOESON: :[[@LINE-6]]:7: note: after the handler the task goes on to this await
      // CHECK-FIXES-GOESON: {{^}}    } catch (const async_simple::SignalException&) { throw; } catch (const std::exception &e) {{{$}}
      log(e.what());
      continue;
    }
  }
}

// A handler naming SignalException that keeps looping is no acknowledgement.
Lazy<void> yieldsForever() {
  for (;;) {
    try {
      co_await coro::Yield{};
      co_await work();
    } catch (const SignalException &) {
      // CHECK-NOTES-GOESON: :[[@LINE-1]]:7: warning: handler for '{{(async_simple::)?}}SignalException' in a coroutine swallows 'async_simple::SignalException'; rethrow it so the cancelled task stops and its group can finish
      // CHECK-NOTES-GOESON: :[[@LINE+4]]:5: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES-GOESON: :[[@LINE-5]]:7: note: cancellation is raised at this await
      // CHECK-NOTES-GOESON: :[[@LINE-6]]:7: note: after the handler the task goes on to this await
      log("cancelled, again");
    }
  }
}

// collectAny throws SignalException when the caller's own slot is cancelled.
Lazy<void> racesInALoop() {
  for (;;) {
    try {
      auto r = co_await coro::collectAny(fetch(1), fetch(2));
      (void)r;
    } catch (const std::runtime_error &) {
      // CHECK-NOTES-GOESON: :[[@LINE-1]]:7: warning: handler for 'std::runtime_error' in a coroutine swallows 'async_simple::SignalException'; rethrow it so the cancelled task stops and its group can finish
      // CHECK-NOTES-GOESON: :[[@LINE+5]]:5: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES-GOESON: :[[@LINE-5]]:16: note: cancellation is raised at this await
      // CHECK-NOTES-GOESON: :[[@LINE-6]]:16: note: after the handler the task goes on to this await
      // CHECK-FIXES-GOESON: {{^}}    } catch (const async_simple::SignalException&) { throw; } catch (const std::runtime_error &) {{{$}}
      log("race failed");
    }
  }
}

// SpinLock::coLock yields, and so observes the slot.
Lazy<void> locksInALoop(coro::SpinLock &spin) {
  for (;;) {
    try {
      co_await spin.coLock();
      spin.unlock();
    } catch (...) {
      // CHECK-NOTES-GOESON: :[[@LINE-1]]:7: warning: catch-all handler in a coroutine swallows 'async_simple::SignalException'; rethrow it so the cancelled task stops and its group can finish
      // CHECK-NOTES-GOESON: :[[@LINE+5]]:5: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES-GOESON: :[[@LINE-5]]:7: note: cancellation is raised at this await
      // CHECK-NOTES-GOESON: :[[@LINE-6]]:7: note: after the handler the task goes on to this await
      // CHECK-FIXES-GOESON: {{^}}    } catch (const async_simple::SignalException&) { throw; } catch (...) {{{$}}
      log("lock failed");
    }
  }
}

// The synchronous checkpoint a CPU loop calls.
Lazy<void> checksThenGoesOn(async_simple::Slot *slot) {
  try {
    async_simple::signalHelper{SignalType::Terminate}.checkHasCanceled(slot);
  } catch (const std::exception &) {
    // CHECK-NOTES-GOESON: :[[@LINE-1]]:5: warning: handler for 'std::exception' in a coroutine swallows 'async_simple::SignalException'; rethrow it so the cancelled task stops and its group can finish
    // CHECK-NOTES-GOESON: :[[@LINE+5]]:3: note: cancellation is dropped here: the handler falls off its end
    // CHECK-NOTES-GOESON: :[[@LINE-4]]:5: note: cancellation is raised at this call
    // CHECK-NOTES-GOESON: :[[@LINE+4]]:3: note: after the handler the task goes on to this await
    // CHECK-FIXES-GOESON: {{^}}  } catch (const async_simple::SignalException&) { throw; } catch (const std::exception &) {{{$}}
    log("ignored");
  }
  co_await coro::sleep(1s);
}

// --- The coroutine ends after the handler: reported only on request --------

Lazy<int> fallsBackToDefault() {
  try {
    co_await coro::Yield{};
    co_return co_await fetch(1);
  } catch (const std::runtime_error &) {
    // CHECK-NOTES-ENDS: :[[@LINE-1]]:5: warning: handler for 'std::runtime_error' in a coroutine swallows 'async_simple::SignalException' and ends the task as if it had succeeded: whoever awaits it is not told that it was cancelled; rethrow it
    // CHECK-NOTES-ENDS: :[[@LINE+3]]:5: note: cancellation is dropped here: the handler returns
    // CHECK-NOTES-ENDS: :[[@LINE-5]]:5: note: cancellation is raised at this await
    // CHECK-FIXES-ENDS: {{^}}  } catch (const async_simple::SignalException&) { throw; } catch (const std::runtime_error &) {{{$}}
    co_return -1;
  }
}

// The library's own acknowledgement (SleepTest's cancelSleep): a child of
// collectAll<Terminate> counts the cancellation and finishes. The only await
// after the handler reads the slot (it never suspends nor throws), so the task
// does not go on; only ReportCancellationAsSuccess asks for it.
Lazy<void> acknowledgesCancellation(std::atomic<int> &count) {
  bool cancelled = false;
  try {
    co_await coro::sleep(2s);
  } catch (const SignalException &err) {
    // CHECK-NOTES-ENDS: :[[@LINE-1]]:5: warning: handler for '{{(async_simple::)?}}SignalException' in a coroutine swallows 'async_simple::SignalException' and ends the task as if it had succeeded: whoever awaits it is not told that it was cancelled; rethrow it
    // CHECK-NOTES-ENDS: :[[@LINE+4]]:3: note: cancellation is dropped here: the handler falls off its end
    // CHECK-NOTES-ENDS: :[[@LINE-4]]:5: note: cancellation is raised at this await
    ++count;
    cancelled = err.value() == async_simple::Terminate;
  }
  auto *slot = co_await coro::CurrentSlot{};
  if (slot && !cancelled)
    (void)slot->signal()->emit(SignalType::Terminate);
}

// --- Negative cases -----------------------------------------------------------

Lazy<void> logsAndRethrows() {
  for (;;) {
    try {
      co_await coro::sleep(1s);
    } catch (const std::exception &e) {
      log(e.what());
      throw;
    }
  }
}

Lazy<void> rethrowsCancellationFirst() {
  for (;;) {
    try {
      co_await coro::sleep(1s);
    } catch (const SignalException &) {
      throw;
    } catch (const std::exception &e) {
      log(e.what());
    }
  }
}

// Handed on as a value: the caller sees it.
Lazy<void> handsTheErrorOn(async_simple::Try<void> &out) {
  try {
    co_await coro::sleep(1s);
  } catch (...) {
    out.setException(std::current_exception());
  }
}

// A Lazy that awaits nothing cancellable, an awaitable Mutex, a Latch and
// collectAll (which keeps every child's failure in its Try) never raise it.
Lazy<int> compute() { co_return 42; }
Lazy<void> plainAwaitsCannotBeCancelled(coro::Mutex &m, coro::Latch &latch) {
  for (;;) {
    try {
      co_await compute();
      auto both = co_await coro::collectAll<SignalType::Terminate>(compute(), compute());
      (void)both;
      co_await m.coLock();
      m.unlock();
      co_await latch.wait();
    } catch (...) {
      log("work failed");
    }
  }
}

// ParseError is no base of SignalException.
Lazy<void> catchesItsOwnErrorOnly() {
  for (;;) {
    try {
      co_await coro::sleep(1s);
      co_await work();
    } catch (const ParseError &) {
      log("bad input");
    }
  }
}

// No await in the try block: nothing there can be cancelled.
Lazy<int> parsesOnly(const std::string &s) {
  int v = 0;
  try {
    v = std::stoi(s);
  } catch (const std::exception &) {
    v = 0;
  }
  co_await coro::sleep(1ms);
  co_return v;
}

// coAwaitTry turns every failure into a value; this one is rethrown.
Lazy<int> rethrowsFromTheTry() {
  async_simple::Try<int> r = co_await fetch(2).coAwaitTry();
  if (r.hasError())
    std::rethrow_exception(r.getException());
  co_return r.value();
}

// Not a coroutine: no task to cancel.
void notACoroutine() {
  try {
    throw SignalException(SignalType::Terminate);
  } catch (...) {
    log("plain function");
  }
}
