// async_simple: no task group. lazy.via(ex).detach() and lazy.start(cb) run
// the Lazy (the call's implicit object) detached, so it outlives the frame
// that started it; collectAny returns at the first child to finish and leaves
// the others running; collectAll waits for every child.
//
// RUN: %check_async_tidy %s async-task-escapes-group %t -- -- %async_flags

#include <async_simple/Try.h>
#include <async_simple/coro/Collect.h>
#include <async_simple/coro/Lazy.h>
#include <async_simple/coro/Sleep.h>
#include <chrono>
#include <coroutine>
#include <functional>
#include <future>
#include <string>
#include <utility>

using namespace std::chrono_literals;
using async_simple::Executor;
using async_simple::SignalType;
using async_simple::Try;
using async_simple::coro::Lazy;
namespace coro = async_simple::coro;

void log(const char *);
Lazy<void> readInto(std::string &buffer);
Lazy<void> fillBytes(char *data, int size);
Lazy<std::string> readFrom(const std::string &host);
Lazy<std::string> readFromCopy(std::string host);
Lazy<void> session(std::string peer);
Lazy<int> fetch(int);

// --- A detached child refers to a local of the frame that started it --------

Lazy<void> detachesWithALocalBuffer(Executor *ex) {
  std::string buffer;
  readInto(buffer).via(ex).detach();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: child spawned outside any group refers to 'buffer' by reference, but 'buffer' dies when this frame returns, before the child ends [async-task-escapes-group]
  // CHECK-NOTES: :[[@LINE-2]]:28: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-4]]:15: note: 'buffer' is declared here and dies when this frame returns
  co_return;
}

// Observing the outcome does not keep the buffer alive.
void startsWithALocalBuffer(Executor *ex) {
  std::string buffer;
  readInto(buffer).via(ex).start([](Try<void> t) {
    if (t.hasError())
      log("read failed");
  });
  // CHECK-NOTES: :[[@LINE-4]]:12: warning: child spawned outside any group refers to 'buffer' by reference, but 'buffer' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-5]]:28: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-7]]:15: note: 'buffer' is declared here and dies when this frame returns
}

// A task built earlier and moved into the detached call.
Lazy<void> detachesAStoredTask(Executor *ex) {
  char data[64];
  auto task = fillBytes(data, sizeof data);
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: child spawned outside any group refers to 'data' through a pointer or view, but 'data' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE+2]]:27: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-4]]:8: note: 'data' is declared here and dies when this frame returns
  std::move(task).via(ex).detach();
  co_return;
}

// A lambda coroutine capturing the frame's local by reference.
Lazy<void> detachesALambda(Executor *ex) {
  std::string buffer;
  [&buffer]() -> Lazy<void> { co_await readInto(buffer); }().via(ex).detach();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine lambda called on a temporary closure
  // CHECK-NOTES: :[[@LINE-2]]:70: note: the coroutine is spawned here and outlives the statement
  // CHECK-NOTES: :[[@LINE-3]]:49: note: a capture is read here, from the destroyed closure
  // CHECK-NOTES: :[[@LINE-4]]:5: warning: child spawned outside any group captures 'buffer' by reference, but 'buffer' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-5]]:70: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-7]]:15: note: 'buffer' is declared here and dies when this frame returns
  co_return;
}

// The start callback runs when the child ends, after this frame returned.
void startsWithACallbackOnALocal(Executor *ex) {
  int total = 0;
  fetch(1).via(ex).start([&total](Try<int> t) { total += t.value(); });
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: child spawned outside any group captures 'total' by reference, but 'total' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-2]]:20: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-4]]:7: note: 'total' is declared here and dies when this frame returns
}

// The losers of collectAny keep running after it returns: when the timeout
// wins, readFrom still reads 'host' after this frame is gone.
Lazy<std::string> racesWithALocal() {
  std::string host = "localhost";
  auto r = co_await coro::collectAny<SignalType::Terminate>(readFrom(host), coro::sleep(1s));
  // CHECK-NOTES: :[[@LINE-1]]:70: warning: task that can be left running refers to 'host' by reference, but 'host' dies when this frame returns, before the task ends
  // CHECK-NOTES: :[[@LINE-2]]:21: note: this call returns when one task finishes or time runs out, and leaves the others running
  // CHECK-NOTES: :[[@LINE-4]]:15: note: 'host' is declared here and dies when this frame returns
  if (r.index() == 0)
    co_return std::move(std::get<0>(r)).value();
  co_return std::string();
}

// --- Negative cases -----------------------------------------------------------

// The detached child owns its data.
Lazy<void> detachesByValue(Executor *ex) {
  std::string peer = "p";
  session(std::move(peer)).via(ex).detach();
  std::string host = "h";
  readFromCopy(host).via(ex).start([](Try<std::string> t) { (void)t.hasError(); });
  co_return;
}

// A reference parameter names the caller's object: its lifetime is the
// caller's business.
Lazy<void> detachesTheCallersBuffer(std::string &buffer, Executor *ex) {
  readInto(buffer).via(ex).detach();
  co_return;
}

// The frame waits for the callback before its locals die (the library's
// tests and examples start a task this way from main).
int startsAndWaits(Executor *ex) {
  int total = 0;
  std::promise<void> done;
  fetch(2).via(ex).start([&](Try<int> t) {
    total = t.value();
    done.set_value();
  });
  done.get_future().wait();
  return total;
}

// collectAll waits for every child before the frame can end.
Lazy<void> awaitsEveryChild() {
  std::string host = "localhost";
  auto [a, b] = co_await coro::collectAll<SignalType::Terminate>(readFrom(host), coro::sleep(1s));
  (void)a;
  (void)b;
}

// A collectAny child that owns its copy may outlive the frame safely.
Lazy<void> racesWithACopy() {
  std::string host = "localhost";
  auto r = co_await coro::collectAny<SignalType::Terminate>(readFromCopy(host), coro::sleep(1s));
  (void)r;
}

// The callback awaiter of the library's asio demo: a [&] lambda called
// inside await_suspend is no child, and the Lazy is awaited.
struct CallbackAwaiter {
  std::function<void(std::coroutine_handle<>)> fn;
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> h) { fn(h); }
  int await_resume() { return 0; }
};
Lazy<int> awaitsACallback() {
  int calls = 0;
  co_return co_await CallbackAwaiter{[&](std::coroutine_handle<> h) {
    ++calls;
    h.resume();
  }};
}

// Awaited: the child ends before the frame.
Lazy<void> awaitsALocalBuffer() {
  std::string buffer;
  co_await readInto(buffer);
}
