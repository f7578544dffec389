// exec::async_scope in the current stdexec layout: declared as
// experimental::execution::__scope::async_scope and brought out with a
// using-declaration (the older layout did the same inside namespace exec:
// exec::__scope::async_scope). Structured: on_empty() completes when every
// spawned sender has.
#pragma once
#include "mock_coroutine.h"
#include <stdexec/execution.hpp>

namespace experimental::execution {
namespace __scope {
template <class Sender> struct __future : mock::awaitable_base<void> {};
class async_scope {
public:
  template <class Sender> void spawn(Sender &&sndr);
  template <class Sender> __future<Sender> spawn_future(Sender &&sndr);
  mock::awaitable_base<void> on_empty();
  bool request_stop() noexcept;
  stdexec::inplace_stop_token get_stop_token() const noexcept;
};
} // namespace __scope
using __scope::async_scope;
} // namespace experimental::execution

namespace exec = experimental::execution;
