#pragma once
#include "mock_coroutine.h"
#include <stdexec/execution.hpp>
namespace exec {
template <class T = void> class [[nodiscard]] task : public mock::awaitable_base<T> {
public:
  using promise_type = mock::promise_for<task, T>;
};
} // namespace exec
