// RUN: %check_async_tidy %s async-blocking-call %t -- -- -I%inputs/stdexec-alias %async_flags
//
// Current stdexec: an exec::task coroutine (exec is a namespace alias) is
// recognised, and stdexec::sync_wait inside it reported.

#include <exec/task.hpp>
#include <stdexec/execution.hpp>
#include <thread>

exec::task<void> syncWaitsInATask() {
  stdexec::sync_wait(stdexec::just());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'stdexec::sync_wait' in a coroutine
  co_return;
}

exec::task<void> awaitsTheSender() {
  co_await stdexec::just();
}

int main() { stdexec::sync_wait(stdexec::just()); }
