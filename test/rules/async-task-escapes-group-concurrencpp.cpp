// RUN: %check_async_tidy %s async-task-escapes-group %t -- -- %async_flags
//
// concurrencpp (mock): nothing joins a posted callable, a null_result coroutine
// or a dropped eager result<T>, so what they hold by reference into the frame
// that started them dangles once that frame ends. post() copies its extra
// arguments (std::make_tuple), and an awaited result is done before the frame
// goes on.

#include <concurrencpp/concurrencpp.h>
#include <functional>
#include <memory>
#include <string>

namespace cc = concurrencpp;

using pool_ptr = std::shared_ptr<cc::thread_pool_executor>;

void use(const std::string &);
void bump(int &);

struct Request {
  std::string path;
};

cc::null_result appendLater(std::string &buffer);
cc::null_result serveOn(cc::executor_tag, pool_ptr ex, const Request &request);
cc::null_result countLater(int *counter);
cc::null_result logCopy(std::string message);
cc::result<void> fill(cc::executor_tag, pool_ptr ex, std::string &buffer);

// --- post() with captures by reference --------------------------------------

cc::result<void> postsByReference(pool_ptr ex) {
  std::string name = "job";
  int counter = 0;
  ex->post([&] { use(name); });
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: child spawned outside any group captures 'name' by reference, but 'name' dies when this frame returns, before the child ends [async-task-escapes-group]
  // CHECK-NOTES: :[[@LINE-2]]:7: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-5]]:15: note: 'name' is declared here and dies when this frame returns
  ex->post([&counter] { ++counter; });
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: child spawned outside any group captures 'counter' by reference, but 'counter' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-2]]:7: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-8]]:7: note: 'counter' is declared here and dies when this frame returns
  co_await cc::resume_on(ex);
}

// A parameter taken by value belongs to this frame too; so does a local of
// plain code.
void postsParameter(pool_ptr ex, std::string name) {
  ex->post([&name] { use(name); });
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: child spawned outside any group captures 'name' by reference, but 'name' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-2]]:7: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-4]]:46: note: 'name' is declared here and dies when this frame returns
  int hits = 0;
  cc::executor &base = *ex;
  base.post([&] { bump(hits); });
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: child spawned outside any group captures 'hits' by reference, but 'hits' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-2]]:8: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-5]]:7: note: 'hits' is declared here and dies when this frame returns
  // post() stores its arguments as they are: a std::ref still names the local.
  ex->post(bump, std::ref(hits));
  // CHECK-NOTES: :[[@LINE-1]]:27: warning: child spawned outside any group refers to 'hits' through a pointer or view, but 'hits' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-2]]:7: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-10]]:7: note: 'hits' is declared here and dies when this frame returns
}

// --- A null_result coroutine handed a reference to a local ------------------

cc::result<void> detachedByReference(pool_ptr ex) {
  std::string buffer;
  appendLater(buffer);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: child spawned outside any group refers to 'buffer' by reference, but 'buffer' dies when this frame returns, before the child ends [async-task-escapes-group]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-4]]:15: note: 'buffer' is declared here and dies when this frame returns
  co_await cc::resume_on(ex);
}

// The executor_tag form certainly suspends before its body runs.
void detachedOnExecutor(pool_ptr ex) {
  Request request{"/index.html"};
  int counter = 0;
  serveOn({}, ex, request);
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: child spawned outside any group refers to 'request' by reference, but 'request' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-5]]:11: note: 'request' is declared here and dies when this frame returns
  countLater(&counter);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: child spawned outside any group refers to 'counter' through a pointer or view, but 'counter' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-8]]:7: note: 'counter' is declared here and dies when this frame returns
}

// --- A dropped eager result: the work runs on, detached ---------------------

void droppedResults(pool_ptr ex) {
  std::string buffer;
  ex->submit([&] { use(buffer); });
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: child spawned outside any group captures 'buffer' by reference, but 'buffer' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-2]]:7: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-4]]:15: note: 'buffer' is declared here and dies when this frame returns
  fill({}, ex, buffer);
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: child spawned outside any group refers to 'buffer' by reference, but 'buffer' dies when this frame returns, before the child ends
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the child is spawned here
  // CHECK-NOTES: :[[@LINE-8]]:15: note: 'buffer' is declared here and dies when this frame returns
}

// --- `this` of a detached member coroutine --------------------------------

struct Connection : std::enable_shared_from_this<Connection> {
  std::string name;
  cc::null_result pump(pool_ptr ex) {
    co_await cc::resume_on(ex);
    use(name);
  }
  cc::null_result pumpOn(cc::executor &ex) {
    co_await cc::resume_on(ex);
    use(name);
  }
  cc::null_result pumpKeptAlive(pool_ptr ex) {
    auto self = shared_from_this();
    co_await cc::resume_on(ex);
    use(name);
  }
  cc::null_result pumpOwned(std::shared_ptr<Connection> self, pool_ptr ex) {
    co_await cc::resume_on(ex);
    use(name);
  }
  cc::result<void> pumpAwaited(pool_ptr ex) {
    co_await cc::resume_on(ex);
    use(name);
  }

  cc::result<void> start(pool_ptr ex) {
    pump(ex);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: member coroutine started outside any group uses 'this' after its first suspension, but nothing keeps the object alive until then; hold a std::shared_ptr to it (shared_from_this()) in the coroutine [async-task-escapes-group]
    // CHECK-NOTES: :[[@LINE-2]]:5: note: the child is spawned here
    // CHECK-NOTES: :[[@LINE-25]]:5: note: the coroutine first suspends here
    // CHECK-NOTES: :[[@LINE-25]]:9: note: and uses 'this' here, when the object may be gone
    pumpOn(*ex);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: member coroutine started outside any group uses 'this' after its first suspension, but nothing keeps the object alive until then; hold a std::shared_ptr to it (shared_from_this()) in the coroutine
    // CHECK-NOTES: :[[@LINE-2]]:5: note: the child is spawned here
    // CHECK-NOTES: :[[@LINE-26]]:5: note: the coroutine first suspends here
    // CHECK-NOTES: :[[@LINE-26]]:9: note: and uses 'this' here, when the object may be gone
    // Negative: the coroutine holds the object, or the caller awaits it.
    pumpKeptAlive(ex);
    pumpOwned(shared_from_this(), ex);
    co_await pumpAwaited(ex);
  }
};

// --- A coroutine lambda on a temporary closure ------------------------------

// null_result starts eagerly: the closure dies at the end of the statement,
// after the coroutine's first suspension.
void temporaryClosure(pool_ptr ex, std::string name) {
  [ex, name]() -> cc::null_result {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine lambda called on a temporary closure: the closure is destroyed at the end of the statement, but the coroutine reads its captures after its first suspension; name the lambda so that it outlives the coroutine, or pass what it needs as parameters [async-task-escapes-group]
    // CHECK-NOTES: :[[@LINE+2]]:9: note: a capture is read here, from the destroyed closure
    co_await cc::resume_on(ex);
    use(name);
  }();
  // The same with an eager result<T> that nobody keeps.
  [ex, name]() -> cc::result<void> {
    // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine lambda called on a temporary closure: the closure is destroyed at the end of the statement, but the coroutine reads its captures after its first suspension; name the lambda so that it outlives the coroutine, or pass what it needs as parameters
    // CHECK-NOTES: :[[@LINE+2]]:9: note: a capture is read here, from the destroyed closure
    co_await cc::resume_on(ex);
    use(name);
  }();
  // Negative: the captures are read only before the first suspension (the
  // operand of the first co_await is evaluated before it suspends).
  [ex]() -> cc::null_result { co_await cc::resume_on(ex); }();
  [ex, name]() -> cc::result<void> {
    use(name);
    co_await cc::resume_on(ex);
  }();
}

// --- Negative ---------------------------------------------------------------

// Copies are the child's own; post() copies its arguments.
cc::result<void> postsByValue(pool_ptr ex) {
  std::string name = "job";
  ex->post([name] { use(name); });
  ex->post([copy = name] { use(copy); });
  ex->post(use, name);
  logCopy(name);
  co_await cc::resume_on(ex);
}

// The submitted work, or the result coroutine, is awaited before the frame
// goes on.
cc::result<void> awaitsItsChildren(pool_ptr ex) {
  int counter = 0;
  std::string buffer;
  co_await ex->submit([&counter] { ++counter; });
  auto pending = ex->submit([&] { use(buffer); });
  co_await pending;
  co_await fill({}, ex, buffer);
  co_await cc::when_all(ex, fill({}, ex, buffer));
}

// A reference parameter names the caller's object, not this frame's.
void forwardsCallersObjects(pool_ptr ex, std::string &callers, const Request &request) {
  ex->post([&callers] { use(callers); });
  ex->post([&] { use(request.path); });
  appendLater(callers);
  serveOn({}, ex, request);
}

// The posted callable owns the promise and signals completion; the frame
// awaits that result before its locals go.
cc::result<void> bridgesWithPromise(pool_ptr ex) {
  std::string buffer;
  cc::result_promise<void> promise;
  auto done = promise.get_result();
  ex->post([&buffer, promise = std::move(promise)]() mutable {
    use(buffer);
    promise.set_result();
  });
  co_await done;
}

// A named coroutine lambda outlives the coroutine it starts here.
cc::result<void> namedLambda(pool_ptr ex, std::string name) {
  auto job = [ex, name]() -> cc::result<void> {
    co_await cc::resume_on(ex);
    use(name);
  };
  co_await job();
  co_await [ex, name]() -> cc::result<void> {
    co_await cc::resume_on(ex);
    use(name);
  }();
}
