// RUN: %check_async_tidy %s async-spawn-outside-group %t -- -- %async_flags
//
// Standalone asio, Debian's real headers (libasio-dev 1.22).

#include <asio/awaitable.hpp>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/use_awaitable.hpp>
#include <exception>

asio::awaitable<void> f();
asio::awaitable<int> g();

int main() {
  asio::io_context io;
  asio::co_spawn(io, f(), asio::detached);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'asio::co_spawn' with 'asio::detached' runs work outside any group: nothing waits for it or handles its failure, and it can outlive the data it uses [async-spawn-outside-group]
  // CHECK-NOTES: :[[@LINE-2]]:27: note: this completion token discards the task's outcome

  // Negative: a completion handler receives the outcome and rethrows it.
  asio::co_spawn(io, f(), [](std::exception_ptr e) {
    if (e)
      std::rethrow_exception(e);
  });
  io.run();
}

asio::awaitable<void> parent() {
  auto ex = co_await asio::this_coro::executor;
  asio::co_spawn(ex, g(), asio::detached);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'asio::co_spawn' with 'asio::detached' runs work outside any group
  // CHECK-NOTES: :[[@LINE-2]]:27: note: this completion token discards the task's outcome

  // Negative: awaited, so the child's failure is rethrown here.
  int v = co_await asio::co_spawn(ex, g(), asio::use_awaitable);
  (void)v;
  asio::co_spawn(ex, f(), asio::detached); // NOLINT(async-spawn-outside-group)
}
