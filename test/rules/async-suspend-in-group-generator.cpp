// RUN: %check_async_tidy %s async-suspend-in-group-generator %t -- -- %async_flags
//
// tg: a with_group whose body is a generator is the C++ spelling of Python's
// `async with TaskGroup(): ... yield`. While the generator is suspended at a
// co_yield inside the body, the consumer's own code runs inside the group;
// a consumer that stops pulling destroys the group with its children running.

#include <tg/tg.hpp>
#include <vector>

using namespace std::chrono_literals;

tg::task<> feed();
tg::task<int> fetch(int id);
int compute(int);

// --- Positive ---------------------------------------------------------------

tg::generator<int> numbers() {
  return tg::with_group([](tg::task_group &g) -> tg::generator<int> {
    g.spawn(feed());
    co_yield 1;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_yield' inside the body of 'tg::with_group' suspends the generator with the group open: the consumer's code then runs inside the group, where a child's failure cancels it, and a consumer that stops pulling destroys the group with its children still running [async-suspend-in-group-generator]
    // CHECK-NOTES: :[[@LINE-4]]:10: note: the group's body starts here
    for (int i = 2; i < 5; ++i)
      co_yield co_await fetch(i);
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'co_yield' inside the body of 'tg::with_group' suspends the generator with the group open
    // CHECK-NOTES: :[[@LINE-8]]:10: note: the group's body starts here
  });
}

// The body named first, then opened (one assignment deep).
tg::generator<int> namedBody(int n) {
  auto body = [n](tg::task_group &g) -> tg::generator<int> {
    g.spawn(feed());
    co_yield n;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_yield' inside the body of 'tg::with_group' suspends the generator with the group open
    // CHECK-NOTES: :[[@LINE+2]]:10: note: the group's body starts here
  };
  return tg::with_group(body);
}

// In a template: reported once.
template <class T> tg::generator<T> inATemplate(T first) {
  return tg::with_group([first](tg::task_group &g) -> tg::generator<T> {
    g.spawn(feed());
    co_yield first;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_yield' inside the body of 'tg::with_group'
    // CHECK-NOTES: :[[@LINE-4]]:10: note: the group's body starts here
  });
}
template tg::generator<int> inATemplate(int);
template tg::generator<long> inATemplate(long);

// --- Negative ---------------------------------------------------------------

// The fix: the group's work is done (a task body) before anything is yielded.
tg::generator<int> yieldsAfterTheGroup() {
  std::vector<int> batch;
  co_await tg::with_group([&](tg::task_group &g) -> tg::task<> {
    g.spawn(feed());
    batch.push_back(co_await fetch(1));
  });
  for (int v : batch)
    co_yield v;
}

// A generator that opens no scope.
tg::generator<int> plainGenerator(int n) {
  for (int i = 0; i < n; ++i)
    co_yield compute(i);
}

// Awaits (not yields) under a timeout and a shield inside a generator.
tg::generator<int> awaitsUnderScopes() {
  int v = co_await tg::timeout(1s, fetch(1));
  co_yield v;
  co_yield co_await tg::shield(fetch(2));
}

// A task body: a co_yield cannot be in it, and the awaits in it are the
// group's business, not this check's.
tg::task<> taskBody() {
  co_await tg::with_group([](tg::task_group &g) -> tg::task<> {
    g.spawn(feed());
    co_await fetch(1);
  });
}

tg::generator<int> suppressed() {
  return tg::with_group([](tg::task_group &g) -> tg::generator<int> {
    g.spawn(feed());
    co_yield 1; // NOLINT(async-suspend-in-group-generator)
  });
}
