// RUN: %check_async_tidy %s async-blocking-call %t -- -- %async_flags
//
// Standalone asio (the real libasio-dev headers).

#include <asio.hpp>
#include <thread>

using namespace std::chrono_literals;

asio::awaitable<void> runsTheContextInside(asio::io_context &ctx) {
  ctx.run();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: blocking call to 'asio::io_context::run' in a coroutine blocks the thread of its event loop: no other task runs until it returns; await an asynchronous alternative or move the call off the loop [async-blocking-call]
  co_return;
}

asio::awaitable<void> waitsOnATimerSynchronously(asio::steady_timer &timer) {
  timer.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: blocking call to 'asio::basic_waitable_timer::wait' in a coroutine
  co_return;
}

asio::awaitable<void> sleepsTheThread() {
  // asio has no one-call awaitable sleep the model can spell: no fix.
  std::this_thread::sleep_for(5ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
  co_return;
}

// --- Negative ----------------------------------------------------------------

asio::awaitable<void> awaitsTheTimer(asio::steady_timer &timer) {
  co_await timer.async_wait(asio::use_awaitable);
}

void runsTheContextOutside(asio::io_context &ctx) { ctx.run(); }
