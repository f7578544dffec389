#pragma once
// unifex/inplace_stop_token.hpp: the stop token every unifex::task hands to
// what it awaits. Cancellation in unifex is a stop request on this token,
// answered by a "done" completion, never by an exception.
namespace unifex {
class inplace_stop_token;
class inplace_stop_source {
public:
  bool request_stop() noexcept;
  inplace_stop_token get_token() noexcept;
  bool stop_requested() const noexcept;
};
class inplace_stop_token {
public:
  inplace_stop_token() noexcept = default;
  bool stop_requested() const noexcept;
  bool stop_possible() const noexcept;
};
// unstoppable_token.hpp: what unstoppable() and at_coroutine_exit's cleanup
// promise report; it can never be stopped.
struct unstoppable_token {
  static constexpr bool stop_requested() noexcept { return false; }
  static constexpr bool stop_possible() noexcept { return false; }
};
} // namespace unifex
