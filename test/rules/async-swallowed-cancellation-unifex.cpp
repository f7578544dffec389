// RUN: %check_async_tidy %s async-swallowed-cancellation %t -- -- %async_flags
// RUN: %check_async_tidy %s async-swallowed-cancellation %t -- \
// RUN:   -config="{CheckOptions: {async-swallowed-cancellation.ReportCancellationAsSuccess: true}}" \
// RUN:   -- %async_flags
//
// libunifex: cancellation is a done completion, never an exception: a done
// from an awaited sender destroys the awaiting task's frame without running
// any handler, so no catch clause can swallow it (the check does not apply;
// the swallowing tools are sender algorithms such as let_done).

#include <unifex/get_stop_token.hpp>
#include <unifex/just.hpp>
#include <unifex/let_done.hpp>
#include <unifex/scheduler_concepts.hpp>
#include <unifex/stop_if_requested.hpp>
#include <unifex/task.hpp>
#include <unifex/timed_single_thread_context.hpp>
#include <chrono>
#include <exception>
#include <stdexcept>

using namespace std::chrono_literals;

unifex::task<int> fetch();
unifex::task<void> flush();
bool again();
void log();
unifex::timed_single_thread_context ctx;

unifex::task<int> catchAllEndsTask() {
  try {
    co_return co_await fetch();
  } catch (...) {
    co_return -1;
  }
}

unifex::task<void> catchStdExceptionGoesOn() {
  while (again()) {
    try {
      co_await unifex::schedule_after(ctx.get_scheduler(), 10ms);
      co_await unifex::stop_if_requested();
    } catch (const std::exception &) {
      log();
    }
  }
}

unifex::task<void> catchAllFallsOff() {
  try {
    co_await flush();
  } catch (...) {
    log();
  }
  co_await flush();
}

unifex::task<int> catchRuntimeError() {
  try {
    co_return co_await fetch();
  } catch (const std::runtime_error &) {
    co_return 0;
  }
}

// Not a handler: let_done turns a done into a value (no check reports it today).
unifex::task<int> letDoneSwallows() {
  co_return co_await unifex::let_done(fetch(), [] { return unifex::just(0); });
}
