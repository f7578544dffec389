#pragma once
#include <cppcoro/cancellation_token.hpp>
namespace cppcoro {
// The owner's side of a token: request_cancellation() cancels every
// operation handed one of its tokens.
class cancellation_source {
public:
  cancellation_source();
  cancellation_token token() const noexcept;
  void request_cancellation();
  bool is_cancellation_requested() const noexcept;
};
} // namespace cppcoro
