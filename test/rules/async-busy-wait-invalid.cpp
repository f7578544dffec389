// RUN: %check_async_tidy -expect-clang-tidy-error %s async-busy-wait %t -- -- %async_flags
//
// Code that does not compile: a condition or a body with an error is not
// reported (what it polls is unknown); nothing crashes.

#include <tg/tg.hpp>

using namespace std::chrono_literals;

tg::task<> brokenCondition() {
  while (!undeclared_flag)
    // CHECK-NOTES: :[[@LINE-1]]:11: error: use of undeclared identifier 'undeclared_flag' [clang-diagnostic-error]
    co_await tg::sleep_for(10ms);
}

tg::task<> brokenSleep(const bool &ready) {
  while (!ready)
    co_await tg::sleep_for(undeclared_period);
  // CHECK-NOTES: :[[@LINE-1]]:28: error: use of undeclared identifier 'undeclared_period' [clang-diagnostic-error]
}

tg::task<> stillDiagnosed(const bool &ready) {
  while (!ready)
    co_await tg::sleep_for(10ms);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: this loop polls a condition with 'tg::sleep_for'
  // CHECK-NOTES: :[[@LINE-3]]:10: note: the condition polled
  // CHECK-NOTES: :[[@LINE-3]]:5: note: sleeps here between checks
}
