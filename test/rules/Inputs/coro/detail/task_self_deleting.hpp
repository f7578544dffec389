// Mock of <coro/detail/task_self_deleting.hpp>: the detached wrapper every
// fire-and-forget spawn (and task_group::start) uses. final_suspend is
// suspend_never (the frame frees itself) and unhandled_exception() is empty
// ("The user cannot access the promise anyway, ignore the exception."), so
// an exception of the wrapped task is lost.
#pragma once
#include <coro/task.hpp>
#include <coroutine>
#include <functional>

namespace coro::detail {
class task_self_deleting;
class promise_self_deleting {
public:
  auto get_return_object() -> task_self_deleting;
  auto initial_suspend() -> std::suspend_always { return {}; }
  auto final_suspend() noexcept -> std::suspend_never { return {}; }
  auto return_void() noexcept -> void {}
  auto unhandled_exception() -> void {}
  auto user_final_suspend(std::function<void()> f) noexcept -> void;
};
class task_self_deleting {
public:
  using promise_type = promise_self_deleting;
  explicit task_self_deleting(promise_self_deleting &promise);
  auto promise() -> promise_self_deleting &;
  auto handle() -> std::coroutine_handle<promise_self_deleting>;
};
inline auto promise_self_deleting::get_return_object() -> task_self_deleting {
  return task_self_deleting{*this};
}
auto make_task_self_deleting(coro::task<void> user_task) -> task_self_deleting;
} // namespace coro::detail
