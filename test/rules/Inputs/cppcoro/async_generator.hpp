#pragma once
// cppcoro/async_generator.hpp (shape only): a lazy async generator consumed
// with `for co_await`-style iteration: `co_await gen.begin()`, then
// `co_await ++it`.
#include "mock_coroutine.h"
namespace cppcoro {
template <class T> class [[nodiscard]] async_generator {
public:
  using promise_type = mock::generator_promise<async_generator>;
  struct iterator {
    T &operator*() const;
    mock::awaitable_base<iterator &> operator++();
    bool operator==(const iterator &) const noexcept;
  };
  mock::awaitable_base<iterator> begin() noexcept;
  iterator end() noexcept;
};
} // namespace cppcoro
