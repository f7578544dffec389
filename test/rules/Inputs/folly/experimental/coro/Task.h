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
};
template <class T> T blockingWait(Task<T> &&);
template <class T> T blockingWait(TaskWithExecutor<T> &&);
// Runs an awaitable with another cancellation token; an empty token shields.
template <class Awaitable>
Awaitable &&co_withCancellation(const CancellationToken &, Awaitable &&a) {
  return static_cast<Awaitable &&>(a);
}
struct co_safe_point_t : mock::awaitable_base<void> {};
inline constexpr co_safe_point_t co_safe_point{};
struct co_current_cancellation_token_t : mock::awaitable_base<const CancellationToken &> {};
inline constexpr co_current_cancellation_token_t co_current_cancellation_token{};
Task<void> sleep(Duration);
template <class T> Task<T> timeout(Task<T>, Duration);
} // namespace coro
} // namespace folly
