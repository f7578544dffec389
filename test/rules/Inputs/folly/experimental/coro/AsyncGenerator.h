#pragma once
// folly/experimental/coro/AsyncGenerator.h (shape only): a lazy async
// generator; the consumer pulls with `co_await gen.next()`, which runs the
// body until its next co_yield. Destroying it destroys the suspended frame.
#include <type_traits>
#include <folly/experimental/coro/Task.h>
namespace folly::coro {
template <class Reference, class Value = std::remove_cv_t<std::remove_reference_t<Reference>>>
class [[nodiscard]] AsyncGenerator {
public:
  using promise_type = mock::generator_promise<AsyncGenerator>;
  struct NextResult {
    explicit operator bool() const noexcept;
    Reference operator*();
  };
  struct NextAwaitable : mock::awaitable_base<NextResult> {};
  NextAwaitable next() noexcept;
};
} // namespace folly::coro
