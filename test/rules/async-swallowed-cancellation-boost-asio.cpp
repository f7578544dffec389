// RUN: %check_async_tidy %s async-swallowed-cancellation %t -- -- %async_flags
//
// Boost.Asio (Debian's Boost 1.74): boost::system::system_error with
// operation_aborted. Standalone asio and Boost.Asio cannot share a TU.

#include <utility> // Boost 1.74 awaitable.hpp uses std::exchange without it
#include <boost/asio.hpp>
#include <exception>

void log(const char *);

boost::asio::awaitable<void> waitAndLog(boost::asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(boost::asio::use_awaitable);
  } catch (const std::exception &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler for 'std::exception' in a coroutine swallows cancellation ('operation_aborted'); rethrow it so the cancelled task stops and its group can finish [async-swallowed-cancellation]
    log(e.what());
  }
}

boost::asio::awaitable<void> catchesSystemError(boost::asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(boost::asio::use_awaitable);
  } catch (const boost::system::system_error &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler for 'boost::system::system_error' in a coroutine swallows cancellation ('operation_aborted')
    log("timer failed");
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
