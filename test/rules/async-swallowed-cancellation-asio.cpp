// RUN: %check_async_tidy -check-suffixes=GOESON %s async-swallowed-cancellation %t -- -- %async_flags
// RUN: %check_async_tidy -check-suffixes=GOESON,ENDS %s async-swallowed-cancellation %t -- \
// RUN:   -config="{CheckOptions: {async-swallowed-cancellation.ReportCancellationAsSuccess: true}}" \
// RUN:   -- %async_flags
//
// Standalone asio 1.22 (Debian's real headers): cancellation arrives as
// asio::system_error (std::system_error) carrying operation_aborted, so a
// std::exception handler receives it. Cancellation has no type of its own to
// rethrow by itself, so there is no fix-it. Once a coroutine's cancellation
// state is cancelled every later await throws again: a handler after which the
// task goes on awaiting spins.

#include <asio.hpp>
#include <chrono>
#include <exception>
#include <stdexcept>

void log(const char *);
bool fatal();

// --- The task goes on after the handler --------------------------------------

asio::awaitable<void> pollAndLog(asio::steady_timer &timer) {
  for (;;) {
    try {
      co_await timer.async_wait(asio::use_awaitable);
    } catch (const std::exception &e) {
      // CHECK-NOTES-GOESON: :[[@LINE-1]]:7: warning: handler for 'std::exception' in a coroutine swallows cancellation ('operation_aborted'); rethrow it so the cancelled task stops and its group can finish [async-swallowed-cancellation]
      // CHECK-NOTES-GOESON: :[[@LINE+4]]:5: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES-GOESON: :[[@LINE-4]]:7: note: cancellation is raised at this await
      // CHECK-NOTES-GOESON: :[[@LINE-5]]:7: note: after the handler the task goes on to this await
      log(e.what());
    }
  }
}

asio::awaitable<void> catchesSystemErrorThenWaitsAgain(asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const asio::system_error &) {
    // CHECK-NOTES-GOESON: :[[@LINE-1]]:5: warning: handler for 'asio::system_error' in a coroutine swallows cancellation ('operation_aborted')
    // CHECK-NOTES-GOESON: :[[@LINE+4]]:3: note: cancellation is dropped here: the handler falls off its end
    // CHECK-NOTES-GOESON: :[[@LINE-4]]:5: note: cancellation is raised at this await
    // CHECK-NOTES-GOESON: :[[@LINE+3]]:3: note: after the handler the task goes on to this await
    log("timer failed");
  }
  co_await timer.async_wait(asio::use_awaitable);
}

asio::awaitable<void> rethrowsOnlyFatalErrorsInALoop(asio::steady_timer &timer) {
  for (int i = 0; i < 10; ++i) {
    try {
      co_await timer.async_wait(asio::use_awaitable);
    } catch (const std::exception &) {
      // CHECK-NOTES-GOESON: :[[@LINE-1]]:7: warning: handler for 'std::exception' in a coroutine swallows cancellation ('operation_aborted')
      // CHECK-NOTES-GOESON: :[[@LINE+5]]:5: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES-GOESON: :[[@LINE-4]]:7: note: cancellation is raised at this await
      // CHECK-NOTES-GOESON: :[[@LINE-5]]:7: note: after the handler the task goes on to this await
      if (fatal())
        throw;
    }
  }
}

asio::awaitable<void> retriesInALambda(asio::steady_timer &timer) {
  auto attempt = [&]() -> asio::awaitable<void> {
    for (;;) {
      try {
        co_await timer.async_wait(asio::use_awaitable);
        co_return;
      } catch (const std::exception &) {
        // CHECK-NOTES-GOESON: :[[@LINE-1]]:9: warning: handler for 'std::exception' in a coroutine swallows cancellation ('operation_aborted')
        // CHECK-NOTES-GOESON: :[[@LINE+3]]:9: note: cancellation is dropped here: the handler jumps out
        // CHECK-NOTES-GOESON: :[[@LINE-5]]:9: note: cancellation is raised at this await
        // CHECK-NOTES-GOESON: :[[@LINE-6]]:9: note: after the handler the task goes on to this await
        continue;
      }
    }
  };
  co_await attempt();
}

// --- The coroutine ends after the handler ------------------------------------

asio::awaitable<void> waitAndLog(asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const std::exception &e) {
    // CHECK-NOTES-ENDS: :[[@LINE-1]]:5: warning: handler for 'std::exception' in a coroutine swallows cancellation ('operation_aborted') and ends the task as if it had succeeded
    // CHECK-NOTES-ENDS: :[[@LINE+3]]:3: note: cancellation is dropped here: the handler falls off its end
    // CHECK-NOTES-ENDS: :[[@LINE-4]]:5: note: cancellation is raised at this await
    log(e.what());
  }
}

asio::awaitable<int> catchAllReturnsDefault(asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(asio::use_awaitable);
    co_return 1;
  } catch (...) {
    // CHECK-NOTES-ENDS: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows cancellation ('operation_aborted') and ends the task
    // CHECK-NOTES-ENDS: :[[@LINE+2]]:5: note: cancellation is dropped here: the handler returns
    // CHECK-NOTES-ENDS: :[[@LINE-5]]:5: note: cancellation is raised at this await
    co_return 0;
  }
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

// The shape of asio's own example sessions: the whole body in a try, the
// handler logs and the coroutine ends. The task stops; only under
// ReportCancellationAsSuccess is it reported.
asio::awaitable<void> echoSession(asio::ip::tcp::socket socket) {
  try {
    char data[1024];
    for (;;) {
      std::size_t n = co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
      co_await asio::async_write(socket, asio::buffer(data, n), asio::use_awaitable);
    }
  } catch (std::exception &e) {
    // CHECK-NOTES-ENDS: :[[@LINE-1]]:5: warning: handler for 'std::exception' in a coroutine swallows cancellation ('operation_aborted') and ends the task
    // CHECK-NOTES-ENDS: :[[@LINE+3]]:3: note: cancellation is dropped here: the handler falls off its end
    // CHECK-NOTES-ENDS: :[[@LINE-6]]:23: note: cancellation is raised at this await
    log(e.what());
  }
}

// The frame emitted the cancellation of the operation it awaits.
asio::awaitable<void> cancelsItsOwnWait(asio::steady_timer &timer) {
  asio::cancellation_signal signal;
  signal.emit(asio::cancellation_type::terminal);
  for (;;) {
    try {
      co_await timer.async_wait(asio::bind_cancellation_slot(signal.slot(), asio::use_awaitable));
    } catch (const std::exception &) {
      log("cancelled by us");
    }
  }
}

void synchronousWait(asio::steady_timer &timer) {
  try {
    timer.wait();
  } catch (const std::exception &) {
    log("wait failed");
  }
}
