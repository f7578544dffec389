#pragma once
// unifex/stop_if_requested.hpp:
//   co_await stop_if_requested();  // completes done if stop was requested: the checkpoint
//   co_await stop();               // completes done unconditionally
//   inline constexpr _stop_if::_fn stop_if_requested{};
//   inline constexpr _stop::_fn stop{};
#include <unifex/detail/mock_sender.hpp>
namespace unifex {
namespace _stop_if {
struct _fn {
  struct _sender : _mock::sender<void> {};
  [[nodiscard]] constexpr _sender operator()() const noexcept { return {}; }
};
} // namespace _stop_if
namespace _stop {
struct _fn {
  [[nodiscard]] constexpr _mock::sender<void> operator()() const noexcept { return {}; }
};
} // namespace _stop
inline constexpr _stop_if::_fn stop_if_requested{};
inline constexpr _stop::_fn stop{};
} // namespace unifex
