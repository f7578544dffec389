// RUN: %check_async_tidy %s async-await-in-cleanup %t -- -- %async_flags
//
// concurrencpp (mock): no task is cancelled on its own; the only interruption
// is an executor's shutdown, after which every await it routes fails at once,
// and there is no shield. No cleanup runs while a cancellation is in flight,
// so these idioms stay silent. The one await that does fail in such a cleanup
// is one routed back through an executor (resume_on, a delay object): after
// the shutdown that interrupted the task it throws at once.

#include <concurrencpp/concurrencpp.h>
#include <exception>
#include <memory>

using namespace std::chrono_literals;
namespace cc = concurrencpp;

using pool_ptr = std::shared_ptr<cc::thread_pool_executor>;
using tq_ptr = std::shared_ptr<cc::timer_queue>;

void mayThrow();
cc::result<void> flush(cc::executor_tag, pool_ptr ex);
cc::lazy_result<void> closeConnection();

// The stored-exception "finally" idiom around executor-routed awaits.
cc::result<void> finallyIdiom(pool_ptr ex) {
  std::exception_ptr failure;
  try {
    co_await cc::resume_on(ex);
    mayThrow();
  } catch (...) {
    failure = std::current_exception();
  }
  co_await flush({}, ex);
  co_await closeConnection();
  if (failure)
    std::rethrow_exception(failure);
}

// The same with the interruption type itself.
cc::result<void> storesInterruption(tq_ptr tq, pool_ptr ex) {
  std::exception_ptr interrupted;
  try {
    co_await tq->make_delay_object(10ms, ex);
  } catch (const cc::errors::interrupted_task &) {
    interrupted = std::current_exception();
  }
  co_await closeConnection();
  if (interrupted)
    std::rethrow_exception(interrupted);
}

// Awaits in the branch that finds the executor shutting down.
cc::result<void> onShutdown(pool_ptr ex, tq_ptr tq) {
  while (true) {
    if (ex->shutdown_requested()) {
      co_await closeConnection();
      co_return;
    }
    co_await tq->make_delay_object(10ms, ex);
  }
}

// An async lock taken for the cleanup, and released by its guard.
cc::result<void> lockedCleanup(pool_ptr ex, cc::async_lock &lock) {
  std::exception_ptr failure;
  try {
    co_await cc::resume_on(ex);
  } catch (...) {
    failure = std::current_exception();
  }
  {
    auto guard = co_await lock.lock(ex);
    co_await closeConnection();
  }
  if (failure)
    std::rethrow_exception(failure);
}

// Positive: the cleanup hops back onto the executor whose shutdown may be
// what was caught; resume_on then throws runtime_shutdown at once and the
// connection is never closed.
cc::result<void> cleanupThroughTheExecutor(pool_ptr ex) {
  std::exception_ptr failure;
  try {
    co_await cc::resume_on(ex);
    mayThrow();
  } catch (...) {
    failure = std::current_exception();
  }
  co_await cc::resume_on(ex);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: await in cleanup that runs before a stored exception is rethrown is not shielded from cancellation: it is cancelled at once and the cleanup never completes [async-await-in-cleanup]
  // CHECK-NOTES: :[[@LINE-5]]:5: note: the exception caught here, a cancellation included, is still in flight during the cleanup
  // CHECK-NOTES: :[[@LINE+3]]:5: note: and rethrown only here
  co_await closeConnection();
  if (failure)
    std::rethrow_exception(failure);
}
