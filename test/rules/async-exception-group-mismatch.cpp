// RUN: %check_async_tidy %s async-exception-group-mismatch %t -- -- %async_flags
//
// tg::with_group reports every failure of its children (and of its body)
// as one tg::exception_group: a handler for a child's own exception type
// around the group never runs.

#include <tg/tg.hpp>
#include <stdexcept>
#include <new>
#include <vector>

using namespace std::chrono_literals;

struct my_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct unrelated_error {};

tg::task<int> fetch(int id);
tg::task<> failing();
int parse(const char *text);
tg::duration backoff();
void note(const char *what) noexcept;

// --- Positive ---------------------------------------------------------------

tg::task<> handlerForTheChildsType() {
  try {
    co_await tg::with_group([](tg::task_group &g) -> tg::task<> {
      g.spawn(failing());
      co_return;
    });
  } catch (const std::runtime_error &e) {
    // CHECK-NOTES: :[[@LINE-1]]:18: warning: this handler for 'std::runtime_error' never runs: 'tg::with_group' reports a child's failure as 'tg::exception_group', not as the child's own exception [async-exception-group-mismatch]
    // CHECK-NOTES: :[[@LINE-6]]:14: note: the group opened here wraps every failure in 'tg::exception_group'
    // CHECK-NOTES: :[[@LINE-3]]:18: note: catch 'const tg::exception_group &' and use 'contains<std::runtime_error>()' or 'split<std::runtime_error>()' to handle it
    note(e.what());
  }
}

tg::task<> handlerForTheProgramsOwnType() {
  try {
    co_await tg::with_group([](tg::task_group &g) -> tg::task<> {
      g.spawn(failing());
      co_return;
    });
    note("done"); // noexcept: cannot throw my_error
  } catch (my_error &e) {
    // CHECK-NOTES: :[[@LINE-1]]:12: warning: this handler for 'my_error' never runs
    // CHECK-NOTES: :[[@LINE-7]]:14: note: the group opened here wraps every failure in 'tg::exception_group'
    // CHECK-NOTES: :[[@LINE-3]]:12: note: catch 'const tg::exception_group &' and use 'contains<my_error>()' or 'split<my_error>()' to handle it
  }
}

// The group's own handler first, then the dead one.
tg::task<> afterTheGroupsHandler() {
  try {
    co_await tg::with_group([](tg::task_group &g) -> tg::task<> {
      g.spawn(failing());
      co_return;
    });
  } catch (const tg::exception_group &eg) {
    note(eg.what());
  } catch (const my_error &) {
    // CHECK-NOTES: :[[@LINE-1]]:18: warning: this handler for 'my_error' never runs
    // CHECK-NOTES: :[[@LINE-8]]:14: note: the group opened here wraps every failure in 'tg::exception_group'
    // CHECK-NOTES: :[[@LINE-3]]:18: note: catch 'const tg::exception_group &' and use 'contains<my_error>()' or 'split<my_error>()' to handle it
  } catch (unrelated_error) {
    // CHECK-NOTES: :[[@LINE-1]]:12: warning: this handler for 'unrelated_error' never runs
    // CHECK-NOTES: :[[@LINE-12]]:14: note: the group opened here wraps every failure in 'tg::exception_group'
    // CHECK-NOTES: :[[@LINE-3]]:12: note: catch 'const tg::exception_group &' and use 'contains<unrelated_error>()' or 'split<unrelated_error>()' to handle it
  }
}

// A value-returning group, a shield around it, a standard-library call that
// cannot throw the program's own type.
tg::task<int> shieldedWithAResult(std::vector<int> &out) {
  try {
    int n = co_await tg::shield(tg::with_group([](tg::task_group &g) -> tg::task<int> {
      g.spawn(failing());
      co_return 1;
    }));
    out.push_back(n);
    co_return n;
  } catch (const my_error &) {
    // CHECK-NOTES: :[[@LINE-1]]:18: warning: this handler for 'my_error' never runs
    // CHECK-NOTES: :[[@LINE-8]]:33: note: the group opened here wraps every failure in 'tg::exception_group'
    // CHECK-NOTES: :[[@LINE-3]]:18: note: catch 'const tg::exception_group &' and use 'contains<my_error>()' or 'split<my_error>()' to handle it
  }
  co_return 0;
}

// In a template: reported once, at the handler as written.
template <class E> tg::task<> inATemplate() {
  try {
    co_await tg::with_group([](tg::task_group &g) -> tg::task<> {
      g.spawn(failing());
      co_return;
    });
  } catch (const my_error &) {
    // CHECK-NOTES: :[[@LINE-1]]:18: warning: this handler for 'my_error' never runs
    // CHECK-NOTES: :[[@LINE-6]]:14: note: the group opened here wraps every failure in 'tg::exception_group'
    // CHECK-NOTES: :[[@LINE-3]]:18: note: catch 'const tg::exception_group &' and use 'contains<my_error>()' or 'split<my_error>()' to handle it
  }
}
template tg::task<> inATemplate<int>();
template tg::task<> inATemplate<long>();

// --- Negative ---------------------------------------------------------------

tg::task<> handlersThatRun() {
  try {
    co_await tg::with_group([](tg::task_group &g) -> tg::task<> {
      g.spawn(failing());
      co_return;
    });
  } catch (const tg::exception_group &eg) { // the group's exception
    if (eg.contains<my_error>())
      note("mine");
  } catch (const std::exception &) { // a base of it
  } catch (const tg::cancelled &) {  // external cancellation propagates as is
    throw;
  } catch (const std::bad_alloc &) { // allocating the group's frame
  } catch (...) {
    throw;
  }
}

// Something else in the try block may throw the handler's type.
tg::task<> anotherAwait() {
  try {
    co_await fetch(1);
    co_await tg::with_group([](tg::task_group &g) -> tg::task<> { co_return; });
  } catch (const std::runtime_error &) {
  }
}

tg::task<> aCallOfTheProgram() {
  try {
    co_await tg::with_group([](tg::task_group &g) -> tg::task<> { co_return; });
    parse("42");
  } catch (const my_error &) {
  }
}

// A standard-library call can throw std::length_error, a std::logic_error.
tg::task<> aStandardCall(std::vector<int> &out) {
  try {
    co_await tg::with_group([](tg::task_group &g) -> tg::task<> { co_return; });
    out.push_back(1);
  } catch (const std::logic_error &) {
  }
}

// The C++ except*: unwrap, then rethrow the member the outer handler wants.
tg::task<> unwrappedInside() {
  try {
    try {
      co_await tg::with_group([](tg::task_group &g) -> tg::task<> {
        g.spawn(failing());
        co_return;
      });
    } catch (const tg::exception_group &eg) {
      if (auto [mine, rest] = eg.split<my_error>(); mine)
        throw my_error("a child failed");
      throw;
    }
  } catch (const my_error &) {
  }
}

// tg::timeout throws tg::timeout_error (a std::runtime_error) itself.
tg::task<> throughATimeout() {
  try {
    co_await tg::timeout(1s, tg::with_group([](tg::task_group &g) -> tg::task<> {
                           g.spawn(failing());
                           co_return;
                         }));
  } catch (const std::runtime_error &) {
  }
}

// The task is made first and awaited later: not an opening in this try.
tg::task<> openedEarlier() {
  auto group = tg::with_group([](tg::task_group &g) -> tg::task<> { co_return; });
  try {
    co_await std::move(group);
  } catch (const my_error &) {
  }
}

// Not a coroutine: nothing is awaited here.
void notACoroutine() {
  try {
    parse("1");
  } catch (const my_error &) {
  }
}

tg::task<> suppressed() {
  try {
    co_await tg::with_group([](tg::task_group &g) -> tg::task<> { co_return; });
  } catch (const my_error &) { // NOLINT(async-exception-group-mismatch)
  }
}

// A checkpoint or a sleep beside the group raises only tg::cancelled, which
// the handler does not catch either: still dead.
tg::task<> besideACheckpointAndASleep() {
  try {
    co_await tg::checkpoint();
    co_await tg::with_group([](tg::task_group &g) -> tg::task<> {
      g.spawn(failing());
      co_return;
    });
    co_await tg::sleep_for(10ms);
  } catch (const std::runtime_error &e) {
    // CHECK-NOTES: :[[@LINE-1]]:18: warning: this handler for 'std::runtime_error' never runs: 'tg::with_group' reports a child's failure as 'tg::exception_group', not as the child's own exception [async-exception-group-mismatch]
    // CHECK-NOTES: :[[@LINE-7]]:14: note: the group opened here wraps every failure in 'tg::exception_group'
    // CHECK-NOTES: :[[@LINE-3]]:18: note: catch 'const tg::exception_group &' and use 'contains<std::runtime_error>()' or 'split<std::runtime_error>()' to handle it
    note(e.what());
  }
}

// Negative: what computes a sleep's argument may throw the handler's type.
tg::task<> sleepsForAComputedTime() {
  try {
    co_await tg::with_group([](tg::task_group &g) -> tg::task<> {
      g.spawn(failing());
      co_return;
    });
    co_await tg::sleep_for(backoff());
  } catch (const my_error &) {
  }
}
