#pragma once
#include <chrono>
#include <type_traits>
#include "mock_coroutine.h"
#include <folly/CancellationToken.h>
#include <folly/OperationCancelled.h>

namespace folly {
class Executor;
using Duration = std::chrono::milliseconds;
template <class T = void> class SemiFuture {
public:
  T get() &&;
  SemiFuture &wait() &;
};
template <class T = void> class Future {
public:
  T get() &&;
};
namespace coro {
template <class T = void> class TaskWithExecutor : public mock::awaitable_base<T> {
public:
  // Detached: the task runs with nobody awaiting it.
  SemiFuture<T> start() &&;
  void startInlineUnsafe() &&;
};
template <class T = void> class [[nodiscard]] Task : public mock::awaitable_base<T> {
public:
  using promise_type = mock::promise_for<Task, T>;
  TaskWithExecutor<T> scheduleOn(Executor *) &&;
  SemiFuture<T> semi() &&;
  // Hooks the token into the task (found by ADL from the CPO below).
  friend Task co_withCancellation(folly::CancellationToken, Task &&task) noexcept {
    return static_cast<Task &&>(task);
  }
};
template <class T> T blockingWait(Task<T> &&);
template <class T> T blockingWait(TaskWithExecutor<T> &&);
// folly/experimental/coro/WithCancellation.h: a customisation-point object.
// Runs an awaitable with another cancellation token; an empty token shields.
namespace detail::adl {
template <class Awaitable>
Awaitable &&co_withCancellation(const folly::CancellationToken &, Awaitable &&a) noexcept {
  return static_cast<Awaitable &&>(a);
}
struct WithCancellationFunction {
  template <class Awaitable>
  auto operator()(const folly::CancellationToken &token, Awaitable &&a) const
      -> decltype(co_withCancellation(token, static_cast<Awaitable &&>(a))) {
    return co_withCancellation(token, static_cast<Awaitable &&>(a));
  }
};
} // namespace detail::adl
// FOLLY_DEFINE_CPO: the object lives in a nested namespace so that it does
// not clash with the hidden-friend customisations of the same name.
namespace folly_cpo__ {
inline constexpr detail::adl::WithCancellationFunction co_withCancellation{};
}
using namespace folly_cpo__;
struct co_safe_point_t : mock::awaitable_base<void> {};
inline constexpr co_safe_point_t co_safe_point{};
struct co_current_cancellation_token_t : mock::awaitable_base<const CancellationToken &> {};
inline constexpr co_current_cancellation_token_t co_current_cancellation_token{};
Task<void> sleep(Duration);
template <class T> Task<T> timeout(Task<T>, Duration);
} // namespace coro
} // namespace folly
