// RUN: %check_async_tidy %s async-spawn-outside-group %t -- -- %async_flags
//
// Standalone asio, Debian's real headers (libasio-dev 1.22).

#include <asio/awaitable.hpp>
#include <asio/bind_cancellation_slot.hpp>
#include <asio/bind_executor.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/use_awaitable.hpp>
#include <exception>
#include <utility>

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

// A token wrapped in an adapter is still the detached token.
void wrappedTokens(asio::io_context &io, asio::cancellation_signal &signal) {
  asio::co_spawn(io, f(), asio::bind_cancellation_slot(signal.slot(), asio::detached));
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'asio::co_spawn' with 'asio::detached' runs work outside any group
  // CHECK-NOTES: :[[@LINE-2]]:27: note: this completion token discards the task's outcome
  asio::co_spawn(io, f(), asio::bind_executor(io.get_executor(), asio::detached));
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'asio::co_spawn' with 'asio::detached' runs work outside any group
  // CHECK-NOTES: :[[@LINE-2]]:27: note: this completion token discards the task's outcome
}

// A template that passes its caller's token on is not the hazard; the call
// that spells asio::detached is.
template <class CompletionToken>
void startSession(asio::io_context &io, CompletionToken &&token) {
  asio::co_spawn(io, f(), std::forward<CompletionToken>(token));
}

template <class CompletionToken>
void startTwoLevelsDown(asio::io_context &io, CompletionToken &&token) {
  startSession(io, std::forward<CompletionToken>(token));
}

void startsSessions(asio::io_context &io) {
  startSession(io, asio::detached);
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: 'asio::detached' runs work outside any group: 'startSession' passes this completion token on to 'asio::co_spawn', so nothing waits for the work or handles its failure
  // CHECK-NOTES: :[[@LINE-11]]:9: note: the token reaches 'asio::co_spawn' here
  startTwoLevelsDown(io, asio::detached);
  // CHECK-NOTES: :[[@LINE-1]]:26: warning: 'asio::detached' runs work outside any group: 'startTwoLevelsDown' passes this completion token on to 'asio::co_spawn'
  // CHECK-NOTES: :[[@LINE-14]]:9: note: the token reaches 'asio::co_spawn' here
  // Negative: a handler receives the outcome.
  startSession(io, [](std::exception_ptr e) {
    if (e)
      std::rethrow_exception(e);
  });
}
