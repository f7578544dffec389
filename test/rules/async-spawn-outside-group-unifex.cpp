// RUN: %check_async_tidy %s async-spawn-outside-group %t -- -- %async_flags
//
// libunifex: spawn_detached/spawn_future and a v1 scope's (detached_)spawn*
// nest the work in a scope whose join()/cleanup() waits for it, so only a
// scope that outlives every frame (global, static) leaves it unwatched;
// unifex::execute(scheduler, fn) is fire-and-forget, an error terminates.

#include <unifex/async_scope.hpp>
#include <unifex/execute.hpp>
#include <unifex/spawn_detached.hpp>
#include <unifex/spawn_future.hpp>
#include <unifex/task.hpp>
#include <unifex/timed_single_thread_context.hpp>
#include <unifex/v2/async_scope.hpp>
#include <utility>

unifex::task<int> fetch();
unifex::task<void> flush();
void log(const char *);

unifex::timed_single_thread_context ctx;
unifex::v2::async_scope backgroundScope; // a process-wide scope
unifex::async_scope backgroundV1Scope;   // the v1 scope (inline namespace v1)

// --- Positive: nothing in any frame joins the scope -------------------------

unifex::task<void> spawnIntoGlobalScope() {
  unifex::spawn_detached(fetch(), backgroundScope);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task spawned into global group 'backgroundScope': the group outlives every frame, so none of them waits for the task or handles its failure [async-spawn-outside-group]
  // CHECK-NOTES: :[[@LINE-8]]:25: note: 'backgroundScope' is declared here
  co_return;
}

unifex::task<void> pipedSpawnIntoGlobalScope() {
  flush() | unifex::spawn_detached(backgroundScope);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: task spawned into global group 'backgroundScope'
  // CHECK-NOTES: :[[@LINE-15]]:25: note: 'backgroundScope' is declared here
  co_return;
}

unifex::task<void> v1MembersOnGlobalScope() {
  backgroundV1Scope.detached_spawn(flush());
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: task spawned into global group 'backgroundV1Scope'
  // CHECK-NOTES: :[[@LINE-21]]:21: note: 'backgroundV1Scope' is declared here
  backgroundV1Scope.detached_spawn_on(ctx.get_scheduler(), flush());
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: task spawned into global group 'backgroundV1Scope'
  // CHECK-NOTES: :[[@LINE-24]]:21: note: 'backgroundV1Scope' is declared here
  backgroundV1Scope.detached_spawn_call_on(ctx.get_scheduler(), []() noexcept { log("x"); });
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: task spawned into global group 'backgroundV1Scope'
  // CHECK-NOTES: :[[@LINE-27]]:21: note: 'backgroundV1Scope' is declared here
  co_return;
}

unifex::task<void> spawnIntoStaticScope() {
  static unifex::v2::async_scope perProcess;
  unifex::spawn_detached(flush(), perProcess);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task spawned into static group 'perProcess': the group outlives every frame
  // CHECK-NOTES: :[[@LINE-3]]:34: note: 'perProcess' is declared here
  co_return;
}

// execute() starts the callable with nobody waiting for it, from a coroutine
// or from a plain function.
unifex::task<void> executeFromTask() {
  unifex::execute(ctx.get_scheduler(), [] { log("later"); });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'unifex::execute' runs work outside any group: nothing waits for it or handles its failure, and it can outlive the data it uses [async-spawn-outside-group]
  co_return;
}

void executeFromPlainFunction() {
  unifex::execute(ctx.get_scheduler(), [] { log("later"); });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'unifex::execute' runs work outside any group
}

// --- Negative: the scope is joined by a frame -------------------------------

// examples/linux/http_server_io_uring_test.cpp: the frame's own v2 scope,
// joined before it returns.
unifex::task<void> ownV2Scope() {
  unifex::v2::async_scope requests;
  for (int i = 0; i < 3; ++i)
    unifex::spawn_detached(flush(), requests);
  flush() | unifex::spawn_detached(requests);
  auto answer = unifex::spawn_future(fetch(), requests);
  (void)co_await std::move(answer);
  co_await requests.join();
}

// A v1 scope: spawn() keeps the future, detached_spawn() is joined by cleanup().
unifex::task<int> ownV1Scope() {
  unifex::async_scope scope;
  auto f = scope.spawn(fetch());
  scope.detached_spawn(flush());
  scope.detached_spawn_on(ctx.get_scheduler(), flush());
  int v = co_await std::move(f);
  co_await scope.cleanup();
  co_return v;
}

// A scope received from the caller, who joins it.
unifex::task<void> callersScope(unifex::v2::async_scope &scope) {
  unifex::spawn_detached(flush(), scope);
  co_return;
}

// A member scope: the owner joins it in its own shutdown.
struct Service {
  unifex::async_scope scope_;
  unifex::task<void> start() {
    scope_.detached_spawn(flush());
    co_return;
  }
  unifex::task<void> stop() { co_await scope_.cleanup(); }
};

// nest()/attach() are lazy senders, awaited here: no spawn.
unifex::task<void> nestedInGlobalScope() {
  co_await backgroundScope.nest(flush());
  co_await backgroundV1Scope.attach(flush());
}
