// RUN: %check_async_tidy %s async-task-escapes-group %t -- -- %async_flags
//
// Standalone asio, Debian's real headers (libasio-dev 1.22): co_spawn with
// asio::detached starts a child outside any group.

#include <asio/awaitable.hpp>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>
#include <memory>
#include <string>
#include <string_view>

asio::awaitable<void> nap() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  co_await timer.async_wait(asio::use_awaitable);
}
asio::awaitable<void> session(std::string &peer) {
  co_await nap();
  peer.clear();
}
asio::awaitable<void> show(std::string_view text);

// A session holding a reference to a local of the function that spawned it.
void listen(asio::io_context &io) {
  std::string peer = "client";
  asio::co_spawn(io, session(peer), asio::detached);
  // CHECK-NOTES: :[[@LINE-1]]:30: warning: child spawned outside any group refers to 'peer' by reference, but 'peer' dies when this frame returns, before the child ends [async-task-escapes-group]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-4]]:15: note: 'peer' is declared here and dies when this frame returns
  // CHECK-NOTES: :[[@LINE-11]]:3: note: the child uses it here
  std::string banner = "hello";
  asio::co_spawn(io, show(banner), asio::detached);
  // CHECK-NOTES: :[[@LINE-1]]:27: warning: child spawned outside any group refers to 'banner' through a pointer or view, but 'banner' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-4]]:15: note: 'banner' is declared here and dies when this frame returns

  // co_spawn keeps the function object in the new coroutine's frame, so a
  // temporary lambda is not a dangling closure; its by-reference captures
  // still refer to this frame.
  int served = 0;
  asio::co_spawn(io, [&]() -> asio::awaitable<void> { co_await nap(); ++served; }, asio::detached);
  // CHECK-NOTES: :[[@LINE-1]]:73: warning: child spawned outside any group captures 'served' by reference, but 'served' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-4]]:7: note: 'served' is declared here and dies when this frame returns

  // Negative: captured by value, a view of a literal, an awaited spawn.
  asio::co_spawn(io, [served]() -> asio::awaitable<void> { co_await nap(); (void)served; },
                 asio::detached);
  asio::co_spawn(io, show("literal"), asio::detached);
  asio::co_spawn(io, session(peer), asio::use_awaitable);
}

struct Connection : std::enable_shared_from_this<Connection> {
  int bytes = 0;
  asio::awaitable<void> pump() {
    co_await nap();
    ++bytes;
  }
  asio::awaitable<void> pumpHeld(std::shared_ptr<Connection> self) {
    co_await nap();
    ++bytes;
  }
  void start(asio::io_context &io) {
    asio::co_spawn(io, pump(), asio::detached);
    // CHECK-NOTES: :[[@LINE-1]]:24: warning: member coroutine started outside any group uses 'this' after its first suspension, but nothing keeps the object alive until then; hold a std::shared_ptr to it (shared_from_this()) in the coroutine
    // CHECK-NOTES: :[[@LINE-2]]:5: note: the child is spawned here
    // CHECK-NOTES: :[[@LINE-11]]:5: note: the coroutine first suspends here
    // CHECK-NOTES: :[[@LINE-11]]:7: note: and uses 'this' here, when the object may be gone
    // Negative: the frame holds a strong reference.
    asio::co_spawn(io, pumpHeld(shared_from_this()), asio::detached);
  }
};
