// Mock of <coro/task_group.hpp> (2025+). A group of coro::task<void> started
// on an executor; `co_await group` resumes when the group's count drops to
// zero (which can happen more than once), ~task_group() spins with
// std::this_thread::sleep_for until the group is empty. Children run inside
// detail::task_self_deleting, so a child's exception is lost: the group
// never reports a failure and never cancels siblings.
// The first release took (std::unique_ptr<executor_type>&, range) only; the
// later one added the executor_type* constructors and start().
#pragma once
#include <coro/detail/task_self_deleting.hpp>
#include <coro/event.hpp>
#include <coro/task.hpp>
#include <cstddef>
#include <memory>
#include <ranges>

namespace coro {
template <class executor_type> class task_group {
public:
  explicit task_group(executor_type *executor);
  explicit task_group(executor_type *executor, coro::task<void> &&task);
  template <std::ranges::range range_type> explicit task_group(executor_type *executor, range_type tasks);
  explicit task_group(std::unique_ptr<executor_type> &executor);
  explicit task_group(std::unique_ptr<executor_type> &executor, coro::task<void> &&task);
  template <std::ranges::range range_type>
  explicit task_group(std::unique_ptr<executor_type> &executor, range_type tasks);
  task_group(const task_group &) = delete;
  task_group(task_group &&) = delete;
  ~task_group();

  [[nodiscard]] auto start(coro::task<void> &&task) -> bool;
  [[nodiscard]] auto size() const -> std::size_t;
  [[nodiscard]] auto empty() const -> bool;
  auto operator co_await() const noexcept -> event::awaiter;
};
} // namespace coro
