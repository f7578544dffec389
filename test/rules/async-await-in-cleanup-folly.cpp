// RUN: %check_async_tidy %s async-await-in-cleanup %t -- -- %async_flags
//
// folly::coro: a Task hands its cancellation token to everything it awaits, so
// once the token is cancelled each later await is cancelled too. The shield is
// co_withCancellation with an empty token; co_scope_exit runs its action with
// no token at all, so awaits in it are not cancelled.

#include <folly/experimental/coro/Task.h>
#include <folly/experimental/coro/ScopeExit.h>
#include <exception>
#include <memory>

folly::coro::Task<> work();
folly::coro::Task<> releaseLease();
struct Lease {};

// --- Positive ----------------------------------------------------------------

folly::coro::Task<> finallyIdiom() {
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await releaseLease();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: await in cleanup that runs before a stored exception is rethrown is not shielded from cancellation: it is cancelled at once and the cleanup never completes [async-await-in-cleanup]
  // CHECK-NOTES: :[[@LINE-5]]:5: note: the exception caught here, a cancellation included, is still in flight during the cleanup
  // CHECK-NOTES: :[[@LINE+3]]:5: note: and rethrown only here
  // CHECK-FIXES: {{^}}  co_await folly::coro::co_withCancellation(folly::CancellationToken{}, releaseLease());{{$}}
  if (ep)
    std::rethrow_exception(ep);
}

folly::coro::Task<> storedFromAStdExceptionHandler() {
  // folly::OperationCancelled derives from std::exception.
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (const std::exception &) {
    ep = std::current_exception();
  }
  co_await releaseLease();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: await in cleanup that runs before a stored exception is rethrown is not shielded
  // CHECK-NOTES: :[[@LINE-5]]:5: note: the exception caught here, a cancellation included, is still in flight during the cleanup
  // CHECK-NOTES: :[[@LINE+3]]:5: note: and rethrown only here
  // CHECK-FIXES: {{^}}  co_await folly::coro::co_withCancellation(folly::CancellationToken{}, releaseLease());{{$}}
  if (ep)
    std::rethrow_exception(ep);
}

folly::coro::Task<> cleanupWhenTheTokenIsCancelled() {
  const folly::CancellationToken &token = co_await folly::coro::co_current_cancellation_token;
  if (token.isCancellationRequested()) {
    co_await releaseLease();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: await in a branch taken when cancellation was requested is not shielded
    // CHECK-NOTES: :[[@LINE-3]]:7: note: this branch runs only when this test finds cancellation requested
    // CHECK-FIXES: {{^}}    co_await folly::coro::co_withCancellation(folly::CancellationToken{}, releaseLease());{{$}}
  }
}

folly::coro::Task<> testOfTheAwaitedToken() {
  if ((co_await folly::coro::co_current_cancellation_token).isCancellationRequested())
    co_await releaseLease();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: await in a branch taken when cancellation was requested is not shielded
  // CHECK-NOTES: :[[@LINE-3]]:7: note: this branch runs only when this test finds cancellation requested
  // CHECK-FIXES: {{^}}    co_await folly::coro::co_withCancellation(folly::CancellationToken{}, releaseLease());{{$}}
}

// --- Negative ----------------------------------------------------------------

folly::coro::Task<> shieldedWithAnEmptyBraceToken() {
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await folly::coro::co_withCancellation({}, releaseLease());
  if (ep)
    std::rethrow_exception(ep);
}

folly::coro::Task<> shieldedWithAnEmptyToken() {
  const folly::CancellationToken &token = co_await folly::coro::co_current_cancellation_token;
  if (token.isCancellationRequested())
    co_await folly::coro::co_withCancellation(folly::CancellationToken{}, releaseLease());
}

folly::coro::Task<> safePointDeliversTheCancellation() {
  const folly::CancellationToken &token = co_await folly::coro::co_current_cancellation_token;
  if (token.isCancellationRequested())
    co_await folly::coro::co_safe_point;
}

folly::coro::Task<> scopeExitActionRunsWithoutAToken() {
  // ScopeExitTask does not pass the parent's token on: this await is not
  // cancelled.
  co_await folly::coro::co_scope_exit(
      [](std::shared_ptr<Lease>) -> folly::coro::Task<> { co_await releaseLease(); },
      std::make_shared<Lease>());
  co_await work();
}

folly::coro::Task<> tokenNotCancelledBranch() {
  const folly::CancellationToken &token = co_await folly::coro::co_current_cancellation_token;
  if (!token.isCancellationRequested())
    co_await work();
}
