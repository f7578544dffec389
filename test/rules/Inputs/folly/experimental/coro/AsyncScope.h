#pragma once
#include <folly/experimental/coro/Task.h>
namespace folly::coro {
// Structured: joinAsync()/cleanup() waits for every task added.
class AsyncScope {
public:
  template <class Awaitable> void add(Awaitable &&awaitable);
  Task<void> joinAsync() noexcept;
  Task<void> cleanup() noexcept;
};
class CancellableAsyncScope {
public:
  template <class Awaitable> void add(Awaitable &&awaitable);
  Task<void> cancelAndJoinAsync() noexcept;
};
} // namespace folly::coro
