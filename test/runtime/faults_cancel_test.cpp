// Fault injection, part 3: a group cancelled from outside while something
// else happens to it, in every order of the two events.
//
// The group X runs in task T, with a child that fails at event B and a child
// that waits forever. Event A cancels X: a child of another group cancelling
// T's handle, T's tg::timeout expiring, or a task whose to_thread call
// returns cancelling T. The orders: A before B, B before A, and A and B in
// the same instant (in virtual time: both timers due at once, fired in the
// order they were armed). In each order the outcome is fixed by the
// semantics (docs/runtime.md): whatever comes first wins, and in the same
// instant a wait that completed is not undone, so the failing child fails
// and errors take priority over the cancellation. The to_thread variants run
// real threads (this file is also built under ThreadSanitizer); their orders
// are made by gates, never by sleeping, and "at once" is a real race whose
// outcome the test accepts either way while checking everything else.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "test_util.hpp"

namespace {

using namespace tg_test;
using tg::task;

enum class outcome { ok, cancelled, failed, timed_out };

const char* name(outcome o) {
  switch (o) {
    case outcome::ok: return "ok";
    case outcome::cancelled: return "cancelled";
    case outcome::failed: return "exception_group";
    case outcome::timed_out: return "timeout_error";
  }
  return "?";
}

struct record {
  outcome x = outcome::ok;  // what T's with_group ended with
  bool children_done_at_exit = false;
  bool failer_failed = false;
  bool waiter_cancelled = false;
  double x_ended_at = -1;
  bool outer_failed = false;  // the group T is a child of
};

task<> failer(tg::duration at, bool& failed) {
  co_await tg::sleep_for(at);
  failed = true;
  throw value_error("B: a child of X failed");
}

task<> waiter(bool& cancelled) {
  try {
    co_await tg::sleep_for(24h);
  } catch (const tg::cancelled&) {
    cancelled = true;
    throw;
  }
}

// The group X, in the task that awaits this. The failing child is spawned
// first (its timer is armed when it first runs).
task<> group_x(tg::duration b_at, record& r, tg::time_point start) {
  std::vector<tg::task_handle<>> children;
  try {
    co_await tg::with_group([&](tg::task_group& g) -> task<> {
      children.push_back(g.spawn(failer(b_at, r.failer_failed)));
      children.push_back(g.spawn(waiter(r.waiter_cancelled)));
      co_return;
    });
  } catch (const tg::exception_group& eg) {
    r.x = outcome::failed;
    EXPECT_EQ(eg.exceptions().size(), 1u);
    EXPECT_TRUE(eg.contains<value_error>());
  } catch (const tg::cancelled&) {
    r.x = outcome::cancelled;
  }
  r.x_ended_at = elapsed(start);
  r.children_done_at_exit = true;
  for (auto& h : children) r.children_done_at_exit &= h.done();
  if (r.x == outcome::failed) throw value_error("T failed");
  if (r.x == outcome::cancelled) throw tg::cancelled{};
}

void expect_consistent(const record& r) {
  EXPECT_TRUE(r.children_done_at_exit);
  EXPECT_TRUE(r.waiter_cancelled);  // whichever event won, the waiter was cancelled
  EXPECT_EQ(r.x == outcome::failed, r.failer_failed);
}

// ---- A = a child of another group cancels T --------------------------------

// `a_first_armed`: in the same instant, whose timer was armed first.
record cancel_from_another_group(tg::duration a_at, tg::duration b_at, bool a_first_armed) {
  record r;
  vrun([&]() -> task<> {
    const auto start = tg::now();
    tg::task_handle<> t;
    tg::event t_spawned;
    try {
    co_await tg::with_group([&](tg::task_group& outer) -> task<> {
      // A coroutine lambda's captures live in the lambda object, which would
      // die with this body before the child ends: parameters, then.
      auto canceller = [](tg::task_handle<>& t, tg::event& spawned, tg::duration at) -> task<> {
        co_await tg::with_group([&](tg::task_group& y) -> task<> {  // the other group, Y
          y.spawn([](tg::task_handle<>& t, tg::event& spawned, tg::duration at) -> task<> {
            co_await spawned.wait();
            co_await tg::sleep_for(at);
            t.cancel();  // A
          }(t, spawned, at));
          co_return;
        });
      };
      if (a_first_armed) outer.spawn(canceller(t, t_spawned, a_at));
      t = outer.spawn(group_x(b_at, r, start));
      t_spawned.set();
      if (!a_first_armed) {
        co_await tg::checkpoint();  // T's children arm their timers first
        co_await tg::checkpoint();
        outer.spawn(canceller(t, t_spawned, a_at));
      }
      co_return;
    });
    } catch (const tg::exception_group& eg) {
      r.outer_failed = eg.contains<value_error>();
    }
  }());
  return r;
}

TEST(FaultsCancel, FromAnotherGroupsChildCancelFirst) {
  for (bool armed_first : {true, false}) {
    auto r = cancel_from_another_group(1s, 2s, armed_first);
    EXPECT_EQ(r.x, outcome::cancelled) << name(r.x);
    EXPECT_EQ(r.x_ended_at, 1.0);
    expect_consistent(r);
  }
}

TEST(FaultsCancel, FromAnotherGroupsChildInEveryOrder) {
  struct order {
    tg::duration a, b;
    bool a_first_armed;
    outcome expected;
  };
  for (const order& o : {order{1s, 2s, true, outcome::cancelled}, order{1s, 2s, false, outcome::cancelled},
                         order{2s, 1s, true, outcome::failed}, order{2s, 1s, false, outcome::failed},
                         order{1s, 1s, true, outcome::failed}, order{1s, 1s, false, outcome::failed}}) {
    const record r = cancel_from_another_group(o.a, o.b, o.a_first_armed);
    EXPECT_EQ(r.x, o.expected) << name(r.x) << " a=" << o.a.count() << " b=" << o.b.count()
                               << " a_first_armed=" << o.a_first_armed;
    EXPECT_EQ(r.outer_failed, o.expected == outcome::failed);  // a cancelled child is no failure
    expect_consistent(r);
  }
}

// ---- A = T's timeout expires -------------------------------------------------

record cancel_by_timeout(tg::duration a_at, tg::duration b_at) {
  record r;
  vrun([&]() -> task<> {
    const auto start = tg::now();
    try {
      co_await tg::timeout(a_at, group_x(b_at, r, start));
    } catch (const tg::timeout_error&) {
      r.x = outcome::timed_out;  // X itself saw cancelled
    } catch (const value_error&) {
    }
  }());
  return r;
}

TEST(FaultsCancel, FromATimeoutInEveryOrder) {
  auto first = cancel_by_timeout(1s, 2s);  // the deadline first
  EXPECT_EQ(first.x, outcome::timed_out) << name(first.x);
  EXPECT_EQ(first.x_ended_at, 1.0);
  EXPECT_FALSE(first.failer_failed);
  EXPECT_TRUE(first.children_done_at_exit && first.waiter_cancelled);

  auto second = cancel_by_timeout(2s, 1s);  // the failure first
  EXPECT_EQ(second.x, outcome::failed) << name(second.x);
  EXPECT_EQ(second.x_ended_at, 1.0);
  expect_consistent(second);

  // Same instant: the deadline was armed first and fires first, but the
  // failing child's sleep has completed too: it fails, errors win.
  auto both = cancel_by_timeout(1s, 1s);
  EXPECT_EQ(both.x, outcome::failed) << name(both.x);
  expect_consistent(both);
}

// ---- A = a to_thread call returns, and its task cancels T ----------------------

struct gate {
  std::mutex m;
  std::condition_variable cv;
  bool open = false;
  void release() {
    std::lock_guard lock(m);
    open = true;
    cv.notify_all();
  }
  void wait() {
    std::unique_lock lock(m);
    cv.wait(lock, [this] { return open; });
  }
};

enum class thread_order { thread_first, failure_first, at_once };

// X's failing child waits for an event instead of a timer, so that the loop
// decides when B happens: the controller sets it.
record cancel_from_thread(thread_order order) {
  record r;
  gate g;
  tg::run([&]() -> task<> {
    const auto start = tg::now();
    tg::task_handle<> t;
    tg::event fail_now;
    bool thread_returned = false;
    try {
      co_await tg::with_group([&](tg::task_group& outer) -> task<> {
        t = outer.spawn([](tg::event& fail_now, record& r, tg::time_point start) -> task<> {
          std::vector<tg::task_handle<>> children;
          try {
            co_await tg::with_group([&](tg::task_group& x) -> task<> {
              children.push_back(x.spawn([](tg::event& e, bool& failed) -> task<> {
                co_await e.wait();
                failed = true;
                throw value_error("B");
              }(fail_now, r.failer_failed)));
              children.push_back(x.spawn(waiter(r.waiter_cancelled)));
              co_return;
            });
          } catch (const tg::exception_group&) {
            r.x = outcome::failed;
          } catch (const tg::cancelled&) {
            r.x = outcome::cancelled;
          }
          r.children_done_at_exit = true;
          for (auto& h : children) r.children_done_at_exit &= h.done();
          if (r.x == outcome::cancelled) throw tg::cancelled{};
          (void)start;
        }(fail_now, r, start));
        outer.spawn([](gate& g, tg::task_handle<>& t, bool& returned) -> task<> {
          co_await tg::to_thread([&g] { g.wait(); });
          returned = true;
          t.cancel();  // A
        }(g, t, thread_returned));
        // The controller: the body of the outer group.
        co_await tg::checkpoint();
        co_await tg::checkpoint();  // everyone is waiting now
        switch (order) {
          case thread_order::thread_first:
            g.release();
            // A has happened once T is done (cancelled); only then B.
            while (!t.done()) co_await tg::checkpoint();
            EXPECT_TRUE(thread_returned);
            fail_now.set();
            break;
          case thread_order::failure_first:
            fail_now.set();
            while (!t.done()) co_await tg::checkpoint();
            g.release();
            break;
          case thread_order::at_once:
            g.release();
            fail_now.set();
            break;
        }
      });
    } catch (const tg::exception_group&) {
      // T never fails (its with_group's error is caught inside it).
      ADD_FAILURE() << "the outer group failed";
    }
  }());
  return r;
}

TEST(FaultsCancel, FromToThreadCompletionInEveryOrder) {
  auto thread_first = cancel_from_thread(thread_order::thread_first);
  EXPECT_EQ(thread_first.x, outcome::cancelled) << name(thread_first.x);
  EXPECT_FALSE(thread_first.failer_failed);
  EXPECT_TRUE(thread_first.children_done_at_exit && thread_first.waiter_cancelled);

  auto failure_first = cancel_from_thread(thread_order::failure_first);
  EXPECT_EQ(failure_first.x, outcome::failed) << name(failure_first.x);
  expect_consistent(failure_first);

  for (int i = 0; i < 20; ++i) {  // a real race: either outcome, never anything else
    auto r = cancel_from_thread(thread_order::at_once);
    EXPECT_TRUE(r.x == outcome::failed || r.x == outcome::cancelled) << name(r.x);
    EXPECT_TRUE(r.children_done_at_exit);
    EXPECT_TRUE(r.waiter_cancelled);
  }
}

// A thread inside X: its cancellation is deferred until it returns, so X
// ends when the later of (cancel, thread completion) happens.
TEST(FaultsCancel, ThreadInsideTheCancelledGroupIsAwaited) {
  for (bool cancel_first : {true, false}) {
    gate g;
    std::atomic<bool> thread_done{false};
    bool x_cancelled = false, thread_done_when_x_ended = false;
    tg::run([&]() -> task<> {
      auto t = tg::spawn_detached([](gate& g, std::atomic<bool>& done, bool& x_cancelled,
                                     bool& done_at_end) -> task<> {
        try {
          co_await tg::with_group([&](tg::task_group& x) -> task<> {
            x.spawn(tg::to_thread([&] {
              g.wait();
              done = true;
            }));
            co_return;
          });
        } catch (const tg::cancelled&) {
          x_cancelled = true;
          done_at_end = done;
          throw;
        }
        done_at_end = done;
      }(g, thread_done, x_cancelled, thread_done_when_x_ended));
      co_await tg::checkpoint();
      co_await tg::checkpoint();
      if (cancel_first) {
        t.cancel();
        co_await tg::checkpoint();
        EXPECT_FALSE(t.done());  // X waits for the thread
        g.release();
      } else {
        g.release();
        while (!thread_done) co_await tg::checkpoint();
        t.cancel();
      }
      try {
        co_await t;
      } catch (const tg::cancelled&) {
      }
    }());
    EXPECT_TRUE(thread_done_when_x_ended) << "X ended before its thread";
    EXPECT_TRUE(thread_done);
    (void)x_cancelled;
  }
}

}  // namespace
