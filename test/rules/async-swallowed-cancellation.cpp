// RUN: %check_async_tidy %s async-swallowed-cancellation %t -- -- %async_flags

#include <tg/tg.hpp>
#include <exception>
#include <stdexcept>

void log();
bool fatal();
[[noreturn]] void die();

// --- Positive: handlers that swallow tg::cancelled ------------------------

tg::task<> logsAndContinues() {
  try {
    co_await tg::sleep_for(std::chrono::seconds(1));
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'tg::cancelled'; rethrow it so the cancelled task stops and its group can finish [async-swallowed-cancellation]
    // CHECK-FIXES: {{^}}  } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
    log();
  }
}

tg::task<int> returnsDefault() {
  try {
    co_await tg::checkpoint();
    co_return 1;
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
    // CHECK-FIXES: {{^}}  } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
    co_return 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: cancellation is dropped here: the handler returns
  }
}

tg::task<> retriesForever() {
  for (;;) {
    try {
      co_await tg::checkpoint();
      co_return;
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
      // CHECK-FIXES: {{^}}    } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
      continue;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: cancellation is dropped here: the handler jumps out
    }
  }
}

tg::task<> breaksOutOfRetryLoop() {
  while (true) {
    try {
      co_await tg::checkpoint();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
      // CHECK-FIXES: {{^}}    } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
      break;
    }
  }
}

tg::task<> handlesCancellationByLogging() {
  try {
    co_await tg::checkpoint();
  } catch (const tg::cancelled &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler for 'tg::cancelled' in a coroutine swallows 'tg::cancelled'
    log();
  }
}

tg::task<> rethrowsOnlyFatalErrors() {
  try {
    co_await tg::checkpoint();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
    // CHECK-FIXES: {{^}}  } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
    if (fatal())
      throw;
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: cancellation is dropped here: the handler falls off its end
  // CHECK-MESSAGES: :[[@LINE-8]]:5: note: cancellation is raised at this await
}

tg::task<> translatesIntoAnotherError() {
  try {
    co_await tg::checkpoint();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
    // CHECK-FIXES: {{^}}  } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
    throw std::runtime_error("failed");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: cancellation is dropped here: the handler throws a different exception
  }
}

tg::task<> dispatcherThatSwallows() {
  try {
    co_await tg::checkpoint();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
    // CHECK-FIXES: {{^}}  } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
    try {
      throw;
    } catch (const tg::cancelled &) {
      log();
    } catch (const std::exception &) {
      throw;
    }
  }
}

tg::task<> afterAStdExceptionHandler() {
  try {
    co_await tg::checkpoint();
  } catch (const std::exception &) {
    throw;
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
    // CHECK-FIXES: {{^}}  } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
  }
}

tg::task<> storesButNeverRethrows() {
  std::exception_ptr ep;
  try {
    co_await tg::checkpoint();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
    // CHECK-FIXES: {{^}}  } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
    ep = std::current_exception();
  }
}

tg::task<> childrenInAGroup() {
  co_await tg::with_group([](tg::task_group &g) -> tg::task<> {
    g.spawn([]() -> tg::task<> {
      try {
        co_await tg::sleep_for(std::chrono::milliseconds(5));
      } catch (...) {
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
        // CHECK-FIXES: {{^}}      } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
      }
    }());
    co_return;
  });
}

tg::task<> outerHandlerAfterInnerRethrow() {
  try {
    try {
      co_await tg::checkpoint();
    } catch (const tg::cancelled &) {
      throw;
    }
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
    // CHECK-FIXES: {{^}}  } catch (const tg::cancelled&) { throw; } catch (...) {{{$}}
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
}

tg::task<> catchesOnlyStdException() {
  // tg::cancelled does not derive from std::exception.
  try {
    co_await tg::checkpoint();
  } catch (const std::exception &) {
    log();
  }
}

tg::task<> cancellationHandledFirst() {
  try {
    co_await tg::checkpoint();
  } catch (const tg::cancelled &) {
    throw;
  } catch (...) {
    log();
  }
}

tg::task<> tryWithoutAwait() {
  try {
    log();
  } catch (...) {
  }
  co_await tg::checkpoint();
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
}

tg::task<> rethrowsCurrentException() {
  try {
    co_await tg::checkpoint();
  } catch (...) {
    std::rethrow_exception(std::current_exception());
  }
}

tg::task<> dispatcherThatRethrows() {
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

tg::task<> terminates() {
  try {
    co_await tg::checkpoint();
  } catch (...) {
    die();
  }
}

tg::task<> bothBranchesRethrow() {
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

tg::task<> localLoopThenRethrow() {
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

tg::task<> nestedTryForCleanupErrors() {
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

tg::task<> awaitOnlyInNestedLambda() {
  try {
    auto child = []() -> tg::task<> { co_await tg::checkpoint(); };
    (void)child;
  } catch (...) {
  }
  co_return;
}

tg::task<> suppressed() {
  try {
    co_await tg::checkpoint();
  } catch (...) { // NOLINT(async-swallowed-cancellation)
  }
}
