#pragma once
// cppcoro/io_service.hpp (shape only): the event loop whose schedule_after
// is cppcoro's sleep.
#include <chrono>
#include <cppcoro/cancellation_token.hpp>
#include "mock_coroutine.h"
namespace cppcoro {
class io_service {
public:
  class timed_schedule_operation : public mock::awaitable_base<void> {};
  timed_schedule_operation schedule_after(std::chrono::nanoseconds delay,
                                          cancellation_token ct = {}) noexcept;
};
} // namespace cppcoro
