#pragma once
#include "mock_coroutine.h"
namespace cppcoro {
template <class T = void> class [[nodiscard]] task : public mock::awaitable_base<T> {
public:
  using promise_type = mock::promise_for<task, T>;
};
template <class T = void> class [[nodiscard]] shared_task : public mock::awaitable_base<T> {
public:
  using promise_type = mock::promise_for<shared_task, T>;
};
} // namespace cppcoro
