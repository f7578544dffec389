// RUN: %check_async_tidy -expect-clang-tidy-error %s async-suspend-in-group-generator %t -- -- %async_flags
//
// Code that does not compile: nothing crashes, and what can be said is said.

#include <tg/tg.hpp>

tg::task<> feed();

// What the body spawns did not compile; the co_yield is in the group's body
// all the same.
tg::generator<int> brokenBody() {
  return tg::with_group([](tg::task_group &g) -> tg::generator<int> {
    g.spawn(undeclared_child());
    // CHECK-NOTES: :[[@LINE-1]]:13: error: use of undeclared identifier 'undeclared_child' [clang-diagnostic-error]
    co_yield 1;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_yield' inside the body of 'tg::with_group' suspends the generator
    // CHECK-NOTES: :[[@LINE-5]]:10: note: the group's body starts here
  });
}

// A task body cannot yield: clang rejects the co_yield, the check is silent.
tg::task<> yieldInATask() {
  co_await tg::with_group([](tg::task_group &g) -> tg::task<> {
    co_yield 1;
    // CHECK-NOTES: :[[@LINE-1]]:5: error: no member named 'yield_value' in 'tg::detail::promise<void>' [clang-diagnostic-error]
  });
}

tg::generator<int> stillDiagnosed() {
  return tg::with_group([](tg::task_group &g) -> tg::generator<int> {
    g.spawn(feed());
    co_yield 1;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_yield' inside the body of 'tg::with_group' suspends the generator
    // CHECK-NOTES: :[[@LINE-4]]:10: note: the group's body starts here
  });
}
