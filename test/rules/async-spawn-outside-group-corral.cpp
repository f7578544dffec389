// RUN: %check_async_tidy %s async-spawn-outside-group %t -- -- %async_flags
//
// corral has no detach: every task runs in a nursery bound to the task that
// opened it. The one unstructured spawn is start() on an UnsafeNursery that
// no task has joined: its children have no parent, a failure calls
// std::terminate(). Nursery and UnsafeNursery share BasicNursery::start.

#include <corral/ThreadPool.h>
#include <corral/asio.h>
#include <corral/corral.h>
#include <memory>
#include <string>
#include <thread>

extern boost::asio::io_context io;

corral::Task<void> work();
corral::Task<void> serve(std::string conn);
void heavyCompute();

// --- UnsafeNursery: nobody waits for its children ----------------------------

// A callback from synchronous code spawns into a member UnsafeNursery that no
// task ever joins.
class Bridge {
  corral::UnsafeNursery nursery_{io};

public:
  void onMessage(std::string message) {
    nursery_.start(serve, std::move(message));
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'corral::BasicNursery::start' on a 'corral::{{(Basic)?}}UnsafeNursery' runs work outside any group: that scope is bound to no frame, so nothing waits for its children or handles their failure, and they can outlive the data they use [async-spawn-outside-group]
  }
};

void unsafeOnTheHeap() {
  auto n = std::make_unique<corral::UnsafeNursery>(io);
  n->start([]() -> corral::Task<> { co_await work(); });
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: 'corral::BasicNursery::start' on a 'corral::{{(Basic)?}}UnsafeNursery' runs work outside any group
  n->close();
}

// The thread-level fire-and-forget, inside a corral task.
corral::Task<void> threadDetached() {
  std::thread([] { heavyCompute(); }).detach();
  // CHECK-NOTES: :[[@LINE-1]]:39: warning: 'std::thread::detach' runs work outside any group: nothing waits for it or handles its failure, and it can outlive the data it uses [async-spawn-outside-group]
  co_await work();
}

// --- Negatives ----------------------------------------------------------------

// The structured spawn: the nursery block waits for its children.
corral::Task<void> nurseryChildren() {
  CORRAL_WITH_NURSERY(n) {
    n.start(serve, std::string("a"));
    n.start(work);
    n.start([](corral::TaskStarted<> started) -> corral::Task<> {
      started();
      co_await work();
    });
    co_return corral::join;
  };
}

// An UnsafeNursery that the same task adopts with join().
corral::Task<void> adoptedUnsafeNursery() {
  corral::UnsafeNursery n(io);
  n.start(work);
  n.start(serve, std::string("b"));
  co_await n.join();
}

// doc/03_live_objects.md: a live object keeps a pointer to a nursery that its
// run() task opens; openNursery resets it when the nursery closes.
class LiveObject {
  corral::Nursery *nursery_ = nullptr;

public:
  corral::Task<void> run() { return corral::openNursery(nursery_); }
  void beginThing() {
    nursery_->start([this]() -> corral::Task<> { co_await asyncThing(); });
  }
  corral::Task<void> asyncThing();
};

// The same with a pointer at namespace scope: the nursery it points to is
// still bound to the task running openNursery, which sees every failure. A
// corral nursery cannot be a global object (it has no public constructor).
corral::Nursery *gServiceNursery = nullptr;

corral::Task<void> runService() { co_await corral::openNursery(gServiceNursery); }

void postToService(std::string conn) {
  if (gServiceNursery)
    gServiceNursery->start(serve, std::move(conn));
}

// test/nursery_test.cc "open-nursery": an inner nursery opened as a child of
// an outer one, then spawned into.
corral::Task<void> innerNursery() {
  corral::Nursery *inner = nullptr;
  CORRAL_WITH_NURSERY(outer) {
    co_await outer.start(corral::openNursery, std::ref(inner));
    inner->start(work);
    co_return corral::cancel;
  };
}

// A thread pool call is awaited: the task waits for the worker.
corral::Task<void> offloaded(corral::ThreadPool &pool) {
  co_await pool.run([] { heavyCompute(); });
}
