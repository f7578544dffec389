// The frame pool (runtime/src/frame_pool.cpp): frames are recycled while a
// loop runs and given back when the thread's outermost loop exits. Built into
// tg_tests (pool on) and tg_tests_asan_pool (pool on, under ASan, where a
// cached block is poisoned); in the other sanitizer builds the pool is off
// and these tests say so.
#include "test_util.hpp"

namespace {

using namespace tg_test;
using tg::task;

task<int> leaf(int i) { co_return i; }

TEST(FramePool, RecyclesWithinARunAndReleasesAtItsEnd) {
  if (!tg::detail::frame_pool_statistics().enabled) GTEST_SKIP() << "built without the frame pool";
  vrun([]() -> task<> {
    co_await tg::with_group([](tg::task_group& g) -> task<> {
      for (int i = 0; i < 100; ++i) g.spawn(leaf(i));
      co_return;
    });
    const auto after_first = tg::detail::frame_pool_statistics();
    EXPECT_GE(after_first.cached_blocks, 100u);  // the children's frames, kept
    co_await tg::with_group([](tg::task_group& g) -> task<> {
      for (int i = 0; i < 100; ++i) g.spawn(leaf(i));
      co_return;
    });
    // The second round reused them: the pool did not grow.
    EXPECT_EQ(tg::detail::frame_pool_statistics().cached_blocks, after_first.cached_blocks);
  }());
  EXPECT_EQ(tg::detail::frame_pool_statistics().cached_blocks, 0u);  // given back at loop exit
}

TEST(FramePool, NestedLoopsReleaseOnlyAtTheOutermost) {
  if (!tg::detail::frame_pool_statistics().enabled) GTEST_SKIP() << "built without the frame pool";
  vrun([]() -> task<> {
    auto h = tg::spawn_detached(leaf(1));
    co_await h;
    h = {};
    const auto cached = tg::detail::frame_pool_statistics().cached_blocks;
    EXPECT_GE(cached, 1u);
    EXPECT_EQ(tg::run(leaf(2)), 2);  // a nested loop (the blocking-call hazard, but legal)
    EXPECT_GE(tg::detail::frame_pool_statistics().cached_blocks, cached);
  }());
  EXPECT_EQ(tg::detail::frame_pool_statistics().cached_blocks, 0u);
}

#if TG_TEST_ASAN
// Reads a byte of a child's frame after its last handle was dropped.
void read_freed_frame() {
  vrun([]() -> task<> {
    const volatile char* frame = nullptr;
    {
      auto h = tg::spawn_detached(leaf(4));
      co_await h;
      // A task_handle is its coroutine handle, i.e. the frame's address.
      frame = *reinterpret_cast<const volatile char* const*>(&h);
    }  // the last reference: the frame is freed (into the pool, if there is one)
    (void)frame[0];
  }());
}

TEST(FramePool, AFreedFrameIsCaughtByAddressSanitizer) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  // With the pool the block is poisoned while cached; without it ASan's
  // quarantine holds it.
  EXPECT_DEATH(read_freed_frame(), tg::detail::frame_pool_statistics().enabled
                                       ? "use-after-poison"
                                       : "heap-use-after-free");
}
#endif

}  // namespace
