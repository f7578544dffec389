// RUN: %check_async_tidy %s async-swallowed-cancellation %t -- -- %async_flags
//
// folly::coro, Boost.Cobalt, cppcoro and stdexec.

#include <boost/cobalt.hpp>
#include <cppcoro/cancellation_token.hpp>
#include <cppcoro/task.hpp>
#include <exec/task.hpp>
#include <folly/experimental/coro/Task.h>
#include <exception>
#include <stdexcept>

void log();
bool fatal();

// --- folly: OperationCancelled derives from std::exception ------------------

folly::coro::Task<> follyWork();

folly::coro::Task<> follyLogsStdException() {
  try {
    co_await follyWork();
  } catch (const std::exception &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler for 'std::exception' in a coroutine swallows 'folly::OperationCancelled'; rethrow it so the cancelled task stops and its group can finish [async-swallowed-cancellation]
    // CHECK-FIXES: {{^}}  } catch (const folly::OperationCancelled&) { throw; } catch (const std::exception &) {{{$}}
    log();
  }
}

folly::coro::Task<> follyNestedTryInTheHandler() {
  try {
    co_await folly::coro::sleep(folly::Duration(10));
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'folly::OperationCancelled'
    // CHECK-FIXES: {{^}}  } catch (const folly::OperationCancelled&) { throw; } catch (...) {{{$}}
    try {
      throw;
    } catch (const folly::OperationCancelled &) {
      log();
    }
  }
}

folly::coro::Task<> follyCancellationHandledFirst() {
  try {
    co_await follyWork();
  } catch (const folly::OperationCancelled &) {
    throw;
  } catch (const std::exception &) {
    log();
  }
}

folly::coro::Task<> follyCatchesOtherErrorsOnly() {
  try {
    co_await follyWork();
  } catch (const std::runtime_error &) {
    log();
  }
}

// --- Boost.Cobalt: system_error(operation_aborted) ---------------------------

boost::cobalt::task<void> cobaltWork();

boost::cobalt::task<void> cobaltSwallows() {
  try {
    co_await cobaltWork();
  } catch (const boost::system::system_error &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler for 'boost::system::system_error' in a coroutine swallows cancellation ('operation_aborted')
    log();
  }
}

boost::cobalt::promise<void> cobaltRethrowsOnlyFatal() {
  try {
    co_await cobaltWork();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows cancellation ('operation_aborted')
    if (fatal())
      throw;
  }
}

boost::cobalt::task<void> cobaltTestsForOperationAborted() {
  try {
    co_await cobaltWork();
  } catch (const boost::system::system_error &e) {
    if (e.code() == boost::asio::error::operation_aborted)
      throw;
    log();
  }
}

// --- cppcoro: operation_cancelled derives from std::exception ---------------

cppcoro::task<> cppcoroWork(cppcoro::cancellation_token);

cppcoro::task<> cppcoroSwallows(cppcoro::cancellation_token token) {
  try {
    co_await cppcoroWork(token);
  } catch (const std::exception &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler for 'std::exception' in a coroutine swallows 'cppcoro::operation_cancelled'
    // CHECK-FIXES: {{^}}  } catch (const cppcoro::operation_cancelled&) { throw; } catch (const std::exception &) {{{$}}
    log();
  }
}

cppcoro::task<int> cppcoroHandlesCancellationByReturning(cppcoro::cancellation_token token) {
  try {
    co_await cppcoroWork(token);
  } catch (const cppcoro::operation_cancelled &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler for 'cppcoro::operation_cancelled' in a coroutine swallows 'cppcoro::operation_cancelled'
    co_return -1;
  }
  co_return 0;
}

cppcoro::task<> cppcoroRethrows(cppcoro::cancellation_token token) {
  try {
    co_await cppcoroWork(token);
  } catch (const std::exception &) {
    log();
    throw;
  }
}

// --- stdexec: stopped is a completion, not an exception: nothing to swallow.

exec::task<void> stdexecWork();

exec::task<void> stdexecCatchAll() {
  try {
    co_await stdexecWork();
  } catch (...) {
    log();
  }
}

exec::task<void> stdexecStdException() {
  try {
    co_await stdexecWork();
  } catch (const std::exception &) {
    log();
  }
}
