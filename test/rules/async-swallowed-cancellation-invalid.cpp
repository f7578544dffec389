// RUN: %check_async_tidy -expect-clang-tidy-error %s async-swallowed-cancellation %t -- -- %async_flags
//
// Code that does not compile: the check still reports what it can see and
// never crashes.

#include <tg/tg.hpp>

void log();

tg::task<> stillDiagnosed() {
  for (;;) {
    try {
      co_await tg::checkpoint();
    } catch (...) {
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
      // CHECK-NOTES: :[[@LINE+5]]:5: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES: :[[@LINE-4]]:7: note: cancellation is raised at this await
      // CHECK-NOTES: :[[@LINE-5]]:7: note: after the handler the task goes on to this await
      // CHECK-FIXES: {{^}}    } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
      log();
    }
  }
  int y = ;
  // CHECK-NOTES: :[[@LINE-1]]:11: error: expected expression [clang-diagnostic-error]
}

tg::task<> brokenBody() {
  for (;;) {
    try {
      co_await undeclared_function();
      // CHECK-NOTES: :[[@LINE-1]]:16: error: use of undeclared identifier 'undeclared_function' [clang-diagnostic-error]
    } catch (...) {
      // The await did not compile: nothing raises a cancellation here.
      int x = ;
      // CHECK-NOTES: :[[@LINE-1]]:15: error: expected expression [clang-diagnostic-error]
    }
  }
}

tg::task<> missingSemicolon() {
  for (;;) {
    try {
      co_await tg::checkpoint()
      // CHECK-NOTES: :[[@LINE-1]]:32: error: expected ';' after expression [clang-diagnostic-error]
    } catch (...) {
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
      // CHECK-NOTES: :[[@LINE+5]]:5: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES: :[[@LINE-5]]:7: note: cancellation is raised at this await
      // CHECK-NOTES: :[[@LINE-6]]:7: note: after the handler the task goes on to this await
      // CHECK-FIXES: {{^}}    } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
      log();
    }
  }
}

struct Incomplete;
tg::task<> catchesIncomplete() {
  for (;;) {
    try {
      co_await tg::checkpoint();
    } catch (Incomplete &) {
      // CHECK-NOTES: :[[@LINE-1]]:26: error: cannot catch reference to incomplete type 'Incomplete' [clang-diagnostic-error]
    }
  }
}

template <typename T>
tg::task<> dependentHandler() {
  for (;;) {
    try {
      co_await tg::checkpoint();
    } catch (T &) {
    }
  }
}

// A handler whose body does not parse (and the file ends inside it).
tg::task<> brokenHandler() {
  for (;;) {
    try {
      co_await tg::checkpoint();
    } catch (...) {
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
      // CHECK-NOTES: :[[@LINE+8]]:1: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES: :[[@LINE-4]]:7: note: cancellation is raised at this await
      // CHECK-NOTES: :[[@LINE-5]]:7: note: after the handler the task goes on to this await
      // CHECK-FIXES: {{^}}    } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
      // CHECK-NOTES: :[[@LINE+2]]:5: error: expected expression [clang-diagnostic-error]
      log(
    }
  }
}
// CHECK-NOTES: :[[@LINE+0]]:{{[0-9]+}}: error: expected '}' [clang-diagnostic-error]
