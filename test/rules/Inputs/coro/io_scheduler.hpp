// Mock of <coro/io_scheduler.hpp> (libcoro until PR #435, Jan 2026). It
// declares the union of the releases' members that can coexist:
//   spawn(task<void>&&) -> bool             fire-and-forget (2024 - Dec 2025)
//   spawn_detached(task<void>&&) -> bool    fire-and-forget (PR #423, Dec 2025)
//   spawn_joinable(task<void>&&) -> task    (PR #423)
//   schedule(task<T>) -> task<T>            structured, awaited
//   schedule(task<T>, timeout)              expected<T, timeout_status>, no cancel
// Older releases (io_scheduler owning a task_container) spelled the
// fire-and-forget `schedule(coro::task<void>&&) -> bool`; it cannot coexist
// with the structured template overload, so define
// LIBCORO_MOCK_SCHEDULE_TASK_IS_DETACHED to get that older API instead.
// Timers take std::chrono::milliseconds.
#pragma once
#include <coro/detail/timeout_status.hpp>
#include <coro/expected.hpp>
#include <coro/poll.hpp>
#include <coro/task.hpp>
#include <coro/thread_pool.hpp>
#include <coro/time.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>

namespace coro {
class io_scheduler : public std::enable_shared_from_this<io_scheduler> {
public:
  enum class thread_strategy_t { spawn, manual };
  enum class execution_strategy_t { process_tasks_on_thread_pool, process_tasks_inline };
  struct options {
    thread_strategy_t thread_strategy{thread_strategy_t::spawn};
    std::function<void()> on_io_thread_start_functor{nullptr};
    std::function<void()> on_io_thread_stop_functor{nullptr};
    thread_pool::options pool{};
    execution_strategy_t execution_strategy{execution_strategy_t::process_tasks_on_thread_pool};
  };
  class schedule_operation {
  public:
    auto await_ready() noexcept -> bool { return false; }
    auto await_suspend(std::coroutine_handle<>) noexcept -> void {}
    auto await_resume() noexcept -> void {}
  };
  static auto make_shared() -> std::shared_ptr<io_scheduler>;
  static auto make_shared(options opts) -> std::shared_ptr<io_scheduler>;
  static auto make_unique() -> std::unique_ptr<io_scheduler>;
  static auto make_unique(options opts) -> std::unique_ptr<io_scheduler>;
  io_scheduler(const io_scheduler &) = delete;
  ~io_scheduler();

  auto process_events(std::chrono::milliseconds timeout = std::chrono::milliseconds{0}) -> std::size_t;
  auto schedule() -> schedule_operation;
#ifdef LIBCORO_MOCK_SCHEDULE_TASK_IS_DETACHED
  auto schedule(coro::task<void> &&task) -> bool;
#else
  template <class return_type>
  [[nodiscard]] auto schedule(coro::task<return_type> task) -> coro::task<return_type>;
  template <class return_type, class rep, class period>
  [[nodiscard]] auto schedule(coro::task<return_type> task, std::chrono::duration<rep, period> timeout)
      -> coro::task<coro::expected<return_type, timeout_status>>;
  template <class return_type, class rep, class period>
  [[nodiscard]] auto schedule(std::stop_source stop_source, coro::task<return_type> task,
                              std::chrono::duration<rep, period> timeout)
      -> coro::task<coro::expected<return_type, timeout_status>>;
#endif
  auto spawn(coro::task<void> &&task) -> bool;
  auto spawn_detached(coro::task<void> &&task) -> bool;
  auto spawn_joinable(coro::task<void> &&task) -> coro::task<void>;
  [[nodiscard]] auto schedule_after(std::chrono::milliseconds amount) -> coro::task<void>;
  [[nodiscard]] auto schedule_at(time_point time) -> coro::task<void>;
  [[nodiscard]] auto yield() -> schedule_operation;
  [[nodiscard]] auto yield_for(std::chrono::milliseconds amount) -> coro::task<void>;
  [[nodiscard]] auto yield_until(time_point time) -> coro::task<void>;
  [[nodiscard]] auto poll(fd_t fd, coro::poll_op op,
                          std::chrono::milliseconds timeout = std::chrono::milliseconds{0})
      -> coro::task<poll_status>;
  auto resume(std::coroutine_handle<> handle) -> bool;
  auto size() const noexcept -> std::size_t;
  auto empty() const noexcept -> bool;
  // Blocks until every executing and pending task has completed.
  auto shutdown() noexcept -> void;
};
} // namespace coro
