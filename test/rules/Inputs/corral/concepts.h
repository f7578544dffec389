#pragma once
// corral/concepts.h (mock): the Awaitable concept and the helpers the other
// mock headers use to compute what `co_await x` yields. corral's real concept
// also checks the result type (Ret); the mock accepts Ret and ignores it.
#include <concepts>
#include <coroutine>
#include <functional>
#include <type_traits>
#include <utility>

namespace corral {
using Handle = std::coroutine_handle<void>;

namespace detail {
[[noreturn]] inline void unreachable() { __builtin_unreachable(); }
struct Unspecified {};
struct Void {}; // stands in for a void result inside tuples/optionals

template <class T>
concept HasMemberCoAwait = requires(T &&t) { std::forward<T>(t).operator co_await(); };
template <class T>
concept IsAwaiter = requires(T &t) {
  t.await_ready();
  t.await_resume();
};
} // namespace detail

template <class T, class Ret = detail::Unspecified>
concept Awaitable = detail::IsAwaiter<std::remove_reference_t<T>> || detail::HasMemberCoAwait<T>;

template <class R, class Ret = detail::Unspecified>
concept AwaitableRange = requires(R &r) {
  r.begin() == r.end();
  { *r.begin() } -> Awaitable;
};

namespace detail {
// What corral awaits for an argument: the awaitable itself, or for a
// "task callable" (a lambda returning a Task) the result of calling it.
template <class T> struct AwaitableOf { using type = T; };
template <class T>
  requires(!Awaitable<T> && std::invocable<T &>)
struct AwaitableOf<T> { using type = std::invoke_result_t<T &>; };

template <class T> struct AwaiterOf { using type = std::remove_reference_t<T>; };
template <HasMemberCoAwait T> struct AwaiterOf<T> {
  using type = decltype(std::declval<T>().operator co_await());
};

template <class T>
using AwaitResult =
    decltype(std::declval<typename AwaiterOf<typename AwaitableOf<T>::type>::type &>()
                 .await_resume());

template <class T> using VoidToTag = std::conditional_t<std::is_void_v<T>, Void, T>;

// An awaiter that yields T; every mock awaitable is one of these.
template <class T> struct ResultAwaiter {
  bool await_ready() const noexcept { return false; }
  void await_suspend(Handle) noexcept {}
  T await_resume() { unreachable(); }
};
template <> struct ResultAwaiter<void> {
  bool await_ready() const noexcept { return false; }
  void await_suspend(Handle) noexcept {}
  void await_resume() {}
};
} // namespace detail
} // namespace corral
