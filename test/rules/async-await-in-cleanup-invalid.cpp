// RUN: %check_async_tidy -expect-clang-tidy-error %s async-await-in-cleanup %t -- -- %async_flags
//
// Code that does not compile: the check reports what it can see and never
// crashes.

#include <tg/tg.hpp>
#include <exception>

tg::task<> work();
tg::task<> release_lease();

tg::task<> brokenWork() {
  std::exception_ptr ep;
  try {
    co_await undeclared_work();
    // CHECK-NOTES: :[[@LINE-1]]:14: error: use of undeclared identifier 'undeclared_work' [clang-diagnostic-error]
  } catch (...) {
    ep = std::current_exception();
  }
  co_await release_lease();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: await in cleanup that runs before a stored exception is rethrown is not shielded
  // CHECK-NOTES: :[[@LINE-5]]:5: note: the exception caught here, a cancellation included, is still in flight during the cleanup
  // CHECK-NOTES: :[[@LINE+3]]:5: note: and rethrown only here
  // CHECK-FIXES: {{^}}  co_await tg::shield(release_lease());{{$}}
  if (ep)
    std::rethrow_exception(ep);
}

tg::task<> brokenCleanup() {
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  // An operand that does not compile is not reported: its fix would be wrong.
  co_await undeclared_cleanup();
  // CHECK-NOTES: :[[@LINE-1]]:12: error: use of undeclared identifier 'undeclared_cleanup' [clang-diagnostic-error]
  if (ep)
    std::rethrow_exception(ep);
}

tg::task<> brokenCondition() {
  if (tg::cancel_requested() && )
    // CHECK-NOTES: :[[@LINE-1]]:33: error: expected expression [clang-diagnostic-error]
    co_await release_lease();
}

tg::task<> missingRethrowArgument() {
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await release_lease();
  std::rethrow_exception();
  // CHECK-NOTES: :[[@LINE-1]]:26: error: too few arguments to function call, expected 1, have 0 [clang-diagnostic-error]
}

template <typename Cleanup>
tg::task<> dependentCleanup(Cleanup cleanup) {
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await cleanup();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: await in cleanup that runs before a stored exception is rethrown is not shielded
  // CHECK-NOTES: :[[@LINE-5]]:5: note: the exception caught here, a cancellation included, is still in flight during the cleanup
  // CHECK-NOTES: :[[@LINE+2]]:5: note: and rethrown only here
  if (ep)
    std::rethrow_exception(ep);
}
