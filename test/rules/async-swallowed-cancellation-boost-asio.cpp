// RUN: %check_async_tidy %s async-swallowed-cancellation %t -- -- %async_flags
//
// Boost.Asio (Debian's Boost 1.74): boost::system::system_error with
// operation_aborted. Standalone asio and Boost.Asio cannot share a TU.

#include <utility> // Boost 1.74 awaitable.hpp uses std::exchange without it
#include <boost/asio.hpp>
#include <exception>

void log(const char *);

boost::asio::awaitable<void> pollAndLog(boost::asio::steady_timer &timer) {
  for (;;) {
    try {
      co_await timer.async_wait(boost::asio::use_awaitable);
    } catch (const std::exception &e) {
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: handler for 'std::exception' in a coroutine swallows cancellation ('operation_aborted'); rethrow it so the cancelled task stops and its group can finish [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE+4]]:5: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES: :[[@LINE-4]]:7: note: cancellation is raised at this await
      // CHECK-NOTES: :[[@LINE-5]]:7: note: after the handler the task goes on to this await
      log(e.what());
    }
  }
}

boost::asio::awaitable<void> catchesSystemError(boost::asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(boost::asio::use_awaitable);
  } catch (const boost::system::system_error &) {
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: handler for 'boost::system::system_error' in a coroutine swallows cancellation ('operation_aborted')
    // CHECK-NOTES: :[[@LINE+4]]:3: note: cancellation is dropped here: the handler falls off its end
    // CHECK-NOTES: :[[@LINE-4]]:5: note: cancellation is raised at this await
    // CHECK-NOTES: :[[@LINE+3]]:3: note: after the handler the task goes on to this await
    log("timer failed");
  }
  co_await timer.async_wait(boost::asio::use_awaitable);
}

// A session that ends after its handler is not reported by default.
boost::asio::awaitable<void> waitAndLog(boost::asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(boost::asio::use_awaitable);
  } catch (const std::exception &e) {
    log(e.what());
  }
}

boost::asio::awaitable<void> testsForOperationAborted(boost::asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(boost::asio::use_awaitable);
  } catch (const boost::system::system_error &e) {
    if (e.code() == boost::asio::error::operation_aborted)
      throw;
    log("timer failed");
  }
}

boost::asio::awaitable<void> rethrows(boost::asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(boost::asio::use_awaitable);
  } catch (...) {
    log("failed");
    throw;
  }
}
