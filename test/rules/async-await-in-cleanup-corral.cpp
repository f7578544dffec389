// RUN: %check_async_tidy %s async-await-in-cleanup %t -- -- %async_flags
//
// corral: cancellation is not an exception and a cancelled task is never
// resumed, so no catch handler and no code after it runs while a
// cancellation is in flight; corral has no cancellation query to branch on.
// Its async cleanup scopes (CORRAL_FINALLY, try_().finally(),
// untilCancelledAnd) run uncancelled. Nothing here may be reported.

#include <corral/corral.h>
#include <exception>
#include <stdexcept>

corral::Task<void> work();
corral::Task<void> cleanup();
void log();

// The C++ "finally" idiom: the handler receives work()'s own exceptions only.
corral::Task<void> storedExceptionCatchAll() {
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await cleanup();
  if (ep)
    std::rethrow_exception(ep);
}

corral::Task<void> storedStdException() {
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (const std::exception &) {
    ep = std::current_exception();
  }
  if (ep) {
    co_await cleanup();
    std::rethrow_exception(ep);
  }
}

// Shielded anyway.
corral::Task<void> storedExceptionShielded() {
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await corral::noncancellable(cleanup());
  if (ep)
    std::rethrow_exception(ep);
}

// doc/01: "the finally-clause will not itself see the cancellation".
corral::Task<void> asyncFinally() {
  CORRAL_TRY { co_await work(); }
  CORRAL_CATCH(const std::runtime_error &) {
    co_await cleanup();
    co_await corral::rethrow;
  }
  CORRAL_FINALLY { co_await cleanup(); };
  co_await corral::try_([&]() -> corral::Task<> { co_await work(); })
      .finally([&]() -> corral::Task<> { co_await cleanup(); });
}

// untilCancelledAnd runs its awaitable on cancellation, not cancelled itself.
corral::Task<void> cleanupOnCancel() {
  co_await corral::anyOf(work(), corral::untilCancelledAnd(cleanup()));
}
