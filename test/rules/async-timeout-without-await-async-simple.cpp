// RUN: %check_async_tidy %s async-timeout-without-await %t -- -- %async_flags
//

#include <async_simple/Signal.h>
#include <async_simple/coro/Collect.h>
#include <async_simple/coro/Lazy.h>
#include <async_simple/coro/Sleep.h>
#include <chrono>
#include <string>
#include <variant>

using namespace std::chrono_literals;
using async_simple::SignalType;
using async_simple::coro::Lazy;
namespace coro = async_simple::coro;

Lazy<std::string> readLine();
Lazy<void> connect();
void log(const char *);

// The documented timeout: whichever finishes first wins, the other is
// signalled to stop.
Lazy<std::string> readWithTimeout() {
  auto r = co_await coro::collectAny<SignalType::Terminate>(readLine(), coro::sleep(1s));
  if (r.index() == 1)
    co_return std::string();
  co_return std::move(std::get<0>(r)).value();
}

// collectAll<Terminate>: the first to finish cancels the other, and both are
// awaited.
Lazy<void> connectWithTimeout() {
  auto [connected, timer] =
      co_await coro::collectAll<SignalType::Terminate>(connect(), coro::sleep(3s));
  if (connected.hasError())
    log("connect failed or timed out");
  (void)timer;
}

// A deadline polled between awaits.
Lazy<void> retriesUntilDeadline() {
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while (std::chrono::steady_clock::now() < deadline) {
    auto r = co_await coro::collectAny<SignalType::Terminate>(connect(), coro::sleep(500ms));
    if (r.index() == 0 && !std::get<0>(r).hasError())
      co_return;
  }
}
