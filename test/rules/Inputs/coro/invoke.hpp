// Mock of <coro/invoke.hpp>: coro::invoke(functor, args...) calls a coroutine
// functor inside a coroutine frame of its own, keeping the functor (and a
// lambda's captures) alive until the coroutine completes; await the result.
#pragma once
#include <coro/concepts/awaitable.hpp>
#include <coro/task.hpp>
#include <functional>

namespace coro {
template <class functor_type, class... arguments_type>
[[nodiscard]] auto invoke(functor_type &&functor, arguments_type &&...arguments)
    -> coro::task<typename concepts::awaitable_traits<
        std::invoke_result_t<functor_type, arguments_type...>>::awaiter_return_type> {
  // Defined (as a plain function) so that lambdas without linkage can be passed.
  return {};
}
} // namespace coro
