// Mock of async_simple/coro/Mutex.h: an awaitable mutex (not cancellable).
#pragma once
#include <coroutine>
#include <mutex>

namespace async_simple::coro {
class Mutex {
  class LockAwaiter {
  public:
    bool await_ready() noexcept;
    bool await_suspend(std::coroutine_handle<>) noexcept;
    void await_resume() noexcept {}
  };
  class ScopedLockAwaiter : public LockAwaiter {
  public:
    std::unique_lock<Mutex> await_resume() noexcept;
  };

public:
  Mutex() noexcept = default;
  Mutex(const Mutex &) = delete;
  bool tryLock() noexcept;
  [[nodiscard]] ScopedLockAwaiter coScopedLock() noexcept;
  [[nodiscard]] LockAwaiter coLock() noexcept;
  void unlock() noexcept;
};
} // namespace async_simple::coro
