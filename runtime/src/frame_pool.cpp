// The frame pool: where the frames of tg::task coroutines come from.
//
// Why: a task is one frame, so the allocator is on the path of every spawn.
// The general-purpose allocator pays for generality we do not need (bins,
// coalescing, headers), and — what costs most with many live frames — it
// gives the memory of a burst back to the system, so that the next burst
// page-faults it in again. A frame's size is a compile-time constant of its
// coroutine, so a program uses a handful of sizes, and a free list per size
// class is exact: a finished child's block is the next child's frame.
//
// Policy: blocks are cached only while a loop runs on the thread (the run's
// peak is what it is likely to need again); when the thread's outermost loop
// exits, every cached block goes back to ::operator delete. So the pool never
// holds memory between runs and nothing is left at thread exit.
//
// Under AddressSanitizer a cached block is poisoned: a use of a freed frame
// is reported (as use-after-poison) until the block is reused. By default the
// pool is compiled out under sanitizers (TG_FRAME_POOL=0), so that ASan's
// quarantine reports heap-use-after-free with the allocation and free stacks.
#include <cstddef>
#include <new>

#include "tg/core.hpp"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TG_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define TG_SANITIZED 1
#endif
#endif

#ifndef TG_FRAME_POOL
#ifdef TG_SANITIZED
#define TG_FRAME_POOL 0
#else
#define TG_FRAME_POOL 1
#endif
#endif

#if defined(__SANITIZE_ADDRESS__)
#define TG_POOL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TG_POOL_ASAN 1
#endif
#endif
#ifdef TG_POOL_ASAN
#include <sanitizer/asan_interface.h>
#define TG_POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define TG_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define TG_POISON(p, n) ((void)(p), (void)(n))
#define TG_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

namespace tg::detail {

// Called by the loop (loop.cpp): the pool caches only while a loop runs.
void frame_pool_enter() noexcept;
void frame_pool_leave() noexcept;

#if TG_FRAME_POOL
namespace {

constexpr std::size_t kGranule = 16;      // operator new's alignment on x86-64 and AArch64
constexpr std::size_t kMaxPooled = 2048;  // larger frames are rare: plain operator new
constexpr std::size_t kClasses = kMaxPooled / kGranule;

struct free_block {
  free_block* next;
};

// Trivially destructible and constant-initialised: no TLS guard on the hot path.
struct pool {
  free_block* heads[kClasses];
  std::size_t cached_blocks;
  std::size_t cached_bytes;
  int loops;  // loops running on this thread
};
constinit thread_local pool t_pool{};

std::size_t rounded(std::size_t size) noexcept { return (size + kGranule - 1) & ~(kGranule - 1); }

}  // namespace

void* allocate_frame(std::size_t size) {
  const std::size_t bytes = rounded(size);
  if (bytes <= kMaxPooled) {
    pool& p = t_pool;
    free_block*& head = p.heads[bytes / kGranule - 1];
    if (free_block* b = head) {
      TG_UNPOISON(b, bytes);
      head = b->next;
      --p.cached_blocks;
      p.cached_bytes -= bytes;
      return b;
    }
  }
  return ::operator new(bytes);
}

void deallocate_frame(void* ptr, std::size_t size) noexcept {
  const std::size_t bytes = rounded(size);
  pool& p = t_pool;
  if (bytes <= kMaxPooled && p.loops > 0) {
    free_block*& head = p.heads[bytes / kGranule - 1];
    auto* b = static_cast<free_block*>(ptr);
    b->next = head;
    head = b;
    ++p.cached_blocks;
    p.cached_bytes += bytes;
    TG_POISON(b, bytes);
    return;
  }
  ::operator delete(ptr, bytes);
}

frame_pool_stats frame_pool_statistics() noexcept {
  return {true, t_pool.cached_blocks, t_pool.cached_bytes};
}

void frame_pool_release() noexcept {
  pool& p = t_pool;
  for (std::size_t c = 0; c < kClasses; ++c) {
    const std::size_t bytes = (c + 1) * kGranule;
    while (free_block* b = p.heads[c]) {
      TG_UNPOISON(b, bytes);
      p.heads[c] = b->next;
      ::operator delete(b, bytes);
    }
  }
  p.cached_blocks = 0;
  p.cached_bytes = 0;
}

void frame_pool_enter() noexcept { ++t_pool.loops; }
void frame_pool_leave() noexcept {
  if (--t_pool.loops == 0) frame_pool_release();
}

#else  // !TG_FRAME_POOL

void* allocate_frame(std::size_t size) { return ::operator new(size); }
void deallocate_frame(void* ptr, std::size_t size) noexcept { ::operator delete(ptr, size); }
frame_pool_stats frame_pool_statistics() noexcept { return {false, 0, 0}; }
void frame_pool_release() noexcept {}
void frame_pool_enter() noexcept {}
void frame_pool_leave() noexcept {}

#endif

}  // namespace tg::detail
