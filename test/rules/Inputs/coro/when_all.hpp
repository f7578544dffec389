// Mock of <coro/when_all.hpp>: [[nodiscard]] when_all(awaitables...) and
// when_all(range) return a lazy detail::when_all_ready_awaitable (not a
// coro::task); co_await starts every child and resumes when all are done.
// Each child's exception is kept and rethrown by its return_value().
#pragma once
#include <coro/concepts/awaitable.hpp>
#include <coroutine>
#include <ranges>
#include <tuple>
#include <vector>

namespace coro {
namespace detail {
struct void_value {};
template <class return_type> class when_all_task {
public:
  auto return_value() -> return_type &;
};
template <> class when_all_task<void> {
public:
  auto return_value() -> void_value;
};
// co_await on an lvalue yields the children by reference, on an rvalue by
// rvalue reference (the real one has the two operator co_await overloads).
template <class task_container_type> class when_all_ready_awaitable {
public:
  template <class result_type> struct awaiter {
    auto await_ready() const noexcept -> bool { return false; }
    auto await_suspend(std::coroutine_handle<>) noexcept -> void {}
    auto await_resume() noexcept -> result_type;
  };
  auto operator co_await() & noexcept -> awaiter<task_container_type &>;
  auto operator co_await() && noexcept -> awaiter<task_container_type &&>;
};
} // namespace detail

template <concepts::awaitable... awaitables_type>
[[nodiscard]] auto when_all(awaitables_type... awaitables)
    -> detail::when_all_ready_awaitable<std::tuple<detail::when_all_task<
        typename concepts::awaitable_traits<awaitables_type>::awaiter_return_type>...>>;

template <std::ranges::range range_type,
          concepts::awaitable awaitable_type = std::ranges::range_value_t<range_type>,
          class return_type = typename concepts::awaitable_traits<awaitable_type>::awaiter_return_type>
[[nodiscard]] auto when_all(range_type awaitables)
    -> detail::when_all_ready_awaitable<std::vector<detail::when_all_task<return_type>>>;
} // namespace coro
