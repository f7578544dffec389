// RUN: %check_async_tidy -check-suffixes=GOESON %s async-swallowed-cancellation %t -- -- %async_flags
// RUN: %check_async_tidy -check-suffixes=GOESON,ENDS %s async-swallowed-cancellation %t -- \
// RUN:   -config="{CheckOptions: {async-swallowed-cancellation.ReportCancellationAsSuccess: true}}" \
// RUN:   -- %async_flags
//
// concurrencpp (mock): no per-task cancellation; an executor's shutdown raises
// errors::broken_task at the awaits it routes (resume_on, delay objects,
// when_all/when_any, the start of an executor_tag coroutine such as submit's)
// and errors::runtime_shutdown from post/submit. Both are
// errors::interrupted_task, a std::runtime_error, so std::exception catches them.

#include <concurrencpp/concurrencpp.h>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>

using namespace std::chrono_literals;
namespace cc = concurrencpp;

using pool_ptr = std::shared_ptr<cc::thread_pool_executor>;
using tq_ptr = std::shared_ptr<cc::timer_queue>;

void log(const char *);
void mayThrow();
bool keepGoing();
cc::result<int> fetch(cc::executor_tag, pool_ptr ex, int id);
cc::lazy_result<int> parse(std::string text);

// --- The task goes on after the handler: at shutdown it awaits again, fails
// again, and ~runtime never finishes joining the pool -----------------------

cc::result<void> retriesForever(pool_ptr ex) {
  while (keepGoing()) {
    try {
      co_await cc::resume_on(ex);
      mayThrow();
    } catch (...) {
      // CHECK-NOTES-GOESON: :[[@LINE-1]]:7: warning: catch-all handler in a coroutine swallows 'concurrencpp::errors::interrupted_task'; rethrow it so the cancelled task stops and its group can finish [async-swallowed-cancellation]
      // CHECK-NOTES-GOESON: :[[@LINE+5]]:5: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES-GOESON: :[[@LINE-5]]:7: note: cancellation is raised at this await
      // CHECK-NOTES-GOESON: :[[@LINE-6]]:7: note: after the handler the task goes on to this await
      // CHECK-FIXES-GOESON: {{^}}    } catch (const concurrencpp::errors::interrupted_task&) { throw; } catch (...) {{{$}}
      log("retry");
    }
  }
}

// example/12_delay_object's ticker, with a handler for std::exception.
cc::null_result ticker(tq_ptr tq, pool_ptr ex) {
  for (;;) {
    try {
      co_await tq->make_delay_object(1500ms, ex);
      mayThrow();
    } catch (const std::exception &e) {
      // CHECK-NOTES-GOESON: :[[@LINE-1]]:7: warning: handler for 'std::exception' in a coroutine swallows 'concurrencpp::errors::interrupted_task'; rethrow it so the cancelled task stops and its group can finish
      // CHECK-NOTES-GOESON: :[[@LINE+5]]:5: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES-GOESON: :[[@LINE-5]]:7: note: cancellation is raised at this await
      // CHECK-NOTES-GOESON: :[[@LINE-6]]:7: note: after the handler the task goes on to this await
      // CHECK-FIXES-GOESON: {{^}}    } catch (const concurrencpp::errors::interrupted_task&) { throw; } catch (const std::exception &e) {{{$}}
      log(e.what());
    }
  }
}

// std::runtime_error is the direct base of interrupted_task.
cc::result<void> gathersInALoop(pool_ptr ex) {
  while (keepGoing()) {
    try {
      auto [a, b] = co_await cc::when_all(ex, fetch({}, ex, 1), fetch({}, ex, 2));
      co_await a;
      co_await b;
    } catch (const std::runtime_error &e) {
      // CHECK-NOTES-GOESON: :[[@LINE-1]]:7: warning: handler for 'std::runtime_error' in a coroutine swallows 'concurrencpp::errors::interrupted_task'
      // CHECK-NOTES-GOESON: :[[@LINE+5]]:5: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES-GOESON: :[[@LINE-6]]:21: note: cancellation is raised at this await
      // CHECK-NOTES-GOESON: :[[@LINE-7]]:21: note: after the handler the task goes on to this await
      // CHECK-FIXES-GOESON: {{^}}    } catch (const concurrencpp::errors::interrupted_task&) { throw; } catch (const std::runtime_error &e) {{{$}}
      log(e.what());
    }
  }
}

// submit() starts an executor_tag coroutine on the executor: after shutdown
// it throws runtime_shutdown, or its result holds broken_task, which
// co_await rethrows. The loop then spins without ever suspending.
cc::result<void> submitsInALoop(pool_ptr ex) {
  while (keepGoing()) {
    try {
      co_await ex->submit(mayThrow);
    } catch (...) {
      // CHECK-NOTES-GOESON: :[[@LINE-1]]:7: warning: catch-all handler in a coroutine swallows 'concurrencpp::errors::interrupted_task'; rethrow it so the cancelled task stops and its group can finish [async-swallowed-cancellation]
      // CHECK-NOTES-GOESON: :[[@LINE+5]]:5: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES-GOESON: :[[@LINE-4]]:7: note: cancellation is raised at this await
      // CHECK-NOTES-GOESON: :[[@LINE-5]]:7: note: after the handler the task goes on to this await
      // CHECK-FIXES-GOESON: {{^}}    } catch (const concurrencpp::errors::interrupted_task&) { throw; } catch (...) {{{$}}
      log("job failed");
    }
  }
}

// --- The coroutine ends after the handler, as if it had succeeded ------------

cc::result<void> endsOnBrokenTask(pool_ptr ex) {
  try {
    co_await cc::resume_on(ex);
    mayThrow();
  } catch (const cc::errors::broken_task &) {
    // CHECK-NOTES-ENDS: :[[@LINE-1]]:5: warning: handler for 'cc::errors::broken_task' in a coroutine swallows 'concurrencpp::errors::broken_task' and ends the task as if it had succeeded
    // CHECK-NOTES-ENDS: :[[@LINE+2]]:3: note: cancellation is dropped here: the handler falls off its end
    // CHECK-NOTES-ENDS: :[[@LINE-5]]:5: note: cancellation is raised at this await
  }
}

cc::result<int> endsWithAValue(tq_ptr tq, pool_ptr ex) {
  try {
    co_await tq->make_delay_object(10ms, ex);
  } catch (...) {
    // CHECK-NOTES-ENDS: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'concurrencpp::errors::interrupted_task' and ends the task as if it had succeeded
    // CHECK-NOTES-ENDS: :[[@LINE+4]]:5: note: cancellation is dropped here: the handler returns
    // CHECK-NOTES-ENDS: :[[@LINE-4]]:5: note: cancellation is raised at this await
    // CHECK-FIXES-ENDS: {{^}}  } catch (const concurrencpp::errors::interrupted_task&) { throw; } catch (...) {{{$}}
    log("gave up");
    co_return -1;
  }
  co_return 0;
}

// --- Negative ---------------------------------------------------------------

// The interruption is rethrown first.
cc::result<void> rethrowsInterruption(pool_ptr ex) {
  while (keepGoing()) {
    try {
      co_await cc::resume_on(ex);
      mayThrow();
    } catch (const cc::errors::interrupted_task &) {
      throw;
    } catch (const std::exception &e) {
      log(e.what());
    }
  }
}

// A handler that cannot receive interrupted_task; a catch-all that rethrows;
// a try block without an await.
cc::result<void> otherHandlers(pool_ptr ex) {
  while (keepGoing()) {
    try {
      co_await ex->submit(mayThrow);
    } catch (const std::invalid_argument &e) {
      log(e.what());
    }
    try {
      co_await cc::resume_on(ex);
    } catch (...) {
      log("bye");
      throw;
    }
    try {
      mayThrow();
    } catch (...) {
      log("sync failure");
    }
  }
}

// An await that no executor routes does not raise the interruption itself.
cc::result<void> parsesInALoop() {
  while (keepGoing()) {
    try {
      co_await parse("1");
    } catch (...) {
      log("bad input");
    }
  }
}

// Plain code (a test body) sees runtime_shutdown as an ordinary error.
void plainCode(pool_ptr ex) {
  try {
    ex->post(mayThrow);
  } catch (...) {
    log("shut down");
  }
}
