// RUN: %check_async_tidy -expect-clang-tidy-error %s async-swallowed-cancellation %t -- -- %async_flags
//
// Code that does not compile: the check still reports what it can see and
// never crashes.

#include <tg/tg.hpp>

void log();

tg::task<> stillDiagnosed() {
  try {
    co_await tg::checkpoint();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
    // CHECK-FIXES: {{^}}  } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
    log();
  }
}

tg::task<> brokenBody() {
  try {
    co_await undeclared_function();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: error: use of undeclared identifier 'undeclared_function' [clang-diagnostic-error]
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
    // CHECK-FIXES: {{^}}  } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
    int x = ;
    // CHECK-MESSAGES: :[[@LINE-1]]:13: error: expected expression [clang-diagnostic-error]
  }
}

tg::task<> missingSemicolon() {
  try {
    co_await tg::checkpoint()
    // CHECK-MESSAGES: :[[@LINE-1]]:30: error: expected ';' after expression [clang-diagnostic-error]
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
    // CHECK-FIXES: {{^}}  } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
    log();
  }
}

struct Incomplete;
tg::task<> catchesIncomplete() {
  try {
    co_await tg::checkpoint();
  } catch (Incomplete &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:24: error: cannot catch reference to incomplete type 'Incomplete' [clang-diagnostic-error]
  }
}

template <typename T>
tg::task<> dependentHandler() {
  try {
    co_await tg::checkpoint();
  } catch (T &) {
  }
}
