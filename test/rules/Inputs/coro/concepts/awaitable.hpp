// Mock of <coro/concepts/awaitable.hpp>: concepts::awaitable and
// awaitable_traits<A>::awaiter_return_type, what `co_await a` yields
// (through a member operator co_await if there is one).
#pragma once
#include <type_traits>
#include <utility>

namespace coro::concepts {
namespace detail {
template <class A>
auto get_awaiter(A &&a, int) -> decltype(static_cast<A &&>(a).operator co_await());
template <class A> auto get_awaiter(A &&a, long) -> A &&;
} // namespace detail
template <class A>
concept awaitable = requires(A &&a) {
  detail::get_awaiter(static_cast<A &&>(a), 0).await_ready();
  detail::get_awaiter(static_cast<A &&>(a), 0).await_resume();
};
template <awaitable A> struct awaitable_traits {
  using awaiter_type = decltype(detail::get_awaiter(std::declval<A>(), 0));
  using awaiter_return_type = decltype(std::declval<awaiter_type>().await_resume());
};
} // namespace coro::concepts
