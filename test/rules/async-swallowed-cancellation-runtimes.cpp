// RUN: %check_async_tidy -check-suffixes=GOESON %s async-swallowed-cancellation %t -- -- %async_flags
// RUN: %check_async_tidy -check-suffixes=GOESON,ENDS %s async-swallowed-cancellation %t -- \
// RUN:   -config="{CheckOptions: {async-swallowed-cancellation.ReportCancellationAsSuccess: true}}" \
// RUN:   -- %async_flags
//
// folly::coro, Boost.Cobalt, cppcoro and stdexec.

#include <boost/cobalt.hpp>
#include <cppcoro/cancellation_source.hpp>
#include <cppcoro/cancellation_token.hpp>
#include <cppcoro/task.hpp>
#include <exec/task.hpp>
#include <folly/experimental/coro/Task.h>
#include <exception>
#include <stdexcept>

void log();
bool fatal();
bool again();

// --- folly: OperationCancelled derives from std::exception ------------------

folly::coro::Task<> follyWork();

folly::coro::Task<> follyLogsStdException() {
  while (again()) {
    try {
      co_await follyWork();
    } catch (const std::exception &) {
      // CHECK-NOTES-GOESON: :[[@LINE-1]]:7: warning: handler for 'std::exception' in a coroutine swallows 'folly::OperationCancelled'; rethrow it so the cancelled task stops and its group can finish [async-swallowed-cancellation]
      // CHECK-NOTES-GOESON: :[[@LINE+5]]:5: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES-GOESON: :[[@LINE-4]]:7: note: cancellation is raised at this await
      // CHECK-NOTES-GOESON: :[[@LINE-5]]:7: note: after the handler the task goes on to this await
      // CHECK-FIXES-GOESON: {{^}}    } catch (const folly::OperationCancelled&) { throw; } catch (const std::exception &) {{{$}}
      log();
    }
  }
}

folly::coro::Task<> follyNestedTryInTheHandler() {
  try {
    co_await folly::coro::sleep(folly::Duration(10));
  } catch (...) {
    // CHECK-NOTES-ENDS: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'folly::OperationCancelled' and ends the task as if it had succeeded
    // CHECK-NOTES-ENDS: :[[@LINE+8]]:3: note: cancellation is dropped here: the handler falls off its end
    // CHECK-NOTES-ENDS: :[[@LINE-4]]:5: note: cancellation is raised at this await
    // CHECK-FIXES-ENDS: {{^}}  } catch (const folly::OperationCancelled&) { throw; } catch (...) {{{$}}
    try {
      throw;
    } catch (const folly::OperationCancelled &) {
      log();
    }
  }
}

folly::coro::Task<> follyCancellationHandledFirst() {
  while (again()) {
    try {
      co_await follyWork();
    } catch (const folly::OperationCancelled &) {
      throw;
    } catch (const std::exception &) {
      log();
    }
  }
}

folly::coro::Task<> follyCatchesOtherErrorsOnly() {
  while (again()) {
    try {
      co_await follyWork();
    } catch (const std::runtime_error &) {
      log();
    }
  }
}

// --- Boost.Cobalt: system_error(operation_aborted) ---------------------------

boost::cobalt::task<void> cobaltWork();

boost::cobalt::task<void> cobaltSwallows() {
  for (;;) {
    try {
      co_await cobaltWork();
    } catch (const boost::system::system_error &) {
      // CHECK-NOTES-GOESON: :[[@LINE-1]]:7: warning: handler for 'boost::system::system_error' in a coroutine swallows cancellation ('operation_aborted')
      // CHECK-NOTES-GOESON: :[[@LINE+4]]:5: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES-GOESON: :[[@LINE-4]]:7: note: cancellation is raised at this await
      // CHECK-NOTES-GOESON: :[[@LINE-5]]:7: note: after the handler the task goes on to this await
      log();
    }
  }
}

boost::cobalt::promise<void> cobaltRethrowsOnlyFatal() {
  try {
    co_await cobaltWork();
  } catch (...) {
    // CHECK-NOTES-ENDS: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows cancellation ('operation_aborted') and ends the task
    // CHECK-NOTES-ENDS: :[[@LINE+4]]:3: note: cancellation is dropped here: the handler falls off its end
    // CHECK-NOTES-ENDS: :[[@LINE-4]]:5: note: cancellation is raised at this await
    if (fatal())
      throw;
  }
}

boost::cobalt::task<void> cobaltTestsForOperationAborted() {
  for (;;) {
    try {
      co_await cobaltWork();
    } catch (const boost::system::system_error &e) {
      if (e.code() == boost::asio::error::operation_aborted)
        throw;
      log();
    }
  }
}

// --- cppcoro: operation_cancelled derives from std::exception, and only ------
// --- operations handed a cancellation_token raise it -----------------------

cppcoro::task<> cppcoroWork(cppcoro::cancellation_token);
cppcoro::task<> cppcoroPlainWork();

cppcoro::task<> cppcoroSwallows(cppcoro::cancellation_token token) {
  while (again()) {
    try {
      co_await cppcoroWork(token);
    } catch (const std::exception &) {
      // CHECK-NOTES-GOESON: :[[@LINE-1]]:7: warning: handler for 'std::exception' in a coroutine swallows 'cppcoro::operation_cancelled'
      // CHECK-NOTES-GOESON: :[[@LINE+5]]:5: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES-GOESON: :[[@LINE-4]]:16: note: cancellation is raised at this call
      // CHECK-NOTES-GOESON: :[[@LINE-5]]:7: note: after the handler the task goes on to this await
      // CHECK-FIXES-GOESON: {{^}}    } catch (const cppcoro::operation_cancelled&) { throw; } catch (const std::exception &) {{{$}}
      log();
    }
  }
}

cppcoro::task<> cppcoroSwallowsAPolledCancellation(cppcoro::cancellation_token token) {
  while (again()) {
    try {
      token.throw_if_cancellation_requested();
      co_await cppcoroPlainWork();
    } catch (...) {
      // CHECK-NOTES-GOESON: :[[@LINE-1]]:7: warning: catch-all handler in a coroutine swallows 'cppcoro::operation_cancelled'
      // CHECK-NOTES-GOESON: :[[@LINE+5]]:5: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES-GOESON: :[[@LINE-5]]:7: note: cancellation is raised at this call
      // CHECK-NOTES-GOESON: :[[@LINE-5]]:7: note: after the handler the task goes on to this await
      // CHECK-FIXES-GOESON: {{^}}    } catch (const cppcoro::operation_cancelled&) { throw; } catch (...) {{{$}}
      log();
    }
  }
}

cppcoro::task<int> cppcoroHandlesCancellationByReturning(cppcoro::cancellation_token token) {
  try {
    co_await cppcoroWork(token);
  } catch (const cppcoro::operation_cancelled &) {
    // CHECK-NOTES-ENDS: :[[@LINE-1]]:5: warning: handler for 'cppcoro::operation_cancelled' in a coroutine swallows 'cppcoro::operation_cancelled' and ends the task as if it had succeeded
    // CHECK-NOTES-ENDS: :[[@LINE+2]]:5: note: cancellation is dropped here: the handler returns
    // CHECK-NOTES-ENDS: :[[@LINE-4]]:14: note: cancellation is raised at this call
    co_return -1;
  }
  co_return 0;
}

cppcoro::task<> cppcoroRethrows(cppcoro::cancellation_token token) {
  while (again()) {
    try {
      co_await cppcoroWork(token);
    } catch (const std::exception &) {
      log();
      throw;
    }
  }
}

// No token, no checkpoint: plain awaits do not observe a cancellation, so
// this handler never receives one.
cppcoro::task<> cppcoroPlainAwaitsCannotBeCancelled() {
  while (again()) {
    try {
      co_await cppcoroPlainWork();
    } catch (...) {
      log();
    }
  }
}

// The frame requested the cancellation it catches.
cppcoro::task<> cppcoroCancelsItsOwnOperation() {
  cppcoro::cancellation_source source;
  source.request_cancellation();
  while (again()) {
    try {
      co_await cppcoroWork(source.token());
    } catch (const cppcoro::operation_cancelled &) {
      log();
    }
  }
}

// --- stdexec: stopped is a completion, not an exception: nothing to swallow.

exec::task<void> stdexecWork();

exec::task<void> stdexecCatchAll() {
  while (again()) {
    try {
      co_await stdexecWork();
    } catch (...) {
      log();
    }
  }
}

exec::task<void> stdexecStdException() {
  while (again()) {
    try {
      co_await stdexecWork();
    } catch (const std::exception &) {
      log();
    }
  }
}
