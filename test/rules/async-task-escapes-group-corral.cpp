// RUN: %check_async_tidy %s async-task-escapes-group %t -- -- %async_flags
//
// corral: a CORRAL_WITH_NURSERY body is a [&] coroutine lambda that receives
// the nursery by reference and is the nursery's first child: its locals die
// when it returns join/cancel, while the other children still run (unless it
// never returns). start() copies its callable and arguments into the child;
// std::ref/std::cref and pointers pass by reference. The nursery is gone once
// the block ends.

#include <corral/asio.h>
#include <corral/corral.h>
#include <chrono>
#include <functional>
#include <string>

using namespace std::chrono_literals;
extern boost::asio::io_context io;

corral::Task<int> fetch(int x);
corral::Task<void> work();
corral::Task<void> useRef(int &x);
corral::Task<void> useStr(const std::string &s);
corral::Task<std::string> acceptConn();
corral::Task<void> cancelAll(corral::Nursery &n);
void log();

struct Conn {
  corral::Task<void> run(int attempts);
};

// --- The nursery outlives its block -----------------------------------------

corral::Nursery *gNursery = nullptr;

corral::Task<void> nurseryIntoGlobal() {
  CORRAL_WITH_NURSERY(n) {
    gNursery = &n;
    // CHECK-NOTES: :[[@LINE-1]]:16: warning: group 'n' escapes into global 'gNursery', which outlives the group's scope; a use after the scope ends touches a destroyed group [async-task-escapes-group]
    // CHECK-NOTES: :[[@LINE-6]]:18: note: 'gNursery' is declared here
    // CHECK-NOTES: :[[@LINE-4]]:23: note: the group is received here
    co_return corral::join;
  };
}

class KeepsNursery {
  corral::Nursery *nursery_ = nullptr;

public:
  // Nothing resets nursery_ when the block ends.
  corral::Task<void> run() {
    CORRAL_WITH_NURSERY(n) {
      nursery_ = &n;
      // CHECK-NOTES: :[[@LINE-1]]:18: warning: group 'n' escapes into member 'nursery_', which outlives the group's scope; a use after the scope ends touches a destroyed group [async-task-escapes-group]
      // CHECK-NOTES: :[[@LINE-8]]:20: note: 'nursery_' is declared here
      // CHECK-NOTES: :[[@LINE-4]]:25: note: the group is received here
      co_await work();
      co_return corral::join;
    };
  }
};

// --- A child refers to a local of the body, which returns first ---------------

corral::Task<void> bodyLocalCapturedByReference() {
  CORRAL_WITH_NURSERY(n) {
    std::string name = "x";
    n.start([&]() -> corral::Task<> {
      co_await corral::sleepFor(io, 1s);
      co_await useStr(name);
      // CHECK-NOTES: :[[@LINE-1]]:23: warning: child spawned into a group this frame does not own captures 'name' by reference, but 'name' dies when this frame returns, before the child ends [async-task-escapes-group]
      // CHECK-NOTES: :[[@LINE-4]]:7: note: the child is spawned here
      // CHECK-NOTES: :[[@LINE-7]]:23: note: the group is received here
      // CHECK-NOTES: :[[@LINE-7]]:17: note: 'name' is declared here and dies when this frame returns
    });
    co_return corral::join;
  };
}

// doc/01: "only things defined outside the nursery block can safely be
// wrapped into std::ref()".
corral::Task<void> bodyLocalStdRef() {
  CORRAL_WITH_NURSERY(n) {
    int counter = 0;
    n.start(useRef, std::ref(counter));
    // CHECK-NOTES: :[[@LINE-1]]:30: warning: child spawned into a group this frame does not own refers to 'counter' through a pointer or view, but 'counter' dies when this frame returns, before the child ends
    // CHECK-NOTES: :[[@LINE-2]]:7: note: the child is spawned here
    // CHECK-NOTES: :[[@LINE-5]]:23: note: the group is received here
    // CHECK-NOTES: :[[@LINE-5]]:9: note: 'counter' is declared here and dies when this frame returns
    co_return corral::join;
  };
}

// A member function spawned on a body-local object through its address.
corral::Task<void> bodyLocalByAddress() {
  CORRAL_WITH_NURSERY(n) {
    Conn conn;
    n.start(&Conn::run, &conn, 3);
    // CHECK-NOTES: :[[@LINE-1]]:26: warning: child spawned into a group this frame does not own refers to 'conn' through a pointer or view, but 'conn' dies when this frame returns, before the child ends
    // CHECK-NOTES: :[[@LINE-2]]:7: note: the child is spawned here
    // CHECK-NOTES: :[[@LINE-5]]:23: note: the group is received here
    // CHECK-NOTES: :[[@LINE-5]]:10: note: 'conn' is declared here and dies when this frame returns
    co_return corral::join;
  };
}

// doc/03: a function handed a Nursery& may spawn into it, but its own locals
// die when it returns.
void delayedPrint(corral::Nursery &n) {
  std::string message = "later";
  n.start([&]() -> corral::Task<> {
    co_await corral::sleepFor(io, 1s);
    co_await useStr(message);
    // CHECK-NOTES: :[[@LINE-1]]:21: warning: child spawned into a group this frame does not own captures 'message' by reference, but 'message' dies when this frame returns, before the child ends [async-task-escapes-group]
    // CHECK-NOTES: :[[@LINE-4]]:5: note: the child is spawned here
    // CHECK-NOTES: :[[@LINE-7]]:36: note: the group is received here
    // CHECK-NOTES: :[[@LINE-7]]:15: note: 'message' is declared here and dies when this frame returns
  });
}

// The body never returns, but a local of the loop body dies at the end of
// each iteration while the child spawned in it runs on.
corral::Task<void> loopLocalCapturedByReference() {
  CORRAL_WITH_NURSERY(n) {
    while (true) {
      std::string line = co_await acceptConn();
      n.start([&]() -> corral::Task<> { co_await useStr(line); });
      // CHECK-NOTES: :[[@LINE-1]]:57: warning: child spawned into a group this frame does not own captures 'line' by reference
      // CHECK-NOTES: :[[@LINE-2]]:9: note: the child is spawned here
      // CHECK-NOTES: :[[@LINE-6]]:23: note: the group is received here
      // CHECK-NOTES: :[[@LINE-5]]:19: note: 'line' is declared here and dies when this frame returns
    }
  };
}

// --- Negatives ----------------------------------------------------------------

// doc/01 and test/nursery_test.cc "by-reference": the referent is declared
// outside the nursery block.
corral::Task<void> outerLocalStdRef() {
  int x = 0;
  const std::string ext = "ext";
  CORRAL_WITH_NURSERY(n) {
    for (int i = 0; i != 10; ++i)
      n.start(useRef, std::ref(x));
    n.start(useStr, std::cref(ext));
    co_return corral::join;
  };
}

// test/asio_test.cc thread-pool-stress: the children capture the outer
// function's locals.
corral::Task<void> outerLocalsCaptured() {
  int total = 0;
  CORRAL_WITH_NURSERY(n) {
    for (int i = 0; i < 10; ++i)
      n.start([&total, i]() -> corral::Task<> { total += co_await fetch(i); });
    co_return corral::join;
  };
}

// test/nursery_test.cc "nursery-smoke": a [&] lambda declared outside the
// block, copied into each child with its arguments.
corral::Task<void> outerLambdaCopied() {
  int done = 0;
  auto sleeper = [&](std::chrono::milliseconds d) -> corral::Task<> {
    co_await corral::sleepFor(io, d);
    ++done;
  };
  CORRAL_WITH_NURSERY(n) {
    n.start(sleeper, 2ms);
    n.start(sleeper, 3ms);
    co_return corral::join;
  };
}

// test/nursery_test.cc "nursery-extended-lifetime": start() copies a body
// local into the child's frame, even for a callee taking const&.
corral::Task<void> bodyLocalCopied() {
  CORRAL_WITH_NURSERY(n) {
    const std::string s = "copied into the child's frame";
    n.start(useStr, s);
    co_return corral::join;
  };
}

// test/nursery_test.cc "nursery-member-function": the object is outside the
// block.
corral::Task<void> memberFunctionOnOuterObject() {
  Conn conn;
  CORRAL_WITH_NURSERY(n) {
    n.start(&Conn::run, &conn, 1);
    n.start(&Conn::run, std::ref(conn), 2);
    co_return corral::join;
  };
}

// test/nursery_test.cc "nursery-multi-cancel": [&] of the reference parameter
// names the nursery, which outlives its children; so does std::ref(n).
corral::Task<void> childUsesItsNursery() {
  CORRAL_WITH_NURSERY(n) {
    n.start([&]() -> corral::Task<> {
      co_await work();
      n.cancel();
    });
    n.start(cancelAll, std::ref(n));
    co_return corral::join;
  };
}

// examples/asio_happy_eyeballs.cc: the body never returns ("keep the lambda
// in scope"), so its locals outlive the children.
corral::Task<void> bodyNeverReturns() {
  CORRAL_WITH_NURSERY(n) {
    int attempt = 0;
    auto tryConnect = [&](int delay) -> corral::Task<> {
      co_await corral::sleepFor(io, std::chrono::milliseconds(delay));
      co_await fetch(attempt++);
      n.cancel();
    };
    n.start(tryConnect, 0);
    n.start([&]() -> corral::Task<> { co_await tryConnect(250); });
    CORRAL_SUSPEND_FOREVER();
  };
}

// examples/asio_echo_server.cc: an accept loop that never ends; the counter
// lives as long as the body.
corral::Task<void> acceptLoopNeverReturns() {
  CORRAL_WITH_NURSERY(n) {
    int served = 0;
    while (true) {
      std::string c = co_await acceptConn();
      n.start([&served, c = std::move(c)]() -> corral::Task<> {
        co_await useStr(c);
        ++served;
      });
    }
  };
}

// doc/03_live_objects.md: openNursery stores the nursery's address and
// resets it when the nursery closes.
class LiveObject {
  corral::Nursery *nursery_ = nullptr;

public:
  corral::Task<void> run() { return corral::openNursery(nursery_); }
  void beginThing() {
    if (nursery_)
      nursery_->start([this]() -> corral::Task<> { co_await asyncThing(); });
  }
  corral::Task<void> asyncThing();
};

// The same by hand: the body never returns, and a guard resets the member
// when the body's frame is destroyed, before the nursery closes.
class LiveByHand {
  corral::Nursery *nursery_ = nullptr;

public:
  corral::Task<void> run() {
    CORRAL_WITH_NURSERY(n) {
      struct Reset {
        corral::Nursery *&p;
        ~Reset() { p = nullptr; }
      } guard{nursery_};
      nursery_ = &n;
      CORRAL_SUSPEND_FOREVER();
    };
  }
};

// test/nursery_test.cc "open-nursery": the pointer is outside the outer block.
corral::Task<void> innerNurseryPointer() {
  corral::Nursery *inner = nullptr;
  CORRAL_WITH_NURSERY(outer) {
    co_await outer.start(corral::openNursery, std::ref(inner));
    inner->start([]() -> corral::Task<> { co_await work(); });
    co_return corral::cancel;
  };
}
