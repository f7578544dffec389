// RUN: %check_async_tidy %s async-blocking-call %t -- -- %async_flags

#include <tg/tg.hpp>
#include <condition_variable>
#include <cppcoro/sync_wait.hpp>
#include <cppcoro/task.hpp>
#include <exec/task.hpp>
#include <folly/experimental/coro/BlockingWait.h>
#include <folly/experimental/coro/Task.h>
#include <future>
#include <mutex>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

tg::task<int> child();
void log();

// --- Positive: tg ----------------------------------------------------------

tg::task<> sleepsTheLoop() {
  std::this_thread::sleep_for(10ms);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine blocks the thread of its event loop: no other task runs until it returns; await an asynchronous alternative or move the call off the loop [async-blocking-call]
  // CHECK-FIXES: {{^}}  co_await tg::sleep_for(10ms);{{$}}
  co_return;
}

tg::task<> sleepsInABranch(bool slow) {
  if (slow)
    std::this_thread::sleep_for(std::chrono::milliseconds(5 * 2));
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
  // CHECK-FIXES: {{^}}    co_await tg::sleep_for(std::chrono::milliseconds(5 * 2));{{$}}
  co_return;
}

tg::task<> sleepsUntil() {
  // tg::sleep_until takes only the loop clock's time_point: no fix.
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 1s);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_until' in a coroutine
  co_return;
}

tg::task<> sleepsInAHandler() {
  try {
    co_await child();
  } catch (const std::exception &) {
    // co_await is ill-formed in a handler: no fix.
    std::this_thread::sleep_for(1s);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
  }
}

tg::task<> posixSleeps() {
  sleep(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'sleep' in a coroutine
  usleep(1000);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'usleep' in a coroutine
  co_return;
}

tg::task<int> waitsForAFuture(std::future<int> f) {
  co_return f.get();
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: blocking call to 'std::future::get' in a coroutine
}

tg::task<> waitsOnAConditionVariable(std::mutex &m, std::condition_variable &cv, bool &ready) {
  std::unique_lock lock(m);
  cv.wait(lock, [&] { return ready; });
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: blocking call to 'std::condition_variable::wait' in a coroutine
  co_return;
}

tg::task<> joinsAThread() {
  std::thread t([] {});
  t.join();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: blocking call to 'std::thread::join' in a coroutine
  co_return;
}

tg::task<int> runsANestedLoop() {
  co_return tg::run(child());
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: blocking call to 'tg::run' in a coroutine
}

tg::task<> inAGroupChild() {
  co_await tg::with_group([](tg::task_group &g) -> tg::task<> {
    g.spawn([]() -> tg::task<> {
      std::this_thread::sleep_for(1ms);
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
      // CHECK-FIXES: {{^}}      co_await tg::sleep_for(1ms);{{$}}
      co_return;
    }());
    co_return;
  });
}

#define NAP() std::this_thread::sleep_for(1ms)
tg::task<> sleepsInAMacro() {
  NAP();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
  co_return;
}

// --- Positive: other runtimes' coroutines and blocking waits -----------------

folly::coro::Task<int> follyChild();
folly::coro::Task<int> follyBlocksOnItsChild() {
  co_return folly::coro::blockingWait(follyChild());
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: blocking call to 'folly::coro::blockingWait' in a coroutine
}

folly::coro::Task<> follySleeps() {
  // folly has no alternative the model can spell: no fix.
  std::this_thread::sleep_for(1ms);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
  co_return;
}

folly::coro::Task<int> follyGetsASemiFuture(folly::SemiFuture<int> f) {
  co_return std::move(f).get();
  // CHECK-NOTES: :[[@LINE-1]]:26: warning: blocking call to 'folly::SemiFuture::get' in a coroutine
}

cppcoro::task<int> cppcoroChild();
cppcoro::task<int> cppcoroSyncWaits() {
  co_return cppcoro::sync_wait(cppcoroChild());
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: blocking call to 'cppcoro::sync_wait' in a coroutine
}

exec::task<void> stdexecSyncWaits() {
  stdexec::sync_wait(stdexec::just());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'stdexec::sync_wait' in a coroutine
  co_return;
}

tg::task<int> anotherRuntimesLoopBlocksTgToo() {
  co_return cppcoro::sync_wait(cppcoroChild());
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: blocking call to 'cppcoro::sync_wait' in a coroutine
}

// --- Negative: correct code that must stay silent ---------------------------

tg::task<> awaitsTheSleep() {
  co_await tg::sleep_for(10ms);
  co_await tg::checkpoint();
}

tg::task<int> offloadsTheBlockingWork(std::future<int> f) {
  co_return co_await tg::to_thread([&f] {
    std::this_thread::sleep_for(1ms); // on a worker thread: fine
    return f.get();
  });
}

// A synchronous helper may block; its callers decide where it runs.
void syncHelper(std::thread &t) {
  std::this_thread::sleep_for(1ms);
  t.join();
}

int main() { return tg::run(child()); }

tg::task<> storesALambdaThatBlocksLater(std::function<void()> &later) {
  later = [] { std::this_thread::sleep_for(1ms); };
  co_return;
}

namespace io {
int read(int fd); // not POSIX read
}
tg::task<int> callsItsOwnRead() { co_return io::read(0); }

tg::task<bool> pollsAFutureWithoutWaiting(std::future<int> &f) {
  co_return f.valid();
}

tg::task<> suppressed() {
  std::this_thread::sleep_for(1ms); // NOLINT(async-blocking-call)
  // NOLINTNEXTLINE(async-blocking-call)
  sleep(1);
  co_return;
}

// A function that merely returns a task is not a coroutine; it does not run on a loop.
tg::task<int> notACoroutine() {
  std::this_thread::sleep_for(1ms);
  return child();
}

// A coroutine of a runtime the model does not know is not checked.
struct plain_task {
  struct promise_type {
    plain_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
plain_task unknownRuntime() {
  std::this_thread::sleep_for(1ms);
  co_return;
}

// Templates are checked once, in their pattern.
template <class T>
tg::task<> generic(T t) {
  std::this_thread::sleep_for(t);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
  // CHECK-FIXES: {{^}}  co_await tg::sleep_for(t);{{$}}
  co_return;
}
template tg::task<> generic(std::chrono::milliseconds);
template tg::task<> generic(std::chrono::seconds);

// --- Match the resolved declaration, never a spelling -----------------------

// A project's own coroutines named like POSIX calls are awaited, not called.
tg::task<> connect(int port);
namespace net {
tg::task<int> write(int fd, const char *data);
int accept(int fd); // a project's blocking helper, but not the C library's
} // namespace net

tg::task<> awaitsItsOwnConnect() {
  co_await connect(8080);
  co_await net::write(1, "hello");
  co_return;
}

tg::task<> awaitsALocalLambdaNamedWrite() {
  auto write = [](int fd) -> tg::task<int> { co_return fd; };
  co_await write(1);
  // A call that makes something to await (here a sleep) never blocks.
  auto sleep = [](int) { return tg::sleep_for(std::chrono::milliseconds(1)); };
  co_await sleep(1);
}

tg::task<int> callsAQualifiedNamespaceFunction() {
  // Only the unqualified C library function is POSIX accept.
  co_return net::accept(3);
}

tg::task<> stillCallsPosixWrite(int fd) {
  ::write(fd, "x", 1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'write' in a coroutine
  co_return;
}
