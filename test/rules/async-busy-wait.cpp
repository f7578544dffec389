// RUN: %check_async_tidy %s async-busy-wait %t -- -- %async_flags
//
// A loop that only sleeps and re-checks a condition another task changes:
// it wakes every period for nothing and sees the change up to a period late.

#include <tg/tg.hpp>
#include <atomic>
#include <deque>
#include <filesystem>
#include <future>

using namespace std::chrono_literals;

struct Job {
  bool done() const;
};
bool ready();
bool try_connect();
bool drain_queue();
struct Batches {
  std::deque<int> pop_all();
};
struct Monitor {
  tg::duration lag() const;
};
tg::task<bool> poll_ready();
void work();

// --- Positive ---------------------------------------------------------------

tg::task<> pollsAFlag(const bool &flag) {
  while (!flag)
    co_await tg::sleep_for(10ms);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: this loop polls a condition with 'tg::sleep_for': the task wakes every period to re-check it and sees a change up to a period late; await an event ('tg::event') that the code changing the condition signals [async-busy-wait]
  // CHECK-NOTES: :[[@LINE-3]]:10: note: the condition polled
  // CHECK-NOTES: :[[@LINE-3]]:5: note: sleeps here between checks
}

tg::task<> pollsACall(Job &job) {
  while (!job.done()) {
    co_await tg::sleep_for(1s);
  }
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: this loop polls a condition with 'tg::sleep_for'
  // CHECK-NOTES: :[[@LINE-4]]:10: note: the condition polled
  // CHECK-NOTES: :[[@LINE-4]]:5: note: sleeps here between checks
}

// An infinite loop whose only exit is the check.
tg::task<> checksThenSleeps(std::atomic<bool> &stop) {
  for (;;) {
    if (stop.load())
      break;
    co_await tg::sleep_for(100ms);
  }
  // CHECK-NOTES: :[[@LINE-5]]:3: warning: this loop polls a condition with 'tg::sleep_for'
  // CHECK-NOTES: :[[@LINE-5]]:9: note: the condition polled
  // CHECK-NOTES: :[[@LINE-4]]:5: note: sleeps here between checks
}

tg::task<> doWhile(std::deque<int> &queue) {
  do {
    co_await tg::sleep_until(tg::now() + 5ms);
  } while (queue.empty());
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: this loop polls a condition with 'tg::sleep_until'
  // CHECK-NOTES: :[[@LINE-2]]:12: note: the condition polled
  // CHECK-NOTES: :[[@LINE-4]]:5: note: sleeps here between checks
}

struct Service {
  bool stopping = false;
  tg::task<> waitForStop() {
    while (true) {
      co_await tg::sleep_for(50ms);
      if (stopping)
        co_return;
    }
    // CHECK-NOTES: :[[@LINE-5]]:5: warning: this loop polls a condition with 'tg::sleep_for'
    // CHECK-NOTES: :[[@LINE-4]]:11: note: the condition polled
    // CHECK-NOTES: :[[@LINE-6]]:7: note: sleeps here between checks
  }
};

template <class Cond> tg::task<> inATemplate(Cond cond) {
  while (!cond())
    co_await tg::sleep_for(10ms);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: this loop polls a condition with 'tg::sleep_for'
  // CHECK-NOTES: :[[@LINE-3]]:10: note: the condition polled
  // CHECK-NOTES: :[[@LINE-3]]:5: note: sleeps here between checks
}
template tg::task<> inATemplate(bool (*)());

// --- Negative ---------------------------------------------------------------

// Periodic work: the sleep paces the work, it does not wait for a change.
tg::task<> periodic(const bool &running) {
  while (running) {
    work();
    co_await tg::sleep_for(1s);
  }
}

// Nothing is polled: a pacing loop that only cancellation ends.
tg::task<> heartbeat() {
  while (true)
    co_await tg::sleep_for(1s);
}

// The condition is an await: nothing to replace with an event.
tg::task<> awaitsTheCondition() {
  while (!co_await poll_ready())
    co_await tg::sleep_for(10ms);
}

// A retry bound the loop advances itself.
tg::task<> retries() {
  for (int attempt = 0; attempt < 5; ++attempt)
    co_await tg::sleep_for(10ms);
  int left = 3;
  while (left-- > 0)
    co_await tg::sleep_for(10ms);
}

// Waiting for a point in time is a sleep until it.
tg::task<> untilADeadline(tg::time_point deadline) {
  while (tg::now() < deadline)
    co_await tg::sleep_for(10ms);
}

// Polling the cancellation: tg delivers it at the sleep anyway.
tg::task<> untilCancelled() {
  while (!tg::cancel_requested())
    co_await tg::sleep_for(10ms);
}

// The event itself.
tg::task<> awaitsAnEvent(tg::event &ev) { co_await ev.wait(); }

// A yield, not a sleep: checkpoints are another check's business.
tg::task<> yields(const bool &flag) {
  while (!flag)
    co_await tg::checkpoint();
}

// Not a coroutine of a modelled runtime.
void plain(const bool &flag) {
  while (!flag)
    work();
}

tg::task<> suppressed(const bool &flag) {
  while (!flag) // NOLINT(async-busy-wait)
    co_await tg::sleep_for(10ms);
}

// --- Each operand on its own ------------------------------------------------

// A deadline, a bound or the cancellation beside a polled flag does not make
// the flag less polled.
tg::task<> flagOrDeadline(const bool &flag, tg::time_point deadline) {
  while (!flag && tg::now() < deadline)
    co_await tg::sleep_for(10ms);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: this loop polls a condition with 'tg::sleep_for'
  // CHECK-NOTES: :[[@LINE-3]]:10: note: the condition polled
  // CHECK-NOTES: :[[@LINE-3]]:5: note: sleeps here between checks
}
tg::task<> flagWithinTries(const bool &flag) {
  int tries = 0;
  while (tries++ < 100 && !flag)
    co_await tg::sleep_for(10ms);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: this loop polls a condition with 'tg::sleep_for'
  // CHECK-NOTES: :[[@LINE-3]]:27: note: the condition polled
  // CHECK-NOTES: :[[@LINE-3]]:5: note: sleeps here between checks
}
tg::task<> flagUntilCancelled(const bool &flag) {
  while (!tg::cancel_requested()) {
    if (flag)
      break;
    co_await tg::sleep_for(10ms);
  }
  // CHECK-NOTES: :[[@LINE-5]]:3: warning: this loop polls a condition with 'tg::sleep_for'
  // CHECK-NOTES: :[[@LINE-5]]:9: note: the condition polled
  // CHECK-NOTES: :[[@LINE-4]]:5: note: sleeps here between checks
}
// A value the checks read, declared in the body, is part of the wait.
tg::task<> flagWithNow(const bool &flag, tg::time_point deadline) {
  while (!flag) {
    const tg::time_point now = tg::now();
    if (now >= deadline)
      co_return;
    co_await tg::sleep_for(10ms);
  }
  // CHECK-NOTES: :[[@LINE-6]]:3: warning: this loop polls a condition with 'tg::sleep_for'
  // CHECK-NOTES: :[[@LINE-7]]:10: note: the condition polled
  // CHECK-NOTES: :[[@LINE-4]]:5: note: sleeps here between checks
}

// Negative: an attempt (a free function), the world outside the program, a
// std::future (it has no awaitable wait): nothing another task could signal.
tg::task<> retriesAnAttempt() {
  while (!try_connect())
    co_await tg::sleep_for(1s);
}
tg::task<> waitsForAFile(const std::filesystem::path &p) {
  while (!std::filesystem::exists(p))
    co_await tg::sleep_for(100ms);
}
tg::task<int> pollsAFuture(std::future<int> &f) {
  while (f.wait_for(0s) != std::future_status::ready)
    co_await tg::sleep_for(1ms);
  co_return f.get();
}
// A local the checks do not read is work.
tg::task<> computesEachTime(const bool &flag) {
  while (!flag) {
    int spent = 0;
    (void)spent;
    co_await tg::sleep_for(10ms);
  }
}

// A literal beside a member poll is no attempt: still polled.
tg::task<> pollsALag(const Monitor &m) {
  while (m.lag() > 5ms)
    co_await tg::sleep_for(10ms);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: this loop polls a condition with 'tg::sleep_for'
  // CHECK-NOTES: :[[@LINE-3]]:10: note: the condition polled
  // CHECK-NOTES: :[[@LINE-3]]:5: note: sleeps here between checks
}
// A negated disjunction polls what its operands poll.
tg::task<> negatedDisjunction(const bool &flag) {
  int tries = 0;
  while (!(flag || tries++ >= 100))
    co_await tg::sleep_for(10ms);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: this loop polls a condition with 'tg::sleep_for'
  // CHECK-NOTES: :[[@LINE-3]]:12: note: the condition polled
  // CHECK-NOTES: :[[@LINE-3]]:5: note: sleeps here between checks
}

// Negative: a local judged by what makes it. An attempt or work in it (a
// free function, a call that changes something) makes the loop a retry or
// periodic work; a deadline in it is a sleep_until.
tg::task<> drainsEachTime(const bool &stop) {
  while (!stop) {
    bool more = drain_queue();
    if (!more)
      break;
    co_await tg::sleep_for(10ms);
  }
}
tg::task<> attemptInALocal() {
  while (true) {
    const bool connected = try_connect();
    if (connected)
      break;
    co_await tg::sleep_for(1s);
  }
}
tg::task<> popsEachTime(Batches &b, const bool &stop) {
  while (!stop) {
    auto batch = b.pop_all();
    if (!batch.empty())
      break;
    co_await tg::sleep_for(10ms);
  }
}
tg::task<> deadlineInALocal(tg::time_point deadline) {
  while (true) {
    const bool expired = tg::now() >= deadline;
    if (expired)
      co_return;
    co_await tg::sleep_for(10ms);
  }
}
tg::task<int> pollsAFutureWithoutALiteral(std::future<int> &f) {
  while (f.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    co_await tg::sleep_for(1ms);
  co_return f.get();
}
