// Mock of async_simple/coro/SpinLock.h: coLock() spins then yields to the
// executor; lock() spins the thread (std::this_thread::yield), and so does
// ScopedSpinLock's constructor.
#pragma once
#include <async_simple/coro/Lazy.h>
#include <cstdint>
#include <mutex>

namespace async_simple::coro {
class SpinLock {
public:
  explicit SpinLock(std::int32_t count = 1024) noexcept {}
  bool tryLock() noexcept;
  Lazy<> coLock();
  void lock() noexcept;
  void unlock() noexcept;
  [[nodiscard]] Lazy<std::unique_lock<SpinLock>> coScopedLock();
};
class ScopedSpinLock {
public:
  explicit ScopedSpinLock(SpinLock &lock);
  ~ScopedSpinLock();
};
} // namespace async_simple::coro
