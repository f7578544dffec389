// Mock of <coro/event.hpp>: a manual-reset event; co_await waits for set().
#pragma once
#include "mock_coroutine.h"

namespace coro {
class event {
public:
  struct awaiter : mock::awaitable_base<void> {};
  explicit event(bool initially_set = false) noexcept;
  event(const event &) = delete;
  auto is_set() const noexcept -> bool;
  auto set() noexcept -> void;
  // Resumes the waiters on an executor (real: constrained on concepts::executor).
  template <class executor_type> auto set(executor_type &e) noexcept -> void;
  auto reset() noexcept -> void;
  auto operator co_await() const noexcept -> awaiter;
};
} // namespace coro
