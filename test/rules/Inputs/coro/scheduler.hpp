// Mock of <coro/scheduler.hpp> (libcoro from PR #435, Jan 2026: io_scheduler
// renamed to scheduler). Fire-and-forget: spawn_detached; joinable:
// spawn_joinable. Timers: schedule_after/yield_for (any duration),
// schedule_at/yield_until. schedule(task, timeout) returns
// expected<T, timeout_status> but does NOT cancel the task: it keeps running;
// the stop_source overload only calls request_stop() on timeout.
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
class scheduler {
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
  static auto make_unique() -> std::unique_ptr<scheduler>;
  static auto make_unique(options opts) -> std::unique_ptr<scheduler>;
  scheduler(const scheduler &) = delete;
  virtual ~scheduler();

  auto process_events(std::chrono::milliseconds timeout = std::chrono::milliseconds{0}) -> std::size_t;
  auto schedule() -> schedule_operation;
  auto spawn_detached(coro::task<void> &&task) -> bool;
  auto spawn_joinable(coro::task<void> &&task) -> coro::task<void>;
  template <class return_type>
  [[nodiscard]] auto schedule(coro::task<return_type> task) -> coro::task<return_type>;
  template <class return_type, class rep, class period>
  [[nodiscard]] auto schedule(coro::task<return_type> task, std::chrono::duration<rep, period> timeout)
      -> coro::task<coro::expected<return_type, timeout_status>>;
  template <class return_type, class rep, class period>
  [[nodiscard]] auto schedule(std::stop_source stop_source, coro::task<return_type> task,
                              std::chrono::duration<rep, period> timeout)
      -> coro::task<coro::expected<return_type, timeout_status>>;
  template <class rep_type, class period_type>
  [[nodiscard]] auto schedule_after(std::chrono::duration<rep_type, period_type> amount) -> coro::task<void>;
  [[nodiscard]] auto schedule_at(time_point time) -> coro::task<void>;
  [[nodiscard]] auto yield() -> schedule_operation;
  template <class rep_type, class period_type>
  [[nodiscard]] auto yield_for(std::chrono::duration<rep_type, period_type> amount) -> coro::task<void>;
  [[nodiscard]] auto yield_until(time_point time) -> coro::task<void>;
  [[nodiscard]] auto poll(fd_t fd, coro::poll_op op,
                          std::chrono::milliseconds timeout = std::chrono::milliseconds{0},
                          std::optional<poll_stop_token> cancel_trigger = std::nullopt)
      -> coro::task<poll_status>;
  auto resume(std::coroutine_handle<> handle) -> bool;
  auto size() const noexcept -> std::size_t;
  auto empty() const noexcept -> bool;
  // Blocks until every executing and pending task has completed.
  auto shutdown() noexcept -> void;
  [[nodiscard]] auto is_shutdown() const -> bool;
};
} // namespace coro
