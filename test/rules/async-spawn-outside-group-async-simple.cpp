// async_simple: lazy.start(cb) runs a Lazy detached and hands its Try only to
// cb, so a callback that never looks at it drops the failure;
// RescheduleLazy::detach() is start with a callback that rethrows on the
// executor's thread. co_await, syncAwait and collectAll* wait for the task.
//
// RUN: %check_async_tidy %s async-spawn-outside-group %t -- -- %async_flags

#include <async_simple/Try.h>
#include <async_simple/Promise.h>
#include <async_simple/coro/Collect.h>
#include <async_simple/coro/Lazy.h>
#include <async_simple/coro/Sleep.h>
#include <async_simple/coro/SyncAwait.h>
#include <async_simple/executors/SimpleExecutor.h>
#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

using namespace std::chrono_literals;
using async_simple::Executor;
using async_simple::Try;
using async_simple::coro::Lazy;
namespace coro = async_simple::coro;

void log(const char *);
Lazy<int> fetch(int);
Lazy<void> work();
Lazy<void> session(std::string peer);

// --- Fire and forget ----------------------------------------------------------

// One detached session per connection (the library's echo server demo): an
// exception in session() leaves DetachedCoroutine on the executor's thread.
Lazy<void> acceptLoop(Executor *ex) {
  for (;;) {
    std::string peer = "p";
    co_await coro::sleep(1ms);
    session(std::move(peer)).via(ex).detach();
    // CHECK-NOTES: :[[@LINE-1]]:38: warning: 'async_simple::coro::RescheduleLazy::detach' runs work outside any group: nothing waits for it or handles its failure, and it can outlive the data it uses [async-spawn-outside-group]
  }
}

// The callback the documentation suggests "in case the callback isn't
// needed": it never looks at the Try.
void startsBlindly() {
  work().start([](auto &&) {});
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'async_simple::coro::detail::LazyBase::start' runs work outside any group: nothing waits for it or handles its failure, and it can outlive the data it uses
}

// A named Try parameter that is never read is just as blind.
void startsWithAnUnreadTry(Executor *ex) {
  fetch(3).via(ex).start([](Try<int>) { log("done"); });
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: 'async_simple::coro::detail::LazyBase::start' runs work outside any group
  fetch(4).via(ex).start([](Try<int> result) { log("done"); });
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: 'async_simple::coro::detail::LazyBase::start' runs work outside any group
}

// A member coroutine starting its reader in the background (the shape of
// yalantinglibs' websocket client).
struct Client {
  Lazy<void> readLoop();
  Lazy<void> connect() {
    co_await coro::sleep(1ms);
    readLoop().start([](auto &&) {});
    // CHECK-NOTES: :[[@LINE-1]]:16: warning: 'async_simple::coro::detail::LazyBase::start' runs work outside any group
  }
};

// --- Negative cases -----------------------------------------------------------

// The callback inspects the Try: the failure is seen.
void startsWithAHandler(Executor *ex) {
  fetch(5).via(ex).start([](Try<int> &&t) {
    if (t.hasError())
      log("fetch failed");
  });
}

// The Try is handed on to whoever waits for the promise (LazyLocalTest's
// shape), with the lazy local the newer releases pass as well.
void startsIntoAPromise(Executor *ex, async_simple::Promise<int> &p) {
  fetch(6).via(ex).start([&p](Try<int> t) {
    if (t.hasError())
      p.setException(t.getException());
    else
      p.setValue(std::move(t).value());
  });
  work().via(ex).start([](Try<void> t, coro::LazyLocalBase *) { t.value(); });
}

// A callback-style API over a Lazy: the caller's callback receives the Try.
void fetchAsync(Executor *ex, std::function<void(Try<int>)> callback) {
  fetch(7).via(ex).start(std::move(callback));
}

// syncAwait at the root of a program waits for the whole chain.
int main() {
  async_simple::executors::SimpleExecutor ex(2);
  return coro::syncAwait(fetch(8).via(&ex));
}

// Awaited directly, or as children of collectAll.
Lazy<int> awaitsItsChildren() {
  int first = co_await fetch(9);
  std::vector<Lazy<int>> batch;
  batch.push_back(fetch(10));
  batch.push_back(fetch(11));
  auto results = co_await coro::collectAll(std::move(batch));
  co_return first + results[0].value() + results[1].value();
}

// The documented timeout idiom: the losers of a race are signalled and
// dropped by design; no detached spawn is written here.
Lazy<void> racesATimeout() {
  auto r = co_await coro::collectAny<async_simple::SignalType::Terminate>(work(), coro::sleep(1s));
  if (r.index() == 1)
    log("timed out");
}

Lazy<void> suppressed(Executor *ex) {
  work().via(ex).detach(); // NOLINT(async-spawn-outside-group)
  co_return;
}
