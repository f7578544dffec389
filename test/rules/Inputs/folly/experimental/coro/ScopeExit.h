#pragma once
#include <folly/experimental/coro/Task.h>
namespace folly::coro {
template <class Action> struct ScopeExitTask : mock::awaitable_base<void> {};
// co_await co_scope_exit(action, args...): runs the async action at scope exit.
template <class Action, class... Args>
ScopeExitTask<Action> co_scope_exit(Action &&action, Args &&...args);
} // namespace folly::coro
