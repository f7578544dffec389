// Mock of libcoro's <coro/task.hpp> (jbaldwin/libcoro): only the shapes the
// checks need. Real facts kept: coro::task<T = void> is a [[nodiscard]],
// move-only, lazy coroutine type (initial_suspend is suspend_always); its
// promise stores an unhandled exception and co_await rethrows it.
#pragma once
#include "mock_coroutine.h"

namespace coro {
template <class return_type = void> class [[nodiscard]] task : public mock::awaitable_base<return_type> {
public:
  using promise_type = mock::promise_for<task, return_type>;
  task() noexcept = default;
  task(task &&) noexcept = default;
  task(const task &) = delete;
  auto operator=(task &&) noexcept -> task & = default;
  auto operator=(const task &) -> task & = delete;
  auto is_ready() const noexcept -> bool;
  auto resume() -> bool;
  auto destroy() -> bool;
};
} // namespace coro
