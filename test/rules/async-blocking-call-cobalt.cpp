// RUN: %check_async_tidy %s async-blocking-call %t -- -- %async_flags
//
// Boost.Cobalt (mock over the real Boost 1.74 Asio) and Boost.Asio.

#include <utility> // Boost 1.74 awaitable.hpp uses std::exchange without it
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/cobalt.hpp>
#include <thread>

boost::cobalt::task<int> child();

boost::cobalt::task<int> runsANestedCobaltLoop() {
  co_return boost::cobalt::run(child());
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: blocking call to 'boost::cobalt::run' in a coroutine blocks the thread of its event loop: no other task runs until it returns; await an asynchronous alternative or move the call off the loop [async-blocking-call]
}

boost::cobalt::promise<void> sleepsInAPromise() {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
  co_return;
}

boost::asio::awaitable<void> boostAsioRunsItsContext(boost::asio::io_context &ctx) {
  ctx.run_one();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: blocking call to 'boost::asio::io_context::run_one' in a coroutine
  co_return;
}

// co_main and a cobalt::thread are coroutines of the runtime too.
namespace app {
boost::cobalt::main co_main(int argc, char *argv[]) {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
  co_return 0;
}
} // namespace app

boost::cobalt::thread worker() {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
  co_return;
}

// --- Negative ----------------------------------------------------------------

boost::cobalt::task<int> awaitsTheChild() { co_return co_await child(); }

int main() { return boost::cobalt::run(child()); }
