// RUN: %check_async_tidy %s async-discarded-task %t -- -- %async_flags
//
// Boost.Asio 1.74 (real headers) and Boost.Cobalt (mock): boost::asio::awaitable
// is not [[nodiscard]] there, so a bare call drops it without any warning.

#include <utility> // Boost 1.74 awaitable.hpp uses std::exchange without it
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/cobalt.hpp>

boost::asio::awaitable<void> session();
boost::cobalt::promise<int> eager();
boost::cobalt::task<int> lazy();
boost::cobalt::detached fireAndForget();

boost::asio::awaitable<void> bareCall() {
  session();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'session' is discarded: it is never awaited or spawned, so it never runs to completion [async-discarded-task]
  co_return;
}

boost::asio::awaitable<void> bareCallInABranch(bool again) {
  if (again)
    session();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'session' is discarded: it is never awaited or spawned
  co_return;
}

boost::cobalt::task<void> cobaltPromiseCastAway() {
  (void)eager();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'eager' is discarded by a cast to void
  auto unused = lazy();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task 'unused' is never used
  co_return;
}

// --- Negative ---------------------------------------------------------------

boost::asio::awaitable<void> awaitsIt() { co_await session(); }

void spawnsIt(boost::asio::io_context &ctx) {
  boost::asio::co_spawn(ctx, session(), boost::asio::detached);
}

boost::cobalt::task<void> detachedByType() {
  fireAndForget(); // `detached` runs eagerly by design
  (void)fireAndForget();
  co_return;
}
