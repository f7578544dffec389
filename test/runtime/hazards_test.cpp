// One demonstration per async-tidy check (SPEC §3): the hazardous code
// misbehaving observably in tg, and the fixed code behaving. Nothing here
// hangs or asserts on wall-clock durations: "forever" is a loop bound, and
// time is virtual unless the point is what real time does.
#include <thread>

#include "test_util.hpp"

namespace {

using namespace tg_test;
using tg::task;

// ---- async-swallowed-cancellation -------------------------------------------
// A child with `catch (...) {}` around an await swallows tg::cancelled, keeps
// running, and the group cannot finish until the child feels like it. The
// 3600-iteration bound stands in for `for (;;)`.

constexpr int kForever = 3600;

task<> stubborn_poller(int& polls) {
  for (int i = 0; i < kForever; ++i) {
    try {
      co_await tg::sleep_for(1s);
      ++polls;
    } catch (...) {  // HAZARD: swallows tg::cancelled
    }
  }
}

task<> cooperative_poller(int& polls) {
  for (int i = 0; i < kForever; ++i) {
    try {
      co_await tg::sleep_for(1s);
      ++polls;
    } catch (const tg::cancelled&) {
      throw;  // FIX: let cancellation through first
    } catch (...) {
    }
  }
}

struct bounded_run {
  double finished_after = -1;
  bool timed_out = false;
};

template <class Poller>
bounded_run run_group_with_timeout(Poller poller, int& polls) {
  bounded_run r;
  vrun([&]() -> task<> {
    const auto start = tg::now();
    try {
      co_await tg::timeout(10s, tg::with_group([&](tg::task_group& g) -> task<> {
                             g.spawn(poller(polls));
                             co_return;
                           }));
    } catch (const tg::timeout_error&) {
      r.timed_out = true;
    }
    r.finished_after = elapsed(start);
  }());
  return r;
}

TEST(Hazard_SwallowedCancellation, GroupCannotFinishUntilTheSwallowerStops) {
  int polls = 0;
  auto r = run_group_with_timeout(stubborn_poller, polls);
  EXPECT_TRUE(r.timed_out);
  // The 10 s timeout was powerless: at 10 s the poll due then still
  // completes, the next sleep's cancellation is swallowed (the only poll
  // lost), and the remaining 3589 polls run to the loop's bound.
  EXPECT_EQ(r.finished_after, 3599.0);
  EXPECT_EQ(polls, kForever - 1);
}

TEST(Hazard_SwallowedCancellation, FixedRethrowingCancelledFinishesAtTheTimeout) {
  int polls = 0;
  auto r = run_group_with_timeout(cooperative_poller, polls);
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.finished_after, 10.0);
  EXPECT_EQ(polls, 10);  // the poll due at 10 s completed; the next await raised
}

// ---- async-spawn-outside-group -----------------------------------------------
// A detached task's failure reaches nobody who can act on it: the caller
// carries on as if all went well; only the loop's exception handler sees it.

task<int> fetch_that_fails() {
  co_await tg::sleep_for(10ms);
  throw value_error("fetch failed");
}

TEST(Hazard_SpawnOutsideGroup, DetachedFailureIsLostToTheCaller) {
  int handler_calls = 0;
  bool caller_saw_error = false;
  tg::run_options opts;
  opts.on_unhandled_exception = [&](std::exception_ptr) { ++handler_calls; };
  vrun([&]() -> task<> {
    try {
      tg::spawn_detached(fetch_that_fails());  // HAZARD
      co_await tg::sleep_for(1s);
    } catch (...) {
      caller_saw_error = true;
    }
  }(),
       std::move(opts));
  EXPECT_FALSE(caller_saw_error);
  EXPECT_EQ(handler_calls, 1);
}

TEST(Hazard_SpawnOutsideGroup, FixedSpawnIntoAGroupSurfacesTheError) {
  int handler_calls = 0;
  bool caller_saw_error = false;
  tg::run_options opts;
  opts.on_unhandled_exception = [&](std::exception_ptr) { ++handler_calls; };
  vrun([&]() -> task<> {
    try {
      co_await tg::with_group([](tg::task_group& g) -> task<> {
        g.spawn(fetch_that_fails());  // FIX
        co_await tg::sleep_for(1s);
      });
    } catch (const tg::exception_group& eg) {
      caller_saw_error = eg.contains<value_error>();
    }
  }(),
       std::move(opts));
  EXPECT_TRUE(caller_saw_error);
  EXPECT_EQ(handler_calls, 0);
}

// ---- async-await-in-cleanup ----------------------------------------------------
// The C++ "finally" idiom awaits its cleanup while a cancellation may be in
// flight. The cleanup's first await raises tg::cancelled and the cleanup
// never runs. Shielding it makes it run; the cancellation follows.

task<> release_lease(bool& released) {  // cleanup that needs an await (a network call)
  co_await tg::sleep_for(10ms);
  released = true;
}

task<> use_lease_finally(bool& released) {
  std::exception_ptr ep;
  try {
    co_await tg::sleep_for(1s);  // the work
  } catch (...) {
    ep = std::current_exception();
  }
  co_await release_lease(released);  // HAZARD: unshielded await in cleanup
  if (ep) std::rethrow_exception(ep);
}

task<> use_lease_finally_shielded(bool& released) {
  std::exception_ptr ep;
  try {
    co_await tg::sleep_for(1s);
  } catch (...) {
    ep = std::current_exception();
  }
  co_await tg::shield(release_lease(released));  // FIX
  if (ep) std::rethrow_exception(ep);
}

// A sibling fails at the very moment the work completes: the cancellation
// is in flight when the cleanup starts.
template <class Worker>
bool cleanup_ran_when_sibling_fails(Worker worker) {
  bool released = false;
  vrun([&]() -> task<> {
    try {
      co_await tg::with_group([&](tg::task_group& g) -> task<> {
        g.spawn(sleep_then_fail(1s));
        g.spawn(worker(released));
        co_return;
      });
    } catch (const tg::exception_group&) {
    }
  }());
  return released;
}

// The task is cancelled, and cancelled again while it cleans up (a second
// Ctrl-C, a supervisor escalating a shutdown).
template <class Worker>
bool cleanup_ran_when_cancelled_twice(Worker worker) {
  bool released = false;
  vrun([&]() -> task<> {
    auto h = tg::spawn_detached(worker(released));
    co_await tg::sleep_for(100ms);
    h.cancel();
    co_await tg::sleep_for(1ms);
    h.cancel();
    EXPECT_THROW(co_await h, tg::cancelled);
  }());
  return released;
}

TEST(Hazard_AwaitInCleanup, CleanupNeverRunsWhenCancellationIsInFlight) {
  EXPECT_FALSE(cleanup_ran_when_sibling_fails(use_lease_finally));
  EXPECT_FALSE(cleanup_ran_when_cancelled_twice(use_lease_finally));
}

TEST(Hazard_AwaitInCleanup, FixedShieldedCleanupRuns) {
  EXPECT_TRUE(cleanup_ran_when_sibling_fails(use_lease_finally_shielded));
  EXPECT_TRUE(cleanup_ran_when_cancelled_twice(use_lease_finally_shielded));
}

// ---- async-task-escapes-group --------------------------------------------------

task<> read_later(const int* p, int& out) {
  co_await tg::sleep_for(10ms);
  out = *p;  // the frame that owned *p may be gone by now
}

// Spawns into a group it does not own, pointing the child at its own local.
task<> start_reader(tg::task_group& g, int& out) {
  int local = 42;
  g.spawn(read_later(&local, out));  // HAZARD: child outlives this frame
  co_return;
}

task<> start_reader_owning_group(int& out) {
  int local = 42;
  co_await tg::with_group([&](tg::task_group& g) -> task<> {  // FIX: own the group
    g.spawn(read_later(&local, out));
    co_return;
  });
}

[[maybe_unused]] void run_escaping_reader() {
  int out = 0;
  vrun([&]() -> task<> {
    co_await tg::with_group([&](tg::task_group& g) -> task<> {
      co_await start_reader(g, out);
    });
  }());
}

TEST(Hazard_TaskEscapesGroup, ChildReadsALocalOfAFinishedFrame) {
#if TG_TEST_ASAN
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  // `local` dies with start_reader's frame: on the heap if it lives across a
  // suspension, on the stack otherwise (clang keeps it there here).
  EXPECT_DEATH(run_escaping_reader(), "heap-use-after-free|stack-use-after-");
#else
  GTEST_SKIP() << "a dangling read is only observable under AddressSanitizer (tg_tests_asan)";
#endif
}

TEST(Hazard_TaskEscapesGroup, FixedOwningTheGroupKeepsTheLocalAlive) {
  int out = 0;
  vrun(start_reader_owning_group(out));
  EXPECT_EQ(out, 42);
}

// A task_group reference kept past with_group and then used: caught by the
// runtime's group liveness check in every build (it never reads the dead group).
TEST(Hazard_TaskEscapesGroup, EscapedGroupReferenceIsReported) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  auto escape = [] {
    tg::task_group* escaped = nullptr;
    vrun([&]() -> task<> {
      co_await tg::with_group([&](tg::task_group& g) -> task<> {
        escaped = &g;  // HAZARD: stored past with_group
        co_return;
      });
      escaped->spawn(nap(1ms));
    }());
  };
  EXPECT_DEATH(escape(), "task_group used after its with_group returned");
}

TEST(Hazard_TaskEscapesGroup, EscapedGroupReferenceUsedByADetachedTaskIsReported) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  auto escape = [] {
    vrun([]() -> task<> {
      co_await tg::with_group([](tg::task_group& g) -> task<> {
        tg::spawn_detached([](tg::task_group& g) -> task<> {  // outlives the group
          co_await tg::sleep_for(1s);
          g.spawn(nap(1ms));
        }(g));
        co_return;
      });
      co_await tg::sleep_for(2s);
    }());
  };
  EXPECT_DEATH(escape(), "task_group used after its with_group returned");
}

// ---- async-discarded-task --------------------------------------------------------

task<> set_flag(bool& flag) {
  flag = true;
  co_return;
}

TEST(Hazard_DiscardedTask, ADroppedTaskNeverRuns) {
  bool flag = false;
  vrun([](bool& flag) -> task<> {
    (void)set_flag(flag);  // HAZARD
    auto unused = set_flag(flag);  // HAZARD: never awaited
    co_await tg::sleep_for(1s);
  }(flag));
  EXPECT_FALSE(flag);
}

TEST(Hazard_DiscardedTask, FixedAwaitedTaskRuns) {
  bool flag = false;
  vrun([](bool& flag) -> task<> { co_await set_flag(flag); }(flag));
  EXPECT_TRUE(flag);
}

// ---- async-blocking-call ---------------------------------------------------------
// Real time on purpose: a blocking sleep holds the whole loop, so a sibling
// whose timer is due after 1 ms cannot run during the blocker's 20 ms. The
// assertion is on ordering (ticks seen), never on durations.

template <class Blocker>
int ticks_seen_by(Blocker blocker) {
  int seen = -1;
  tg::run([](Blocker blocker, int& seen) -> task<> {
    int ticks = 0;
    co_await tg::with_group([&](tg::task_group& g) -> task<> {
      auto ticker = g.spawn([](int& ticks) -> task<> {
        for (;;) {
          co_await tg::sleep_for(1ms);
          ++ticks;
        }
      }(ticks));
      co_await tg::checkpoint();  // the ticker arms its 1 ms timer first
      co_await blocker();
      seen = ticks;
      ticker.cancel();
    });
  }(blocker, seen));
  return seen;
}

TEST(Hazard_BlockingCall, BlockingSleepStarvesSiblings) {
  EXPECT_EQ(ticks_seen_by([]() -> task<> {
              std::this_thread::sleep_for(20ms);  // HAZARD
              co_return;
            }),
            0);
}

TEST(Hazard_BlockingCall, FixedAwaitedSleepOrToThreadLetsSiblingsRun) {
  EXPECT_GT(ticks_seen_by([]() -> task<> { co_await tg::sleep_for(20ms); }), 0);  // FIX
  EXPECT_GT(ticks_seen_by([]() -> task<> {
              co_await tg::to_thread([] { std::this_thread::sleep_for(20ms); });  // FIX
            }),
            0);
}

// ---- async-loop-without-checkpoint ------------------------------------------------
// A CPU loop without an await cannot be cancelled: the sibling that fails (and
// would cancel it) does not even get to run until the loop is done.

constexpr int kBound = 1000;

task<> crunch(int& iterations) {
  for (int i = 0; i < kBound; ++i) ++iterations;  // HAZARD: no await in the loop
  co_return;
}

task<> crunch_with_checkpoint(int& iterations) {
  for (int i = 0; i < kBound; ++i) {
    ++iterations;
    co_await tg::checkpoint();  // FIX
  }
}

template <class Cruncher>
std::pair<int, bool> crunch_next_to_failing_sibling(Cruncher cruncher) {
  int iterations = 0;
  tg::task_handle<> h;
  vrun([&]() -> task<> {
    try {
      co_await tg::with_group([&](tg::task_group& g) -> task<> {
        h = g.spawn(cruncher(iterations));
        g.spawn([]() -> task<> {
          throw value_error("sibling failed");
          co_return;
        }());
        co_return;
      });
    } catch (const tg::exception_group&) {
    }
  }());
  return {iterations, h.cancelled()};
}

TEST(Hazard_LoopWithoutCheckpoint, RunsToItsBoundDespiteCancellation) {
  auto [iterations, cancelled] = crunch_next_to_failing_sibling(crunch);
  EXPECT_EQ(iterations, kBound);
  EXPECT_FALSE(cancelled);
}

TEST(Hazard_LoopWithoutCheckpoint, FixedLoopWithCheckpointStopsEarly) {
  auto [iterations, cancelled] = crunch_next_to_failing_sibling(crunch_with_checkpoint);
  EXPECT_EQ(iterations, 1);
  EXPECT_TRUE(cancelled);
}

// ---- async-timeout-without-await ---------------------------------------------------
// A timeout fires through the loop; a body that never awaits never gives the
// loop a chance. Real time: the body computes for 5 ms under a 1 ms timeout.

task<> compute_for(tg::duration d, bool& completed) {
  const auto end = tg::clock::now() + d;
  unsigned long spins = 0;
  while (tg::clock::now() < end) ++spins;  // no await: the timeout cannot fire
  completed = spins > 0;
  co_return;
}

// 1000 slices of 1 ms of computation, a checkpoint after each. The first
// slice alone outlasts the 1 ms deadline, so the timeout fires at the first
// checkpoint however loaded the machine is.
task<> compute_in_slices(int& slices, bool& completed) {
  for (; slices < 1000; ++slices) {
    const auto end = tg::clock::now() + 1ms;
    while (tg::clock::now() < end) {
    }
    co_await tg::checkpoint();
  }
  completed = true;
}

TEST(Hazard_TimeoutWithoutAwait, TimeoutNeverFires) {
  bool completed = false, timed_out = false;
  tg::run([](bool& completed, bool& timed_out) -> task<> {
    try {
      co_await tg::timeout(1ms, compute_for(5ms, completed));  // HAZARD
    } catch (const tg::timeout_error&) {
      timed_out = true;
    }
  }(completed, timed_out));
  EXPECT_TRUE(completed);
  EXPECT_FALSE(timed_out);
}

TEST(Hazard_TimeoutWithoutAwait, FixedBodyWithAnAwaitTimesOut) {
  bool completed = false, timed_out = false;
  int slices = 0;
  tg::run([](int& slices, bool& completed, bool& timed_out) -> task<> {
    try {
      co_await tg::timeout(1ms, compute_in_slices(slices, completed));  // FIX
    } catch (const tg::timeout_error&) {
      timed_out = true;
    }
  }(slices, completed, timed_out));
  EXPECT_FALSE(completed);
  EXPECT_TRUE(timed_out);
  EXPECT_EQ(slices, 0);  // cancelled at the checkpoint ending the first slice
}

}  // namespace
