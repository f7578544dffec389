// RUN: %check_async_tidy -expect-clang-tidy-error %s async-exception-group-mismatch %t -- -- %async_flags
//
// Code that does not compile: a try block with a broken statement may throw
// anything, a handler of an unknown type is skipped; nothing crashes, and
// the rest of the file is still checked.

#include <tg/tg.hpp>
#include <stdexcept>

tg::task<> failing();

tg::task<> brokenStatement() {
  try {
    co_await tg::with_group([](tg::task_group &g) -> tg::task<> { co_return; });
    undeclared_call();
    // CHECK-NOTES: :[[@LINE-1]]:5: error: use of undeclared identifier 'undeclared_call' [clang-diagnostic-error]
  } catch (const std::runtime_error &) {
  }
}

tg::task<> unknownHandlerType() {
  try {
    co_await tg::with_group([](tg::task_group &g) -> tg::task<> { co_return; });
  } catch (const no_such_error &) {
    // CHECK-NOTES: :[[@LINE-1]]:18: error: unknown type name 'no_such_error' [clang-diagnostic-error]
  }
}

tg::task<> stillDiagnosed() {
  try {
    co_await tg::with_group([](tg::task_group &g) -> tg::task<> {
      g.spawn(failing());
      co_return;
    });
  } catch (const std::runtime_error &) {
    // CHECK-NOTES: :[[@LINE-1]]:18: warning: this handler for 'std::runtime_error' never runs
    // CHECK-NOTES: :[[@LINE-6]]:14: note: the group opened here wraps every failure in 'tg::exception_group'
    // CHECK-NOTES: :[[@LINE-3]]:18: note: catch 'const tg::exception_group &' and use 'contains<std::runtime_error>()' or 'split<std::runtime_error>()' to handle it
  }
}
