// RUN: %check_async_tidy -check-suffixes=ALL %s async-spawn-outside-group %t -- -- %async_flags
// RUN: %check_async_tidy -check-suffixes=ALL,OLD %s async-spawn-outside-group %t -- -- \
// RUN:   %async_flags -DLIBCORO_MOCK_SCHEDULE_TASK_IS_DETACHED
//
// libcoro (jbaldwin/libcoro). Every fire-and-forget spawn (spawn until Dec
// 2025, spawn_detached since; io_scheduler::schedule(task&&) -> bool before
// 2024) runs the task inside detail::task_self_deleting, whose
// unhandled_exception() is empty: nothing waits for the task and its failure
// is lost. Dropping spawn_joinable's join task blocks until the task ends and
// never shows its failure. A task_group waits for what it starts.

#include <coro/coro.hpp>
#include <chrono>
#include <coroutine>
#include <memory>
#include <optional>

using namespace std::chrono_literals;

struct connection {
  int fd = -1;
};
auto accept_one(coro::scheduler &s) -> coro::task<std::optional<connection>>;
auto serve(connection c) -> coro::task<void>;
auto compute(int x) -> coro::task<int>;

// The accept loop of examples/coro_tcp_echo_server.cpp: a serve() that throws
// is lost.
auto acceptLoop(std::unique_ptr<coro::scheduler> &s) -> coro::task<void> {
  co_await s->schedule();
  while (true) {
    auto c = co_await accept_one(*s);
    if (!c)
      co_return;
    s->spawn_detached(serve(std::move(*c)));
    // CHECK-NOTES-ALL: :[[@LINE-1]]:8: warning: 'coro::scheduler::spawn_detached' runs work outside any group: nothing waits for it or handles its failure, and it can outlive the data it uses [async-spawn-outside-group]
  }
}

// The 2024-2025 spellings, and test_thread_pool.cpp's `REQUIRE(tp.spawn(...))`
// in a plain function: its failure would be lost as well.
bool spawnAll(coro::thread_pool &tp, std::shared_ptr<coro::io_scheduler> io,
              std::unique_ptr<coro::thread_pool_ws> &ws) {
  bool ok = tp.spawn(serve(connection{}));
  // CHECK-NOTES-ALL: :[[@LINE-1]]:16: warning: 'coro::thread_pool::spawn' runs work outside any group
  io->spawn(serve(connection{}));
  // CHECK-NOTES-ALL: :[[@LINE-1]]:7: warning: 'coro::io_scheduler::spawn' runs work outside any group
  io->spawn_detached(serve(connection{}));
  // CHECK-NOTES-ALL: :[[@LINE-1]]:7: warning: 'coro::io_scheduler::spawn_detached' runs work outside any group
  ws->spawn_detached(serve(connection{}));
  // CHECK-NOTES-ALL: :[[@LINE-1]]:7: warning: 'coro::thread_pool_ws::spawn_detached' runs work outside any group
  tp.shutdown();
  return ok;
}

// A dropped join task: its destruction blocks until serve() is done, and
// serve()'s failure is never seen.
auto dropJoin(coro::thread_pool &tp) -> coro::task<void> {
  tp.spawn_joinable(serve(connection{}));
  // CHECK-NOTES-ALL: :[[@LINE-1]]:6: warning: future returned by 'coro::thread_pool::spawn_joinable' is discarded: its destructor waits for the work, and the work's failure is never seen [async-spawn-outside-group]
  (void)tp.spawn_joinable(serve(connection{}));
  // CHECK-NOTES-ALL: :[[@LINE-1]]:12: warning: future returned by 'coro::thread_pool::spawn_joinable' is discarded
  co_return;
}

// A group that outlives every frame: nobody awaits it.
auto intoStaticGroup(std::unique_ptr<coro::thread_pool> &tp) -> coro::task<void> {
  static coro::task_group<coro::thread_pool> group{tp};
  (void)group.start(serve(connection{}));
  // CHECK-NOTES-ALL: :[[@LINE-1]]:15: warning: task spawned into static group 'group': the group outlives every frame, so none of them waits for the task or handles its failure
  // CHECK-NOTES-ALL: :[[@LINE-3]]:46: note: 'group' is declared here
  co_return;
}

#ifdef LIBCORO_MOCK_SCHEDULE_TASK_IS_DETACHED
// ~2021-2023: io_scheduler::schedule(task<void>&&) -> bool hands the task to
// the scheduler's own task_container, which prints its exception to stderr.
auto oldAcceptLoop(std::shared_ptr<coro::io_scheduler> io) -> coro::task<void> {
  co_await io->schedule();
  io->schedule(serve(connection{}));
  // Not reported: the pre-2024 schedule(task&&) -> bool is not modelled, since an entry for it would also match the awaited schedule(task) of later releases (a known limit).
  co_return;
}
#else
// Negative: the later structured schedule(task) of the same name, awaited.
auto awaitOnIo(std::shared_ptr<coro::io_scheduler> io) -> coro::task<int> {
  co_return co_await io->schedule(compute(1));
}
#endif

// Negative: the structured forms. An awaited schedule(task), a local group
// waited for, a join task kept and awaited.
auto structured(std::unique_ptr<coro::thread_pool> &tp) -> coro::task<int> {
  int v = co_await tp->schedule(compute(1));
  coro::task_group<coro::thread_pool> g{tp};
  (void)g.start(serve(connection{}));
  auto join = tp->spawn_joinable(serve(connection{}));
  co_await g;
  co_await join;
  co_return v;
}

// Negative: starting into a group the caller or this object owns; the owner
// waits for it.
auto intoReceivedGroup(coro::task_group<coro::thread_pool> &g) -> coro::task<void> {
  (void)g.start(serve(connection{}));
  co_return;
}

// Negative (examples/coro_task_container.cpp): the older task_container,
// emptied before the frame ends.
auto container(std::shared_ptr<coro::io_scheduler> io) -> coro::task<void> {
  coro::task_container tc{io};
  tc.start(serve(connection{}));
  co_await tc.garbage_collect_and_yield_until_empty();
}

// Negative: hops and re-queues are not spawns: schedule() and yield() move
// the caller, resume(h) re-queues a suspended coroutine, set(executor)
// resumes an event's waiters there.
auto hops(coro::thread_pool &tp, std::coroutine_handle<> h, coro::event &e) -> coro::task<void> {
  co_await tp.schedule();
  tp.resume(h);
  e.set(tp);
  co_await tp.yield();
}

// Negative: top-level driving, as every test does.
int main() {
  auto tp = coro::thread_pool::make_unique();
  coro::task_group<coro::thread_pool> group{tp, serve(connection{})};
  coro::sync_wait(group);
  (void)coro::sync_wait(coro::when_all(compute(1), compute(2)));
  tp->shutdown();
}
