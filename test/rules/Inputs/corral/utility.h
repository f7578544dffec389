#pragma once
// corral/utility.h (mock): suspendForever, yield, noncancellable (the
// shield), disposable, untilCancelledAnd (async cleanup that runs, itself
// uncancelled, when the surrounding operation is cancelled).
#include "concepts.h"

namespace corral {
inline Handle noopHandle();

namespace detail {
// `co_await corral::yield;` -- the awaited thing is a constant, not a call.
template <class T> struct CoAwaitFactory {
  T operator co_await() const noexcept { return T{}; }
};

template <class Aw> class CancellableAdapter : public ResultAwaiter<AwaitResult<Aw>> {
public:
  explicit CancellableAdapter(Aw &&) {}
  bool await_early_cancel() noexcept { return false; }
};
template <class Aw> class DisposableAdapter : public ResultAwaiter<AwaitResult<Aw>> {
public:
  explicit DisposableAdapter(Aw &&) {}
};
template <class Aw> class RunOnCancel : public ResultAwaiter<void> {
public:
  explicit RunOnCancel(Aw &&) {}
};
template <class Callable> class YieldToRun : public ResultAwaiter<std::invoke_result_t<Callable &>> {
public:
  explicit YieldToRun(Callable) {}
};
} // namespace detail

template <class Callable> auto yieldToRun(Callable cb) {
  return detail::YieldToRun<Callable>(static_cast<Callable &&>(cb));
}

class SuspendForever {
public:
  bool await_ready() const noexcept { return false; }
  void await_suspend(Handle) {}
  [[noreturn]] void await_resume() { detail::unreachable(); }
  auto await_cancel(Handle) noexcept { return std::true_type{}; }
};
static constexpr const detail::CoAwaitFactory<SuspendForever> suspendForever;

class Yield {
public:
  bool await_ready() const noexcept { return false; }
  void await_suspend(Handle) {}
  void await_resume() {}
  auto await_cancel(Handle) noexcept { return std::true_type{}; }
};
static constexpr const detail::CoAwaitFactory<Yield> yield;

/// The shield: the wrapped awaitable is neither early-cancelled nor
/// cancelled once started.
template <class Aw> auto noncancellable(Aw &&awaitable) {
  return detail::CancellableAdapter<std::remove_cvref_t<Aw>>(static_cast<Aw &&>(awaitable));
}
template <class Aw> auto disposable(Aw &&awaitable) {
  return detail::DisposableAdapter<std::remove_cvref_t<Aw>>(static_cast<Aw &&>(awaitable));
}
/// Suspends forever; upon cancellation runs `awaitable` (not in a cancelled
/// context) and confirms the cancellation once it completes.
template <class Aw> auto untilCancelledAnd(Aw &&awaitable) {
  return detail::RunOnCancel<std::remove_cvref_t<Aw>>(static_cast<Aw &&>(awaitable));
}

#define CORRAL_SUSPEND_FOREVER()                                                                   \
  (co_await ::corral::SuspendForever{}, ::corral::detail::unreachable())
} // namespace corral
