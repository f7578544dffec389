// RUN: %check_async_tidy %s async-timeout-without-await %t -- -- %async_flags
//
// libunifex: stop_when(source, trigger) starts the source, then the trigger,
// and requests stop on the source when the trigger completes; the timeout is
// stop_when(work(), schedule_after(scheduler, d)). A source task that never
// awaits has completed inside start(), before the trigger was even started.

#include <unifex/scheduler_concepts.hpp>
#include <unifex/stop_when.hpp>
#include <unifex/task.hpp>
#include <unifex/timed_single_thread_context.hpp>
#include <chrono>

using namespace std::chrono_literals;

int computeSync(int);
unifex::task<int> fetch();
unifex::timed_single_thread_context ctx;

unifex::task<int> crunch() { co_return computeSync(1); } // never awaits
unifex::task<int> patient() { co_return co_await fetch(); }

// --- Positive ---------------------------------------------------------------

unifex::task<int> crunchWithTimeout() {
  auto r = co_await unifex::stop_when(crunch(), unifex::schedule_after(ctx.get_scheduler(), 1s));
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: 'unifex::stop_when' can never fire: the task it guards never awaits, so it runs to completion before the timer gets a chance [async-timeout-without-await]
  // CHECK-NOTES: :[[@LINE-8]]:19: note: 'crunch' has no co_await or co_yield
  co_return r;
}

unifex::task<void> lambdaWithTimeout() {
  auto body = []() -> unifex::task<void> {
    (void)computeSync(2);
    co_return;
  };
  co_await unifex::stop_when(body(), unifex::schedule_after(ctx.get_scheduler(), 1s));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'unifex::stop_when' can never fire
  // CHECK-NOTES: :[[@LINE-6]]:15: note: this coroutine lambda has no co_await or co_yield
}

// The pipe form: the guarded task is the left operand.
unifex::task<int> pipedTimeout() {
  co_return co_await (crunch() | unifex::stop_when(unifex::schedule_after(ctx.get_scheduler(), 1s)));
  // CHECK-NOTES: :[[@LINE-1]]:34: warning: 'unifex::stop_when' can never fire: the task it guards never awaits
  // CHECK-NOTES: :[[@LINE-26]]:19: note: 'crunch' has no co_await or co_yield
}

// --- Negative ---------------------------------------------------------------

unifex::task<int> patientWithTimeout() {
  co_return co_await unifex::stop_when(patient(), unifex::schedule_after(ctx.get_scheduler(), 1s));
}

unifex::task<int> pipedPatient() {
  co_return co_await (patient() | unifex::stop_when(unifex::schedule_after(ctx.get_scheduler(), 1s)));
}

// examples/linux/http_server_io_uring_test.cpp: a timer as the source and a
// task that awaits as the trigger.
unifex::task<void> quit() { co_await fetch(); }
unifex::task<void> stopTrigger() {
  co_await unifex::stop_when(unifex::schedule_after(ctx.get_scheduler(), 1s), quit());
}

// A trigger that never awaits stops the source at once: it fires.
unifex::task<int> immediateTrigger() {
  co_return co_await unifex::stop_when(patient(), crunch());
}
