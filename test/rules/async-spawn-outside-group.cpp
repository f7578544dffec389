// RUN: %check_async_tidy %s async-spawn-outside-group %t -- -- %async_flags
//
// tg, the std model (threads, std::async), folly, stdexec and cppcoro. asio
// and Boost.Asio/Cobalt have files of their own: they cannot share a TU.

#include <tg/tg.hpp>
#include <coroutine>
#include <functional>
#include <future>
#include <latch>
#include <thread>

#include <cppcoro/async_scope.hpp>
#include <cppcoro/task.hpp>
#include <exec/async_scope.hpp>
#include <exec/task.hpp>
#include <folly/experimental/coro/AsyncScope.h>
#include <folly/experimental/coro/Task.h>

tg::task<int> fetch();
tg::task<> work();
void compute();
int answer();

// --- tg -------------------------------------------------------------------

tg::task<> fireAndForget() {
  tg::spawn_detached(fetch());
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'tg::spawn_detached' runs work outside any group: nothing waits for it or handles its failure, and it can outlive the data it uses [async-spawn-outside-group]
  co_return;
}

tg::task<> keepsTheHandle() {
  // Holding the handle does not make the task structured: nobody is obliged
  // to await it, and nothing cancels it with this task.
  auto h = tg::spawn_detached(fetch());
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: 'tg::spawn_detached' runs work outside any group
  co_await h;
}

// Not only in coroutines: a detached spawn from a plain function is one too.
void plainFunction() {
  tg::spawn_detached(work());
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'tg::spawn_detached' runs work outside any group
}

tg::task<> structured() {
  // Negative: the group waits for the child and rethrows its failure.
  co_await tg::with_group([](tg::task_group &g) -> tg::task<> {
    g.spawn(fetch());
    co_return;
  });
}

tg::task<> helperReceivesGroup(tg::task_group &g) {
  // Negative: a group received by parameter is still a group.
  g.spawn(work());
  co_return;
}

tg::task<> suppressed() {
  tg::spawn_detached(work()); // NOLINT(async-spawn-outside-group)
  co_return;
}

template <class T> void spawnLater(tg::task<T> t) {
  tg::spawn_detached(std::move(t));
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'tg::spawn_detached' runs work outside any group
}
template void spawnLater(tg::task<int>);
template void spawnLater(tg::task<void>);

// Negative: a global pointer names a group some frame owns; keeping it
// there is async-task-escapes-group's finding, where it is stored.
tg::task_group *g_group;
tg::task<> throughAGlobalPointer() {
  g_group->spawn(work());
  co_return;
}

// --- std ------------------------------------------------------------------

void detachesThread() {
  std::thread t(compute);
  t.detach();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'std::thread::detach' runs work outside any group
}

void joinsThread() {
  // Negative: joined.
  std::thread t(compute);
  t.join();
}

void discardsAsync() {
  std::async(std::launch::async, compute);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: future returned by 'std::async' is discarded: its destructor waits for the work, and the work's failure is never seen
  (void)std::async(compute);
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: future returned by 'std::async' is discarded
  if (answer() > 0)
    std::async(compute);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: future returned by 'std::async' is discarded
}

// A thread that resumes the coroutine waiting for it is supervised by that
// coroutine: the awaiter that offloads blocking work.
struct OffloadToThread {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    std::thread([h] {
      compute();
      h.resume();
    }).detach();
  }
  void await_resume() const noexcept {}
};

// Threads whose body signals a completion their waiter awaits.
int waitsForThePromise() {
  std::promise<int> result;
  std::future<int> done = result.get_future();
  std::thread([&result] { result.set_value(answer()); }).detach();
  return done.get();
}

void waitsForTheLatch() {
  std::latch finished(1);
  std::thread worker([&finished] {
    compute();
    finished.count_down();
  });
  worker.detach();
  finished.wait();
}

void callsBackWhenDone(std::function<void()> onDone) {
  std::thread([onDone] {
    compute();
    onDone();
  }).detach();
}

// Still reported: nothing waits for the thread, and it uses `this` after a
// delay, by when the object may be gone.
struct Poller {
  int ticks = 0;
  void startTicking() {
    std::thread([this] {
      std::this_thread::sleep_for(std::chrono::seconds(1));
      ++ticks;
    }).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'std::thread::detach' runs work outside any group
  }
};

int keepsAsync() {
  // Negative: the future is kept and its result (or exception) read.
  auto f = std::async(answer);
  std::future<int> g = std::async(std::launch::deferred, answer);
  return f.get() + g.get() + std::async(answer).get();
}

// --- folly ----------------------------------------------------------------

folly::Executor *executor();
folly::coro::Task<int> follyFetch();
folly::coro::Task<> follyWork();

folly::coro::Task<> follyStart() {
  follyFetch().scheduleOn(executor()).start();
  // CHECK-NOTES: :[[@LINE-1]]:39: warning: 'folly::coro::TaskWithExecutor::start' runs work outside any group
  follyWork().scheduleOn(executor()).startInlineUnsafe();
  // CHECK-NOTES: :[[@LINE-1]]:38: warning: 'folly::coro::TaskWithExecutor::startInlineUnsafe' runs work outside any group
  co_return;
}

folly::coro::Task<> follyScoped(folly::coro::AsyncScope &scope) {
  // Negative: AsyncScope::add is the structured spawn; joinAsync waits.
  scope.add(follyWork().scheduleOn(executor()));
  folly::coro::AsyncScope local;
  local.add(follyWork().scheduleOn(executor()));
  co_await local.joinAsync();
}

folly::coro::AsyncScope &globalScope();
static folly::coro::AsyncScope s_scope;
folly::coro::Task<> follyIntoStaticScope() {
  s_scope.add(follyWork().scheduleOn(executor()));
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: task spawned into global group 's_scope'
  // CHECK-NOTES: :[[@LINE-4]]:32: note: 's_scope' is declared here
  static folly::coro::AsyncScope perProcess;
  perProcess.add(follyWork().scheduleOn(executor()));
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: task spawned into static group 'perProcess'
  // CHECK-NOTES: :[[@LINE-3]]:34: note: 'perProcess' is declared here
  co_return;
}

// --- stdexec --------------------------------------------------------------

exec::task<int> execFetch();

void execDetached() {
  exec::start_detached(execFetch());
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'exec::start_detached' runs work outside any group
}

exec::task<> execScoped(exec::async_scope &scope) {
  // Negative: async_scope::spawn is structured; on_empty() waits.
  scope.spawn(execFetch());
  co_return;
}

// --- cppcoro (no detached spawn) ------------------------------------------

cppcoro::task<> cppcoroWork();

cppcoro::task<> cppcoroScoped() {
  // Negative: async_scope::spawn is structured; join() waits.
  cppcoro::async_scope scope;
  scope.spawn(cppcoroWork());
  co_await scope.join();
}

extern cppcoro::async_scope g_cppcoroScope;
void cppcoroIntoGlobal() {
  g_cppcoroScope.spawn(cppcoroWork());
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: task spawned into global group 'g_cppcoroScope'
  // CHECK-NOTES: :[[@LINE-4]]:29: note: 'g_cppcoroScope' is declared here
}
