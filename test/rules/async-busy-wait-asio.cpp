// RUN: %check_async_tidy %s async-busy-wait %t -- -- %async_flags
//
// Standalone asio 1.22 (Debian's real headers): a timer's async_wait is the
// sleep, set up by expires_after in the same loop or made afresh in it. asio
// has no event type; a channel is what one awaits instead.

#include <asio.hpp>

using namespace std::chrono_literals;

#include <algorithm>

struct Peer {
  bool connected() const;
};
void work();

// --- Positive ---------------------------------------------------------------

asio::awaitable<void> asioTimer(asio::steady_timer &timer, const bool &ready) {
  while (!ready) {
    timer.expires_after(10ms);
    co_await timer.async_wait(asio::use_awaitable);
  }
  // CHECK-NOTES: :[[@LINE-4]]:3: warning: this loop polls a condition with 'asio::basic_waitable_timer::async_wait': the task wakes every period to re-check it and sees a change up to a period late; await an event or a channel that the code changing the condition signals [async-busy-wait]
  // CHECK-NOTES: :[[@LINE-5]]:10: note: the condition polled
  // CHECK-NOTES: :[[@LINE-4]]:5: note: sleeps here between checks
}

// A timer made afresh each time round.
asio::awaitable<void> asioFreshTimer(asio::any_io_executor ex, Peer &peer) {
  while (!peer.connected()) {
    asio::steady_timer timer(ex, 50ms);
    co_await timer.async_wait(asio::use_awaitable);
  }
  // CHECK-NOTES: :[[@LINE-4]]:3: warning: this loop polls a condition with 'asio::basic_waitable_timer::async_wait'
  // CHECK-NOTES: :[[@LINE-5]]:10: note: the condition polled
  // CHECK-NOTES: :[[@LINE-4]]:5: note: sleeps here between checks
}

// --- Negative ---------------------------------------------------------------

// asio's periodic timer: work between waits.
asio::awaitable<void> asioPeriodic(asio::steady_timer &timer, const bool &running) {
  while (running) {
    timer.expires_after(1s);
    co_await timer.async_wait(asio::use_awaitable);
    work();
  }
}

// Another timer set up in the body: not the loop's own sleep.
asio::awaitable<void> asioOtherTimer(asio::steady_timer &timer, asio::steady_timer &other,
                                     const bool &ready) {
  while (!ready) {
    other.cancel();
    co_await timer.async_wait(asio::use_awaitable);
  }
}

// --- An armed timer, asio's event, an error code -----------------------------

// The error code for redirect_error belongs to the sleep.
asio::awaitable<void> asioErrorCode(asio::steady_timer &timer, const bool &ready) {
  while (!ready) {
    asio::error_code ec;
    timer.expires_after(10ms);
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  // CHECK-NOTES: :[[@LINE-5]]:3: warning: this loop polls a condition with 'asio::basic_waitable_timer::async_wait'
  // CHECK-NOTES: :[[@LINE-6]]:10: note: the condition polled
  // CHECK-NOTES: :[[@LINE-4]]:5: note: sleeps here between checks
}

// Negative: asio's event. A timer set to expire never (in the constructor,
// or in the loop with time_point::max()) and cancelled by the code that
// changes the state: the wait ends when it changes, with no period.
struct Session {
  asio::steady_timer signal;
  bool pending() const;
  asio::awaitable<void> waitForOutput() {
    while (!pending()) {
      asio::error_code ec;
      co_await signal.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
  }
  asio::awaitable<void> waitRearmed() {
    while (!pending()) {
      signal.expires_at(asio::steady_timer::time_point::max());
      co_await signal.async_wait(asio::use_awaitable);
    }
  }
};

// A period in a local is part of the timer.
asio::awaitable<void> asioPeriodLocal(asio::any_io_executor ex, const bool &ready) {
  while (!ready) {
    const auto period = 10ms;
    asio::steady_timer timer(ex, period);
    co_await timer.async_wait(asio::use_awaitable);
  }
  // CHECK-NOTES: :[[@LINE-5]]:3: warning: this loop polls a condition with 'asio::basic_waitable_timer::async_wait'
  // CHECK-NOTES: :[[@LINE-6]]:10: note: the condition polled
  // CHECK-NOTES: :[[@LINE-4]]:5: note: sleeps here between checks
}
// std::max of two times is a time, not the never-expiring max().
asio::awaitable<void> asioMaxOfTimes(asio::steady_timer &timer, const bool &ready,
                                     asio::steady_timer::time_point next) {
  while (!ready) {
    timer.expires_at(std::max(next, asio::steady_timer::clock_type::now() + 10ms));
    co_await timer.async_wait(asio::use_awaitable);
  }
  // CHECK-NOTES: :[[@LINE-4]]:3: warning: this loop polls a condition with 'asio::basic_waitable_timer::async_wait'
  // CHECK-NOTES: :[[@LINE-5]]:10: note: the condition polled
  // CHECK-NOTES: :[[@LINE-4]]:5: note: sleeps here between checks
}

// Negative: a heartbeat that ends when its own wait fails: the error code is
// the sleep's outcome, not another task's state.
asio::awaitable<void> asioHeartbeat(asio::steady_timer &timer) {
  for (;;) {
    asio::error_code ec;
    timer.expires_after(1s);
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (ec)
      co_return;
  }
}
