// RUN: %check_async_tidy %s async-task-escapes-group %t -- -- %async_flags
//
// libunifex: spawn_detached(work, scope) starts the work at once and only the
// scope's join() waits for it, so a child spawned into a scope the frame did
// not declare outlives the frame's locals; a coroutine lambda's captures live
// in its closure object, not in the coroutine frame, so a child made from a
// closure that dies first reads freed captures after its first suspension.

#include <unifex/async_scope.hpp>
#include <unifex/execute.hpp>
#include <unifex/on.hpp>
#include <unifex/spawn_detached.hpp>
#include <unifex/spawn_future.hpp>
#include <unifex/task.hpp>
#include <unifex/timed_single_thread_context.hpp>
#include <unifex/v2/async_scope.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

unifex::task<void> use(const std::string &s);
unifex::task<void> useCopy(std::string s);
unifex::task<void> peek(std::string_view s);
unifex::task<void> fill(std::vector<int> &out);
unifex::task<int> count(int *n);
unifex::task<void> flush();
void log(const std::string &s);

unifex::timed_single_thread_context ctx;

// --- Positive: a scope this frame does not own -------------------------------

unifex::task<void> spawnIntoCallersScope(unifex::v2::async_scope &scope) {
  std::string name = "x";
  int n = 0;
  unifex::spawn_detached(use(name), scope);
  // CHECK-NOTES: :[[@LINE-1]]:30: warning: child spawned into a group this frame does not own refers to 'name' by reference, but 'name' dies when this frame returns, before the child ends [async-task-escapes-group]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-6]]:67: note: the group is received here
  // CHECK-NOTES: :[[@LINE-6]]:15: note: 'name' is declared here and dies when this frame returns
  unifex::spawn_detached(count(&n), scope);
  // CHECK-NOTES: :[[@LINE-1]]:33: warning: child spawned into a group this frame does not own refers to 'n' through a pointer or view, but 'n' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-11]]:67: note: the group is received here
  // CHECK-NOTES: :[[@LINE-10]]:7: note: 'n' is declared here and dies when this frame returns
  unifex::spawn_detached(unifex::on(ctx.get_scheduler(), use(name)), scope);
  // CHECK-NOTES: :[[@LINE-1]]:62: warning: child spawned into a group this frame does not own refers to 'name' by reference
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-16]]:67: note: the group is received here
  // CHECK-NOTES: :[[@LINE-16]]:15: note: 'name' is declared here and dies when this frame returns
  co_return;
}

// A std::string_view parameter points into the characters of 'name'.
unifex::task<void> viewIntoCallersScope(unifex::v2::async_scope &scope) {
  std::string name = "x";
  unifex::spawn_detached(peek(name), scope);
  // CHECK-NOTES: :[[@LINE-1]]:31: warning: child spawned into a group this frame does not own refers to 'name' through a pointer or view, but 'name' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-5]]:66: note: the group is received here
  // CHECK-NOTES: :[[@LINE-5]]:15: note: 'name' is declared here and dies when this frame returns
  co_return;
}

// The v1 scope kept in a member: the owner joins it after this frame is gone.
struct Cache {
  unifex::async_scope scope_;

  unifex::task<void> refresh() {
    std::vector<int> buffer;
    scope_.detached_spawn(fill(buffer));
    // CHECK-NOTES: :[[@LINE-1]]:32: warning: child spawned into a group this frame does not own refers to 'buffer' by reference
    // CHECK-NOTES: :[[@LINE-2]]:12: note: the child is spawned here
    // CHECK-NOTES: :[[@LINE-7]]:23: note: the group is stored in member 'scope_', declared here
    // CHECK-NOTES: :[[@LINE-5]]:22: note: 'buffer' is declared here and dies when this frame returns
    auto pending = scope_.spawn(fill(buffer));
    // CHECK-NOTES: :[[@LINE-1]]:38: warning: child spawned into a group this frame does not own refers to 'buffer' by reference
    // CHECK-NOTES: :[[@LINE-2]]:27: note: the child is spawned here
    // CHECK-NOTES: :[[@LINE-12]]:23: note: the group is stored in member 'scope_', declared here
    // CHECK-NOTES: :[[@LINE-10]]:22: note: 'buffer' is declared here and dies when this frame returns
    co_return;
  }

  unifex::task<void> refreshInLambda() {
    std::vector<int> buffer;
    unifex::spawn_detached([&]() -> unifex::task<void> { co_await fill(buffer); }(), scope_);
    // CHECK-NOTES: :[[@LINE-1]]:28: warning: coroutine lambda called on a temporary closure
    // CHECK-NOTES: :[[@LINE-2]]:5: note: the coroutine is spawned here and outlives the statement
    // CHECK-NOTES: :[[@LINE-3]]:72: note: a capture is read here, from the destroyed closure
    // CHECK-NOTES: :[[@LINE-4]]:72: warning: child spawned into a group this frame does not own captures 'buffer' by reference
    // CHECK-NOTES: :[[@LINE-5]]:5: note: the child is spawned here
    // CHECK-NOTES: :[[@LINE-25]]:23: note: the group is stored in member 'scope_', declared here
    // CHECK-NOTES: :[[@LINE-8]]:22: note: 'buffer' is declared here and dies when this frame returns
    co_return;
  }

  unifex::task<void> stop() { co_await scope_.cleanup(); }
};

// execute() runs the callable later, with nothing waiting for it.
unifex::task<void> executeCapturesLocal() {
  std::string name = "x";
  unifex::execute(ctx.get_scheduler(), [&name] { log(name); });
  // CHECK-NOTES: :[[@LINE-1]]:42: warning: child spawned outside any group captures 'name' by reference, but 'name' dies when this frame returns, before the child ends [async-task-escapes-group]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-4]]:15: note: 'name' is declared here and dies when this frame returns
  co_return;
}

// The frame's own scope published through a global pointer.
unifex::v2::async_scope *lastScope;
unifex::task<void> publishScope() {
  unifex::v2::async_scope scope;
  lastScope = &scope;
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: group 'scope' escapes into global 'lastScope', which outlives the group's scope; a use after the scope ends touches a destroyed group [async-task-escapes-group]
  // CHECK-NOTES: :[[@LINE-5]]:26: note: 'lastScope' is declared here
  // CHECK-NOTES: :[[@LINE-4]]:27: note: group opened here
  co_await scope.join();
}

// --- Positive: the closure of a coroutine lambda dies before the child ------

// A named closure: a local of a frame that returns before the caller's scope
// is joined. child() keeps a pointer to 'child', whose copy of 'name' the
// coroutine reads after its first suspension.
unifex::task<void> localClosureIntoCallersScope(unifex::v2::async_scope &scope) {
  std::string name = "x";
  auto child = [name]() -> unifex::task<void> {
    co_await flush();
    co_await use(name);
  };
  unifex::spawn_detached(child(), scope);
  // CHECK-NOTES: :[[@LINE-1]]:26: warning: child spawned into a group this frame does not own runs on 'child', but 'child' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-9]]:74: note: the group is received here
  // CHECK-NOTES: :[[@LINE-8]]:8: note: 'child' is declared here and dies when this frame returns
  co_return;
}

// A temporary closure dies at the end of the full expression, before the
// spawned child resumes: by-value captures dangle too, whoever owns the scope.
unifex::task<void> temporaryClosureIntoCallersScope(unifex::v2::async_scope &scope) {
  std::string name = "x";
  unifex::spawn_detached([name]() -> unifex::task<void> {
    // CHECK-NOTES: :[[@LINE-1]]:26: warning: coroutine lambda called on a temporary closure: the closure is destroyed at the end of the statement, but the coroutine reads its captures when it runs; name the lambda so that it outlives the coroutine, or pass what it needs as parameters
    // CHECK-NOTES: :[[@LINE-2]]:3: note: the coroutine is spawned here and outlives the statement
    // CHECK-NOTES: :[[@LINE+2]]:18: note: a capture is read here, from the destroyed closure
    co_await flush();
    co_await use(name);
  }(), scope);
  co_return;
}

unifex::task<void> temporaryClosureIntoOwnScope() {
  std::string name = "x";
  std::vector<int> buffer;
  unifex::v2::async_scope scope;
  unifex::spawn_detached([name]() -> unifex::task<void> {
    // CHECK-NOTES: :[[@LINE-1]]:26: warning: coroutine lambda called on a temporary closure: the closure is destroyed at the end of the statement, but the coroutine reads its captures when it runs; name the lambda so that it outlives the coroutine, or pass what it needs as parameters
    // CHECK-NOTES: :[[@LINE-2]]:3: note: the coroutine is spawned here and outlives the statement
    // CHECK-NOTES: :[[@LINE+2]]:18: note: a capture is read here, from the destroyed closure
    co_await flush();
    co_await use(name);
  }(), scope);
  unifex::spawn_detached([&buffer]() -> unifex::task<void> {
    // CHECK-NOTES: :[[@LINE-1]]:26: warning: coroutine lambda called on a temporary closure: the closure is destroyed at the end of the statement, but the coroutine reads its captures when it runs; name the lambda so that it outlives the coroutine, or pass what it needs as parameters
    // CHECK-NOTES: :[[@LINE-2]]:3: note: the coroutine is spawned here and outlives the statement
    // CHECK-NOTES: :[[@LINE+2]]:19: note: a capture is read here, from the destroyed closure
    co_await flush();
    co_await fill(buffer);
  }(), scope);
  co_await scope.join();
}

// --- Negative: correct code ------------------------------------------------

// References into the frame's own scope, joined before it returns.
unifex::task<void> ownScope() {
  std::string name = "x";
  std::vector<int> buffer;
  unifex::v2::async_scope scope;
  unifex::spawn_detached(use(name), scope);
  unifex::spawn_detached(fill(buffer), scope);
  co_await scope.join();
}

unifex::task<void> ownV1Scope() {
  std::vector<int> buffer;
  unifex::async_scope scope;
  scope.detached_spawn(fill(buffer));
  co_await scope.cleanup();
}

// examples/linux/http_server_io_uring_test.cpp: a plain (not coroutine)
// lambda captures the frame's own scope by reference and spawns into it;
// on() decay-copies what it is given; the frame joins.
template <class F> unifex::task<void> forEachConnection(F f) {
  f(3);
  co_return;
}
unifex::task<void> serve() {
  unifex::v2::async_scope requests;
  auto mainThread = ctx.get_scheduler();
  co_await forEachConnection([&mainThread, &requests](int fd) {
    unifex::spawn_detached(unifex::on(mainThread, useCopy(std::to_string(fd))), requests);
  });
  co_await requests.join();
}

// Copies belong to the child: a by-value coroutine parameter, a caller's
// object forwarded, a lambda that takes its data as a parameter (kept in the
// coroutine frame) and captures nothing.
unifex::task<void> copiesIntoCallersScope(unifex::v2::async_scope &scope,
                                          const std::string &callers) {
  std::string name = "x";
  unifex::spawn_detached(useCopy(name), scope);
  unifex::spawn_detached(use(callers), scope);
  unifex::spawn_detached([](std::string s) -> unifex::task<void> {
    co_await flush();
    co_await use(s);
  }(name), scope);
  co_return;
}

// execute() keeps its own copy of a plain lambda and of what it captured by value.
unifex::task<void> executeCopiesLocal() {
  std::string name = "x";
  unifex::execute(ctx.get_scheduler(), [name] { log(name); });
  co_return;
}

// A named closure that outlives the join of the frame's own scope.
unifex::task<void> localClosureIntoOwnScope() {
  std::string name = "x";
  auto child = [name]() -> unifex::task<void> {
    co_await flush();
    co_await use(name);
  };
  unifex::v2::async_scope scope;
  unifex::spawn_detached(child(), scope);
  co_await scope.join();
}

// A member coroutine spawned into the object's own scope: the object joins
// the scope in stop() before it goes away.
struct Ticker {
  unifex::async_scope scope_;
  int ticks_ = 0;
  unifex::task<void> tick() {
    co_await flush();
    ++ticks_;
  }
  unifex::task<void> start() {
    scope_.detached_spawn(tick());
    co_return;
  }
  unifex::task<void> stop() { co_await scope_.cleanup(); }
};
