// RUN: %check_async_tidy -check-suffixes=WRAPS %s async-exception-group-mismatch %t -- \
// RUN:   -config="{CheckOptions: {async-exception-group-mismatch.GroupOpenFunctions: 'app::with_nursery', async-exception-group-mismatch.ExceptionGroupTypes: 'app::failures'}}" \
// RUN:   -- %async_flags
// RUN: %check_async_tidy -check-suffixes=OPENS %s async-exception-group-mismatch %t -- \
// RUN:   -config="{CheckOptions: {async-exception-group-mismatch.GroupOpenFunctions: 'app::with_nursery'}}" \
// RUN:   -- %async_flags
//
// A project's own group: the options name how it is opened and what it
// throws. Listed as an opening only, nothing says it wraps: silent.

#include <tg/tg.hpp>
#include <stdexcept>

namespace app {
struct failures : std::exception {
  template <class E> bool contains() const;
  template <class E> failures split() const;
};
template <class Body> tg::task<> with_nursery(Body body) { co_await tg::with_group(body); }
} // namespace app

tg::task<> fail();

tg::task<> projectGroup() {
  try {
    co_await app::with_nursery([](tg::task_group &g) -> tg::task<> {
      g.spawn(fail());
      co_return;
    });
  } catch (const std::runtime_error &) {
    // CHECK-NOTES-WRAPS: :[[@LINE-1]]:18: warning: this handler for 'std::runtime_error' never runs: 'app::with_nursery' reports a child's failure as 'app::failures', not as the child's own exception [async-exception-group-mismatch]
    // CHECK-NOTES-WRAPS: :[[@LINE-6]]:14: note: the group opened here wraps every failure in 'app::failures'
    // CHECK-NOTES-WRAPS: :[[@LINE-3]]:18: note: catch 'const app::failures &' and use 'contains<std::runtime_error>()' or 'split<std::runtime_error>()' to handle it
  }
}

// tg's own opening still wraps in tg::exception_group with the options on.
tg::task<> tgGroup() {
  try {
    co_await tg::with_group([](tg::task_group &g) -> tg::task<> {
      g.spawn(fail());
      co_return;
    });
  } catch (const std::runtime_error &) {
    // CHECK-NOTES-WRAPS: :[[@LINE-1]]:18: warning: this handler for 'std::runtime_error' never runs: 'tg::with_group' reports a child's failure as 'tg::exception_group'
    // CHECK-NOTES-OPENS: :[[@LINE-2]]:18: warning: this handler for 'std::runtime_error' never runs: 'tg::with_group' reports a child's failure as 'tg::exception_group'
    // CHECK-NOTES-WRAPS: :[[@LINE-7]]:14: note: the group opened here wraps every failure in 'tg::exception_group'
    // CHECK-NOTES-OPENS: :[[@LINE-8]]:14: note: the group opened here wraps every failure in 'tg::exception_group'
    // CHECK-NOTES-WRAPS: :[[@LINE-5]]:18: note: catch 'const tg::exception_group &' and use 'contains<std::runtime_error>()' or 'split<std::runtime_error>()' to handle it
    // CHECK-NOTES-OPENS: :[[@LINE-6]]:18: note: catch 'const tg::exception_group &' and use 'contains<std::runtime_error>()' or 'split<std::runtime_error>()' to handle it
  }
}
