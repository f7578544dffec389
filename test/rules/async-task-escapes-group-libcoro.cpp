// RUN: %check_async_tidy -check-suffixes=ALL %s async-task-escapes-group %t -- -- %async_flags
// RUN: %check_async_tidy -check-suffixes=ALL,OLD %s async-task-escapes-group %t -- -- \
// RUN:   %async_flags -DLIBCORO_MOCK_SCHEDULE_TASK_IS_DETACHED
//
// libcoro (jbaldwin/libcoro). spawn / spawn_detached (and, before 2024,
// io_scheduler::schedule(task&&) -> bool) run the task inside a self-deleting
// coroutine nobody waits for; a task_group waits for its children only when
// awaited (`co_await g`) or in its destructor, which runs after the locals
// declared below the group are gone; shutdown() of an executor (called by its
// destructor too) blocks until every task it runs has finished.
// schedule(task, timeout) and when_any do not cancel: a task that timed out or
// lost keeps running after the awaiting expression is done.

#include <coro/coro.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;

struct connection {
  int fd = -1;
};
auto serve(connection c) -> coro::task<void>;          // owns its data
auto fill(std::vector<int> &out) -> coro::task<void>;  // writes into the caller's vector
auto sum(std::vector<int> values) -> coro::task<void>; // takes a copy
auto work(int &counter) -> coro::task<void>;
auto feed(coro::task_group<coro::thread_pool> &group) -> coro::task<void>;
auto fetch(const std::string &key) -> coro::task<int>;
auto cached() -> coro::task<int>;

// --- detached spawns ----------------------------------------------------------

// A detached child, as in the library's examples, but one that writes into a
// local of the spawning coroutine, which returns at once.
auto startFill(std::unique_ptr<coro::scheduler> &s) -> coro::task<void> {
  co_await s->schedule();
  std::vector<int> data;
  s->spawn_detached(fill(data));
  // CHECK-NOTES-ALL: :[[@LINE-1]]:26: warning: child spawned outside any group refers to 'data' by reference, but 'data' dies when this frame returns, before the child ends [async-task-escapes-group]
  // CHECK-NOTES-ALL: :[[@LINE-2]]:6: note: the child is spawned here
  // CHECK-NOTES-ALL: :[[@LINE-4]]:20: note: 'data' is declared here and dies when this frame returns
  co_return;
}

// The 2024-2025 spelling, from a plain function that received the pool.
void startWork(coro::thread_pool &tp) {
  int counter = 0;
  tp.spawn(work(counter));
  // CHECK-NOTES-ALL: :[[@LINE-1]]:17: warning: child spawned outside any group refers to 'counter' by reference, but 'counter' dies when this frame returns, before the child ends
  // CHECK-NOTES-ALL: :[[@LINE-2]]:6: note: the child is spawned here
  // CHECK-NOTES-ALL: :[[@LINE-4]]:7: note: 'counter' is declared here and dies when this frame returns
}

// A coroutine lambda capturing a local by reference.
auto startCounting(std::unique_ptr<coro::thread_pool_ws> &ws) -> coro::task<void> {
  int counter = 0;
  ws->spawn_detached([&counter]() -> coro::task<void> {
    // CHECK-NOTES-ALL: :[[@LINE-1]]:22: warning: coroutine lambda called on a temporary closure: the closure is destroyed at the end of the statement, but the coroutine reads its captures when it runs; name the lambda so that it outlives the coroutine, or pass what it needs as parameters
    // CHECK-NOTES-ALL: :[[@LINE-2]]:7: note: the coroutine is spawned here and outlives the statement
    // CHECK-NOTES-ALL: :[[@LINE+4]]:7: note: a capture is read here, from the destroyed closure
    // CHECK-NOTES-ALL: :[[@LINE-4]]:24: warning: child spawned outside any group captures 'counter' by reference, but 'counter' dies when this frame returns, before the child ends
    // CHECK-NOTES-ALL: :[[@LINE-5]]:7: note: the child is spawned here
    // CHECK-NOTES-ALL: :[[@LINE-7]]:7: note: 'counter' is declared here and dies when this frame returns
    ++counter;
    co_return;
  }());
  co_return;
}

// The closure of an immediately invoked coroutine lambda is a temporary that
// dies at the end of the statement; the lazy child reads its captures through
// it when the pool runs it later, copies or not (the README's coro::invoke
// exists for this).
auto startCopying(std::unique_ptr<coro::thread_pool> &tp) -> coro::task<void> {
  int counter = 0;
  tp->spawn_detached([counter]() -> coro::task<void> {
    // CHECK-NOTES-ALL: :[[@LINE-1]]:22: warning: coroutine lambda called on a temporary closure: the closure is destroyed at the end of the statement, but the coroutine reads its captures when it runs; name the lambda so that it outlives the coroutine, or pass what it needs as parameters [async-task-escapes-group]
    // CHECK-NOTES-ALL: :[[@LINE-2]]:7: note: the coroutine is spawned here and outlives the statement
    // CHECK-NOTES-ALL: :[[@LINE+1]]:16: note: a capture is read here, from the destroyed closure
    int copy = counter;
    co_await work(copy);
  }());
  co_return;
}

// A group handed to a detached task, which outlives the group.
auto startFeeding(std::unique_ptr<coro::thread_pool> &tp) -> coro::task<void> {
  coro::task_group<coro::thread_pool> g{tp};
  tp->spawn_detached(feed(g));
  // CHECK-NOTES-ALL: :[[@LINE-1]]:27: warning: group 'g' is handed to a task outside any group, which outlives the group's scope; a use after the scope ends touches a destroyed group
  // CHECK-NOTES-ALL: :[[@LINE-3]]:39: note: group opened here
  co_await g;
}

// A pool of this frame declared before the local: the local dies first, and
// only then does ~thread_pool wait for the child.
void poolOutlivesCounter() {
  coro::thread_pool tp{coro::thread_pool::options{.thread_count = 1}};
  int counter = 0;
  tp.spawn(work(counter));
  // CHECK-NOTES-ALL: :[[@LINE-1]]:17: warning: child spawned outside any group refers to 'counter' by reference, but 'counter' dies when this frame returns, before the child ends
  // CHECK-NOTES-ALL: :[[@LINE-2]]:6: note: the child is spawned here
  // CHECK-NOTES-ALL: :[[@LINE-4]]:7: note: 'counter' is declared here and dies when this frame returns
}

#ifdef LIBCORO_MOCK_SCHEDULE_TASK_IS_DETACHED
// ~2021-2023: io_scheduler::schedule(task<void>&&) -> bool is the detached
// spawn (the scheduler's own task_container owns the task).
auto oldStartWork(std::shared_ptr<coro::io_scheduler> io) -> coro::task<void> {
  int counter = 0;
  io->schedule(work(counter));
  // Not reported: the pre-2024 detached schedule(task&&) is not modelled (a known limit).
  //
  //
  co_return;
}
#endif

// Negative: the child owns its data (moved or copied in).
auto startServing(std::unique_ptr<coro::scheduler> &s, connection c) -> coro::task<void> {
  std::vector<int> data{1, 2, 3};
  s->spawn_detached(serve(std::move(c)));
  s->spawn_detached(sum(data));
  co_return;
}

// Negative: a reference parameter names the caller's object.
void addTo(coro::thread_pool &tp, int &total) { tp.spawn_detached(work(total)); }

// Negative (test_thread_pool.cpp "thread_pool::spawn"): shutdown() blocks
// until the spawned task has run, and `counter` is still alive then.
bool spawnThenShutdown() {
  coro::thread_pool tp{coro::thread_pool::options{.thread_count = 1}};
  int counter = 0;
  bool spawned = tp.spawn(work(counter));
  tp.shutdown();
  return spawned && counter == 1;
}

// Negative: the pool is declared after the local, so ~thread_pool (which
// calls shutdown()) waits for the child before `counter` dies.
void poolDiesFirst() {
  int counter = 0;
  coro::thread_pool tp{coro::thread_pool::options{.thread_count = 1}};
  tp.spawn_detached(work(counter));
}

// Negative: spawn_joinable's join task owns a one-child group; awaiting it,
// or destroying it (which blocks until the child is done), ends the child
// before `data` dies. (Dropping it is async-spawn-outside-group's.)
auto joined(std::unique_ptr<coro::thread_pool> &tp) -> coro::task<void> {
  std::vector<int> data;
  auto join = tp->spawn_joinable(fill(data));
  co_await join;
  (void)tp->spawn_joinable(fill(data));
}

// A member coroutine started detached touches `this` after it suspends;
// nothing keeps the session alive until then.
class session : public std::enable_shared_from_this<session> {
public:
  explicit session(std::unique_ptr<coro::scheduler> &s) : m_s(s) {}

  void start() {
    m_s->spawn_detached(run());
    // CHECK-NOTES-ALL: :[[@LINE-1]]:25: warning: member coroutine started outside any group uses 'this' after its first suspension, but nothing keeps the object alive until then; hold a std::shared_ptr to it (shared_from_this()) in the coroutine [async-task-escapes-group]
    // CHECK-NOTES-ALL: :[[@LINE-2]]:10: note: the child is spawned here
    // CHECK-NOTES-ALL: :[[@LINE+20]]:5: note: the coroutine first suspends here
    // CHECK-NOTES-ALL: :[[@LINE+20]]:5: note: and uses 'this' here, when the object may be gone
  }

  // Negative: the coroutine holds a shared_ptr to the session.
  void startKept() { m_s->spawn_detached(runKept(shared_from_this())); }

  // The shared_ptr lives in the closure, and the closure is a temporary.
  void startLambda() {
    m_s->spawn_detached([self = shared_from_this()]() -> coro::task<void> {
      // CHECK-NOTES-ALL: :[[@LINE-1]]:25: warning: coroutine lambda called on a temporary closure
      // CHECK-NOTES-ALL: :[[@LINE-2]]:10: note: the coroutine is spawned here and outlives the statement
      // CHECK-NOTES-ALL: :[[@LINE+1]]:16: note: a capture is read here, from the destroyed closure
      co_await self->m_s->schedule();
      self->m_buffer.clear();
    }());
  }

private:
  auto run() -> coro::task<void> {
    co_await m_s->schedule();
    m_buffer.clear();
  }
  auto runKept(std::shared_ptr<session> self) -> coro::task<void> {
    co_await m_s->schedule();
    m_buffer.clear();
  }

  std::unique_ptr<coro::scheduler> &m_s;
  std::vector<int> m_buffer;
};

// --- groups this frame does not own ----------------------------------------

auto addToGroup(coro::task_group<coro::thread_pool> &g) -> coro::task<void> {
  int counter = 0;
  (void)g.start(work(counter));
  // CHECK-NOTES-ALL: :[[@LINE-1]]:22: warning: child spawned into a group this frame does not own refers to 'counter' by reference, but 'counter' dies when this frame returns, before the child ends
  // CHECK-NOTES-ALL: :[[@LINE-2]]:11: note: the child is spawned here
  // CHECK-NOTES-ALL: :[[@LINE-5]]:54: note: the group is received here
  // CHECK-NOTES-ALL: :[[@LINE-5]]:7: note: 'counter' is declared here and dies when this frame returns
  co_return;
}

auto addThroughPointer(coro::task_group<coro::thread_pool> *g) -> coro::task<void> {
  std::vector<int> data;
  (void)g->start(fill(data));
  // CHECK-NOTES-ALL: :[[@LINE-1]]:23: warning: child spawned into a group this frame does not own refers to 'data' by reference
  // CHECK-NOTES-ALL: :[[@LINE-2]]:12: note: the child is spawned here
  // CHECK-NOTES-ALL: :[[@LINE-5]]:61: note: the group is received here
  // CHECK-NOTES-ALL: :[[@LINE-5]]:20: note: 'data' is declared here and dies when this frame returns
  co_return;
}

// The older task_container, received by reference.
auto addToContainer(coro::task_container<coro::io_scheduler> &tc) -> coro::task<void> {
  int counter = 0;
  tc.start(work(counter));
  // CHECK-NOTES-ALL: :[[@LINE-1]]:17: warning: child spawned into a group this frame does not own refers to 'counter' by reference
  // CHECK-NOTES-ALL: :[[@LINE-2]]:6: note: the child is spawned here
  // CHECK-NOTES-ALL: :[[@LINE-5]]:63: note: the group is received here
  // CHECK-NOTES-ALL: :[[@LINE-5]]:7: note: 'counter' is declared here and dies when this frame returns
  co_return;
}

class service {
public:
  explicit service(std::unique_ptr<coro::thread_pool> &tp) : m_group{tp} {}

  auto handle() -> coro::task<void> {
    std::vector<int> scratch;
    (void)m_group.start(fill(scratch));
    // CHECK-NOTES-ALL: :[[@LINE-1]]:30: warning: child spawned into a group this frame does not own refers to 'scratch' by reference
    // CHECK-NOTES-ALL: :[[@LINE-2]]:19: note: the child is spawned here
    // CHECK-NOTES-ALL: :[[@LINE+13]]:39: note: the group is stored in member 'm_group', declared here
    // CHECK-NOTES-ALL: :[[@LINE-5]]:22: note: 'scratch' is declared here and dies when this frame returns
    co_return;
  }

  // Negative: the child gets a copy.
  auto handleCopy() -> coro::task<void> {
    std::vector<int> scratch;
    (void)m_group.start(sum(scratch));
    co_return;
  }

private:
  coro::task_group<coro::thread_pool> m_group;
};

// Negative: `co_await g` resumes only once the group's count is zero, so the
// child is done before `data` dies, whoever owns the group.
auto fanOut(coro::task_group<coro::thread_pool> &g) -> coro::task<void> {
  std::vector<int> data;
  (void)g.start(fill(data));
  co_await g;
}

// Negative: the child refers to the caller's object (a reference parameter),
// or owns a copy.
auto addOwned(coro::task_group<coro::thread_pool> &g, int &counter, connection c)
    -> coro::task<void> {
  (void)g.start(work(counter));
  (void)g.start(serve(c));
  co_return;
}

// --- groups this frame owns ---------------------------------------------------

// Negative (test_task_group.cpp): the locals are declared before the group
// and the group is waited for.
auto ownGroup(std::unique_ptr<coro::thread_pool> &tp) -> coro::task<void> {
  int counter = 0;
  std::vector<int> data;
  coro::task_group<coro::thread_pool> g{tp, work(counter)};
  (void)g.start(fill(data));
  co_await g;
}

// Negative: a plain function, the group built with its first child and waited
// for with sync_wait.
void ownGroupSync(std::unique_ptr<coro::thread_pool> &tp) {
  int value = 0;
  coro::task_group group{tp, work(value)};
  coro::sync_wait(group);
}

// Negative: locals declared after the group, but the group is waited for
// (sync_wait in a plain function, co_await on every path) before they die.
void ownGroupSyncAfter(std::unique_ptr<coro::thread_pool> &tp) {
  coro::task_group<coro::thread_pool> g{tp};
  std::vector<int> data;
  (void)g.start(fill(data));
  coro::sync_wait(g);
}

// Negative: the same in a coroutine; every path reaches `co_await g`.
auto ownGroupAwaited(std::unique_ptr<coro::thread_pool> &tp, bool twice) -> coro::task<void> {
  coro::task_group<coro::thread_pool> g{tp};
  std::vector<int> data;
  (void)g.start(fill(data));
  if (twice)
    (void)g.start(fill(data));
  co_await g;
}

// The early return leaves without `co_await g`: `data`, declared after the
// group, dies before ~task_group waits for the child.
auto ownGroupEarlyReturn(std::unique_ptr<coro::thread_pool> &tp, bool skip) -> coro::task<void> {
  coro::task_group<coro::thread_pool> g{tp};
  std::vector<int> data;
  (void)g.start(fill(data));
  // CHECK-NOTES-ALL: :[[@LINE-1]]:22: warning: child spawned into this frame's group refers to 'data' by reference, but 'data' dies before the group is joined, before the child ends [async-task-escapes-group]
  // CHECK-NOTES-ALL: :[[@LINE-2]]:11: note: the child is spawned here
  // CHECK-NOTES-ALL: :[[@LINE-4]]:20: note: 'data' is declared here and dies at the end of its scope, while the group still runs
  if (skip)
    co_return;
  co_await g;
}

// Negative (examples/coro_task_container.cpp): the older container, local and
// emptied before the frame ends.
auto ownContainer(std::shared_ptr<coro::io_scheduler> io) -> coro::task<void> {
  int served = 0;
  coro::task_container tc{io};
  tc.start(work(served));
  co_await tc.garbage_collect_and_yield_until_empty();
}

// --- groups that escape -------------------------------------------------------

coro::task_group<coro::thread_pool> *g_current = nullptr;

struct holder {
  coro::task_group<coro::thread_pool> *group = nullptr;

  auto run(std::unique_ptr<coro::thread_pool> &tp) -> coro::task<void> {
    coro::task_group<coro::thread_pool> g{tp};
    group = &g;
    // CHECK-NOTES-ALL: :[[@LINE-1]]:13: warning: group 'g' escapes into member 'group', which outlives the group's scope; a use after the scope ends touches a destroyed group
    // CHECK-NOTES-ALL: :[[@LINE-6]]:40: note: 'group' is declared here
    // CHECK-NOTES-ALL: :[[@LINE-4]]:41: note: group opened here
    co_await g;
  }
};

auto publish(std::unique_ptr<coro::thread_pool> &tp) -> coro::task<void> {
  coro::task_group<coro::thread_pool> g{tp};
  g_current = &g;
  // CHECK-NOTES-ALL: :[[@LINE-1]]:15: warning: group 'g' escapes into global 'g_current', which outlives the group's scope
  // CHECK-NOTES-ALL: :[[@LINE-19]]:38: note: 'g_current' is declared here
  // CHECK-NOTES-ALL: :[[@LINE-4]]:39: note: group opened here
  co_await g;
}

// --- children that are not cancelled ------------------------------------------

// schedule(task, timeout) does not cancel the task ("it will continue
// executing even if it times out"): after a timeout fill() keeps writing into
// `data`, and this frame returns.
auto fillWithin(std::unique_ptr<coro::scheduler> &s) -> coro::task<void> {
  std::vector<int> data;
  auto r = co_await s->schedule(fill(data), 10ms);
  // CHECK-NOTES-ALL: :[[@LINE-1]]:38: warning: task that can be left running refers to 'data' by reference, but 'data' dies when this frame returns, before the task ends
  // CHECK-NOTES-ALL: :[[@LINE-2]]:24: note: this call returns when one task finishes or time runs out, and leaves the others running
  // CHECK-NOTES-ALL: :[[@LINE-4]]:20: note: 'data' is declared here and dies when this frame returns
  if (!r)
    co_return;
}

// when_any's losers keep running after it returns.
auto firstOf(std::string key) -> coro::task<int> {
  std::string primary = key + ".primary";
  auto first = co_await coro::when_any(fetch(primary), cached());
  // CHECK-NOTES-ALL: :[[@LINE-1]]:46: warning: task that can be left running refers to 'primary' by reference, but 'primary' dies when this frame returns, before the task ends
  // CHECK-NOTES-ALL: :[[@LINE-2]]:25: note: this call returns when one task finishes or time runs out, and leaves the others running
  // CHECK-NOTES-ALL: :[[@LINE-4]]:15: note: 'primary' is declared here and dies when this frame returns
  co_return first.index() == 0 ? std::get<0>(first) : std::get<1>(first);
}

// Negative: schedule(task) and when_all wait for every child.
auto structured(std::unique_ptr<coro::scheduler> &s) -> coro::task<void> {
  std::vector<int> a;
  std::vector<int> b;
  co_await s->schedule(fill(a));
  co_await coro::when_all(fill(a), fill(b));
  auto r = co_await s->schedule(sum(a), 10ms);
  (void)r;
}
