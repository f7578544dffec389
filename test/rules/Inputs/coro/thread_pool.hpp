// Mock of <coro/thread_pool.hpp>. The fire-and-forget spawn is spelled
//   spawn(coro::task<void>&&) noexcept -> bool          (until PR #423, Dec 2025)
//   spawn_detached(coro::task<void>&&) noexcept -> bool (from PR #423)
// and wraps the task in detail::task_self_deleting, whose unhandled_exception()
// is empty: a failure of the spawned task is silently lost.
// spawn_joinable (from PR #423) returns a join task; dropping it blocks until
// the task is done, and even joining it does not report the task's failure.
// schedule(task<T>) -> task<T> is the structured form (awaited, rethrows).
// shutdown() blocks until every queued task has run.
#pragma once
#include <coro/task.hpp>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

namespace coro {
class thread_pool {
public:
  class schedule_operation {
  public:
    auto await_ready() noexcept -> bool { return false; }
    auto await_suspend(std::coroutine_handle<>) noexcept -> void {}
    auto await_resume() noexcept -> void {}
  };
  struct options {
    std::uint32_t thread_count = 1;
    std::function<void(std::size_t)> on_thread_start_functor = nullptr;
    std::function<void(std::size_t)> on_thread_stop_functor = nullptr;
  };
  // Public in older releases; newer ones construct through make_unique only.
  // (Real default arguments spell every option; the mock overloads instead.)
  thread_pool();
  explicit thread_pool(options opts);
  static auto make_unique() -> std::unique_ptr<thread_pool>;
  static auto make_unique(options opts) -> std::unique_ptr<thread_pool>;
  thread_pool(const thread_pool &) = delete;
  virtual ~thread_pool();

  [[nodiscard]] auto schedule() -> schedule_operation;
  template <class return_type>
  [[nodiscard]] auto schedule(coro::task<return_type> task) -> coro::task<return_type>;
  auto spawn(coro::task<void> &&task) noexcept -> bool;
  auto spawn_detached(coro::task<void> &&task) noexcept -> bool;
  auto spawn_joinable(coro::task<void> &&task) -> coro::task<void>;
  auto resume(std::coroutine_handle<> handle) noexcept -> bool;
  [[nodiscard]] auto yield() -> schedule_operation;
  auto shutdown() noexcept -> void;
  [[nodiscard]] auto is_shutdown() const -> bool;
  auto size() const noexcept -> std::size_t;
  auto empty() const noexcept -> bool;
  auto thread_count() const noexcept -> std::size_t;
};
} // namespace coro
