#pragma once
#include <cppcoro/operation_cancelled.hpp>
namespace cppcoro {
class cancellation_token {
public:
  bool is_cancellation_requested() const noexcept;
  void throw_if_cancellation_requested() const;
};
} // namespace cppcoro
