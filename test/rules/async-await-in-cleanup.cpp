// RUN: %check_async_tidy %s async-await-in-cleanup %t -- -- %async_flags

#include <tg/tg.hpp>
#include <exception>
#include <stdexcept>

void log();
bool failed();
tg::task<> work();
tg::task<> release_lease();
tg::task<> report_failure(std::exception_ptr);
tg::task<int> flush_and_count();

// --- Positive: the stored-exception "finally" idiom -------------------------

tg::task<> finallyIdiom() {
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await release_lease();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: await in cleanup that runs before a stored exception is rethrown is not shielded from cancellation: it is cancelled at once and the cleanup never completes [async-await-in-cleanup]
  // CHECK-NOTES: :[[@LINE-5]]:5: note: the exception caught here, a cancellation included, is still in flight during the cleanup
  // CHECK-NOTES: :[[@LINE+3]]:5: note: and rethrown only here
  // CHECK-FIXES: {{^}}  co_await tg::shield(release_lease());{{$}}
  if (ep)
    std::rethrow_exception(ep);
}

tg::task<> awaitInsideTheRethrowBranch() {
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  if (ep) {
    co_await report_failure(ep);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: await in cleanup that runs before a stored exception is rethrown is not shielded
    // CHECK-NOTES: :[[@LINE-6]]:5: note: the exception caught here, a cancellation included, is still in flight during the cleanup
    // CHECK-NOTES: :[[@LINE+2]]:5: note: and rethrown only here
    // CHECK-FIXES: {{^}}    co_await tg::shield(report_failure(ep));{{$}}
    std::rethrow_exception(ep);
  }
}

tg::task<int> cleanupWithAValue() {
  std::exception_ptr ep;
  int result = 0;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  result = co_await flush_and_count();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: await in cleanup that runs before a stored exception is rethrown is not shielded
  // CHECK-NOTES: :[[@LINE-5]]:5: note: the exception caught here, a cancellation included, is still in flight during the cleanup
  // CHECK-NOTES: :[[@LINE+3]]:5: note: and rethrown only here
  // CHECK-FIXES: {{^}}  result = co_await tg::shield(flush_and_count());{{$}}
  if (ep)
    std::rethrow_exception(ep);
  co_return result;
}

tg::task<> sleepInCleanupHasNoShieldFix() {
  // tg::shield takes a tg::task; a sleep awaiter would not compile inside it.
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await tg::sleep_for(std::chrono::milliseconds(10));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: await in cleanup that runs before a stored exception is rethrown is not shielded
  // CHECK-NOTES: :[[@LINE-5]]:5: note: the exception caught here, a cancellation included, is still in flight during the cleanup
  // CHECK-NOTES: :[[@LINE+1]]:3: note: and rethrown only here
  std::rethrow_exception(ep);
}

tg::task<> storedByAStdExceptionAfterOtherHandlers() {
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (const std::runtime_error &) {
    throw;
  } catch (...) {
    ep = std::current_exception();
  }
  log();
  co_await release_lease();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: await in cleanup that runs before a stored exception is rethrown
  // CHECK-NOTES: :[[@LINE-6]]:5: note: the exception caught here, a cancellation included, is still in flight during the cleanup
  // CHECK-NOTES: :[[@LINE+3]]:5: note: and rethrown only here
  // CHECK-FIXES: {{^}}  co_await tg::shield(release_lease());{{$}}
  if (ep)
    std::rethrow_exception(ep);
}

tg::task<> idiomInsideALoop() {
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::exception_ptr ep;
    try {
      co_await work();
    } catch (...) {
      ep = std::current_exception();
    }
    co_await release_lease();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: await in cleanup that runs before a stored exception is rethrown
    // CHECK-NOTES: :[[@LINE-5]]:7: note: the exception caught here, a cancellation included, is still in flight during the cleanup
    // CHECK-NOTES: :[[@LINE+3]]:7: note: and rethrown only here
    // CHECK-FIXES: {{^}}    co_await tg::shield(release_lease());{{$}}
    if (ep)
      std::rethrow_exception(ep);
  }
}

// --- Positive: branches taken when cancellation was requested --------------

tg::task<> flushWhenCancelled() {
  if (tg::cancel_requested()) {
    co_await release_lease();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: await in a branch taken when cancellation was requested is not shielded from cancellation: it is cancelled at once and the cleanup never completes [async-await-in-cleanup]
    // CHECK-NOTES: :[[@LINE-3]]:7: note: this branch runs only when this test finds cancellation requested
    // CHECK-FIXES: {{^}}    co_await tg::shield(release_lease());{{$}}
    co_return;
  }
  co_await work();
}

tg::task<> negatedTestElseBranch() {
  if (!tg::cancel_requested()) {
    co_await work();
  } else {
    co_await release_lease();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: await in a branch taken when cancellation was requested is not shielded
    // CHECK-NOTES: :[[@LINE-5]]:8: note: this branch runs only when this test finds cancellation requested
    // CHECK-FIXES: {{^}}    co_await tg::shield(release_lease());{{$}}
  }
}

tg::task<> conjunctionWithTheTest() {
  if (failed() && tg::cancel_requested())
    co_await release_lease();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: await in a branch taken when cancellation was requested is not shielded
  // CHECK-NOTES: :[[@LINE-3]]:19: note: this branch runs only when this test finds cancellation requested
  // CHECK-FIXES: {{^}}    co_await tg::shield(release_lease());{{$}}
}

tg::task<> comparedWithFalse() {
  if (tg::cancel_requested() == false)
    co_await work();
  else
    co_await release_lease();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: await in a branch taken when cancellation was requested is not shielded
  // CHECK-NOTES: :[[@LINE-5]]:7: note: this branch runs only when this test finds cancellation requested
  // CHECK-FIXES: {{^}}    co_await tg::shield(release_lease());{{$}}
}

// --- Negative: correct code stays silent -------------------------------------

tg::task<> shieldedFinally() {
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await tg::shield(release_lease());
  if (ep)
    std::rethrow_exception(ep);
}

tg::task<> shieldedWhenCancelled() {
  if (tg::cancel_requested())
    co_await tg::shield(release_lease());
}

tg::task<> checkpointDeliversTheCancellationOnPurpose() {
  if (tg::cancel_requested())
    co_await tg::checkpoint();
}

tg::task<> awaitAfterTheRethrow() {
  // Past the rethrow nothing is in flight: the normal path goes on.
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  if (ep)
    std::rethrow_exception(ep);
  co_await release_lease();
}

tg::task<> tryWithoutAwait() {
  std::exception_ptr ep;
  try {
    log();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await release_lease();
  if (ep)
    std::rethrow_exception(ep);
}

tg::task<> handlerThatCannotReceiveCancellation() {
  // tg::cancelled is not a std::exception: it passes this handler by.
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (const std::exception &) {
    ep = std::current_exception();
  }
  co_await release_lease();
  if (ep)
    std::rethrow_exception(ep);
}

tg::task<> storedButNeverRethrown() {
  // The handler swallows the cancellation: async-swallowed-cancellation's case.
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await release_lease();
}

tg::task<> thenBranchOfANegatedTest() {
  if (!tg::cancel_requested())
    co_await work();
}

tg::task<> unrelatedCondition() {
  if (failed())
    co_await release_lease();
}

tg::task<> disjunctionHidesTheTest() {
  // True when failed() is: cancellation need not have been requested.
  if (failed() || tg::cancel_requested())
    co_await release_lease();
}

tg::task<> cleanupInANestedLambda() {
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  auto later = []() -> tg::task<> { co_await release_lease(); };
  (void)later;
  if (ep)
    std::rethrow_exception(ep);
}

void synchronousFinally() {
  std::exception_ptr ep;
  try {
    log();
  } catch (...) {
    ep = std::current_exception();
  }
  if (tg::cancel_requested())
    log();
  if (ep)
    std::rethrow_exception(ep);
}

tg::task<> suppressed() {
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await release_lease(); // NOLINT(async-await-in-cleanup)
  if (ep)
    std::rethrow_exception(ep);
}
