// RUN: %check_async_tidy %s async-busy-wait %t -- -- %async_flags
//
// Standalone asio 1.22 (Debian's real headers): a timer's async_wait is the
// sleep, set up by expires_after in the same loop or made afresh in it. asio
// has no event type; a channel is what one awaits instead.

#include <asio.hpp>

using namespace std::chrono_literals;

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
