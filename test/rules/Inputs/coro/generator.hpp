// Mock of <coro/generator.hpp>: a lazy synchronous generator (co_yield).
#pragma once
#include <coroutine>
#include <exception>
#include <memory>
#include <type_traits>

namespace coro {
template <class T> class generator {
public:
  struct promise_type {
    auto get_return_object() noexcept -> generator { return generator{}; }
    auto initial_suspend() const noexcept -> std::suspend_always { return {}; }
    auto final_suspend() const noexcept -> std::suspend_always { return {}; }
    template <class U> auto yield_value(U &&) noexcept -> std::suspend_always { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() {}
  };
  struct sentinel {};
  struct iterator {
    auto operator++() -> iterator &;
    auto operator*() const -> T &;
    friend auto operator==(const iterator &, sentinel) noexcept -> bool;
  };
  auto begin() -> iterator;
  auto end() noexcept -> sentinel;
};
} // namespace coro
