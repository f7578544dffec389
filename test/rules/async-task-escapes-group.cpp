// RUN: %check_async_tidy %s async-task-escapes-group %t -- --header-filter=.* -- %async_flags
//
// Headers included (the runtime's own templates, instantiated with a group
// or a handle, must not be reported: LLVM 22 shows header warnings by default).

#include <tg/tg.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

using tg::task;

task<> read_later(const int *p, int &out);
task<> use(const std::string &s);
task<> use_copy(std::string s);
task<int> compute(int v);
task<> worker(tg::task_group &g);

// --- A group kept past its scope --------------------------------------------

tg::task_group *g_escaped;

task<> storesGroupInGlobal() {
  co_await tg::with_group([](tg::task_group &g) -> task<> {
    g_escaped = &g;
    // CHECK-NOTES: :[[@LINE-1]]:17: warning: group 'g' escapes into global 'g_escaped', which outlives the group's scope; a use after the scope ends touches a destroyed group [async-task-escapes-group]
    // CHECK-NOTES: :[[@LINE-6]]:17: note: 'g_escaped' is declared here
    // CHECK-NOTES: :[[@LINE-4]]:46: note: the group is received here
    co_return;
  });
}

// test/runtime/hazards_test.cpp, EscapedGroupReferenceIsReported.
task<> storesGroupInEnclosingLocal() {
  tg::task_group *escaped = nullptr;
  co_await tg::with_group([&](tg::task_group &g) -> task<> {
    escaped = &g;
    // CHECK-NOTES: :[[@LINE-1]]:15: warning: group 'g' escapes into a variable of an enclosing function 'escaped', which outlives the group's scope
    // CHECK-NOTES: :[[@LINE-4]]:19: note: 'escaped' is declared here
    // CHECK-NOTES: :[[@LINE-4]]:47: note: the group is received here
    co_return;
  });
  escaped->spawn(compute(1));
}

struct Server {
  tg::task_group *group_ = nullptr;
  std::vector<tg::task_group *> groups_;
  std::vector<tg::task_handle<int>> handles_;
  tg::task_handle<int> last_;

  task<> serve() {
    co_await tg::with_group([this](tg::task_group &g) -> task<> {
      group_ = &g;
      // CHECK-NOTES: :[[@LINE-1]]:16: warning: group 'g' escapes into member 'group_', which outlives the group's scope
      // CHECK-NOTES: :[[@LINE-9]]:19: note: 'group_' is declared here
      // CHECK-NOTES: :[[@LINE-4]]:52: note: the group is received here
      groups_.push_back(&g);
      // CHECK-NOTES: :[[@LINE-1]]:25: warning: group 'g' escapes into a container in member 'groups_', which outlives the group's scope
      // CHECK-NOTES: :[[@LINE-12]]:33: note: 'groups_' is declared here
      // CHECK-NOTES: :[[@LINE-8]]:52: note: the group is received here
      handles_.push_back(g.spawn(compute(1)));
      // CHECK-NOTES: :[[@LINE-1]]:26: warning: handle of a child task escapes into a container in member 'handles_', which outlives the child's group; code outside the group can reach a child the group has already finished, and the handle keeps its frame alive
      // CHECK-NOTES: :[[@LINE-15]]:37: note: 'handles_' is declared here
      auto h = g.spawn(compute(2));
      last_ = h;
      // CHECK-NOTES: :[[@LINE-1]]:15: warning: handle of a child task escapes into member 'last_', which outlives the child's group
      // CHECK-NOTES: :[[@LINE-18]]:24: note: 'last_' is declared here
      co_await h;
    });
  }
};

task<> storesGroupInStatic(tg::task_group &g) {
  static tg::task_group *remembered = &g;
  // CHECK-NOTES: :[[@LINE-1]]:39: warning: group 'g' escapes into static variable 'remembered', which outlives the group's scope
  // CHECK-NOTES: :[[@LINE-2]]:26: note: 'remembered' is declared here
  // CHECK-NOTES: :[[@LINE-4]]:44: note: the group is received here
  co_return;
}

task<> storesGroupForTheCaller(tg::task_group &g, tg::task_group **out) {
  *out = &g;
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: group 'g' escapes into storage the caller passed in 'out', which outlives the group's scope
  // CHECK-NOTES: :[[@LINE-3]]:68: note: 'out' is declared here
  // CHECK-NOTES: :[[@LINE-4]]:48: note: the group is received here
  co_return;
}

// test/runtime/hazards_test.cpp, EscapedGroupReferenceUsedByADetachedTaskIsReported.
task<> handsGroupToDetachedTask() {
  co_await tg::with_group([](tg::task_group &g) -> task<> {
    tg::spawn_detached(worker(g));
    // CHECK-NOTES: :[[@LINE-1]]:31: warning: group 'g' is handed to a task outside any group, which outlives the group's scope; a use after the scope ends touches a destroyed group
    // CHECK-NOTES: :[[@LINE-3]]:46: note: the group is received here
    tg::spawn_detached([&g]() -> task<> { co_await worker(g); }());
    // CHECK-NOTES: :[[@LINE-1]]:24: warning: coroutine lambda called on a temporary closure: the closure is destroyed at the end of the statement, but the coroutine reads its captures when it runs; name the lambda so that it outlives the coroutine, or pass what it needs as parameters [async-task-escapes-group]
    // CHECK-NOTES: :[[@LINE-2]]:5: note: the coroutine is spawned here and outlives the statement
    // CHECK-NOTES: :[[@LINE-3]]:59: note: a capture is read here, from the destroyed closure
    // CHECK-NOTES: :[[@LINE-4]]:26: warning: group 'g' is handed to a task outside any group
    // CHECK-NOTES: :[[@LINE-9]]:46: note: the group is received here
    co_return;
  });
}

// --- Children pointing into a frame that ends first ------------------------

// test/runtime/hazards_test.cpp, ChildReadsALocalOfAFinishedFrame.
task<> startReader(tg::task_group &g, int &out) {
  int local = 42;
  g.spawn(read_later(&local, out));
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: child spawned into a group this frame does not own refers to 'local' through a pointer or view, but 'local' dies when this frame returns, before the child ends [async-task-escapes-group]
  // CHECK-NOTES: :[[@LINE-2]]:5: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-5]]:36: note: the group is received here
  // CHECK-NOTES: :[[@LINE-5]]:7: note: 'local' is declared here and dies when this frame returns
  co_return;
}

task<> startUser(tg::task_group &g, std::string byValue) {
  std::string name = "x";
  g.spawn(use(name));
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: child spawned into a group this frame does not own refers to 'name' by reference
  // CHECK-NOTES: :[[@LINE-2]]:5: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-5]]:34: note: the group is received here
  // CHECK-NOTES: :[[@LINE-5]]:15: note: 'name' is declared here and dies when this frame returns
  g.spawn(use(byValue));
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: child spawned into a group this frame does not own refers to 'byValue' by reference
  // CHECK-NOTES: :[[@LINE-2]]:5: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-10]]:34: note: the group is received here
  // CHECK-NOTES: :[[@LINE-11]]:49: note: 'byValue' is declared here and dies when this frame returns
  g.spawn([&name]() -> task<> { co_await use(name); }());
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: coroutine lambda called on a temporary closure
  // CHECK-NOTES: :[[@LINE-2]]:5: note: the coroutine is spawned here and outlives the statement
  // CHECK-NOTES: :[[@LINE-3]]:46: note: a capture is read here, from the destroyed closure
  // CHECK-NOTES: :[[@LINE-4]]:13: warning: child spawned into a group this frame does not own captures 'name' by reference
  // CHECK-NOTES: :[[@LINE-5]]:5: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-18]]:34: note: the group is received here
  // CHECK-NOTES: :[[@LINE-18]]:15: note: 'name' is declared here and dies when this frame returns
  auto child = use(name);
  g.spawn(std::move(child));
  // CHECK-NOTES: :[[@LINE-2]]:20: warning: child spawned into a group this frame does not own refers to 'name' by reference
  // CHECK-NOTES: :[[@LINE-2]]:5: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-24]]:34: note: the group is received here
  // CHECK-NOTES: :[[@LINE-24]]:15: note: 'name' is declared here and dies when this frame returns
  co_return;
}

// The body of with_group returns before the group's children are done:
// its own locals die first.
task<> bodyLocal(int &out) {
  co_await tg::with_group([&](tg::task_group &g) -> task<> {
    int inBody = 1;
    g.spawn(read_later(&inBody, out));
    // CHECK-NOTES: :[[@LINE-1]]:25: warning: child spawned into a group this frame does not own refers to 'inBody' through a pointer or view
    // CHECK-NOTES: :[[@LINE-2]]:7: note: the child is spawned here
    // CHECK-NOTES: :[[@LINE-5]]:47: note: the group is received here
    // CHECK-NOTES: :[[@LINE-5]]:9: note: 'inBody' is declared here and dies when this frame returns
    co_return;
  });
}

task<> detachedChild() {
  int local = 0;
  int out = 0;
  tg::spawn_detached(read_later(&local, out));
  // CHECK-NOTES: :[[@LINE-1]]:34: warning: child spawned outside any group refers to 'local' through a pointer or view, but 'local' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-5]]:7: note: 'local' is declared here and dies when this frame returns
  // CHECK-NOTES: :[[@LINE-4]]:41: warning: child spawned outside any group refers to 'out' by reference
  // CHECK-NOTES: :[[@LINE-5]]:3: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-7]]:7: note: 'out' is declared here and dies when this frame returns
  co_return;
}

// --- Negative: correct code that must stay silent ---------------------------

// test/runtime/hazards_test.cpp, FixedOwningTheGroupKeepsTheLocalAlive: the
// locals were declared before the group opened, and with_group returns only
// after every child is done.
task<> ownsTheGroup(int &out) {
  int local = 42;
  std::string name = "x";
  co_await tg::with_group([&](tg::task_group &g) -> task<> {
    g.spawn(read_later(&local, out));
    g.spawn(use(name));
    co_return;
  });
}

// Copies are the child's own.
task<> copiesIntoChild(tg::task_group &g) {
  int local = 1;
  std::string name = "x";
  g.spawn(compute(local));
  g.spawn(use_copy(name));
  co_return;
}

// A reference parameter names the caller's object, not this frame's.
task<> forwardsCallerObject(tg::task_group &g, const std::string &callers) {
  g.spawn(use(callers));
  co_return;
}

// Passing the group on to its own child is how children spawn siblings.
task<> spawnsWorker() {
  co_await tg::with_group([](tg::task_group &g) -> task<> {
    g.spawn(worker(g));
    co_return;
  });
}

// Handles kept in the enclosing frame are how results are read after the
// group has finished (asyncio's idiom).
task<int> readsResultsAfterTheGroup() {
  tg::task_handle<int> a, b;
  co_await tg::with_group([&](tg::task_group &g) -> task<> {
    a = g.spawn(compute(1));
    b = g.spawn(compute(2));
    co_return;
  });
  co_return a.result() + b.result();
}

task<> localPointerToOwnGroup() {
  co_await tg::with_group([](tg::task_group &g) -> task<> {
    tg::task_group *alias = &g;
    alias->spawn(compute(1));
    co_return;
  });
}

task<> suppressed() {
  co_await tg::with_group([](tg::task_group &g) -> task<> {
    g_escaped = &g; // NOLINT(async-task-escapes-group)
    co_return;
  });
}

// --- Lambda coroutine closures ----------------------------------------------

// The closure of a lambda coroutine called in place is a temporary: it dies
// at the end of the statement, and the lazy child reads its captures (even
// the copies) only when it runs. test/runtime/hazards_test.cpp,
// Hazard_TaskEscapesGroup.TemporaryLambdaClosureDiesBeforeItsCoroutine.
task<> temporaryClosures(int &out) {
  int local = 42;
  std::string name = "x";
  co_await tg::with_group([&](tg::task_group &g) -> task<> {
    g.spawn([&local]() -> task<> { co_await compute(local); }());
    // CHECK-NOTES: :[[@LINE-1]]:13: warning: coroutine lambda called on a temporary closure
    // CHECK-NOTES: :[[@LINE-2]]:7: note: the coroutine is spawned here and outlives the statement
    // CHECK-NOTES: :[[@LINE-3]]:53: note: a capture is read here, from the destroyed closure
    g.spawn([name]() -> task<> { co_await use_copy(name); }());
    // CHECK-NOTES: :[[@LINE-1]]:13: warning: coroutine lambda called on a temporary closure
    // CHECK-NOTES: :[[@LINE-2]]:7: note: the coroutine is spawned here and outlives the statement
    // CHECK-NOTES: :[[@LINE-3]]:52: note: a capture is read here, from the destroyed closure
    co_return;
  });
}

// Negative: a named lambda outlives the group; a lambda awaited in the same
// statement finishes before its closure dies; one that uses no capture has
// nothing to lose.
task<> namedAndAwaitedClosures(int &out) {
  int local = 42;
  auto child = [&local]() -> task<> { co_await compute(local); };
  co_await tg::with_group([&](tg::task_group &g) -> task<> {
    g.spawn(child());
    co_return;
  });
  co_await [&local]() -> task<> { co_await compute(local); }();
  co_await tg::timeout(std::chrono::seconds(1), [&local]() -> task<> { co_await compute(local); }());
  co_await tg::with_group([](tg::task_group &g) -> task<> {
    g.spawn([]() -> task<> { co_await compute(1); }());
    co_return;
  });
}

// --- Views and pointers -------------------------------------------------------

task<> peek(std::string_view text);
task<> sum(const int *values, int n);
struct Request {
  const std::string &path;
};
task<> serve(Request request);

task<> viewsOfLocals(tg::task_group &g) {
  std::string name = "x";
  int values[4] = {1, 2, 3, 4};
  std::vector<int> more{1, 2};
  g.spawn(peek(name));
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: child spawned into a group this frame does not own refers to 'name' through a pointer or view
  // CHECK-NOTES: :[[@LINE-2]]:5: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-7]]:38: note: the group is received here
  // CHECK-NOTES: :[[@LINE-7]]:15: note: 'name' is declared here and dies when this frame returns
  std::string_view view = name;
  g.spawn(peek(view));
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: child spawned into a group this frame does not own refers to 'name' through a pointer or view
  // CHECK-NOTES: :[[@LINE-2]]:5: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-13]]:38: note: the group is received here
  // CHECK-NOTES: :[[@LINE-13]]:15: note: 'name' is declared here and dies when this frame returns
  g.spawn(sum(values, 4));
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: child spawned into a group this frame does not own refers to 'values' through a pointer or view
  // CHECK-NOTES: :[[@LINE-2]]:5: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-18]]:38: note: the group is received here
  // CHECK-NOTES: :[[@LINE-17]]:7: note: 'values' is declared here and dies when this frame returns
  g.spawn(sum(more.data(), 2));
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: child spawned into a group this frame does not own refers to 'more' through a pointer or view
  // CHECK-NOTES: :[[@LINE-2]]:5: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-23]]:38: note: the group is received here
  // CHECK-NOTES: :[[@LINE-21]]:20: note: 'more' is declared here and dies when this frame returns
  g.spawn(serve(Request{name}));
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: child spawned into a group this frame does not own refers to 'name' through a pointer or view
  // CHECK-NOTES: :[[@LINE-2]]:5: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-28]]:38: note: the group is received here
  // CHECK-NOTES: :[[@LINE-28]]:15: note: 'name' is declared here and dies when this frame returns
  co_return;
}

// Negative: views of what outlives the frame (a literal, the caller's
// object, a global), and views into the frame's own group's scope.
std::string g_config = "c";
task<> viewsThatOutlive(tg::task_group &g, const std::string &callers) {
  g.spawn(peek("literal"));
  g.spawn(peek(callers));
  g.spawn(peek(g_config));
  co_return;
}

// --- `this` in a member coroutine started detached -----------------------------

struct Session : std::enable_shared_from_this<Session> {
  int bytes = 0;
  task<> run() {
    co_await compute(1);
    ++bytes; // the object may be gone by now
  }
  task<> runKeptAlive() {
    auto self = shared_from_this();
    co_await compute(1);
    ++bytes;
  }
  task<> runWith(std::shared_ptr<Session> self) {
    co_await compute(1);
    ++bytes;
  }
  void start() {
    tg::spawn_detached(run());
    // CHECK-NOTES: :[[@LINE-1]]:24: warning: member coroutine started outside any group uses 'this' after its first suspension, but nothing keeps the object alive until then; hold a std::shared_ptr to it (shared_from_this()) in the coroutine
    // CHECK-NOTES: :[[@LINE-2]]:5: note: the child is spawned here
    // CHECK-NOTES: :[[@LINE-16]]:5: note: the coroutine first suspends here
    // CHECK-NOTES: :[[@LINE-16]]:7: note: and uses 'this' here, when the object may be gone
    tg::spawn_detached([this]() -> task<> {
      // CHECK-NOTES: :[[@LINE-1]]:24: warning: coroutine lambda called on a temporary closure
      // CHECK-NOTES: :[[@LINE-2]]:5: note: the coroutine is spawned here and outlives the statement
      // CHECK-NOTES: :[[@LINE+6]]:9: note: a capture is read here, from the destroyed closure
      // CHECK-NOTES: :[[@LINE-4]]:25: warning: coroutine lambda capturing 'this' started outside any group uses 'this' after its first suspension
      // CHECK-NOTES: :[[@LINE-5]]:5: note: the child is spawned here
      // CHECK-NOTES: :[[@LINE+2]]:7: note: the coroutine first suspends here
      // CHECK-NOTES: :[[@LINE+2]]:9: note: and uses 'this' here, when the object may be gone
      co_await compute(1);
      ++bytes;
    }());
  }
  // Negative: a strong reference taken before the first suspension, or
  // passed in.
  void startSafely() {
    tg::spawn_detached(runKeptAlive());
    tg::spawn_detached(runWith(shared_from_this()));
  }
};

// --- Notes that point into the child and at the group's path ---------------

task<> appendLater(std::string &s) {
  co_await compute(1);
  s += "x";
}
task<> keepHandle(tg::task_handle<int> h);

task<> childUsesTheLocal(tg::task_group &outer) {
  std::string s = "a";
  tg::spawn_detached(appendLater(s));
  // CHECK-NOTES: :[[@LINE-1]]:34: warning: child spawned outside any group refers to 's' by reference, but 's' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-4]]:15: note: 's' is declared here and dies when this frame returns
  // CHECK-NOTES: :[[@LINE-10]]:3: note: the child uses it here
  tg::task_group *through = &outer;
  through->spawn(appendLater(s));
  // CHECK-NOTES: :[[@LINE-1]]:30: warning: child spawned into a group this frame does not own refers to 's' by reference, but 's' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-2]]:12: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-4]]:19: note: the group is reached through 'through', declared here
  // CHECK-NOTES: :[[@LINE-11]]:15: note: 's' is declared here and dies when this frame returns
  // CHECK-NOTES: :[[@LINE-17]]:3: note: the child uses it here
  co_return;
}

task<> handsHandleToDetachedTask() {
  co_await tg::with_group([](tg::task_group &g) -> task<> {
    auto h = g.spawn(compute(1));
    tg::spawn_detached(keepHandle(h));
    // CHECK-NOTES: :[[@LINE-1]]:35: warning: handle of a child task is handed to a task outside any group, which outlives the child's group
    // CHECK-NOTES: :[[@LINE-3]]:10: note: 'h' is declared here
    co_await h;
  });
}

// A group body that hands its group out as its result.
task<> bodyReturnsItsGroup() {
  tg::task_group *kept = co_await tg::with_group(
      [](tg::task_group &g) -> task<tg::task_group *> { co_return &g; });
  // CHECK-NOTES: :[[@LINE-1]]:67: warning: group 'g' is returned, outliving the group's scope; a use after the scope ends touches a destroyed group
  // CHECK-NOTES: :[[@LINE-2]]:26: note: the group is received here
  (void)kept;
}

// Negative: handing the caller's group back to the caller, and returning a
// pointer whose target this function does not know, return nothing that dies.
tg::task_group &passThrough(tg::task_group &g) { return g; }
tg::task_group *pickFirst(tg::task_group *a, tg::task_group *b) { return a ? a : b; }
tg::task_group *remembered() {
  static tg::task_group *last = nullptr;
  tg::task_group *current = last;
  return current;
}
