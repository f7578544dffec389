// RUN: %check_async_tidy -expect-clang-tidy-error %s async-blocking-call %t -- -- %async_flags
//
// Code that does not compile: the check reports what it can see and never crashes.

#include <tg/tg.hpp>
#include <thread>

tg::task<> brokenButStillSleeps() {
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
  // CHECK-FIXES: {{^}}  co_await tg::sleep_for(std::chrono::milliseconds(1));{{$}}
  undeclared_blocking(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: use of undeclared identifier 'undeclared_blocking' [clang-diagnostic-error]
  std::this_thread::sleep_for();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: no matching function for call to 'sleep_for' [clang-diagnostic-error]
  co_return;
}
