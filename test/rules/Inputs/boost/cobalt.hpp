#pragma once
// Boost.Cobalt (Boost 1.84+) shapes over Debian's real Boost 1.74 Asio/System.
#include "mock_coroutine.h"
#include <boost/asio/detached.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/system/system_error.hpp>

namespace boost::cobalt {
template <class T = void> class [[nodiscard]] task : public mock::awaitable_base<T> {
public:
  using promise_type = mock::promise_for<task, T>;
};
template <class T = void> class [[nodiscard]] promise : public mock::awaitable_base<T> {
public:
  using promise_type = mock::promise_for<promise, T>;
  // Lets the eager promise run on with nobody to observe it. Unary + is
  // Cobalt's spelling of detach (the runtime's own primitive: defined here,
  // as in the library, by calling detach()).
  void detach();
  void operator+() && { detach(); }
};
// Eager: runs to its first co_yield when created; awaiting it pulls the next value.
template <class T = void> class generator : public mock::awaitable_base<T> {
public:
  using promise_type = mock::generator_promise<generator>;
};
// A coroutine returning `detached` runs eagerly and is never awaited.
struct detached {
  using promise_type = mock::void_promise<detached>;
};
// Completes through the token (async_initiate): void for asio::detached and
// for a completion handler. Defined so that its deduced type is known.
template <class T, class Token>
auto spawn(boost::asio::io_context &ctx, task<T> &&t, Token &&token) {}
template <class T> T run(task<T> t);
// The coroutine types of a program's entry point (co_main) and of a thread.
struct main {
  using promise_type = mock::promise<main>;
};
struct thread {
  using promise_type = mock::void_promise<thread>;
};
struct wait_group {
  template <class T> void push_back(promise<T> p);
  mock::awaitable_base<void> wait();
};
} // namespace boost::cobalt
