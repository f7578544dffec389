// tg::to_thread: blocking work on a worker thread while the loop keeps
// running. Also built as tg_to_thread_tsan (ThreadSanitizer). Threads are
// synchronised with each other explicitly, never by sleeping.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "test_util.hpp"

namespace {

using namespace tg_test;
using tg::task;

// A one-shot gate a worker thread can block on until a task opens it.
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

TEST(ToThread, ReturnsTheValueComputedOnAnotherThread) {
  const auto loop_thread = std::this_thread::get_id();
  auto worker_thread = loop_thread;
  int v = tg::run([](std::thread::id& worker) -> task<int> {
    co_return co_await tg::to_thread([&] {
      worker = std::this_thread::get_id();
      return 6 * 7;
    });
  }(worker_thread));
  EXPECT_EQ(v, 42);
  EXPECT_NE(worker_thread, loop_thread);
}

TEST(ToThread, RethrowsTheCallablesException) {
  EXPECT_THROW(tg::run([]() -> task<> {
                 co_await tg::to_thread([] { throw value_error("from thread"); });
               }()),
               value_error);
}

TEST(ToThread, LoopKeepsRunningOtherTasksMeanwhile) {
  // The worker blocks until a task on the loop opens the gate: if to_thread
  // blocked the loop this would never finish.
  // Real time only: in virtual time a thread takes no time, so the loop waits
  // for it before moving the clock, and a thread waiting for a timer would
  // deadlock (documented in docs/runtime.md).
  for (bool virtual_time : {false}) {
    gate gt;
    tg::run_options opts;
    opts.virtual_time = virtual_time;
    int v = tg::run([](gate& gt) -> task<int> {
      int result = 0;
      co_await tg::with_group([&](tg::task_group& grp) -> task<> {
        grp.spawn([](gate& gt, int& result) -> task<> {
          result = co_await tg::to_thread([&] {
            gt.wait();
            return 1;
          });
        }(gt, result));
        grp.spawn([](gate& gt) -> task<> {
          co_await tg::sleep_for(1ms);
          gt.release();
        }(gt));
        co_return;
      });
      co_return result;
    }(gt),
                    std::move(opts));
    EXPECT_EQ(v, 1);
  }
}

TEST(ToThread, CancellationIsDeliveredWhenTheCallableReturns) {
  gate started, finish;
  std::atomic<bool> callable_finished{false};
  bool after_await = false;
  tg::task_handle<int> h;
  tg::run([&]() -> task<> {
    h = tg::spawn_detached([](gate& started, gate& finish, std::atomic<bool>& done,
                              bool& after) -> task<int> {
      int v = co_await tg::to_thread([&] {
        started.release();
        finish.wait();
        done = true;
        return 1;
      });
      after = true;
      co_return v;
    }(started, finish, callable_finished, after_await));
    co_await tg::to_thread([&] { started.wait(); });
    h.cancel();          // the thread cannot be interrupted...
    EXPECT_FALSE(h.done());
    finish.release();    // ...so the task waits for it
    EXPECT_THROW(co_await h, tg::cancelled);
  }());
  EXPECT_TRUE(callable_finished);
  EXPECT_FALSE(after_await);
  EXPECT_TRUE(h.cancelled());
}

TEST(ToThread, ManyInParallelInAGroup) {
  std::atomic<int> sum{0};
  tg::run([](std::atomic<int>& sum) -> task<> {
    co_await tg::with_group([&](tg::task_group& g) -> task<> {
      for (int i = 1; i <= 8; ++i)
        g.spawn([](int i, std::atomic<int>& sum) -> task<> {
          int v = co_await tg::to_thread([i] { return i * i; });
          sum += v;
        }(i, sum));
      co_return;
    });
  }(sum));
  EXPECT_EQ(sum.load(), 204);
}

TEST(ToThread, AFailingSiblingWaitsForTheThreadThenReportsTheGroup) {
  gate finish;
  bool thread_done = false;
  tg::run([](gate& finish, bool& thread_done) -> task<> {
    try {
      co_await tg::with_group([&](tg::task_group& g) -> task<> {
        g.spawn([](gate& finish, bool& thread_done) -> task<> {
          co_await tg::to_thread([&] {
            finish.wait();
            thread_done = true;
          });
        }(finish, thread_done));
        g.spawn([](gate& finish) -> task<> {
          co_await tg::checkpoint();
          finish.release();
          throw value_error("sibling");
        }(finish));
        co_return;
      });
      ADD_FAILURE() << "expected an exception_group";
    } catch (const tg::exception_group& eg) {
      EXPECT_TRUE(eg.contains<value_error>());
    }
  }(finish, thread_done));
  EXPECT_TRUE(thread_done);  // with_group returned only after the thread's task
}

}  // namespace
