// RUN: %check_async_tidy %s async-discarded-task %t -- -- %async_flags
//
// corral::Task is lazy: the function does not start until the task is
// awaited or handed to a nursery or a combiner (anyOf/allOf). A dropped
// n.start(f) for an f taking TaskStarted is not a task: the child starts
// when the unawaited result is destroyed.

#include <corral/corral.h>
#include <tuple>
#include <utility>
#include <vector>

corral::Task<int> fetch(int x);
corral::Task<void> work();

corral::Task<void> droppedTasks() {
  (void)fetch(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is discarded by a cast to void: it is never awaited or spawned, so it never runs to completion [async-discarded-task]
  auto t = fetch(2);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: task 't' is never used: it is never awaited or spawned, so 'fetch' never runs to completion [async-discarded-task]
  std::ignore = work();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'work' is discarded by assigning it to 'std::ignore': it is never awaited or spawned, so it never runs to completion [async-discarded-task]
  co_await work();
}

// Inside a nursery body the task still has to be started.
corral::Task<void> droppedInNurseryBody() {
  CORRAL_WITH_NURSERY(n) {
    (void)work();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: task returned by 'work' is discarded by a cast to void
    n.start(work);
    co_return corral::join;
  };
}

// --- Negatives ----------------------------------------------------------------

// test/basic_test.cc "mux-range": tasks kept in a container, awaited later.
corral::Task<void> storedThenAwaited() {
  std::vector<corral::Task<int>> v;
  v.push_back(fetch(3));
  v.push_back(fetch(2));
  co_await corral::allOf(v);
  auto t = fetch(4);
  co_await std::move(t);
}

// doc/03_live_objects.md: a synchronous function passes a task along.
corral::Nursery *gNursery = nullptr;
corral::Task<void> forwarded() { return corral::openNursery(gNursery); }

// test/basic_test.cc "noncancellable-task-return".
auto wrapped() { return corral::noncancellable(work()); }

corral::Task<void> taskCallables() {
  auto t2 = [&] { return corral::noncancellable(work()); };
  co_await t2();
  co_await [&]() -> corral::Task<int> { co_return co_await fetch(5); };
  co_await corral::anyOf(fetch(6), [&]() -> corral::Task<> { co_await work(); });
}

corral::Task<void> unawaitedStartWithTaskStarted() {
  CORRAL_WITH_NURSERY(n) {
    n.start([](corral::TaskStarted<> started) -> corral::Task<> {
      started();
      co_await work();
    });
    co_return corral::join;
  };
}

// test/nursery_test.cc "nursery-imm-ready": a nursery body that is not a
// coroutine returns a ready value converted to its Task.
corral::Task<void> readyBody() {
  co_yield corral::Nursery::Factory{} % [&](corral::Nursery &n)
      -> corral::Task<corral::detail::NurseryBodyRetval<corral::detail::DefaultErrorPolicy>> {
    n.start([] { return corral::noop(); });
    return corral::just(corral::join);
  };
}
