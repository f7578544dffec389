// Mock of <coro/thread_pool_ws.hpp> (work-stealing pool, newer releases):
// spawn_detached / spawn_joinable take the task by value.
#pragma once
#include <coro/thread_pool.hpp>

namespace coro {
class thread_pool_ws {
public:
  using schedule_operation = thread_pool::schedule_operation;
  using options = thread_pool::options;
  static auto make_unique() -> std::unique_ptr<thread_pool_ws>;
  static auto make_unique(options opts) -> std::unique_ptr<thread_pool_ws>;
  [[nodiscard]] auto schedule() -> schedule_operation;
  template <class return_type>
  [[nodiscard]] auto schedule(coro::task<return_type> user_task) -> coro::task<return_type>;
  auto spawn_detached(coro::task<void> user_task) -> bool;
  auto spawn_joinable(coro::task<void> user_task) -> coro::task<void>;
  [[nodiscard]] auto yield() -> schedule_operation;
  auto resume(std::coroutine_handle<> handle) noexcept -> bool;
  auto shutdown() noexcept -> void;
  auto size() noexcept -> std::size_t;
  auto empty() noexcept -> bool;
};
} // namespace coro
