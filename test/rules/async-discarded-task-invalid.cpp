// RUN: %check_async_tidy -expect-clang-tidy-error %s async-discarded-task %t -- -- %async_flags
//
// Code that does not compile: the check reports what it can see and never crashes.

#include <tg/tg.hpp>

tg::task<int> fetch(int id);

tg::task<> broken() {
  (void)fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is discarded by a cast to void
  (void)fetch("wrong");
  // CHECK-MESSAGES: :[[@LINE-1]]:9: error: no matching function for call to 'fetch' [clang-diagnostic-error]
  auto t = fetch(undeclared);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: error: use of undeclared identifier 'undeclared' [clang-diagnostic-error]
  co_return;
}
