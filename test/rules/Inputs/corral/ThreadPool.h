#pragma once
// corral/ThreadPool.h (mock): runs a synchronous function on a worker
// thread; the awaiting task stays suspended until it returns. The function
// may take a trailing CancelToken and poll it. Not part of corral.h.
#include "concepts.h"

namespace corral {
class ThreadPool {
public:
  class CancelToken {
  public:
    explicit operator bool() noexcept { return false; }
  };
  template <class EventLoopT> ThreadPool(EventLoopT &eventLoop, unsigned threadCount) {}

  template <class F, class... Args>
    requires(std::invocable<F, Args...>)
  detail::ResultAwaiter<std::invoke_result_t<F, Args...>> run(F &&f, Args &&...args) {
    return {};
  }
  template <class F, class... Args>
    requires(!std::invocable<F, Args...> && std::invocable<F, Args..., CancelToken>)
  detail::ResultAwaiter<std::invoke_result_t<F, Args..., CancelToken>> run(F &&f, Args &&...args) {
    return {};
  }
};
} // namespace corral
