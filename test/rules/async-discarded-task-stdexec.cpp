// RUN: %check_async_tidy %s async-discarded-task %t -- -- -I%inputs/stdexec-alias %async_flags
//
// Current stdexec: exec::task is an alias template of
// experimental::execution::__task::basic_task, reached through the
// namespace alias `exec`.

#include <exec/task.hpp>

exec::task<int> fetch();
exec::basic_task<void> flush();

void drops() {
  (void)fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is discarded by a cast to void
  auto pending = flush();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task 'pending' is never used
}

exec::task<int> awaits() { co_return co_await fetch(); }
