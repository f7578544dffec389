// Mock of async_simple/coro/Generator.h: a synchronous generator (co_yield
// only; co_await is not allowed in its body). Not a task type.
#pragma once
#include <coroutine>
#include <exception>
#include <iterator>

namespace async_simple::coro {
template <class Ref, class V = void, class Allocator = void> class Generator {
public:
  struct promise_type {
    Generator get_return_object() noexcept { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    template <class U> std::suspend_always yield_value(U &&) noexcept { return {}; }
    void await_transform() = delete;
    void return_void() noexcept {}
    void unhandled_exception() {}
  };
  struct iterator {
    Ref operator*() const;
    iterator &operator++();
    bool operator==(std::default_sentinel_t) const;
  };
  iterator begin();
  std::default_sentinel_t end() const noexcept { return {}; }
};
} // namespace async_simple::coro
