// RUN: %check_async_tidy -expect-clang-tidy-error %s async-spawn-outside-group %t -- -- %async_flags
//
// Code that does not compile: the check still reports what it can see and
// never crashes.

#include <tg/tg.hpp>
#include <future>

tg::task<int> fetch();

tg::task<> stillDiagnosed() {
  tg::spawn_detached(fetch());
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'tg::spawn_detached' runs work outside any group
  co_await undeclared_function();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: error: use of undeclared identifier 'undeclared_function' [clang-diagnostic-error]
}

void brokenArguments() {
  tg::spawn_detached(fetch(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'tg::spawn_detached' runs work outside any group
  // CHECK-MESSAGES: :[[@LINE-2]]:22: error: no matching function for call to 'fetch' [clang-diagnostic-error]
  std::async(no_such_function);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: error: use of undeclared identifier 'no_such_function' [clang-diagnostic-error]
  UnknownScope scope;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: unknown type name 'UnknownScope' [clang-diagnostic-error]
  scope.spawn(fetch());
}
