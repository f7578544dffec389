// RUN: %check_async_tidy %s async-timeout-without-await %t -- -- %async_flags
//
// concurrencpp (mock): there is no timeout scope. A deadline is a race of a
// result against a delay (when_any, which cancels neither), a timed wait
// (result::wait_for), or a timer; none has a body that could fail to await,
// so this check has nothing to report here and these idioms stay silent.

#include <concurrencpp/concurrencpp.h>
#include <memory>

using namespace std::chrono_literals;
namespace cc = concurrencpp;

using pool_ptr = std::shared_ptr<cc::thread_pool_executor>;
using tq_ptr = std::shared_ptr<cc::timer_queue>;

int crunch(int);
cc::result<int> compute(cc::executor_tag, pool_ptr ex, int x);

// The result against a delay: whichever completes first.
cc::result<bool> raceAgainstDelay(tq_ptr tq, pool_ptr ex) {
  auto any = co_await cc::when_any(ex, compute({}, ex, 1),
                                   tq->make_delay_object(100ms, ex).run());
  co_return any.index == 0;
}

// A delay whose "body" computes without awaiting.
cc::result<int> computesThenSleeps(tq_ptr tq, pool_ptr ex) {
  int v = crunch(2);
  co_await tq->make_delay_object(10ms, ex);
  co_return v;
}

// A timed wait in plain code; a one-shot timer owned by its caller.
bool timedWait(pool_ptr ex) {
  auto r = ex->submit(crunch, 3);
  return r.wait_for(1s) == cc::result_status::value;
}
cc::timer watchdog(tq_ptr tq, pool_ptr ex) {
  return tq->make_one_shot_timer(5s, ex, [] { crunch(4); });
}
