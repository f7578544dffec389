// RUN: %check_async_tidy %s async-task-escapes-group %t -- -- %async_flags
//
// Boost.Cobalt (mock over Debian's Boost.Asio): spawn with detached, a
// promise detached by operator+ or detach(), and a `detached` coroutine,
// versus a wait_group this frame opens and waits for.

#include <utility> // Boost 1.74 awaitable.hpp uses std::exchange without it
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/cobalt.hpp>
#include <string>
#include <string_view>

namespace cobalt = boost::cobalt;

cobalt::task<void> nap();
cobalt::task<void> append(std::string &s);
cobalt::promise<void> print(std::string_view s);
cobalt::detached logLater(const int &v);

void spawns(boost::asio::io_context &ctx) {
  std::string s = "a";
  cobalt::spawn(ctx, append(s), boost::asio::detached);
  // CHECK-NOTES: :[[@LINE-1]]:29: warning: child spawned outside any group refers to 's' by reference, but 's' dies when this frame returns, before the child ends [async-task-escapes-group]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-4]]:15: note: 's' is declared here and dies when this frame returns
  int v = 1;
  logLater(v);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: child spawned outside any group refers to 'v' by reference, but 'v' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-4]]:7: note: 'v' is declared here and dies when this frame returns
  cobalt::spawn(ctx, [&]() -> cobalt::task<void> { co_await nap(); s += "x"; }(),
                boost::asio::detached);
  // CHECK-NOTES: :[[@LINE-2]]:22: warning: coroutine lambda called on a temporary closure: the closure is destroyed at the end of the statement, but the coroutine reads its captures when it runs; name the lambda so that it outlives the coroutine, or pass what it needs as parameters
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the coroutine is spawned here and outlives the statement
  // CHECK-NOTES: :[[@LINE-4]]:68: note: a capture is read here, from the destroyed closure
  // CHECK-NOTES: :[[@LINE-5]]:68: warning: child spawned outside any group captures 's' by reference, but 's' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-6]]:3: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-17]]:15: note: 's' is declared here and dies when this frame returns

  // Negative: a copy passed as the lambda's parameter lives in the frame
  // (a by-value capture would not: it lives in the temporary closure), and a
  // literal's view.
  cobalt::spawn(ctx, [](std::string copy) -> cobalt::task<void> { co_await nap(); copy += "x"; }(s),
                boost::asio::detached);
  +print("literal");
}

cobalt::task<void> detaches() {
  std::string text = "b";
  +print(text);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: child spawned outside any group refers to 'text' through a pointer or view, but 'text' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-4]]:15: note: 'text' is declared here and dies when this frame returns
  auto later = print(text);
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: child spawned outside any group refers to 'text' through a pointer or view, but 'text' dies when this frame returns, before the child ends
  later.detach();
  // CHECK-NOTES: :[[@LINE-1]]:9: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-9]]:15: note: 'text' is declared here and dies when this frame returns

  // Negative: awaited, and a wait_group opened after 'text' and waited for.
  co_await print(text);
  cobalt::wait_group group;
  group.push_back(print(text));
  co_await group.wait();
}

struct Ticker {
  int ticks = 0;
  cobalt::detached tick() {
    co_await nap();
    ++ticks;
  }
  void go() { tick(); }
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: member coroutine started outside any group uses 'this' after its first suspension, but nothing keeps the object alive until then
  // CHECK-NOTES: :[[@LINE-2]]:15: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-6]]:5: note: the coroutine first suspends here
  // CHECK-NOTES: :[[@LINE-6]]:7: note: and uses 'this' here, when the object may be gone
};

// Negative, the shapes of Cobalt's ticker example: an eager promise that
// holds the session's own by-value parameter and is awaited before the
// session ends; sessions pushed into a wait_group that a lambda receives,
// sharing a local of the enclosing frame, which waits for the group.
struct Stream {
  bool is_open() const;
};
struct Hub {};
cobalt::promise<void> readAndClose(Stream &st, std::string buf);
cobalt::task<void> pump(Stream &st);
cobalt::promise<void> session(Stream st, Hub &hub);

cobalt::promise<void> sessionBody(Stream st, std::string buf) {
  auto closer = readAndClose(st, std::move(buf));
  while (st.is_open())
    co_await pump(st);
  co_await closer;
}
cobalt::task<void> serve() {
  Hub hub;
  cobalt::wait_group sessions;
  auto accept = [&](cobalt::wait_group &group) -> cobalt::promise<void> {
    group.push_back(session(Stream{}, hub));
    co_return;
  };
  co_await accept(sessions);
  co_await sessions.wait();
}
