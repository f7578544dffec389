// Mock of <coro/latch.hpp>: co_await waits until count_down() reached zero.
#pragma once
#include <coro/event.hpp>
#include <cstddef>
#include <cstdint>

namespace coro {
class latch {
public:
  explicit latch(std::int64_t count) noexcept;
  latch(const latch &) = delete;
  auto is_ready() const noexcept -> bool;
  auto remaining() const noexcept -> std::size_t;
  auto count_down(std::int64_t n = 1) noexcept -> void;
  auto operator co_await() const noexcept -> event::awaiter;
};
} // namespace coro
