// RUN: %check_async_tidy %s async-loop-without-checkpoint %t -- -- %async_flags
//
// libcoro (jbaldwin/libcoro): nothing preempts or cancels a task; a loop gives
// its worker back only when it awaits (co_await tp.yield(), a read, a timer),
// and the only way to stop it is a std::stop_token it polls itself.

#include <coro/coro.hpp>
#include <atomic>
#include <memory>
#include <stop_token>
#include <string>

struct connection {
  auto read() -> coro::task<std::string>;
  auto write(std::string) -> coro::task<void>;
};
void crunch();

// A worker loop on a pool thread that yields only now and then.
auto spinMostly(coro::thread_pool &tp, std::atomic<int> &n) -> coro::task<void> {
  co_await tp.schedule();
  while (true) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine has a path through its body with no await and no cancellation check: it cannot be cancelled, and no other task on its event loop runs while it spins [async-loop-without-checkpoint]
    // CHECK-NOTES: :[[@LINE+1]]:9: note: when this condition is false, the iteration has no await and no cancellation check
    if (n.fetch_add(1) % 1000 == 0)
      co_await tp.yield();
  }
}

// A `continue` path that skips the await.
auto skipWhileBusy(std::unique_ptr<coro::scheduler> &s, std::atomic<int> &n) -> coro::task<void> {
  for (;;) {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine has a path through its body with no await and no cancellation check
    // CHECK-NOTES: :[[@LINE+2]]:7: note: the next iteration starts here without an await or a cancellation check
    if (n.load() > 0)
      continue;
    co_await s->yield_for(std::chrono::milliseconds{1});
  }
}

// Negative (examples/coro_tcp_echo_server.cpp): every path reads, writes or
// returns.
auto echo(connection c) -> coro::task<void> {
  while (true) {
    auto msg = co_await c.read();
    if (msg.empty())
      co_return;
    co_await c.write(std::move(msg));
  }
}

// Negative: a CPU loop that polls its std::stop_token (set by when_any's or
// schedule(stop_source, task, timeout)'s stop_source).
auto crunchUntilStopped(coro::thread_pool &tp, std::stop_token st) -> coro::task<void> {
  co_await tp.schedule();
  while (true) {
    if (st.stop_requested())
      co_return;
    crunch();
  }
}

// Negative: yields on every pass.
auto politeSpin(coro::thread_pool &tp, std::atomic<bool> &done) -> coro::task<void> {
  for (;;) {
    if (done.load())
      co_return;
    co_await tp.yield();
  }
}

// Negative: a generator hands control back at every co_yield.
auto naturals() -> coro::generator<int> {
  for (int i = 0;; ++i)
    co_yield i;
}
