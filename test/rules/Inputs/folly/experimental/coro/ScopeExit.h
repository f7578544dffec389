#pragma once
#include <folly/experimental/coro/Task.h>
namespace folly::coro {
template <class Action> struct ScopeExitTask : mock::awaitable_base<void> {};
// co_await co_scope_exit(action, args...): runs the async action at scope
// exit, with no cancellation token (the real ScopeExitTask's await_transform
// does not pass one on). A customisation-point object, as in folly.
struct co_scope_exit_fn {
  template <class Action, class... Args>
  ScopeExitTask<Action> operator()(Action &&, Args &&...) const { return {}; }
};
inline constexpr co_scope_exit_fn co_scope_exit{}; // folly defines it so, not via FOLLY_DEFINE_CPO
} // namespace folly::coro
