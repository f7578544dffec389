// RUN: %check_async_tidy %s async-await-in-cleanup %t -- -- %async_flags
//
// Standalone asio 1.22 (Debian's real headers). Once the coroutine's
// cancellation state is cancelled, every later co_await of an awaitable throws
// operation_aborted (throw_if_cancelled is on by default). asio has no shield
// to wrap an operand in, so there is no fix-it.

#include <asio.hpp>
#include <exception>

asio::awaitable<void> work();
asio::awaitable<void> releaseLease();

// --- Positive ----------------------------------------------------------------

asio::awaitable<void> finallyIdiom() {
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await releaseLease();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: await in cleanup that runs before a stored exception is rethrown is not shielded from cancellation: it is cancelled at once and the cleanup never completes [async-await-in-cleanup]
  // CHECK-NOTES: :[[@LINE-5]]:5: note: the exception caught here, a cancellation included, is still in flight during the cleanup
  // CHECK-NOTES: :[[@LINE+2]]:5: note: and rethrown only here
  if (ep)
    std::rethrow_exception(ep);
}

asio::awaitable<void> storedFromASystemErrorHandler() {
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (const std::system_error &) {
    ep = std::current_exception();
  }
  co_await releaseLease();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: await in cleanup that runs before a stored exception is rethrown is not shielded
  // CHECK-NOTES: :[[@LINE-5]]:5: note: the exception caught here, a cancellation included, is still in flight during the cleanup
  // CHECK-NOTES: :[[@LINE+2]]:5: note: and rethrown only here
  if (ep)
    std::rethrow_exception(ep);
}

asio::awaitable<void> cleanupWhenCancelled() {
  asio::cancellation_state cs = co_await asio::this_coro::cancellation_state;
  if (cs.cancelled() != asio::cancellation_type::none) {
    co_await releaseLease();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: await in a branch taken when cancellation was requested is not shielded
    // CHECK-NOTES: :[[@LINE-3]]:7: note: this branch runs only when this test finds cancellation requested
  }
}

asio::awaitable<void> cleanupInTheElseOfANoneTest() {
  asio::cancellation_state cs = co_await asio::this_coro::cancellation_state;
  if (cs.cancelled() == asio::cancellation_type::none)
    co_await work();
  else
    co_await releaseLease();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: await in a branch taken when cancellation was requested is not shielded
  // CHECK-NOTES: :[[@LINE-5]]:7: note: this branch runs only when this test finds cancellation requested
}

asio::awaitable<void> doubleNegation() {
  asio::cancellation_state cs = co_await asio::this_coro::cancellation_state;
  if (!!cs.cancelled())
    co_await releaseLease();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: await in a branch taken when cancellation was requested is not shielded
  // CHECK-NOTES: :[[@LINE-3]]:9: note: this branch runs only when this test finds cancellation requested
}

// --- Negative ----------------------------------------------------------------

asio::awaitable<void> notCancelledBranch() {
  asio::cancellation_state cs = co_await asio::this_coro::cancellation_state;
  if (cs.cancelled() == asio::cancellation_type::none)
    co_await work();
}

asio::awaitable<void> handlerForAnotherError() {
  // std::bad_alloc cannot carry operation_aborted.
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (const std::bad_alloc &) {
    ep = std::current_exception();
  }
  co_await releaseLease();
  if (ep)
    std::rethrow_exception(ep);
}

asio::awaitable<void> rethrowBeforeCleanupAwait() {
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  if (ep)
    std::rethrow_exception(ep);
  co_await releaseLease();
}
