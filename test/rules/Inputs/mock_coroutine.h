// The minimal lazy coroutine machinery every mock task type shares.
#pragma once
#include <coroutine>
#include <exception>
#include <type_traits>

namespace mock {
template <class Task> struct promise {
  Task get_return_object() { return Task{}; }
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  template <class U> void return_value(U &&) {}
  void unhandled_exception() {}
};
template <class Task> struct void_promise {
  Task get_return_object() { return Task{}; }
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void return_void() {}
  void unhandled_exception() {}
};
template <class Task, class T>
using promise_for = std::conditional_t<std::is_void_v<T>, void_promise<Task>, promise<Task>>;

template <class T> struct awaitable_base {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() const { return *static_cast<std::remove_reference_t<T> *>(nullptr); }
};
template <> struct awaitable_base<void> {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
} // namespace mock

namespace mock {
// A generator's promise: co_yield hands a value to the consumer.
template <class Generator> struct generator_promise : void_promise<Generator> {
  template <class U> std::suspend_always yield_value(U &&) noexcept { return {}; }
};
} // namespace mock
