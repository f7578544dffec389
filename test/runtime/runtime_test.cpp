// tg runtime: the seed scenarios of issue 3 and the contract of every
// primitive in SPEC §2. Virtual time throughout: exact, instant, deterministic.
#include <algorithm>
#include <string>

#include "test_util.hpp"

#if TG_TEST_ASAN
#include <sanitizer/lsan_interface.h>
#endif

namespace {

using namespace tg_test;
using tg::task;

enum class ended { pending, completed, cancelled, failed };

// A child that sleeps `d`, then fails or completes, and records how it ended.
task<void> worker(tg::duration d, bool fail, ended& how) {
  try {
    co_await tg::sleep_for(d);
  } catch (const tg::cancelled&) {
    how = ended::cancelled;
    throw;
  }
  if (fail) {
    how = ended::failed;
    throw value_error("worker failed");
  }
  how = ended::completed;
}

// ---- seed scenarios ---------------------------------------------------------

TEST(Seed, OneOfThreeFailsAfterHalfASecondTheOthersAreCancelled) {
  ended a = ended::pending, b = ended::pending, c = ended::pending;
  tg::task_handle<> ha, hb, hc;
  double failed_at = -1;
  vrun([&]() -> task<> {
    const auto start = tg::now();
    try {
      co_await tg::with_group([&](tg::task_group& g) -> task<> {
        ha = g.spawn(worker(10s, false, a));
        hb = g.spawn(worker(500ms, true, b));
        hc = g.spawn(worker(10s, false, c));
        co_return;
      });
    } catch (const tg::exception_group& eg) {
      failed_at = elapsed(start);
      EXPECT_EQ(eg.exceptions().size(), 1u);
      EXPECT_TRUE(eg.contains<value_error>());
    }
  }());
  EXPECT_EQ(failed_at, 0.5);  // the group did not wait the 10 s of the others
  EXPECT_EQ(a, ended::cancelled);
  EXPECT_EQ(b, ended::failed);
  EXPECT_EQ(c, ended::cancelled);
  EXPECT_TRUE(ha.cancelled());
  EXPECT_FALSE(hb.cancelled());
  EXPECT_THROW(hb.result(), value_error);
  EXPECT_TRUE(hc.cancelled());
}

TEST(Seed, CancellingOneChildByHandCancelsOnlyIt) {
  ended a = ended::pending, b = ended::pending, c = ended::pending;
  vrun([&]() -> task<> {
    co_await tg::with_group([&](tg::task_group& g) -> task<> {
      g.spawn(worker(1s, false, a));
      auto hb = g.spawn(worker(1s, false, b));
      g.spawn(worker(1s, false, c));
      co_await tg::sleep_for(100ms);
      EXPECT_TRUE(hb.cancel());
    });  // no exception: a hand-cancelled child is not a failure
  }());
  EXPECT_EQ(a, ended::completed);
  EXPECT_EQ(b, ended::cancelled);
  EXPECT_EQ(c, ended::completed);
}

TEST(Seed, TenChildrenSleeping100msFinishIn100ms) {
  vrun([]() -> task<> {
    const auto start = tg::now();
    int done = 0;
    co_await tg::with_group([&](tg::task_group& g) -> task<> {
      for (int i = 0; i < 10; ++i)
        g.spawn([](int& done) -> task<> {
          co_await tg::sleep_for(100ms);
          ++done;
        }(done));
      co_return;
    });
    EXPECT_EQ(done, 10);
    EXPECT_EQ(tg::now() - start, std::chrono::milliseconds(100));  // concurrent, not 1 s
  }());
}

TEST(Seed, SemaphoreBoundsConcurrency) {
  tg::semaphore sem(3);
  int running = 0, peak = 0, done = 0;
  std::vector<int> start_order;
  vrun([&]() -> task<> {
    const auto start = tg::now();
    co_await tg::with_group([&](tg::task_group& g) -> task<> {
      for (int i = 0; i < 10; ++i)
        g.spawn([](int id, tg::semaphore& sem, int& running, int& peak, int& done,
                   std::vector<int>& order) -> task<> {
          auto permit = co_await sem.acquire_guard();
          order.push_back(id);
          peak = std::max(peak, ++running);
          co_await tg::sleep_for(100ms);
          --running;
          ++done;
        }(i, sem, running, peak, done, start_order));
      co_return;
    });
    EXPECT_EQ(tg::now() - start, std::chrono::milliseconds(400));  // ceil(10 / 3) rounds
  }());
  EXPECT_EQ(peak, 3);
  EXPECT_EQ(done, 10);
  EXPECT_EQ(sem.available(), 3);
  EXPECT_TRUE(std::is_sorted(start_order.begin(), start_order.end()));  // FIFO hand-off
}

// Each child fans out its own subtasks and keeps what succeeded: a partial
// failure is handled inside the child (split the exception_group), so the
// outer group completes.
TEST(Seed, PartialFailureCollectedInsideChildren) {
  struct fetch_error : std::runtime_error {
    using std::runtime_error::runtime_error;
  };
  auto fetch = [](int shard, int item) -> task<int> {
    co_await tg::sleep_for(std::chrono::milliseconds(10 * item));
    if ((shard + item) % 3 == 0) throw fetch_error("shard " + std::to_string(shard));
    co_return shard * 100 + item;
  };
  std::vector<int> ok_per_shard(3, 0), failed_per_shard(3, 0);
  vrun([&]() -> task<> {
    co_await tg::with_group([&](tg::task_group& outer) -> task<> {
      for (int shard = 0; shard < 3; ++shard)
        outer.spawn([](int shard, auto fetch, int& ok, int& failed) -> task<> {
          std::vector<tg::task_handle<int>> items;
          try {
            co_await tg::with_group([&](tg::task_group& g) -> task<> {
              for (int item = 1; item <= 4; ++item) items.push_back(g.spawn(fetch(shard, item)));
              co_return;
            });
          } catch (const tg::exception_group& eg) {
            auto [mine, others] = eg.split<fetch_error>();
            EXPECT_TRUE(mine);
            if (others) throw *others;  // not ours to handle
            failed = static_cast<int>(mine->exceptions().size());
          }
          for (auto& h : items)
            if (h.done() && !h.cancelled()) {
              try {
                (void)h.result();
                ++ok;
              } catch (const fetch_error&) {
              }
            }
        }(shard, fetch, ok_per_shard[shard], failed_per_shard[shard]));
      co_return;
    });
  }());
  // Every shard saw exactly one failure; the items that finished before it
  // are kept, the later ones were cancelled by the child's own group.
  EXPECT_EQ(failed_per_shard, (std::vector<int>{1, 1, 1}));
  EXPECT_EQ(ok_per_shard, (std::vector<int>{2, 1, 0}));
}

// ---- task -----------------------------------------------------------------

TEST(Task, AwaitRunsInlineAndReturnsOrRethrows) {
  vrun([]() -> task<> {
    auto value = []() -> task<int> { co_return 7; };
    auto boom = []() -> task<int> {
      throw value_error("boom");
      co_return 0;
    };
    EXPECT_EQ(co_await value(), 7);
    EXPECT_THROW(co_await boom(), value_error);
  }());
}

TEST(Task, IsLazyAndADroppedTaskNeverRuns) {
  bool ran = false;
  vrun([&]() -> task<> {
    {
      auto t = [](bool& ran) -> task<> {
        ran = true;
        co_return;
      }(ran);
    }
    co_await tg::checkpoint();
  }());
  EXPECT_FALSE(ran);
}

TEST(Task, AwaitingTwiceIsALogicError) {
  vrun([]() -> task<> {
    auto t = []() -> task<int> { co_return 1; }();
    EXPECT_EQ(co_await t, 1);
    EXPECT_THROW(co_await t, std::logic_error);
  }());
}

TEST(Run, ReturnsTheValueAndRethrows) {
  EXPECT_EQ(vrun([]() -> task<int> { co_return 3; }()), 3);
  EXPECT_THROW(vrun([]() -> task<> {
                 throw value_error();
                 co_return;
               }()),
               value_error);
}

TEST(Run, DeadlockIsReportedNotHung) {
#if TG_TEST_ASAN
  // The deadlocked task's frame is leaked on purpose: it is stuck forever.
  __lsan::ScopedDisabler leak_on_purpose;
#endif
  tg::event never;
  EXPECT_THROW(tg::run([](tg::event& e) -> task<> { co_await e.wait(); }(never)), std::logic_error);
}

TEST(Run, RealTimeModeSleepsForReal) {
  // No wall-clock assertion: only that real-time mode orders timers by deadline.
  std::vector<int> order;
  tg::run([](std::vector<int>& order) -> task<> {
    co_await tg::with_group([&](tg::task_group& g) -> task<> {
      g.spawn([](std::vector<int>& o) -> task<> {
        co_await tg::sleep_for(3ms);
        o.push_back(3);
      }(order));
      g.spawn([](std::vector<int>& o) -> task<> {
        co_await tg::sleep_for(1ms);
        o.push_back(1);
      }(order));
      co_return;
    });
  }(order));
  EXPECT_EQ(order, (std::vector<int>{1, 3}));
}

TEST(Run, CancelsDetachedTasksLeftWhenMainReturns) {
  bool cancelled_at_shutdown = false;
  vrun([](bool& flag) -> task<> {
    tg::spawn_detached([](bool& flag) -> task<> {
      try {
        co_await tg::sleep_for(1h);
      } catch (const tg::cancelled&) {
        flag = true;
        throw;
      }
    }(flag));
    co_await tg::checkpoint();
  }(cancelled_at_shutdown));
  EXPECT_TRUE(cancelled_at_shutdown);
}

// ---- task_handle ------------------------------------------------------------

TEST(Handle, ResultBeforeDoneIsALogicError) {
  vrun([]() -> task<> {
    co_await tg::with_group([](tg::task_group& g) -> task<> {
      auto h = g.spawn([]() -> task<int> {
        co_await tg::sleep_for(1s);
        co_return 5;
      }());
      EXPECT_FALSE(h.done());
      EXPECT_THROW(h.result(), std::logic_error);
      EXPECT_EQ(co_await h, 5);
      EXPECT_TRUE(h.done());
      EXPECT_EQ(h.result(), 5);
      auto copy = h;
      EXPECT_EQ(copy.result(), 5);
      EXPECT_FALSE(h.cancel());  // already done
    });
  }());
}

TEST(Handle, CancelledBeforeItStartsNeverRuns) {
  bool ran = false;
  tg::task_handle<> h;
  vrun([&]() -> task<> {
    co_await tg::with_group([&](tg::task_group& g) -> task<> {
      h = g.spawn([](bool& ran) -> task<> {
        ran = true;
        co_return;
      }(ran));
      h.cancel();
      co_return;
    });
  }());
  EXPECT_FALSE(ran);
  EXPECT_TRUE(h.cancelled());
  EXPECT_THROW(h.result(), tg::cancelled);
}

// ---- cancellation -----------------------------------------------------------

TEST(Cancellation, IsNotAStdException) {
  EXPECT_FALSE((std::is_base_of_v<std::exception, tg::cancelled>));
  EXPECT_TRUE((std::is_base_of_v<std::runtime_error, tg::timeout_error>));
}

TEST(Cancellation, DeliveredAtTheNextAwaitAndASwallowerKeepsRunning) {
  int steps = 0;
  tg::task_handle<> h;
  vrun([&]() -> task<> {
    h = tg::spawn_detached([](int& steps) -> task<> {
      try {
        co_await tg::sleep_for(1s);
      } catch (...) {  // swallowed (the hazard)
      }
      ++steps;                          // keeps running...
      co_await tg::sleep_for(1s);       // ...and is not cancelled again
      ++steps;
    }(steps));
    co_await tg::sleep_for(10ms);
    h.cancel();
    co_await h;
  }());
  EXPECT_EQ(steps, 2);
  EXPECT_FALSE(h.cancelled());
}

TEST(Cancellation, RequestedWhileRunningIsDeliveredAtTheNextAwait) {
  int reached = 0;
  tg::task_handle<> self;
  vrun([&]() -> task<> {
    self = tg::spawn_detached([](tg::task_handle<>& self, int& reached) -> task<> {
      co_await tg::checkpoint();  // `self` is assigned by now
      self.cancel();              // requested while running: nothing happens yet
      reached = 1;
      EXPECT_TRUE(tg::cancel_requested());
      co_await tg::sleep_for(1s);  // delivered here, instead of sleeping
      reached = 2;
    }(self, reached));
    EXPECT_THROW(co_await self, tg::cancelled);
  }());
  EXPECT_EQ(reached, 1);
  EXPECT_TRUE(self.cancelled());
}

TEST(Cancellation, ShieldHidesARequestFromCancelRequested) {
  vrun([]() -> task<> {
    auto h = tg::spawn_detached([]() -> task<> {
      co_await tg::shield([]() -> task<> {
        co_await tg::sleep_for(1s);
        EXPECT_FALSE(tg::cancel_requested());  // pending, but not for us
      }());
      ADD_FAILURE() << "the pending cancellation was not delivered after the shield";
    }());
    co_await tg::sleep_for(1ms);
    h.cancel();
    EXPECT_THROW(co_await h, tg::cancelled);
  }());
}

TEST(Cancellation, CheckpointAndCancelRequested) {
  vrun([]() -> task<> {
    int iterations = 0;
    auto h = tg::spawn_detached([](int& it) -> task<> {
      for (;;) {
        ++it;
        co_await tg::checkpoint();
      }
    }(iterations));
    co_await tg::checkpoint();
    co_await tg::checkpoint();
    h.cancel();
    EXPECT_THROW(co_await h, tg::cancelled);
    EXPECT_LE(iterations, 3);

    int polls = 0;
    auto poller = tg::spawn_detached([](int& polls) -> task<> {
      while (!tg::cancel_requested()) {
        ++polls;
        co_await tg::checkpoint();
      }
    }(polls));
    co_await tg::checkpoint();
    poller.cancel();
    EXPECT_THROW(co_await poller, tg::cancelled);  // delivered by the checkpoint
  }());
}

TEST(Cancellation, CompletedWaitIsNotUndoneSemaphorePermitKept) {
  // A waiter that was handed the permit and then cancelled before it ran
  // still owns it; the cancellation arrives at its next await and the guard
  // returns the permit. Nothing leaks.
  tg::semaphore sem(1);
  vrun([&]() -> task<> {
    auto holder = co_await sem.acquire_guard();
    auto waiter = tg::spawn_detached([](tg::semaphore& s) -> task<> {
      auto permit = co_await s.acquire_guard();
      co_await tg::checkpoint();  // cancellation delivered here
    }(sem));
    co_await tg::checkpoint();  // waiter is now queued on the semaphore
    holder.reset();             // hand-off: waiter owns the permit
    waiter.cancel();            // ...before it got to run
    EXPECT_THROW(co_await waiter, tg::cancelled);
    EXPECT_EQ(sem.available(), 1);
  }());
}

TEST(Semaphore, PlainAcquireReleaseAndACancelledWaiterLeavesTheQueue) {
  tg::semaphore sem(1);
  vrun([&]() -> task<> {
    co_await sem.acquire();
    EXPECT_EQ(sem.available(), 0);
    bool second_got_it = false;
    auto first = tg::spawn_detached([](tg::semaphore& s) -> task<> { co_await s.acquire(); }(sem));
    auto second = tg::spawn_detached([](tg::semaphore& s, bool& got) -> task<> {
      co_await s.acquire();
      got = true;
      s.release();
    }(sem, second_got_it));
    co_await tg::checkpoint();  // both are queued now
    first.cancel();             // leaves the queue without a permit
    EXPECT_THROW(co_await first, tg::cancelled);
    sem.release();              // goes to `second`, not to the cancelled waiter
    co_await second;
    EXPECT_TRUE(second_got_it);
    EXPECT_EQ(sem.available(), 1);
  }());
}

// ---- groups -----------------------------------------------------------------

TEST(Group, ReturnsTheBodyValueAfterEveryChild) {
  vrun([]() -> task<> {
    int children_done = 0;
    int v = co_await tg::with_group([&](tg::task_group& g) -> task<int> {
      g.spawn([](int& n) -> task<> {
        co_await tg::sleep_for(1s);
        ++n;
      }(children_done));
      co_return 42;
    });
    EXPECT_EQ(v, 42);
    EXPECT_EQ(children_done, 1);
  }());
}

TEST(Group, SpawnOnAShuttingDownGroupThrowsGroupClosed) {
  bool refused = false;
  vrun([&]() -> task<> {
    try {
      co_await tg::with_group([&](tg::task_group& g) -> task<> {
        g.spawn([]() -> task<> {
          throw value_error();
          co_return;
        }());
        try {
          co_await tg::sleep_for(1s);
        } catch (const tg::cancelled&) {
          try {
            g.spawn([]() -> task<> { co_return; }());
          } catch (const tg::group_closed&) {
            refused = true;
          }
          throw;
        }
      });
    } catch (const tg::exception_group&) {
    }
  }());
  EXPECT_TRUE(refused);
}

TEST(Group, ErrorsInTheOrderTheyHappenedBodyIncluded) {
  vrun([]() -> task<> {
    try {
      co_await tg::with_group([](tg::task_group& g) -> task<> {
        g.spawn([]() -> task<> {  // fails during the abort, after the body
          try {
            co_await tg::sleep_for(1s);
          } catch (...) {
          }
          throw my_exc{};
        }());
        co_await tg::sleep_for(10ms);
        throw type_error{};
      });
      ADD_FAILURE() << "no exception_group";
    } catch (const tg::exception_group& eg) {
      EXPECT_EQ(error_sequence(eg),
                (std::vector<std::string>{typeid(type_error).name(), typeid(my_exc).name()}));
    }
  }());
}

TEST(Group, ExternalCancellationPropagatesAfterChildrenAreDone) {
  int children_cancelled = 0;
  vrun([&]() -> task<> {
    auto h = tg::spawn_detached([](int& n) -> task<> {
      co_await tg::with_group([&](tg::task_group& g) -> task<> {
        for (int i = 0; i < 3; ++i)
          g.spawn([](int& n) -> task<> {
            bool was_cancelled = false;
            try {
              co_await tg::sleep_for(1s);
            } catch (const tg::cancelled&) {
              was_cancelled = true;
            }
            if (was_cancelled) {
              co_await tg::shield(nap(10ms));  // the group waits for this too
              ++n;
              throw tg::cancelled{};
            }
          }(n));
        co_return;
      });
    }(children_cancelled));
    co_await tg::sleep_for(1ms);
    h.cancel();
    EXPECT_THROW(co_await h, tg::cancelled);
    EXPECT_EQ(children_cancelled, 3);
  }());
}

// ---- exception_group --------------------------------------------------------

TEST(ExceptionGroup, ContainsAndSplitRecurseIntoNestedGroups) {
  using eps = std::vector<std::exception_ptr>;
  tg::exception_group inner(eps{std::make_exception_ptr(value_error()),
                                std::make_exception_ptr(type_error())});
  tg::exception_group eg(eps{std::make_exception_ptr(my_exc()), std::make_exception_ptr(inner)});
  EXPECT_TRUE(eg.contains<value_error>());
  EXPECT_TRUE(eg.contains<std::runtime_error>());
  EXPECT_FALSE(eg.contains<zero_division>());
  auto [match, rest] = eg.split<value_error>();
  ASSERT_TRUE(match);
  ASSERT_TRUE(rest);
  EXPECT_EQ(error_types(*match), types<tg::exception_group>());
  EXPECT_EQ(error_types(nested_group(*match, 0)), types<value_error>());
  EXPECT_EQ(error_types(*rest), (types<my_exc, tg::exception_group>()));
  auto [none, all] = eg.split<zero_division>();
  EXPECT_FALSE(none);
  EXPECT_TRUE(all);
  EXPECT_NE(std::string(eg.what()).find("2 sub-exceptions"), std::string::npos);
}

// ---- shield -------------------------------------------------------------------

TEST(Shield, InnerFinishesThenThePendingCancellationIsDelivered) {
  bool inner_done = false, after_shield = false;
  vrun([&]() -> task<> {
    auto h = tg::spawn_detached([](bool& inner_done, bool& after) -> task<> {
      co_await tg::shield([](bool& d) -> task<> {
        co_await tg::sleep_for(1s);
        d = true;
      }(inner_done));
      after = true;
    }(inner_done, after_shield));
    co_await tg::sleep_for(10ms);
    h.cancel();
    EXPECT_THROW(co_await h, tg::cancelled);
  }());
  EXPECT_TRUE(inner_done);
  EXPECT_FALSE(after_shield);
}

TEST(Shield, ReturnsTheValueWhenNotCancelled) {
  EXPECT_EQ(vrun([]() -> task<int> {
              co_return co_await tg::shield([]() -> task<int> { co_return 9; }());
            }()),
            9);
}

// ---- timeout ------------------------------------------------------------------

TEST(Timeout, CancelsTheInnerTaskAndThrowsTimeoutError) {
  bool inner_cancelled = false;
  vrun([&]() -> task<> {
    const auto start = tg::now();
    EXPECT_THROW(co_await tg::timeout(100ms, [](bool& c) -> task<> {
                   try {
                     co_await tg::sleep_for(10s);
                   } catch (const tg::cancelled&) {
                     c = true;
                     throw;
                   }
                 }(inner_cancelled)),
                 tg::timeout_error);
    EXPECT_EQ(tg::now() - start, std::chrono::milliseconds(100));
    co_await tg::sleep_for(1s);  // the timeout's cancellation does not linger
  }());
  EXPECT_TRUE(inner_cancelled);
}

TEST(Timeout, ReturnsTheValueInTime) {
  EXPECT_EQ(vrun([]() -> task<int> { co_return co_await tg::timeout(1s, sleep_value(10ms, 4)); }()),
            4);
}

TEST(Timeout, OnlyForItsOwnDeadline) {
  vrun([]() -> task<> {
    // Inner deadline first: the inner timeout raises, the outer passes it on.
    EXPECT_THROW(co_await tg::timeout(10s, tg::timeout(1s, sleep_value(1h, 0))), tg::timeout_error);
    // Outer deadline first: the inner timeout must not claim it.
    bool inner_saw_timeout = false;
    try {
      co_await tg::timeout(1s, [](bool& saw) -> task<> {
        try {
          co_await tg::timeout(10s, sleep_value(1h, 0));
        } catch (const tg::timeout_error&) {
          saw = true;
          throw;
        }
      }(inner_saw_timeout));
    } catch (const tg::timeout_error&) {
    }
    EXPECT_FALSE(inner_saw_timeout);
  }());
  // An outside cancellation passes through a timeout unchanged.
  vrun([]() -> task<> {
    auto h = tg::spawn_detached(tg::timeout(10s, sleep_value(1h, 0)));
    co_await tg::sleep_for(1s);
    h.cancel();
    EXPECT_THROW(co_await h, tg::cancelled);
  }());
}

// ---- event ----------------------------------------------------------------------

TEST(Event, WakesEveryWaiterAndWaitIsCancellable) {
  tg::event ev;
  vrun([&]() -> task<> {
    int woken = 0;
    co_await tg::with_group([&](tg::task_group& g) -> task<> {
      for (int i = 0; i < 3; ++i)
        g.spawn([](tg::event& e, int& woken) -> task<> {
          co_await e.wait();
          ++woken;
        }(ev, woken));
      auto stuck = g.spawn([](tg::event& e) -> task<> { co_await e.wait(); }(ev));
      co_await tg::sleep_for(1s);
      EXPECT_EQ(woken, 0);
      stuck.cancel();
      co_await tg::checkpoint();
      EXPECT_TRUE(stuck.cancelled());
      ev.set();
    });
    EXPECT_EQ(woken, 3);
    EXPECT_TRUE(ev.is_set());
    co_await ev.wait();  // already set: no wait
  }());
}

// ---- spawn_detached ---------------------------------------------------------------

TEST(Detached, FailureGoesToTheLoopExceptionHandler) {
  std::vector<std::string> reported;
  tg::run_options opts;
  opts.on_unhandled_exception = [&](std::exception_ptr ep) {
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      reported.push_back(e.what());
    }
  };
  vrun([]() -> task<> {
    tg::spawn_detached([]() -> task<> {
      co_await tg::sleep_for(1ms);
      throw value_error("lost");
    }());
    co_await tg::sleep_for(1s);
  }(),
       std::move(opts));
  EXPECT_EQ(reported, (std::vector<std::string>{"lost"}));
}

TEST(Detached, AnAwaitedFailureIsNotReported) {
  int reported = 0;
  tg::run_options opts;
  opts.on_unhandled_exception = [&](std::exception_ptr) { ++reported; };
  vrun([]() -> task<> {
    auto h = tg::spawn_detached([]() -> task<> {
      co_await tg::sleep_for(1ms);
      throw value_error("seen");
    }());
    EXPECT_THROW(co_await h, value_error);
  }(),
       std::move(opts));
  EXPECT_EQ(reported, 0);
}

}  // namespace
