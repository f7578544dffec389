#pragma once
// unifex/at_coroutine_exit.hpp: `co_await at_coroutine_exit(action, args...)`
// registers an async action run when the coroutine completes (value, error or
// done). The action runs in a cleanup coroutine whose stop token is an
// unstoppable_token: awaits in it are shielded. A done (or an exception)
// inside the action calls std::terminate(). The args are copied into the
// cleanup frame; the await yields references to those copies.
//   namespace _at_coroutine_exit { inline constexpr struct _fn {...} at_coroutine_exit{}; }
//   using _at_coroutine_exit::at_coroutine_exit;
#include "mock_coroutine.h"
#include <tuple>
#include <type_traits>
namespace unifex {
template <typename... Ts> struct [[nodiscard]] _cleanup_task {
  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<>) noexcept { return false; }
  std::tuple<Ts &...> await_resume() noexcept {
    return std::apply([](Ts &...a) { return std::tuple<Ts &...>(a...); }, copies_);
  }
  std::tuple<Ts...> copies_; // the cleanup frame's copies of the arguments
};
namespace _at_coroutine_exit {
inline constexpr struct _fn {
  template <typename Action, typename... Ts>
  _cleanup_task<std::decay_t<Ts>...> operator()(Action &&, Ts &&...) const { return {}; }
} at_coroutine_exit{};
} // namespace _at_coroutine_exit
using _at_coroutine_exit::at_coroutine_exit;
} // namespace unifex
