// tg::generator<T> and the generator form of tg::with_group. Virtual time
// throughout: the times asserted are exact.
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "test_util.hpp"

namespace {

using namespace tg_test;
using tg::task;

// Sets its flag when destroyed (a moved-from one does not).
struct destroyed_flag {
  bool* flag;
  explicit destroyed_flag(bool& f) noexcept : flag(&f) {}
  destroyed_flag(destroyed_flag&& o) noexcept : flag(std::exchange(o.flag, nullptr)) {}
  ~destroyed_flag() {
    if (flag) *flag = true;
  }
};

tg::generator<int> count_to(int n) {
  for (int i = 1; i <= n; ++i) co_yield i;
}

TEST(Generator, YieldsValuesInOrderThenNullopt) {
  std::vector<int> got;
  bool ended = false;
  vrun([&]() -> task<> {
    auto gen = count_to(3);
    while (auto v = co_await gen.next()) got.push_back(*v);
    ended = !(co_await gen.next()).has_value();  // still nullopt after the end
  }());
  EXPECT_EQ(got, (std::vector<int>{1, 2, 3}));
  EXPECT_TRUE(ended);
}

TEST(Generator, NothingRunsBeforeTheFirstPull) {
  int steps = 0;
  vrun([&]() -> task<> {
    auto gen = [](int& steps) -> tg::generator<int> {
      ++steps;
      co_yield 1;
      ++steps;
    }(steps);
    co_await tg::sleep_for(1s);
    EXPECT_EQ(steps, 0);
    EXPECT_EQ(co_await gen.next(), std::optional<int>(1));
    EXPECT_EQ(steps, 1);  // stopped at the co_yield
  }());
  EXPECT_EQ(steps, 1);
}

TEST(Generator, AwaitsInTheBodyParkTheConsumer) {
  std::vector<double> arrivals;
  vrun([&]() -> task<> {
    const auto start = tg::now();
    auto gen = []() -> tg::generator<std::string> {
      co_await tg::sleep_for(10ms);
      co_yield "a";
      co_await tg::sleep_for(20ms);
      co_yield "b";
    }();
    while (auto v = co_await gen.next()) arrivals.push_back(elapsed(start));
    arrivals.push_back(elapsed(start));  // the end
  }());
  EXPECT_EQ(arrivals, (std::vector<double>{0.010, 0.030, 0.030}));
}

TEST(Generator, ExceptionFromTheBodyReachesNextThenItHasEnded) {
  std::vector<int> got;
  std::string error;
  bool ended_after_error = false;
  vrun([&]() -> task<> {
    auto gen = []() -> tg::generator<int> {
      co_yield 1;
      co_await tg::sleep_for(5ms);
      throw value_error("generator failed");
    }();
    try {
      while (auto v = co_await gen.next()) got.push_back(*v);
    } catch (const value_error& e) {
      error = e.what();
    }
    ended_after_error = !(co_await gen.next()).has_value();
  }());
  EXPECT_EQ(got, (std::vector<int>{1}));
  EXPECT_EQ(error, "generator failed");
  EXPECT_TRUE(ended_after_error);
}

TEST(Generator, CancellingTheConsumerInterruptsTheGeneratorsSleep) {
  bool local_destroyed = false, frame_destroyed = false, woke_after_sleep = false;
  bool timed_out = false;
  double timed_out_at = -1;
  std::vector<int> got;
  vrun([&]() -> task<> {
    const auto start = tg::now();
    auto ticks = [](destroyed_flag, bool& local_destroyed, bool& woke) -> tg::generator<int> {
      destroyed_flag local{local_destroyed};
      for (int i = 1;; ++i) {
        co_await tg::sleep_for(10ms);
        woke = i > 1;
        co_yield i;
      }
    };
    try {
      co_await tg::timeout(15ms, [&]() -> task<> {
        auto gen = ticks(destroyed_flag{frame_destroyed}, local_destroyed, woke_after_sleep);
        while (auto v = co_await gen.next()) got.push_back(*v);
      }());
    } catch (const tg::timeout_error&) {
      timed_out = true;
      timed_out_at = elapsed(start);
    }
  }());
  EXPECT_TRUE(timed_out);
  EXPECT_EQ(timed_out_at, 0.015);  // not 0.020: the second sleep was interrupted
  EXPECT_EQ(got, (std::vector<int>{1}));
  EXPECT_FALSE(woke_after_sleep);
  EXPECT_TRUE(local_destroyed);
  EXPECT_TRUE(frame_destroyed);  // a parameter lives in the frame: it is gone
}

TEST(Generator, DroppingAnUnfinishedGeneratorDestroysItsFrame) {
  bool local_destroyed = false, resumed_after_yield = false;
  bool destroyed_while_held = true, destroyed_by_drop = false;
  vrun([&]() -> task<> {
    {
      auto gen = [](bool& local_destroyed, bool& resumed) -> tg::generator<int> {
        destroyed_flag local{local_destroyed};
        co_yield 1;
        resumed = true;
        co_yield 2;
      }(local_destroyed, resumed_after_yield);
      EXPECT_EQ(co_await gen.next(), std::optional<int>(1));
      destroyed_while_held = local_destroyed;
    }
    destroyed_by_drop = local_destroyed;
    co_return;
  }());
  EXPECT_FALSE(destroyed_while_held);
  EXPECT_TRUE(destroyed_by_drop);
  EXPECT_FALSE(resumed_after_yield);
}

TEST(Generator, NextWhileAnotherNextIsPendingThrowsLogicError) {
  std::string error;
  std::optional<int> first_puller_got;
  vrun([&]() -> task<> {
    auto gen = []() -> tg::generator<int> {
      co_await tg::sleep_for(10ms);
      co_yield 7;
    }();
    co_await tg::with_group([&](tg::task_group& g) -> task<> {
      g.spawn([](tg::generator<int>& gen, std::optional<int>& got) -> task<> {
        got = co_await gen.next();  // parks in the generator's sleep
      }(gen, first_puller_got));
      co_await tg::checkpoint();  // let it start pulling
      try {
        co_await gen.next();
      } catch (const std::logic_error& e) {
        error = e.what();
      }
    });
  }());
  EXPECT_NE(error.find("still pending"), std::string::npos) << error;
  EXPECT_EQ(first_puller_got, std::optional<int>(7));  // the first pull was not disturbed
}

TEST(Generator, NextOnAnEmptyGeneratorThrowsLogicError) {
  int thrown = 0;
  vrun([&]() -> task<> {
    tg::generator<int> never_assigned;
    auto gen = count_to(1);
    auto moved_to = std::move(gen);
    for (tg::generator<int>* empty : {&never_assigned, &gen}) {
      try {
        co_await empty->next();
      } catch (const std::logic_error& e) {
        if (std::string(e.what()).find("empty generator") != std::string::npos) ++thrown;
      }
    }
    EXPECT_EQ(co_await moved_to.next(), std::optional<int>(1));
  }());
  EXPECT_EQ(thrown, 2);
}

// ---- with_group with a generator body ----------------------------------------

TEST(GeneratorWithGroup, ValuesReachTheConsumer) {
  std::vector<int> got;
  vrun([&]() -> task<> {
    auto gen = tg::with_group([](tg::task_group& g) -> tg::generator<int> {
      auto h = g.spawn(sleep_value(10ms, 20));
      co_yield 10;
      co_yield co_await h;
      co_yield 30;
    });
    while (auto v = co_await gen.next()) got.push_back(*v);
  }());
  EXPECT_EQ(got, (std::vector<int>{10, 20, 30}));
}

TEST(GeneratorWithGroup, ChildrenCompleteBeforeTheGeneratorEnds) {
  bool child_done = false, child_done_at_end = false;
  double ended_at = -1;
  std::vector<int> got;
  vrun([&]() -> task<> {
    const auto start = tg::now();
    auto gen = tg::with_group([&](tg::task_group& g) -> tg::generator<int> {
      g.spawn([](bool& done) -> task<> {
        co_await tg::sleep_for(30ms);
        done = true;
      }(child_done));
      co_yield 1;
    });
    while (auto v = co_await gen.next()) got.push_back(*v);
    child_done_at_end = child_done;
    ended_at = elapsed(start);
  }());
  EXPECT_EQ(got, (std::vector<int>{1}));
  EXPECT_TRUE(child_done_at_end);
  EXPECT_EQ(ended_at, 0.030);
}

TEST(GeneratorWithGroup, ChildFailureComesOutOfNextAsExceptionGroup) {
  std::vector<int> got;
  bool has_value_error = false;
  std::size_t members = 0;
  double failed_at = -1;
  vrun([&]() -> task<> {
    const auto start = tg::now();
    auto gen = tg::with_group([](tg::task_group& g) -> tg::generator<int> {
      g.spawn(sleep_then_fail(10ms));
      co_yield 1;
      co_await tg::sleep_for(50ms);  // cancelled by the group at 10 ms
      co_yield 2;
    });
    try {
      while (auto v = co_await gen.next()) got.push_back(*v);
    } catch (const tg::exception_group& eg) {
      has_value_error = eg.contains<value_error>();
      members = eg.exceptions().size();
      failed_at = elapsed(start);
    }
  }());
  EXPECT_EQ(got, (std::vector<int>{1}));
  EXPECT_TRUE(has_value_error);
  EXPECT_EQ(members, 1u);  // the body's cancellation is not a member
  EXPECT_EQ(failed_at, 0.010);
}

}  // namespace
