// RUN: %check_async_tidy %s async-swallowed-cancellation %t -- -- %async_flags
//
// Standalone asio 1.22 (Debian's real headers): cancellation arrives as
// asio::system_error (std::system_error) carrying operation_aborted, so a
// std::exception handler receives it. Cancellation has no type of its own to
// rethrow by itself, so there is no fix-it.

#include <asio.hpp>
#include <chrono>
#include <exception>
#include <stdexcept>

void log(const char *);
bool fatal();

// --- Positive ----------------------------------------------------------------

asio::awaitable<void> waitAndLog(asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const std::exception &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler for 'std::exception' in a coroutine swallows cancellation ('operation_aborted'); rethrow it so the cancelled task stops and its group can finish [async-swallowed-cancellation]
    log(e.what());
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: cancellation is dropped here: the handler falls off its end
  // CHECK-MESSAGES: :[[@LINE-6]]:5: note: cancellation is raised at this await
}

asio::awaitable<void> catchesSystemError(asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const asio::system_error &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler for 'asio::system_error' in a coroutine swallows cancellation ('operation_aborted')
    log("timer failed");
  }
}

asio::awaitable<int> catchAllReturnsDefault(asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(asio::use_awaitable);
    co_return 1;
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows cancellation ('operation_aborted')
    co_return 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: cancellation is dropped here: the handler returns
  }
}

asio::awaitable<void> rethrowsOnlyFatalErrors(asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const std::exception &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler for 'std::exception' in a coroutine swallows cancellation ('operation_aborted')
    if (fatal())
      throw;
  }
}

asio::awaitable<void> retriesInALambda(asio::steady_timer &timer) {
  auto attempt = [&]() -> asio::awaitable<void> {
    for (;;) {
      try {
        co_await timer.async_wait(asio::use_awaitable);
        co_return;
      } catch (const std::exception &) {
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: handler for 'std::exception' in a coroutine swallows cancellation ('operation_aborted')
        continue;
      }
    }
  };
  co_await attempt();
}

// --- Negative ----------------------------------------------------------------

asio::awaitable<void> testsForOperationAborted(asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const asio::system_error &e) {
    if (e.code() == asio::error::operation_aborted)
      throw;
    log("timer failed");
  }
}

asio::awaitable<void> rethrows(asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const std::exception &e) {
    log(e.what());
    throw;
  }
}

asio::awaitable<void> handlerForAnotherError(asio::steady_timer &timer) {
  // std::logic_error is no base of system_error.
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const std::logic_error &) {
    log("bug");
  }
}

asio::awaitable<void> errorCodeInsteadOfException(asio::steady_timer &timer) {
  // as_tuple-style completion without exceptions: nothing to catch.
  asio::error_code ec;
  co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  if (ec)
    log("timer failed");
}

asio::awaitable<void> tryWithoutAwait(asio::steady_timer &timer) {
  try {
    timer.expires_after(std::chrono::seconds(1));
  } catch (const std::exception &) {
    log("bad expiry");
  }
  co_await timer.async_wait(asio::use_awaitable);
}

void synchronousWait(asio::steady_timer &timer) {
  try {
    timer.wait();
  } catch (const std::exception &) {
    log("wait failed");
  }
}
