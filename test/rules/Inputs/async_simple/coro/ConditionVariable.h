// Mock of async_simple/coro/ConditionVariable.h.
#pragma once
#include <async_simple/coro/Lazy.h>
#include <coroutine>

namespace async_simple::coro {
template <class Lock> class ConditionVariable {
public:
  ConditionVariable() noexcept {}
  ConditionVariable(const ConditionVariable &) = delete;
  void notify() noexcept;
  void notifyOne() noexcept;
  void notifyAll() noexcept;
  template <class Pred> Lazy<> wait(Lock &lock, Pred &&pred) noexcept { return Lazy<>(); }
};
template <> class ConditionVariable<void> {
public:
  struct Awaiter {
    bool await_ready() const noexcept;
    bool await_suspend(std::coroutine_handle<>) noexcept;
    void await_resume() const noexcept {}
  };
  ConditionVariable() noexcept {}
  ConditionVariable(const ConditionVariable &) = delete;
  void notify() noexcept;
  Awaiter wait() noexcept;
  void reset() noexcept;
};
using Notifier = ConditionVariable<void>;
} // namespace async_simple::coro
