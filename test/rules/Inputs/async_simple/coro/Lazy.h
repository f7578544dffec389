// Mock of async_simple/coro/Lazy.h.
// Lazy<T> is a lazy, [[nodiscard]], move-only coroutine task. Its promise
// routes every co_await through await_transform, as the library's does, and
// answers the tag awaitables CurrentExecutor, CurrentSlot, ForbidSignal and
// Yield there. Lazy::via(ex) gives a RescheduleLazy, the only type with
// detach(); start(cb) (in detail::LazyBase) runs the task detached and hands
// its Try to cb.
#pragma once
#include <coroutine>
#include <exception>
#include <type_traits>
#include <utility>
#include <async_simple/Executor.h>
#include <async_simple/Signal.h>
#include <async_simple/Try.h>
#include <async_simple/coro/LazyLocalBase.h>

namespace async_simple::coro {
template <typename T> class Lazy;
template <typename T> class RescheduleLazy;

// co_await Yield{}: reschedule on the executor; throws SignalException
// when the chain's slot was cancelled.
struct Yield {};
// co_await CurrentSlot{}: the chain's Slot*, or nullptr when none is bound.
struct CurrentSlot {};
// co_await ForbidSignal{}: drop the chain's slot, so later awaits are no
// longer cancelled.
struct ForbidSignal {};
template <typename T = LazyLocalBase> struct CurrentLazyLocals {};

template <typename T> struct ReadyAwaiter {
  ReadyAwaiter(T value) : _value(std::move(value)) {}
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() noexcept { return std::move(_value); }
  T _value;
};
template <> struct ReadyAwaiter<void> {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() noexcept {}
};

namespace detail {
class LazyPromiseBase {
public:
  struct FinalAwaiter {
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) noexcept {}
    void await_resume() noexcept {}
  };
  struct YieldAwaiter {
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) {}
    void await_resume() {}
  };
  std::suspend_always initial_suspend() noexcept { return {}; }
  FinalAwaiter final_suspend() noexcept { return {}; }
  // The library passes the executor to awaitables with coAwait(Executor*);
  // the mock forwards them unchanged.
  template <typename Awaitable> Awaitable &&await_transform(Awaitable &&awaitable) {
    return static_cast<Awaitable &&>(awaitable);
  }
  ReadyAwaiter<Executor *> await_transform(CurrentExecutor) { return {nullptr}; }
  ReadyAwaiter<Slot *> await_transform(CurrentSlot) { return {nullptr}; }
  ReadyAwaiter<void> await_transform(ForbidSignal) { return {}; }
  template <typename T> ReadyAwaiter<T *> await_transform(CurrentLazyLocals<T>) { return {nullptr}; }
  YieldAwaiter await_transform(Yield) { return {}; }
};
template <typename T> class LazyPromise : public LazyPromiseBase {
public:
  Lazy<T> get_return_object() noexcept;
  template <typename V> void return_value(V &&) noexcept {}
  void unhandled_exception() noexcept {}
};
template <> class LazyPromise<void> : public LazyPromiseBase {
public:
  Lazy<void> get_return_object() noexcept;
  void return_void() noexcept {}
  void unhandled_exception() noexcept {}
};

template <typename T, bool reschedule> class LazyBase {
public:
  using promise_type = LazyPromise<T>;
  using ValueType = T;
  struct ValueAwaiter {
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) noexcept(!reschedule) {}
    T await_resume();
  };
  // co_await lazy.coAwaitTry(): every failure, SignalException included,
  // comes back as a Try instead of being thrown.
  struct TryAwaiter {
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) noexcept(!reschedule) {}
    Try<T> await_resume() noexcept;
  };
  LazyBase() noexcept = default;
  LazyBase(LazyBase &&) noexcept = default;
  LazyBase(const LazyBase &) = delete;
  LazyBase &operator=(const LazyBase &) = delete;
  ~LazyBase() {}
  Executor *getExecutor();
  // Runs the task detached; the callback gets its Try (and, in releases
  // with lazy locals, optionally the LazyLocalBase*).
  template <typename F>
  void start(F &&callback)
    requires(std::is_invocable_v<F &&, Try<T>> ||
             std::is_invocable_v<F &&, Try<T>, LazyLocalBase *>)
  {}
  bool isReady() const;
  ValueAwaiter operator co_await();
  TryAwaiter coAwaitTry();
};
} // namespace detail

template <typename T = void>
class [[nodiscard]] Lazy : public detail::LazyBase<T, /*reschedule=*/false> {
public:
  Lazy() noexcept = default;
  Lazy(Lazy &&) noexcept = default;
  RescheduleLazy<T> via(Executor *ex) &&;
  // Binds a lazy local to the chain; built from a Signal* it binds a slot,
  // which is how a caller makes the task cancellable from outside.
  template <typename LazyLocal = LazyLocalBase, typename... Args>
  Lazy<T> setLazyLocal(Args &&...args) &&;
  Lazy<T> setEx(Executor *ex) &&;
};

template <typename T = void>
class [[nodiscard]] RescheduleLazy : public detail::LazyBase<T, /*reschedule=*/true> {
public:
  RescheduleLazy(RescheduleLazy &&) noexcept = default;
  // start() with a callback that rethrows the failure inside the library's
  // DetachedCoroutine: it escapes on the executor's thread.
  void detach();
  template <typename LazyLocal = LazyLocalBase, typename... Args>
  RescheduleLazy<T> setLazyLocal(Args &&...args) &&;

private:
  RescheduleLazy() noexcept = default;
  friend class Lazy<T>;
};

template <typename T> inline Lazy<T> detail::LazyPromise<T>::get_return_object() noexcept {
  return Lazy<T>();
}
inline Lazy<void> detail::LazyPromise<void>::get_return_object() noexcept { return Lazy<void>(); }
} // namespace async_simple::coro
