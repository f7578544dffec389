// RUN: %check_async_tidy %s async-task-escapes-group %t -- -- %async_flags
//
// folly::coro::AsyncScope, exec::async_scope and cppcoro::async_scope: a
// scope this frame declares is its own (silent); one it receives or keeps in
// a member is not.

#include <cppcoro/async_scope.hpp>
#include <cppcoro/task.hpp>
#include <exec/async_scope.hpp>
#include <exec/task.hpp>
#include <folly/experimental/coro/AsyncScope.h>
#include <folly/experimental/coro/Task.h>
#include <string>

folly::Executor *executor();
folly::coro::Task<> follyUse(const std::string &s);
exec::task<> execUse(const int *p);
cppcoro::task<> cppcoroUse(int &v);

// --- folly ------------------------------------------------------------------

struct Service {
  folly::coro::AsyncScope scope_;
  folly::coro::AsyncScope *borrowed_ = nullptr;

  folly::coro::Task<> handle() {
    std::string request = "r";
    scope_.add(follyUse(request).scheduleOn(executor()));
    // CHECK-NOTES: :[[@LINE-1]]:25: warning: child spawned into a group this frame does not own refers to 'request' by reference, but 'request' dies when this frame returns, before the child ends [async-task-escapes-group]
    // CHECK-NOTES: :[[@LINE-2]]:12: note: the child is spawned here
    // CHECK-NOTES: :[[@LINE-8]]:27: note: the group is stored in member 'scope_', declared here
    // CHECK-NOTES: :[[@LINE-5]]:17: note: 'request' is declared here and dies when this frame returns
    co_return;
  }

  folly::coro::Task<> keepsLocalScope() {
    folly::coro::AsyncScope local;
    borrowed_ = &local;
    // CHECK-NOTES: :[[@LINE-1]]:17: warning: group 'local' escapes into member 'borrowed_', which outlives the group's scope
    // CHECK-NOTES: :[[@LINE-16]]:28: note: 'borrowed_' is declared here
    // CHECK-NOTES: :[[@LINE-4]]:29: note: group opened here
    co_await local.joinAsync();
  }
};

folly::coro::Task<> follyOwnsScope() {
  // Negative: the scope is this frame's and is joined before it ends.
  std::string request = "r";
  folly::coro::AsyncScope scope;
  scope.add(follyUse(request).scheduleOn(executor()));
  co_await scope.joinAsync();
}

folly::coro::Task<> follyReceivedScopeCopies(folly::coro::AsyncScope &scope) {
  // Negative: a child that takes a copy.
  std::string request = "r";
  scope.add(follyUse(std::string(request)).scheduleOn(executor()));
  co_return;
}

// --- stdexec ----------------------------------------------------------------

exec::task<> execReceivedScope(exec::async_scope &scope) {
  int local = 0;
  scope.spawn(execUse(&local));
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: child spawned into a group this frame does not own refers to 'local' through a pointer or view
  // CHECK-NOTES: :[[@LINE-2]]:9: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-5]]:51: note: the group is received here
  // CHECK-NOTES: :[[@LINE-5]]:7: note: 'local' is declared here and dies when this frame returns
  co_return;
}

exec::task<> execOwnsScope() {
  // Negative.
  int local = 0;
  exec::async_scope scope;
  scope.spawn(execUse(&local));
  co_return; // (the real code awaits scope.on_empty())
}

// --- cppcoro ----------------------------------------------------------------

cppcoro::async_scope *g_scope;

cppcoro::task<> cppcoroReceivedScope(cppcoro::async_scope &scope) {
  int counter = 0;
  scope.spawn(cppcoroUse(counter));
  // CHECK-NOTES: :[[@LINE-1]]:26: warning: child spawned into a group this frame does not own refers to 'counter' by reference
  // CHECK-NOTES: :[[@LINE-2]]:9: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-5]]:60: note: the group is received here
  // CHECK-NOTES: :[[@LINE-5]]:7: note: 'counter' is declared here and dies when this frame returns
  co_return;
}

cppcoro::task<> cppcoroPublishesScope() {
  cppcoro::async_scope scope;
  g_scope = &scope;
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: group 'scope' escapes into global 'g_scope', which outlives the group's scope
  // CHECK-NOTES: :[[@LINE-16]]:23: note: 'g_scope' is declared here
  // CHECK-NOTES: :[[@LINE-4]]:24: note: group opened here
  co_await scope.join();
}

cppcoro::task<> cppcoroOwnsScope() {
  // Negative.
  int counter = 0;
  cppcoro::async_scope scope;
  scope.spawn(cppcoroUse(counter));
  co_await scope.join();
}

// --- A scope returned from its own frame ------------------------------------

folly::coro::AsyncScope *leaksItsScope() {
  folly::coro::AsyncScope scope;
  return &scope;
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: group 'scope' is returned, outliving the group's scope; a use after the scope ends touches a destroyed group [async-task-escapes-group]
  // CHECK-NOTES: :[[@LINE-3]]:27: note: group opened here
}
// Negative: the caller's scope handed back to the caller.
cppcoro::async_scope &sameScope(cppcoro::async_scope &scope) { return scope; }
