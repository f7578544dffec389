// RUN: %check_async_tidy %s async-spawn-outside-group %t -- -- %async_flags
//
// Boost.Asio (Debian's real Boost 1.74) and Boost.Cobalt (mock over it).

#include <utility> // Boost 1.74 awaitable.hpp uses std::exchange without it
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/cobalt.hpp>
#include <exception>

namespace cobalt = boost::cobalt;

boost::asio::awaitable<void> asioWork();

void boostAsio(boost::asio::io_context &io) {
  boost::asio::co_spawn(io, asioWork(), boost::asio::detached);
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: 'boost::asio::co_spawn' with 'boost::asio::detached' runs work outside any group
  // CHECK-NOTES: :[[@LINE-2]]:41: note: this completion token discards the task's outcome
  boost::asio::co_spawn(io, asioWork(), [](std::exception_ptr e) {
    if (e)
      std::rethrow_exception(e);
  });
}

cobalt::task<int> fetch();
cobalt::promise<void> eager();

// A `detached` coroutine is detached by its type: every call is a spawn.
cobalt::detached logLater(int);

void cobaltSpawns(boost::asio::io_context &ctx) {
  cobalt::spawn(ctx, fetch(), boost::asio::detached);
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: 'boost::cobalt::spawn' with 'boost::asio::detached' runs work outside any group
  // CHECK-NOTES: :[[@LINE-2]]:31: note: this completion token discards the task's outcome
  // Negative: the completion handler receives the outcome.
  cobalt::spawn(ctx, fetch(), [](std::exception_ptr, int) {});
}

cobalt::task<void> cobaltDetaches() {
  +eager();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'boost::cobalt::promise::operator+' runs work outside any group
  auto p = eager();
  p.detach();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'boost::cobalt::promise::detach' runs work outside any group
  logLater(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call of 'logLater' runs a detached coroutine ('boost::cobalt::detached') outside any group: nothing waits for it or handles its failure, and it can outlive the data it uses
  co_return;
}

// Negative: the detached coroutine's own definition is not a call of it.
cobalt::detached logLater(int) { co_return; }

cobalt::task<void> cobaltStructured() {
  // Negative: awaited promises and a wait_group that is waited for.
  co_await eager();
  cobalt::wait_group group;
  group.push_back(eager());
  co_await group.wait();
  logLater(2); // NOLINT(async-spawn-outside-group)
}
