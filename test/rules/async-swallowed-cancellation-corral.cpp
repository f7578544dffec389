// RUN: %check_async_tidy %s async-swallowed-cancellation %t -- -- %async_flags
//
// corral: cancellation is not an exception. A cancelled task is never
// resumed; its frame is destroyed at the await where it was suspended, so no
// handler, not even catch (...), ever receives the cancellation. A cancelled
// asio operation (corral::asio_awaitable) ends as a corral cancellation, not
// as a system_error(operation_aborted). Nothing here may be reported.

#include <corral/asio.h>
#include <corral/corral.h>
#include <boost/system/system_error.hpp>
#include <exception>
#include <stdexcept>
#include <string>

extern boost::asio::io_context io;

corral::Task<void> work();
corral::Task<std::string> acceptConn();
corral::Task<void> serve(std::string conn);
void log();
bool again();

// The handler sees work()'s own exceptions only.
corral::Task<void> catchAllAroundAwait() {
  while (again()) {
    try {
      co_await work();
    } catch (...) {
      log();
    }
  }
}

// examples/asio_echo_server.cc: an accept loop whose errors are logged.
corral::Task<void> acceptLoopLogsErrors() {
  try {
    while (true) {
      std::string conn = co_await acceptConn();
      (void)conn;
    }
  } catch (const std::exception &) {
    log();
  }
}

// asio's errors reach a corral task as boost::system::system_error, but a
// cancelled asio operation does not: it is a corral cancellation.
corral::Task<void> asioErrorLogged() {
  for (;;) {
    try {
      co_await corral::sleepFor(io, std::chrono::seconds(1));
      co_await work();
    } catch (const boost::system::system_error &) {
      log();
    }
  }
}

// The first child exception comes out of the nursery as is; cancelling the
// caller cancels the nursery without any exception.
corral::Task<void> catchAroundNursery() {
  while (again()) {
    try {
      CORRAL_WITH_NURSERY(n) {
        n.start(serve, std::string("a"));
        n.start(work);
        co_return corral::join;
      };
    } catch (...) {
      log();
    }
  }
}

// The async catch clauses are coroutine lambdas; cancellation reaches none.
corral::Task<void> asyncCatchClauses() {
  CORRAL_TRY { co_await work(); }
  CORRAL_CATCH(corral::Ellipsis) {
    log();
    co_return;
  };
  co_await corral::try_([&]() -> corral::Task<> { co_await work(); })
      .catch_([&](const std::runtime_error &) -> corral::Task<> {
        log();
        co_return;
      });
}

// anyOf/allOf rethrow the first exception as is.
corral::Task<void> catchAroundAnyOf() {
  while (again()) {
    try {
      co_await corral::anyOf(work(), corral::sleepFor(io, std::chrono::seconds(1)));
    } catch (const std::exception &) {
      log();
    }
  }
}
