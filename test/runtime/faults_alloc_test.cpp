// Fault injection, part 2: allocation failure. This executable replaces the
// global operator new with one that can be told to throw std::bad_alloc on
// the k-th allocation of this thread; the workload below is then run once
// for every k from 1 to the number of allocations a clean run makes (frames,
// the group registry, timers, exception groups, the wrapper task of a spawned
// awaitable...). In every run: the failure surfaces as std::bad_alloc — from
// spawn to the code that called it, or as a child's failure inside an
// exception_group — the group keeps its invariants (a failed spawn leaves
// size() unchanged and starts nothing; every child that was started ran to
// its end exactly once), the run terminates, and every block allocated
// during it has been freed when it returns (counted here, in every build;
// LeakSanitizer checks the same in the ASan build).
//
// In the default build the frame pool recycles frames inside a run, so a
// recycled frame is not an operator new call: every frame is in the ASan
// build, which has no pool.
#include <cstdlib>
#include <new>

#include "test_util.hpp"

namespace {

thread_local bool t_armed = false;
thread_local long t_countdown = -1;  // fail when it reaches 0
thread_local long t_allocations = 0;
thread_local long t_live = 0;  // allocated while armed and not yet freed
thread_local long t_k = 0;     // the allocation that fails in this run (for debuggers)

void* counted_alloc(std::size_t n) {
  if (t_armed) {
    if (t_countdown > 0 && --t_countdown == 0) throw std::bad_alloc();
    ++t_allocations;
    ++t_live;
  }
  // One header word tells operator delete whether to uncount the block.
  void* p = std::malloc(n + 16);
  if (!p) throw std::bad_alloc();
  *static_cast<long*>(p) = t_armed ? 1 : 0;
  return static_cast<char*>(p) + 16;
}

void counted_free(void* p) noexcept {
  if (!p) return;
  void* base = static_cast<char*>(p) - 16;
  if (*static_cast<long*>(base) == 1) --t_live;
  std::free(base);
}

}  // namespace

void* operator new(std::size_t n) { return counted_alloc(n); }
void* operator new[](std::size_t n) { return counted_alloc(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return counted_alloc(n);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return counted_alloc(n);
  } catch (...) {
    return nullptr;
  }
}
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }

namespace {

using namespace tg_test;
using tg::task;

struct stats {
  int spawned = 0, spawn_failed = 0;
  int started = 0, ended = 0;  // child bodies entered / left (normally or not)
  std::vector<std::string> problems;
};

struct body_guard {
  stats& s;
  explicit body_guard(stats& s) : s(s) { ++s.started; }
  ~body_guard() { ++s.ended; }
};

task<> sleeper(stats& s, tg::duration d) {
  body_guard g(s);
  co_await tg::sleep_for(d);
}

task<> waiter(stats& s, tg::event& e) {
  body_guard g(s);
  co_await e.wait();
}

task<> setter(stats& s, tg::event& e) {
  body_guard g(s);
  co_await tg::sleep_for(2ms);
  e.set();
}

task<> locker(stats& s, tg::semaphore& sem) {
  body_guard g(s);
  auto permit = co_await sem.acquire_guard();
  co_await tg::shield(nap(1ms));
  co_await tg::timeout(1s, nap(1ms));
}

task<> nested(stats& s) {
  body_guard g(s);
  try {
    co_await tg::with_group([&](tg::task_group& inner) -> task<> {
      inner.spawn(sleep_then_fail(1ms));
      inner.spawn(nap(1h));  // cancelled by the failure
      co_return;
    });
  } catch (const tg::exception_group&) {
  }
}

// Spawns through every path; a failed spawn must leave the group as it was.
template <class Make>
void try_spawn(stats& s, tg::task_group& g, Make make) {
  const std::size_t before = g.size();
  try {
    g.spawn(make());
    ++s.spawned;
    if (g.size() != before + 1) s.problems.push_back("spawn did not add a child");
  } catch (const std::bad_alloc&) {
    ++s.spawn_failed;
    if (g.size() != before) s.problems.push_back("a failed spawn changed size()");
  }
}

task<> workload(stats& s) {
  tg::event ev;
  tg::semaphore sem(1);
  co_await tg::with_group([&](tg::task_group& g) -> task<> {
    try_spawn(s, g, [&] { return sleeper(s, 1ms); });
    try_spawn(s, g, [&] { return waiter(s, ev); });
    try_spawn(s, g, [&] { return setter(s, ev); });
    try_spawn(s, g, [&] { return locker(s, sem); });
    try_spawn(s, g, [&] { return locker(s, sem); });
    try_spawn(s, g, [&] { return nested(s); });
    try_spawn(s, g, [] { return tg::sleep_for(1ms); });  // an awaitable: the wrapper frame
    try_spawn(s, g, [] { return tg::checkpoint(); });
    co_await tg::sleep_for(500us);
    try_spawn(s, g, [&] { return sleeper(s, 1ms); });  // while others are running
    // If the setter could not be spawned, the waiter must not wait forever
    // (the run would end in tg's deadlock report, not in what is tested here).
    co_await tg::sleep_for(5ms);
    ev.set();
  });
}

enum class ended_with { ok, bad_alloc, group_of_bad_alloc, other };

// Every leaf of a (nested) exception_group is a std::bad_alloc.
bool only_bad_alloc(const tg::exception_group& eg) {
  for (const auto& ep : eg.exceptions()) {
    try {
      std::rethrow_exception(ep);
    } catch (const tg::exception_group& inner) {
      if (!only_bad_alloc(inner)) return false;
    } catch (const std::bad_alloc&) {
    } catch (...) {
      return false;
    }
  }
  return true;
}

ended_with run_workload(stats& s) {
  try {
    vrun(workload(s));
    return ended_with::ok;
  } catch (const std::bad_alloc&) {
    return ended_with::bad_alloc;
  } catch (const tg::exception_group& eg) {
    return only_bad_alloc(eg) ? ended_with::group_of_bad_alloc : ended_with::other;
  } catch (...) {
    return ended_with::other;
  }
}

// The runtime's per-thread structures (the group registry's table) are
// allocated on first use and kept: make that use happen before counting.
void warm_up() {
  stats s;
  ASSERT_EQ(run_workload(s), ended_with::ok);
}

TEST(FaultsAlloc, CleanRunAllocatesAndFreesEverything) {
  warm_up();
  stats s;
  t_allocations = 0;
  t_live = 0;
  t_armed = true;
  const ended_with how = run_workload(s);
  t_armed = false;
  EXPECT_EQ(how, ended_with::ok);
  EXPECT_GT(t_allocations, 10);
  EXPECT_EQ(t_live, 0);
  EXPECT_EQ(s.spawned, 9);
  EXPECT_EQ(s.spawn_failed, 0);
  EXPECT_EQ(s.started, 7);  // the two awaitables are not counted
  EXPECT_EQ(s.ended, s.started);
  EXPECT_TRUE(s.problems.empty());
}

TEST(FaultsAlloc, BadAllocAtEveryAllocationOfARun) {
  warm_up();
  stats clean;
  t_allocations = 0;
  t_armed = true;
  ASSERT_EQ(run_workload(clean), ended_with::ok);
  t_armed = false;
  const long total = t_allocations;
  ASSERT_GT(total, 10);

  int spawn_failures_seen = 0, child_failures_seen = 0;
  for (long k = 1; k <= total; ++k) {
    stats s;
    t_allocations = 0;
    t_live = 0;
    t_countdown = t_k = k;
    t_armed = true;
    const ended_with how = run_workload(s);
    t_armed = false;
    t_countdown = -1;
    SCOPED_TRACE("allocation " + std::to_string(k) + " of " + std::to_string(total) + " failed");
    EXPECT_NE(how, ended_with::other);
    EXPECT_EQ(t_live, 0) << "blocks leaked";
    EXPECT_EQ(s.ended, s.started) << "a child was left unfinished";
    for (const auto& p : s.problems) ADD_FAILURE() << p;
    if (s.spawn_failed > 0) ++spawn_failures_seen;
    if (how == ended_with::group_of_bad_alloc) ++child_failures_seen;
  }
  // Both ways of reporting the failure were exercised.
  EXPECT_GT(spawn_failures_seen, 0);
  EXPECT_GT(child_failures_seen, 0);
}

TEST(FaultsAlloc, SpawningAnAwaitableIsOneAllocation) {
  vrun([]() -> task<> {
    co_await tg::with_group([](tg::task_group& g) -> task<> {
      g.spawn(tg::checkpoint());  // warm the pool's size class, if there is a pool
      co_await tg::checkpoint();
      tg::detail::frame_pool_release();
      t_allocations = 0;
      t_armed = true;
      auto h = g.spawn(tg::sleep_for(1ms));
      t_armed = false;
      EXPECT_EQ(t_allocations, 1);  // the child's frame, which holds the sleep
      co_await h;
    });
  }());
}

}  // namespace
