// Mock of async_simple/coro/FutureAwaiter.h: co_await std::move(future) in
// a Lazy suspends instead of blocking.
#pragma once
#include <async_simple/Future.h>
#include <async_simple/coro/Lazy.h>

namespace async_simple {
namespace coro::detail {
template <typename T> struct FutureAwaiter {
  bool await_ready();
  void await_suspend(std::coroutine_handle<>);
  T await_resume();
};
} // namespace coro::detail
template <typename T> coro::detail::FutureAwaiter<T> operator co_await(Future<T> &&future);
} // namespace async_simple
