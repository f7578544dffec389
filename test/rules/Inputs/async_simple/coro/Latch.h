// Mock of async_simple/coro/Latch.h: every operation is a Lazy to co_await.
#pragma once
#include <async_simple/coro/Lazy.h>
#include <cstddef>

namespace async_simple::coro {
class Latch {
public:
  explicit Latch(std::size_t count) {}
  Latch(const Latch &) = delete;
  Lazy<void> count_down(std::size_t update = 1);
  Lazy<bool> try_wait() const noexcept;
  Lazy<void> wait() const noexcept;
  Lazy<void> arrive_and_wait(std::size_t update = 1) noexcept;
};
} // namespace async_simple::coro
