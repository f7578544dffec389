// The comparison's workloads in tg (see workloads.hpp for the protocol).
// Virtual time: no workload waits for a timer to expire, so it only keeps
// the clock out of the measurement.
#include <coroutine>
#include <stdexcept>
#include <vector>

#include <tg/tg.hpp>

#include "workloads.hpp"

namespace {

using namespace std::chrono_literals;
using tg::task;

task<long> leaf(long i) { co_return i; }

task<long> leaf_suspending(long i) {
  co_await tg::checkpoint();
  co_return i;
}

task<> waiter() { co_await tg::sleep_for(1h); }

task<> failer() {
  co_await tg::checkpoint();
  throw std::runtime_error("child failed");
}

// Spawn n children (each `child(i)`) into one group and join it.
template <class Child>
task<> fan(long n, Child child) {
  co_await tg::with_group([n, child](tg::task_group& g) -> task<> {
    for (long i = 0; i < n; ++i) g.spawn(child(i));
    co_return;
  });
}

// n children waiting, one fails: the group cancels the n.
task<> cancel_fan_out(long n) {
  try {
    co_await tg::with_group([n](tg::task_group& g) -> task<> {
      for (long i = 0; i < n; ++i) g.spawn(waiter());
      g.spawn(failer());
      co_return;
    });
  } catch (const tg::exception_group&) {
  }
}

template <class Round>
task<> measure(long n, long rounds, Round round) {
  co_await round(n);  // warm-up
  for (long r = 0; r < rounds; ++r) {
    const auto t0 = bench::bench_clock::now();
    co_await round(n);
    bench::report_round(bench::ns_since(t0), n);
  }
}

// Resident memory per live child: n children parked in a sleep.
task<> memory(long n) {
  const long before = bench::rss_bytes();
  try {
    co_await tg::with_group([n, before](tg::task_group& g) -> task<> {
      for (long i = 0; i < n; ++i) g.spawn(waiter());
      co_await tg::checkpoint();  // every child has started and parked
      const long during = bench::rss_bytes();
      std::printf("bytes_per_child %.1f\n", static_cast<double>(during - before) / n);
      throw std::runtime_error("done measuring");  // cancels the n children
    });
  } catch (const tg::exception_group&) {
  }
}

// The floors: what any C++ coroutine runtime pays per child at least.
// A bare coroutine (plain operator new, no scheduler): create, resume, destroy.
struct bare {
  struct promise_type {
    bare get_return_object() { return {std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  std::coroutine_handle<promise_type> h;
};
[[gnu::noinline]] bare bare_child(long* sink) {
  ++*sink;
  co_return;
}
struct cancelled_like {};
[[gnu::noinline]] void throw_it(long i) {
  if (i >= 0) throw cancelled_like{};
}
// The catch lives in a small function: the unwinder's cost grows with the
// size of the catching function's call-site table, and a cancelled task's
// frame is small.
[[gnu::noinline]] void throw_and_catch(long n) {
  for (long i = 0; i < n; ++i) {
    try {
      throw_it(i);
    } catch (const cancelled_like&) {
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  const bench::args a = bench::parse(argc, argv);
  tg::run_options opts;
  opts.virtual_time = true;
  if (a.workload == "spawn") {
    tg::run(measure(a.n, a.rounds, [](long n) { return fan(n, leaf); }), opts);
  } else if (a.workload == "suspend") {
    tg::run(measure(a.n, a.rounds, [](long n) { return fan(n, leaf_suspending); }), opts);
  } else if (a.workload == "cancel") {
    tg::run(measure(a.n, a.rounds, cancel_fan_out), opts);
  } else if (a.workload == "memory") {
    tg::run(memory(a.n), opts);
  } else if (a.workload == "floor") {
    long sink = 0;
    for (long r = 0; r <= a.rounds; ++r) {
      const auto t0 = bench::bench_clock::now();
      for (long i = 0; i < a.n; ++i) {
        bare b = bare_child(&sink);
        b.h.resume();
        b.h.destroy();
      }
      if (r > 0) bench::report_round(bench::ns_since(t0), a.n);
    }
  } else if (a.workload == "throw") {
    for (long r = 0; r <= a.rounds; ++r) {
      const auto t0 = bench::bench_clock::now();
      throw_and_catch(a.n);
      if (r > 0) bench::report_round(bench::ns_since(t0), a.n);
    }
  } else {
    std::fprintf(stderr, "unknown workload %s\n", a.workload.c_str());
    return 2;
  }
}
