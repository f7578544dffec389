// Mock of <coro/when_any.hpp>: returns the first awaitable to complete. The
// others are NOT cancelled: a self-deleting controller task keeps them
// running after when_any returns. The std::stop_source overloads only call
// request_stop() once the first completes; the losers must poll the token.
#pragma once
#include <coro/concepts/awaitable.hpp>
#include <coro/task.hpp>
#include <ranges>
#include <stop_token>
#include <type_traits>
#include <variant>

namespace coro {
template <concepts::awaitable... awaitable_type>
[[nodiscard]] auto when_any(std::stop_source stop_source, awaitable_type... awaitables)
    -> task<std::variant<std::remove_reference_t<
        typename concepts::awaitable_traits<awaitable_type>::awaiter_return_type>...>>;
template <concepts::awaitable... awaitable_type>
[[nodiscard]] auto when_any(awaitable_type... awaitables)
    -> task<std::variant<std::remove_reference_t<
        typename concepts::awaitable_traits<awaitable_type>::awaiter_return_type>...>>;
template <std::ranges::range range_type,
          concepts::awaitable awaitable_type = std::ranges::range_value_t<range_type>,
          class return_type = typename concepts::awaitable_traits<awaitable_type>::awaiter_return_type>
[[nodiscard]] auto when_any(std::stop_source stop_source, range_type awaitables)
    -> task<std::remove_reference_t<return_type>>;
template <std::ranges::range range_type,
          concepts::awaitable awaitable_type = std::ranges::range_value_t<range_type>,
          class return_type = typename concepts::awaitable_traits<awaitable_type>::awaiter_return_type>
[[nodiscard]] auto when_any(range_type awaitables) -> task<std::remove_reference_t<return_type>>;
} // namespace coro
