// Mock of <coro/sync_wait.hpp>: coro::sync_wait(awaitable) starts the awaitable
// on the calling thread and blocks it on a std::condition_variable until the
// awaitable completes, then returns its result or rethrows its exception.
// Called inside a coroutine it blocks a worker (or the scheduler's event
// thread), and deadlocks when the awaited work needs that thread.
#pragma once
#include <coro/concepts/awaitable.hpp>

namespace coro {
template <concepts::awaitable awaitable_type,
          class return_type = typename concepts::awaitable_traits<awaitable_type>::awaiter_return_type>
auto sync_wait(awaitable_type &&a) -> return_type;
} // namespace coro
