// RUN: %check_async_tidy -expect-clang-tidy-error %s async-loop-without-checkpoint %t -- -- %async_flags
//
// Code that does not compile: a loop whose await did not compile may only
// have lost it from the AST, so it is not reported; nothing crashes.

#include <tg/tg.hpp>

void work();

tg::task<> stillDiagnosed() {
  while (true) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: infinite loop in a coroutine never awaits
    work();
  }
  co_return;
}

tg::task<> brokenAwait() {
  while (true) {
    co_await undeclared_checkpoint();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: error: use of undeclared identifier 'undeclared_checkpoint' [clang-diagnostic-error]
    work();
  }
}

tg::task<> brokenCondition() {
  while (undeclared_flag) {
    // CHECK-MESSAGES: :[[@LINE-1]]:10: error: use of undeclared identifier 'undeclared_flag' [clang-diagnostic-error]
    work();
  }
  co_return;
}
