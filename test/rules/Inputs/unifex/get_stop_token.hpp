#pragma once
// unifex/get_stop_token.hpp: `co_await get_stop_token()` yields the task's
// inplace_stop_token; get_stop_token(receiver) queries a receiver.
//   namespace _get_stop_token { inline const struct _fn {...} get_stop_token{}; }
//   using _get_stop_token::get_stop_token;
#include <unifex/inplace_stop_token.hpp>
#include <unifex/detail/mock_sender.hpp>
namespace unifex {
namespace _get_stop_token {
inline const struct _fn {
  struct _awaitable : mock::awaitable_base<inplace_stop_token> {};
  [[nodiscard]] constexpr _awaitable operator()() const noexcept { return {}; }
  template <class T> constexpr inplace_stop_token operator()(const T &) const noexcept;
} get_stop_token{};
} // namespace _get_stop_token
using _get_stop_token::get_stop_token;
} // namespace unifex
