#pragma once
// corral/Task.h (mock): corral::Task<T>, lazy and [[nodiscard]]; the
// function does not start until the Task is awaited (or handed to a
// nursery/combiner). Its promise accepts `co_yield` only for nursery and
// try-block scopes (the CORRAL_WITH_NURSERY / CORRAL_TRY macros): corral has
// no generator.
#include "concepts.h"
#include <exception>

namespace corral {
namespace detail {
class NurseryScopeBase {};
class TaskTag {};
template <class T> class Promise;
} // namespace detail

template <class T = void> class [[nodiscard]] Task : public detail::TaskTag {
public:
  using promise_type = detail::Promise<T>;
  using ReturnType = T;

  Task() = default;
  Task(Task &&) noexcept {}
  Task &operator=(Task &&) noexcept { return *this; }
  ~Task() {}

  bool valid() const { return false; }
  detail::ResultAwaiter<T> operator co_await() { return {}; }
};

namespace detail {
template <class T> class PromiseBase {
public:
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() {}
  template <std::derived_from<NurseryScopeBase> U> U &&yield_value(U &&u) {
    return static_cast<U &&>(u);
  }
  // Awaitables pass through; a "task callable" (a lambda returning a Task)
  // is called: `co_await [&]() -> Task<> { ... };` runs the lambda's body.
  template <class Aw> decltype(auto) await_transform(Aw &&aw) {
    if constexpr (Awaitable<Aw>)
      return static_cast<Aw &&>(aw);
    else
      return aw();
  }
};
template <class T> class Promise : public PromiseBase<T> {
public:
  Task<T> get_return_object() { return {}; }
  void return_value(T) {}
};
template <> class Promise<void> : public PromiseBase<void> {
public:
  Task<void> get_return_object() { return {}; }
  void return_void() {}
};

// Immediately-ready awaitable (just(), noop()); converts to a Task.
template <class T> class ReadyAwaitable : public ResultAwaiter<T> {
public:
  explicit ReadyAwaitable(T &&) {}
  template <class U> operator Task<U>() && { return {}; }
};
template <> class ReadyAwaitable<void> : public ResultAwaiter<void> {
public:
  operator Task<void>() { return {}; }
};
} // namespace detail

inline Awaitable<void> auto noop() { return detail::ReadyAwaitable<void>(); }
template <class T> Awaitable<T> auto just(T value) {
  return detail::ReadyAwaitable<T>(static_cast<T &&>(value));
}
} // namespace corral
