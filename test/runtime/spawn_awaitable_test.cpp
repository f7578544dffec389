// spawn and spawn_detached take any awaitable (issue 13), as asyncio's
// create_task(asyncio.sleep(1)) does: the awaitable runs as a child task (one
// frame, which holds it) that yields its result. Not awaitable: a compile-time
// error, checked by the runtime.spawn_not_awaitable.* tests
// (spawn_not_awaitable.cpp).
#include <type_traits>

#include "test_util.hpp"

namespace {

using namespace tg_test;
using tg::task;

// A user awaiter that completes at once with a value.
struct ready_value {
  int v;
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  int await_resume() const noexcept { return v; }
};

// A type awaitable through a free operator co_await, yielding a reference.
struct boxed {
  std::string s;
};
struct boxed_awaiter {
  boxed* b;
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  const std::string& await_resume() const noexcept { return b->s; }
};
boxed_awaiter operator co_await(boxed&& b) noexcept { return {&b}; }

TEST(SpawnAwaitable, ResultTypeIsWhatTheAwaitableYields) {
  using group = tg::task_group;
  static_assert(std::is_same_v<decltype(std::declval<group&>().spawn(tg::sleep_for(1s))), tg::task_handle<void>>);
  static_assert(std::is_same_v<decltype(std::declval<group&>().spawn(tg::checkpoint())), tg::task_handle<void>>);
  static_assert(std::is_same_v<decltype(std::declval<group&>().spawn(ready_value{1})), tg::task_handle<int>>);
  static_assert(std::is_same_v<decltype(std::declval<group&>().spawn(std::declval<tg::task_handle<long>&>())),
                               tg::task_handle<long>>);
  // A reference result is stored by value in the child's frame.
  static_assert(std::is_same_v<decltype(std::declval<group&>().spawn(boxed{})), tg::task_handle<std::string>>);
  static_assert(std::is_same_v<decltype(tg::spawn_detached(tg::sleep_for(1s))), tg::task_handle<void>>);
  // Tasks still take the direct path: no wrapper.
  static_assert(std::is_same_v<decltype(std::declval<group&>().spawn(std::declval<task<int>>())), tg::task_handle<int>>);
}

TEST(SpawnAwaitable, BareSleepIsAChildThatSleeps) {
  vrun([]() -> task<> {
    const auto start = tg::now();
    tg::task_handle<> h;
    co_await tg::with_group([&](tg::task_group& g) -> task<> {
      h = g.spawn(tg::sleep_for(1s));  // asyncio: g.create_task(asyncio.sleep(1))
      EXPECT_EQ(g.size(), 1u);
      EXPECT_FALSE(h.done());
      co_return;
    });
    EXPECT_EQ(elapsed(start), 1.0);  // the group waited for the sleep
    EXPECT_TRUE(h.done());
    EXPECT_FALSE(h.cancelled());
    EXPECT_NO_THROW(h.result());
  }());
}

TEST(SpawnAwaitable, SleepUntilAndCheckpointAndValues) {
  vrun([]() -> task<> {
    const auto start = tg::now();
    tg::task_handle<int> v;
    tg::task_handle<std::string> s;
    tg::task_handle<int> forwarded;
    co_await tg::with_group([&](tg::task_group& g) -> task<> {
      g.spawn(tg::sleep_until(start + 2s));
      g.spawn(tg::checkpoint());
      v = g.spawn(ready_value{7});
      s = g.spawn(boxed{"kept in the frame"});
      forwarded = g.spawn(v);  // a handle is awaitable: this child waits for the other
      co_return;
    });
    EXPECT_EQ(elapsed(start), 2.0);
    EXPECT_EQ(v.result(), 7);
    EXPECT_EQ(s.result(), "kept in the frame");
    EXPECT_EQ(forwarded.result(), 7);
  }());
}

TEST(SpawnAwaitable, AnLvalueAwaitableIsCopied) {
  vrun([]() -> task<> {
    auto nap_1s = tg::sleep_for(1s);
    const auto start = tg::now();
    co_await tg::with_group([&](tg::task_group& g) -> task<> {
      g.spawn(nap_1s);
      g.spawn(nap_1s);  // two children, each with its own copy
      EXPECT_EQ(g.size(), 2u);
      co_return;
    });
    EXPECT_EQ(elapsed(start), 1.0);
  }());
}

// test_taskgroup_12 spawns a bare asyncio.sleep(10) next to an inner group
// (see taskgroups_test.cpp); this is the same with the failure coming from
// the bare sleep's sibling and the sleep cancelled by it.
TEST(SpawnAwaitable, ABareSleepIsCancelledWithItsGroup) {
  vrun([]() -> task<> {
    tg::task_handle<> sleeper;
    bool raised = false;
    try {
      co_await tg::with_group([&](tg::task_group& g) -> task<> {
        sleeper = g.spawn(tg::sleep_for(10s));
        g.spawn(sleep_then_fail(100ms));
        co_return;
      });
    } catch (const tg::exception_group& eg) {
      raised = true;
      EXPECT_EQ(error_types(eg), types<value_error>());  // the cancelled sleep is no error
    }
    EXPECT_TRUE(raised);
    EXPECT_TRUE(sleeper.cancelled());
  }());
}

TEST(SpawnAwaitable, CancellingTheHandleOfABareSleep) {
  vrun([]() -> task<> {
    const auto start = tg::now();
    co_await tg::with_group([&](tg::task_group& g) -> task<> {
      auto h = g.spawn(tg::sleep_for(1h));
      co_await tg::sleep_for(1s);
      EXPECT_TRUE(h.cancel());
      EXPECT_THROW(co_await h, tg::cancelled);
    });
    EXPECT_EQ(elapsed(start), 1.0);
  }());
}

TEST(SpawnAwaitable, WaitingOnAnEventAsAChild) {
  tg::event ev;
  vrun([&]() -> task<> {
    const auto start = tg::now();
    co_await tg::with_group([&](tg::task_group& g) -> task<> {
      g.spawn(ev.wait());
      co_await tg::sleep_for(3s);
      ev.set();
    });
    EXPECT_EQ(elapsed(start), 3.0);
  }());
}

TEST(SpawnAwaitable, ClosedGroupRefusesAnAwaitable) {
  bool refused = false;
  vrun([&]() -> task<> {
    try {
      co_await tg::with_group([&](tg::task_group& g) -> task<> {
        g.spawn(sleep_then_fail(1ms));
        try {
          co_await tg::sleep_for(1s);
        } catch (const tg::cancelled&) {
          try {
            g.spawn(tg::checkpoint());
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

TEST(SpawnAwaitable, DetachedBareSleep) {
  vrun([]() -> task<> {
    const auto start = tg::now();
    auto h = tg::spawn_detached(tg::sleep_for(5s));
    co_await h;
    EXPECT_EQ(elapsed(start), 5.0);
    auto v = tg::spawn_detached(ready_value{3});
    EXPECT_EQ(co_await v, 3);
  }());
}

}  // namespace
