// By default only the handlers after which the task goes on are reported
// (GOESON); with ReportCancellationAsSuccess, also those after which the
// coroutine ends (ENDS).
//
// RUN: %check_async_tidy -check-suffixes=GOESON %s async-swallowed-cancellation %t -- -- %async_flags
// RUN: %check_async_tidy -check-suffixes=GOESON,ENDS %s async-swallowed-cancellation %t -- \
// RUN:   -config="{CheckOptions: {async-swallowed-cancellation.ReportCancellationAsSuccess: true}}" \
// RUN:   -- %async_flags

#include <tg/tg.hpp>
#include <exception>
#include <functional>
#include <stdexcept>

void log();
bool fatal();
bool again();
[[noreturn]] void die();
tg::task<> step();
tg::task<> cleanup();

// --- The task goes on after the handler: its group waits for it -------------

tg::task<> pollsForever() {
  for (;;) {
    try {
      co_await tg::sleep_for(std::chrono::seconds(1));
    } catch (...) {
      // CHECK-NOTES-GOESON: :[[@LINE-1]]:7: warning: catch-all handler in a coroutine swallows 'tg::cancelled'; rethrow it so the cancelled task stops and its group can finish [async-swallowed-cancellation]
      // CHECK-NOTES-GOESON: :[[@LINE+5]]:5: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES-GOESON: :[[@LINE-4]]:7: note: cancellation is raised at this await
      // CHECK-NOTES-GOESON: :[[@LINE-5]]:7: note: after the handler the task goes on to this await
      // CHECK-FIXES-GOESON: {{^}}    } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
      log();
    }
  }
}

tg::task<> retriesForever() {
  for (;;) {
    try {
      co_await tg::checkpoint();
      co_return;
    } catch (...) {
      // CHECK-NOTES-GOESON: :[[@LINE-1]]:7: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
      // CHECK-NOTES-GOESON: :[[@LINE+4]]:7: note: cancellation is dropped here: the handler jumps out
      // CHECK-NOTES-GOESON: :[[@LINE-5]]:7: note: cancellation is raised at this await
      // CHECK-NOTES-GOESON: :[[@LINE-6]]:7: note: after the handler the task goes on to this await
      // CHECK-FIXES-GOESON: {{^}}    } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
      continue;
    }
  }
}

tg::task<> awaitsAfterTheTry() {
  try {
    co_await step();
  } catch (...) {
    // CHECK-NOTES-GOESON: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
    // CHECK-NOTES-GOESON: :[[@LINE+5]]:3: note: cancellation is dropped here: the handler falls off its end
    // CHECK-NOTES-GOESON: :[[@LINE-4]]:5: note: cancellation is raised at this await
    // CHECK-NOTES-GOESON: :[[@LINE+4]]:3: note: after the handler the task goes on to this await
    // CHECK-FIXES-GOESON: {{^}}  } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
    log();
  }
  co_await cleanup();
}

tg::task<> rethrowsOnlyFatalErrorsInALoop() {
  while (again()) {
    try {
      co_await step();
    } catch (...) {
      // CHECK-NOTES-GOESON: :[[@LINE-1]]:7: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
      // CHECK-NOTES-GOESON: :[[@LINE+6]]:5: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES-GOESON: :[[@LINE-4]]:7: note: cancellation is raised at this await
      // CHECK-NOTES-GOESON: :[[@LINE-5]]:7: note: after the handler the task goes on to this await
      // CHECK-FIXES-GOESON: {{^}}    } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
      if (fatal())
        throw;
    }
  }
}

tg::task<> cancellationHandlerThatLoops() {
  while (true) {
    try {
      co_await step();
    } catch (const tg::cancelled &) {
      // CHECK-NOTES-GOESON: :[[@LINE-1]]:7: warning: handler for 'tg::cancelled' in a coroutine swallows 'tg::cancelled'
      // CHECK-NOTES-GOESON: :[[@LINE+4]]:5: note: cancellation is dropped here: the handler falls off its end
      // CHECK-NOTES-GOESON: :[[@LINE-4]]:7: note: cancellation is raised at this await
      // CHECK-NOTES-GOESON: :[[@LINE-5]]:7: note: after the handler the task goes on to this await
      log();
    }
  }
}

tg::task<> dispatcherThatSwallowsThenAwaits() {
  try {
    co_await step();
  } catch (...) {
    // CHECK-NOTES-GOESON: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
    // CHECK-NOTES-GOESON: :[[@LINE+11]]:3: note: cancellation is dropped here: the handler falls off its end
    // CHECK-NOTES-GOESON: :[[@LINE-4]]:5: note: cancellation is raised at this await
    // CHECK-NOTES-GOESON: :[[@LINE+10]]:3: note: after the handler the task goes on to this await
    // CHECK-FIXES-GOESON: {{^}}  } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
    try {
      throw;
    } catch (const tg::cancelled &) {
      log();
    } catch (const std::exception &) {
      throw;
    }
  }
  co_await cleanup();
}

tg::task<> childrenInAGroupThatRetry() {
  co_await tg::with_group([](tg::task_group &g) -> tg::task<> {
    g.spawn([]() -> tg::task<> {
      while (again()) {
        try {
          co_await tg::sleep_for(std::chrono::milliseconds(5));
        } catch (...) {
          // CHECK-NOTES-GOESON: :[[@LINE-1]]:11: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
          // CHECK-NOTES-GOESON: :[[@LINE+4]]:9: note: cancellation is dropped here: the handler falls off its end
          // CHECK-NOTES-GOESON: :[[@LINE-4]]:11: note: cancellation is raised at this await
          // CHECK-NOTES-GOESON: :[[@LINE-5]]:11: note: after the handler the task goes on to this await
          // CHECK-FIXES-GOESON: {{^}}        } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
        }
      }
    }());
    co_return;
  });
}

// --- The coroutine ends after the handler: it only misreports how -----------

tg::task<> logsAndEnds() {
  try {
    co_await tg::sleep_for(std::chrono::seconds(1));
  } catch (...) {
    // CHECK-NOTES-ENDS: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'tg::cancelled' and ends the task as if it had succeeded: whoever awaits it is not told that it was cancelled; rethrow it [async-swallowed-cancellation]
    // CHECK-NOTES-ENDS: :[[@LINE+4]]:3: note: cancellation is dropped here: the handler falls off its end
    // CHECK-NOTES-ENDS: :[[@LINE-4]]:5: note: cancellation is raised at this await
    // CHECK-FIXES-ENDS: {{^}}  } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
    log();
  }
}

tg::task<int> returnsDefault() {
  try {
    co_await tg::checkpoint();
    co_return 1;
  } catch (...) {
    // CHECK-NOTES-ENDS: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'tg::cancelled' and ends the task as if it had succeeded
    // CHECK-NOTES-ENDS: :[[@LINE+3]]:5: note: cancellation is dropped here: the handler returns
    // CHECK-NOTES-ENDS: :[[@LINE-5]]:5: note: cancellation is raised at this await
    // CHECK-FIXES-ENDS: {{^}}  } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
    co_return 0;
  }
}

tg::task<> breaksOutOfRetryLoop() {
  while (true) {
    try {
      co_await tg::checkpoint();
    } catch (...) {
      // CHECK-NOTES-ENDS: :[[@LINE-1]]:7: warning: catch-all handler in a coroutine swallows 'tg::cancelled' and ends the task
      // CHECK-NOTES-ENDS: :[[@LINE+3]]:7: note: cancellation is dropped here: the handler jumps out
      // CHECK-NOTES-ENDS: :[[@LINE-4]]:7: note: cancellation is raised at this await
      // CHECK-FIXES-ENDS: {{^}}    } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
      break;
    }
  }
}

tg::task<> translatesIntoAnotherError() {
  try {
    co_await tg::checkpoint();
  } catch (...) {
    // CHECK-NOTES-ENDS: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'tg::cancelled' and ends the task as if it had failed with another error: whoever awaits it is not told that it was cancelled; rethrow it
    // CHECK-NOTES-ENDS: :[[@LINE+3]]:5: note: cancellation is dropped here: the handler throws a different exception
    // CHECK-NOTES-ENDS: :[[@LINE-4]]:5: note: cancellation is raised at this await
    // CHECK-FIXES-ENDS: {{^}}  } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
    throw std::runtime_error("failed");
  }
}

tg::task<> afterAStdExceptionHandler() {
  try {
    co_await tg::checkpoint();
  } catch (const std::exception &) {
    throw;
  } catch (...) {
    // CHECK-NOTES-ENDS: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'tg::cancelled' and ends the task
    // CHECK-NOTES-ENDS: :[[@LINE+3]]:3: note: cancellation is dropped here: the handler falls off its end
    // CHECK-NOTES-ENDS: :[[@LINE-6]]:5: note: cancellation is raised at this await
    // CHECK-FIXES-ENDS: {{^}}  } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
  }
}

tg::task<> storesButNeverRethrows() {
  std::exception_ptr ep;
  try {
    co_await tg::checkpoint();
  } catch (...) {
    // CHECK-NOTES-ENDS: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'tg::cancelled' and ends the task
    // CHECK-NOTES-ENDS: :[[@LINE+4]]:3: note: cancellation is dropped here: the handler falls off its end
    // CHECK-NOTES-ENDS: :[[@LINE-4]]:5: note: cancellation is raised at this await
    // CHECK-FIXES-ENDS: {{^}}  } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
    ep = std::current_exception();
  }
}

tg::task<> outerHandlerAfterInnerRethrow() {
  try {
    try {
      co_await tg::checkpoint();
    } catch (const tg::cancelled &) {
      throw;
    }
  } catch (...) {
    // CHECK-NOTES-ENDS: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'tg::cancelled' and ends the task
    // CHECK-NOTES-ENDS: :[[@LINE+4]]:3: note: cancellation is dropped here: the handler falls off its end
    // CHECK-NOTES-ENDS: :[[@LINE-7]]:7: note: cancellation is raised at this await
    // CHECK-FIXES-ENDS: {{^}}  } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
    log();
  }
}

// --- Negative: correct code stays silent -----------------------------------

tg::task<> rethrows() {
  try {
    co_await tg::checkpoint();
  } catch (...) {
    log();
    throw;
  }
  co_await cleanup();
}

tg::task<> catchesOnlyStdException() {
  // tg::cancelled does not derive from std::exception.
  for (;;) {
    try {
      co_await tg::checkpoint();
    } catch (const std::exception &) {
      log();
    }
  }
}

tg::task<> cancellationHandledFirst() {
  for (;;) {
    try {
      co_await tg::checkpoint();
    } catch (const tg::cancelled &) {
      throw;
    } catch (...) {
      log();
    }
  }
}

tg::task<> tryWithoutAwait() {
  for (;;) {
    try {
      log();
    } catch (...) {
    }
    co_await tg::checkpoint();
  }
}

void synchronousFunction() {
  try {
    log();
  } catch (...) {
  }
}

tg::task<> finallyIdiom() {
  std::exception_ptr ep;
  try {
    co_await tg::checkpoint();
  } catch (...) {
    ep = std::current_exception();
  }
  log();
  if (ep)
    std::rethrow_exception(ep);
  co_await cleanup();
}

tg::task<> rethrowsCurrentException() {
  try {
    co_await tg::checkpoint();
  } catch (...) {
    std::rethrow_exception(std::current_exception());
  }
  co_await cleanup();
}

tg::task<> dispatcherThatRethrows() {
  for (;;) {
    try {
      co_await tg::checkpoint();
    } catch (...) {
      try {
        throw;
      } catch (const tg::cancelled &) {
        throw;
      } catch (const std::exception &) {
        log();
      }
    }
  }
}

tg::task<> terminates() {
  for (;;) {
    try {
      co_await tg::checkpoint();
    } catch (...) {
      die();
    }
  }
}

tg::task<> bothBranchesRethrow() {
  for (;;) {
    try {
      co_await tg::checkpoint();
    } catch (...) {
      if (fatal()) {
        log();
        throw;
      } else {
        throw;
      }
    }
  }
}

tg::task<> localLoopThenRethrow() {
  for (;;) {
    try {
      co_await tg::checkpoint();
    } catch (...) {
      for (int i = 0; i < 3; ++i) {
        if (fatal())
          break;
        continue;
      }
      throw;
    }
  }
}

tg::task<> nestedTryForCleanupErrors() {
  for (;;) {
    try {
      co_await tg::checkpoint();
    } catch (...) {
      try {
        log();
      } catch (...) {
      }
      throw;
    }
  }
}

tg::task<> awaitOnlyInNestedLambda() {
  for (;;) {
    try {
      auto child = []() -> tg::task<> { co_await tg::checkpoint(); };
      (void)child;
    } catch (...) {
    }
    co_await cleanup();
  }
}

tg::task<> suppressed() {
  for (;;) {
    try {
      co_await tg::checkpoint();
    } catch (...) { // NOLINT(async-swallowed-cancellation)
    }
  }
}

// Test-framework assertions expand to a try and a catch-all the user cannot
// edit (Catch2's REQUIRE_NOTHROW, doctest's CHECK_NOTHROW, GoogleTest's
// EXPECT_NO_THROW and Boost.Test's BOOST_CHECK_NO_THROW have this shape).
void recordFailure(const char *);
#define EXPECT_NOTHROW_LIKE(expr)                                                        \
  do {                                                                                   \
    try {                                                                                \
      expr;                                                                              \
    } catch (...) {                                                                      \
      recordFailure(#expr);                                                              \
    }                                                                                    \
  } while (false)
#define EXPECT_THROWS_AS_LIKE(expr, type)                                                \
  do {                                                                                   \
    bool caught = false;                                                                 \
    try {                                                                                \
      expr;                                                                              \
    } catch (const type &) {                                                             \
      caught = true;                                                                     \
    } catch (...) {                                                                      \
    }                                                                                    \
    if (!caught)                                                                         \
      recordFailure(#expr);                                                              \
  } while (false)

tg::task<> testBodyWithAssertionMacros() {
  for (int i = 0; i < 3; ++i) {
    EXPECT_NOTHROW_LIKE(co_await step());
    EXPECT_THROWS_AS_LIKE(co_await step(), std::runtime_error);
  }
  co_await cleanup();
}

// The exception is handed on, not dropped: to a completion handler, a
// promise, a member that outlives the frame, or returned to the caller.
struct Session {
  std::exception_ptr failure;
  std::function<void(std::exception_ptr)> onDone;
  tg::task<> run();
  tg::task<> store();
};

tg::task<> Session::run() {
  for (;;) {
    try {
      co_await step();
    } catch (...) {
      onDone(std::current_exception());
    }
  }
}

tg::task<> Session::store() {
  for (;;) {
    try {
      co_await step();
    } catch (...) {
      failure = std::current_exception();
    }
  }
}

void complete(std::exception_ptr);

tg::task<> handsTheStoredExceptionOn() {
  for (;;) {
    std::exception_ptr ep;
    try {
      co_await step();
    } catch (...) {
      ep = std::current_exception();
    }
    if (ep)
      complete(ep);
  }
}

tg::task<> storesInALocalOfTheHandler() {
  for (;;) {
    try {
      co_await step();
    } catch (...) {
      auto ep = std::current_exception();
      complete(ep);
    }
  }
}

// The frame cancelled the child it awaits itself: the cancellation it
// catches is the answer to its own request.
tg::task<> cancelsItsOwnChild() {
  co_await tg::with_group([](tg::task_group &g) -> tg::task<> {
    auto child = g.spawn(step());
    child.cancel();
    try {
      co_await child;
    } catch (const tg::cancelled &) {
      log();
    }
    co_await cleanup();
  });
}

// The stored exception leaves in a closure handed to an executor (the shape
// of asio's own co_spawn entry point): handed on.
void post(std::function<void()> fn);
tg::task<> postsTheStoredException(std::function<void(std::exception_ptr)> handler) {
  for (;;) {
    std::exception_ptr e;
    try {
      co_await step();
    } catch (...) {
      e = std::current_exception();
    }
    post([handler, e] { handler(e); });
  }
}
tg::task<> postsAnInitCapture(std::function<void(std::exception_ptr)> handler) {
  std::exception_ptr e;
  try {
    co_await step();
  } catch (...) {
    e = std::current_exception();
  }
  post([handler, copy = e] { handler(copy); });
  co_await step();
}
