// RUN: %check_async_tidy -expect-clang-tidy-error %s async-timeout-without-await %t -- -- %async_flags
//
// Code that does not compile: a body whose await did not compile is not
// reported (the await may only be missing from the AST); nothing crashes.

#include <tg/tg.hpp>

using namespace std::chrono_literals;

tg::task<> brokenBody() {
  co_await tg::timeout(1s, []() -> tg::task<> {
    co_await undeclared_wait();
    // CHECK-NOTES: :[[@LINE-1]]:14: error: use of undeclared identifier 'undeclared_wait' [clang-diagnostic-error]
  }());
}

tg::task<> brokenTimeout() {
  co_await tg::timeout(undeclared_duration, []() -> tg::task<> { co_return; }());
  // CHECK-NOTES: :[[@LINE-1]]:24: error: use of undeclared identifier 'undeclared_duration' [clang-diagnostic-error]
}

tg::task<> stillDiagnosed() {
  co_await tg::timeout(1s, []() -> tg::task<> { co_return; }());
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'tg::timeout' can never fire
  // CHECK-NOTES: :[[@LINE-2]]:28: note: this coroutine lambda has no co_await or co_yield
}
