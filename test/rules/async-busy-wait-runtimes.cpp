// RUN: %check_async_tidy %s async-busy-wait %t -- -- %async_flags
//
// The other runtimes' sleeps: folly::coro::sleep, cppcoro's
// io_service::schedule_after, corral's sleepFor, libcoro's yield_for,
// async_simple's sleep, concurrencpp's delay object, unifex's schedule_after.
// The suggestion names the runtime's event type where it has one.

#include <async_simple/coro/Lazy.h>
#include <async_simple/coro/Sleep.h>
#include <concurrencpp/concurrencpp.h>
#include <coro/coro.hpp>
#include <corral/asio.h>
#include <corral/corral.h>
#include <cppcoro/io_service.hpp>
#include <cppcoro/task.hpp>
#include <folly/experimental/coro/Task.h>
#include <unifex/scheduler_concepts.hpp>
#include <unifex/task.hpp>
#include <unifex/timed_single_thread_context.hpp>
#include <atomic>
#include <memory>
#include <stop_token>

using namespace std::chrono_literals;

struct Peer {
  bool connected() const;
};
void work();

// --- Positive ---------------------------------------------------------------

folly::coro::Task<void> follySleep(const bool &ready) {
  while (!ready)
    co_await folly::coro::sleep(10ms);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: this loop polls a condition with 'folly::coro::sleep': the task wakes every period to re-check it and sees a change up to a period late; await an event ('folly::coro::Baton') that the code changing the condition signals
  // CHECK-NOTES: :[[@LINE-3]]:10: note: the condition polled
  // CHECK-NOTES: :[[@LINE-3]]:5: note: sleeps here between checks
}

cppcoro::task<void> cppcoroScheduleAfter(cppcoro::io_service &io, const bool &ready) {
  while (!ready)
    co_await io.schedule_after(10ms);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: this loop polls a condition with 'cppcoro::io_service::schedule_after': the task wakes every period to re-check it and sees a change up to a period late; await an event ('cppcoro::async_manual_reset_event')
  // CHECK-NOTES: :[[@LINE-3]]:10: note: the condition polled
  // CHECK-NOTES: :[[@LINE-3]]:5: note: sleeps here between checks
}

corral::Task<void> corralSleep(boost::asio::io_context &io, const bool &ready) {
  while (!ready)
    co_await corral::sleepFor(io, 10ms);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: this loop polls a condition with 'corral::sleepFor': the task wakes every period to re-check it and sees a change up to a period late; await an event ('corral::Event')
  // CHECK-NOTES: :[[@LINE-3]]:10: note: the condition polled
  // CHECK-NOTES: :[[@LINE-3]]:5: note: sleeps here between checks
}

coro::task<void> libcoroYieldFor(std::shared_ptr<coro::io_scheduler> s, const bool &ready) {
  while (!ready)
    co_await s->yield_for(10ms);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: this loop polls a condition with 'coro::io_scheduler::yield_for': the task wakes every period to re-check it and sees a change up to a period late; await an event ('coro::event')
  // CHECK-NOTES: :[[@LINE-3]]:10: note: the condition polled
  // CHECK-NOTES: :[[@LINE-3]]:5: note: sleeps here between checks
}

async_simple::coro::Lazy<void> asyncSimpleSleep(const bool &ready) {
  while (!ready)
    co_await async_simple::coro::sleep(10ms);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: this loop polls a condition with 'async_simple::coro::sleep'
  // CHECK-NOTES: :[[@LINE-3]]:10: note: the condition polled
  // CHECK-NOTES: :[[@LINE-3]]:5: note: sleeps here between checks
}

concurrencpp::result<void> concurrencppDelay(std::shared_ptr<concurrencpp::timer_queue> tq,
                                             std::shared_ptr<concurrencpp::thread_pool_executor> ex,
                                             const bool &ready) {
  while (!ready)
    co_await tq->make_delay_object(10ms, ex);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: this loop polls a condition with 'concurrencpp::timer_queue::make_delay_object'
  // CHECK-NOTES: :[[@LINE-3]]:10: note: the condition polled
  // CHECK-NOTES: :[[@LINE-3]]:5: note: sleeps here between checks
}

unifex::task<void> unifexScheduleAfter(unifex::timed_single_thread_context &ctx,
                                       const bool &ready) {
  while (!ready)
    co_await unifex::schedule_after(ctx.get_scheduler(), 10ms);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: this loop polls a condition with 'unifex::schedule_after': the task wakes every period to re-check it and sees a change up to a period late; await an event ('unifex::async_manual_reset_event')
  // CHECK-NOTES: :[[@LINE-3]]:10: note: the condition polled
  // CHECK-NOTES: :[[@LINE-3]]:5: note: sleeps here between checks
}

// --- Negative ---------------------------------------------------------------

// libcoro has no cancellation: polling the stop token is its only way to
// stop, and that is not a condition an event could replace.
coro::task<void> libcoroStopToken(std::shared_ptr<coro::io_scheduler> s, std::stop_token st) {
  while (!st.stop_requested())
    co_await s->yield_for(100ms);
}

// A cppcoro cancellation token polled between waits.
cppcoro::task<void> cppcoroToken(cppcoro::io_service &io, cppcoro::cancellation_token ct) {
  while (!ct.is_cancellation_requested())
    co_await io.schedule_after(100ms);
}
