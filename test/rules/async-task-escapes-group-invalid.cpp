// RUN: %check_async_tidy -expect-clang-tidy-error %s async-task-escapes-group %t -- -- %async_flags
//
// Code that does not compile: the check still reports what it can see and
// never crashes.

#include <tg/tg.hpp>

tg::task<> read_later(const int *p);
tg::task_group *g_escaped;

tg::task<> stillDiagnosed(tg::task_group &g) {
  int local = 0;
  g.spawn(read_later(&local));
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: child spawned into a group this frame does not own refers to 'local' through a pointer or view
  // CHECK-NOTES: :[[@LINE-2]]:5: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-5]]:43: note: the group is received here
  // CHECK-NOTES: :[[@LINE-5]]:7: note: 'local' is declared here and dies when this frame returns
  g_escaped = &g;
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: group 'g' escapes into global 'g_escaped'
  // CHECK-NOTES: :[[@LINE-11]]:17: note: 'g_escaped' is declared here
  // CHECK-NOTES: :[[@LINE-10]]:43: note: the group is received here
  co_await undeclared_function();
  // CHECK-NOTES: :[[@LINE-1]]:12: error: use of undeclared identifier 'undeclared_function' [clang-diagnostic-error]
}

tg::task<> brokenChild(tg::task_group &g) {
  int local = 0;
  g.spawn(read_later(&local, 1, 2));
  // CHECK-NOTES: :[[@LINE-1]]:11: error: no matching function for call to 'read_later' [clang-diagnostic-error]
  g.spawn(no_such_task(&local));
  // CHECK-NOTES: :[[@LINE-1]]:11: error: use of undeclared identifier 'no_such_task' [clang-diagnostic-error]
  co_return;
}

tg::task<> brokenGroup(UnknownGroup &g) {
  // CHECK-NOTES: :[[@LINE-1]]:24: error: unknown type name 'UnknownGroup' [clang-diagnostic-error]
  int local = 0;
  g.spawn(read_later(&local));
  co_return;
}

template <class Group> tg::task<> dependent(Group &g) {
  int local = 0;
  g.spawn(read_later(&local));
  co_return;
}
