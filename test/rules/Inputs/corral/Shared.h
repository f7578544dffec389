#pragma once
// corral/Shared.h (mock): an awaitable shared by several awaiters; the
// first awaiter starts it, the last one to be cancelled cancels it. Not
// bound to any nursery.
#include "concepts.h"
#include <optional>

namespace corral {
template <class T> class Shared {
public:
  Shared() {}
  explicit Shared(T &&) {}
  T *get() const { return nullptr; }
  explicit operator bool() const { return false; }
  bool closed() const noexcept { return false; }
  detail::ResultAwaiter<detail::AwaitResult<T>> operator co_await() { return {}; }
  detail::ResultAwaiter<std::optional<std::remove_cvref_t<detail::VoidToTag<detail::AwaitResult<T>>>>>
  asOptional() {
    return {};
  }
};
} // namespace corral
