// Cobalt, stdexec and cppcoro, and a user's scope-exit helper named through
// the ScopeExitFunctions option.
//
// RUN: %check_async_tidy %s async-await-in-cleanup %t -- \
// RUN:   -config="{CheckOptions: {async-await-in-cleanup.ScopeExitFunctions: 'app::defer_async'}}" \
// RUN:   -- %async_flags

#include <boost/cobalt.hpp>
#include <cppcoro/cancellation_token.hpp>
#include <cppcoro/task.hpp>
#include <exec/task.hpp>
#include <tg/tg.hpp>
#include <exception>

// --- Boost.Cobalt: a cancelled coroutine throws at each later await; no shield.

boost::cobalt::task<void> cobaltWork();
boost::cobalt::task<void> cobaltRelease();

boost::cobalt::task<void> cobaltFinally() {
  std::exception_ptr ep;
  try {
    co_await cobaltWork();
  } catch (const boost::system::system_error &) {
    ep = std::current_exception();
  }
  co_await cobaltRelease();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: await in cleanup that runs before a stored exception is rethrown is not shielded from cancellation: it is cancelled at once and the cleanup never completes [async-await-in-cleanup]
  // CHECK-NOTES: :[[@LINE-5]]:5: note: the exception caught here, a cancellation included, is still in flight during the cleanup
  // CHECK-NOTES: :[[@LINE+2]]:5: note: and rethrown only here
  if (ep)
    std::rethrow_exception(ep);
}

boost::cobalt::promise<void> cobaltPromiseFinally() {
  std::exception_ptr ep;
  try {
    co_await cobaltWork();
  } catch (...) {
    ep = std::current_exception();
  }
  if (ep) {
    co_await cobaltRelease();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: await in cleanup that runs before a stored exception is rethrown is not shielded
    // CHECK-NOTES: :[[@LINE-6]]:5: note: the exception caught here, a cancellation included, is still in flight during the cleanup
    // CHECK-NOTES: :[[@LINE+1]]:5: note: and rethrown only here
    std::rethrow_exception(ep);
  }
}

boost::cobalt::task<void> cobaltHandlerForAnotherError() {
  std::exception_ptr ep;
  try {
    co_await cobaltWork();
  } catch (const std::bad_alloc &) {
    ep = std::current_exception();
  }
  co_await cobaltRelease();
  if (ep)
    std::rethrow_exception(ep);
}

// --- stdexec: an awaited sender sees the task's stop token and stops at once.

exec::task<void> stdexecWork();
exec::task<void> stdexecRelease();

exec::task<void> stdexecCleanupWhenStopped(stdexec::inplace_stop_token stop) {
  if (stop.stop_requested())
    co_await stdexecRelease();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: await in a branch taken when cancellation was requested is not shielded
  // CHECK-NOTES: :[[@LINE-3]]:7: note: this branch runs only when this test finds cancellation requested
  co_await stdexecWork();
}

exec::task<void> stdexecNotStopped(stdexec::inplace_stop_token stop) {
  if (!stop.stop_requested())
    co_await stdexecWork();
}

exec::task<void> stdexecFinallyCatchesNoStop() {
  // Stopped is not an exception: no handler stores it.
  std::exception_ptr ep;
  try {
    co_await stdexecWork();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await stdexecRelease();
  if (ep)
    std::rethrow_exception(ep);
}

// --- cppcoro: only operations handed a cancellation_token are cancelled, so
// an await does not observe cancellation by itself: silent.

cppcoro::task<> cppcoroWork();
cppcoro::task<> cppcoroRelease();

cppcoro::task<> cppcoroFinally() {
  std::exception_ptr ep;
  try {
    co_await cppcoroWork();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await cppcoroRelease();
  if (ep)
    std::rethrow_exception(ep);
}

cppcoro::task<> cppcoroWhenCancelled(cppcoro::cancellation_token token) {
  if (token.is_cancellation_requested())
    co_await cppcoroRelease();
}

// --- A scope-exit helper from the options whose action runs under the
// parent's cancellation.

namespace app {
template <class Action> tg::task<> defer_async(Action action) { co_await action(); }
} // namespace app
tg::task<> releaseLease();
tg::task<> work();

tg::task<> deferredCleanup() {
  co_await app::defer_async([]() -> tg::task<> {
    co_await releaseLease();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: await in a scope-exit action is not shielded from cancellation: it is cancelled at once and the cleanup never completes [async-await-in-cleanup]
    // CHECK-NOTES: :[[@LINE-3]]:12: note: the action runs when the enclosing coroutine exits, cancelled or not
    // CHECK-FIXES: {{^}}    co_await tg::shield(releaseLease());{{$}}
  });
  co_await work();
}

tg::task<> deferredShieldedCleanup() {
  co_await app::defer_async([]() -> tg::task<> { co_await tg::shield(releaseLease()); });
  co_await work();
}

tg::task<> lambdaNotHandedToAScopeExitHelper() {
  auto action = []() -> tg::task<> { co_await releaseLease(); };
  co_await action();
}
