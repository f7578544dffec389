// The comparison's workloads in Debian's asio 1.22 with C++20 coroutines
// (see workloads.hpp for the protocol). asio 1.22 has no ranged
// parallel_group, so a round is the idiom of its examples: co_spawn each
// child with a completion handler that counts it, and the parent waits on a
// timer that the last completion cancels. Failure fan-out is asio's
// per-operation cancellation: each child is spawned with the slot of its own
// cancellation_signal, and the first failure emits all of them.
#include <asio.hpp>

#include <chrono>
#include <deque>
#include <exception>
#include <stdexcept>

#include "workloads.hpp"

namespace {

using asio::awaitable;
using asio::use_awaitable;
using namespace std::chrono_literals;

awaitable<long> leaf(long i) { co_return i; }

awaitable<long> leaf_suspending(long i) {
  co_await asio::post(co_await asio::this_coro::executor, use_awaitable);  // yield once
  co_return i;
}

awaitable<void> waiter() {
  asio::steady_timer t(co_await asio::this_coro::executor, 1h);
  co_await t.async_wait(use_awaitable);  // throws operation_aborted when cancelled
}

awaitable<void> failer() {
  co_await asio::post(co_await asio::this_coro::executor, use_awaitable);
  throw std::runtime_error("child failed");
}

// The join: the parent waits on a never-expiring timer; the last child to
// complete cancels it.
struct join_counter {
  asio::steady_timer done;
  long pending = 0;
  explicit join_counter(asio::any_io_executor ex) : done(ex, asio::steady_timer::time_point::max()) {}
  void child_done() {
    if (--pending == 0) done.cancel();
  }
  awaitable<void> wait() {
    if (pending == 0) co_return;
    asio::error_code ec;
    co_await done.async_wait(asio::redirect_error(use_awaitable, ec));
  }
};

template <class Child>
awaitable<void> fan(long n, Child child) {
  auto ex = co_await asio::this_coro::executor;
  join_counter join(ex);
  join.pending = n;
  for (long i = 0; i < n; ++i)
    asio::co_spawn(ex, child(i), [&join](std::exception_ptr, long) { join.child_done(); });
  co_await join.wait();
}

awaitable<void> cancel_fan_out(long n) {
  auto ex = co_await asio::this_coro::executor;
  join_counter join(ex);
  join.pending = n + 1;
  std::deque<asio::cancellation_signal> signals(n + 1);  // stable addresses
  bool aborting = false;
  auto on_done = [&](std::exception_ptr e) {
    if (e && !aborting) {
      bool cancellation = false;
      try {
        std::rethrow_exception(e);
      } catch (const asio::system_error& se) {
        cancellation = se.code() == asio::error::operation_aborted;
      } catch (...) {
      }
      if (!cancellation) {  // a real failure: cancel the siblings
        aborting = true;
        for (auto& s : signals) s.emit(asio::cancellation_type::all);
      }
    }
    join.child_done();
  };
  for (long i = 0; i < n; ++i)
    asio::co_spawn(ex, waiter(), asio::bind_cancellation_slot(signals[i].slot(), on_done));
  asio::co_spawn(ex, failer(), asio::bind_cancellation_slot(signals[n].slot(), on_done));
  co_await join.wait();
}

awaitable<void> memory(long n) {
  auto ex = co_await asio::this_coro::executor;
  const long before = bench::rss_bytes();
  join_counter join(ex);
  join.pending = n;
  std::deque<asio::cancellation_signal> signals(n);
  for (long i = 0; i < n; ++i)
    asio::co_spawn(ex, waiter(),
                   asio::bind_cancellation_slot(signals[i].slot(),
                                                [&join](std::exception_ptr) { join.child_done(); }));
  co_await asio::post(ex, use_awaitable);  // every child has started and waits
  const long during = bench::rss_bytes();
  // The signals are the cancellation machinery every child needs; count them.
  std::printf("bytes_per_child %.1f\n", static_cast<double>(during - before) / n);
  for (auto& s : signals) s.emit(asio::cancellation_type::all);
  co_await join.wait();
}

template <class Round>
awaitable<void> measure(long n, long rounds, Round round) {
  co_await round(n);  // warm-up
  for (long r = 0; r < rounds; ++r) {
    const auto t0 = bench::bench_clock::now();
    co_await round(n);
    bench::report_round(bench::ns_since(t0), n);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const bench::args a = bench::parse(argc, argv);
  asio::io_context ctx(1);  // single-threaded, like the other three
  auto rethrow = [](std::exception_ptr e) {
    if (e) std::rethrow_exception(e);
  };
  if (a.workload == "spawn") {
    asio::co_spawn(ctx, measure(a.n, a.rounds, [](long n) { return fan(n, leaf); }), rethrow);
  } else if (a.workload == "suspend") {
    asio::co_spawn(ctx, measure(a.n, a.rounds, [](long n) { return fan(n, leaf_suspending); }),
                   rethrow);
  } else if (a.workload == "cancel") {
    asio::co_spawn(ctx, measure(a.n, a.rounds, cancel_fan_out), rethrow);
  } else if (a.workload == "memory") {
    asio::co_spawn(ctx, memory(a.n), rethrow);
  } else {
    std::fprintf(stderr, "unknown workload %s\n", a.workload.c_str());
    return 2;
  }
  ctx.run();
}
