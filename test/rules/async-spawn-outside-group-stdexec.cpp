// RUN: %check_async_tidy %s async-spawn-outside-group %t -- -- -I%inputs/stdexec-alias %async_flags
//
// Current stdexec, where `exec` is a namespace alias
// (`namespace exec = experimental::execution;`) and exec::async_scope a
// using-declaration: the model matches what the user writes and what the
// declaration really is.

#include <exec/async_scope.hpp>
#include <exec/start_detached.hpp>
#include <exec/task.hpp>
#include <stdexec/execution.hpp>

exec::task<int> fetch();

void detaches() {
  exec::start_detached(stdexec::just());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'exec::start_detached' runs work outside any group
  stdexec::start_detached(stdexec::just());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'stdexec::start_detached' runs work outside any group
}

exec::async_scope g_scope;
void intoGlobalScope() {
  g_scope.spawn(stdexec::just());
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: task spawned into global group 'g_scope'
  // CHECK-NOTES: :[[@LINE-4]]:19: note: 'g_scope' is declared here
}

// Negative: a scope of this frame, joined before it returns.
exec::task<void> scoped() {
  exec::async_scope scope;
  scope.spawn(stdexec::just());
  co_await scope.on_empty();
}
