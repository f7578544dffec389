// tg runtime micro-benchmarks: the cost of a child (spawn → run → done), of a
// cancellation fan-out, of a timer, and of an inline await. Virtual time, so
// only the runtime's own work is measured.
#include <benchmark/benchmark.h>
#include <tg/tg.hpp>

namespace {

using namespace std::chrono_literals;

tg::run_options virtual_time() {
  tg::run_options o;
  o.virtual_time = true;
  return o;
}

tg::task<int> leaf(int i) { co_return i; }

// Spawn N children that complete immediately, inside one group.
void BM_SpawnComplete(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    tg::run([](int n) -> tg::task<> {
      co_await tg::with_group([n](tg::task_group& g) -> tg::task<> {
        for (int i = 0; i < n; ++i) g.spawn(leaf(i));
        co_return;
      });
    }(n), virtual_time());
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_SpawnComplete)->Arg(10)->Arg(1000)->Arg(100000);

// N children sleeping forever; one fails: the group cancels the other N.
void BM_CancelFanOut(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    try {
      tg::run([](int n) -> tg::task<> {
        co_await tg::with_group([n](tg::task_group& g) -> tg::task<> {
          for (int i = 0; i < n; ++i)
            g.spawn([]() -> tg::task<> { co_await tg::sleep_for(1h); }());
          g.spawn([]() -> tg::task<> {
            co_await tg::sleep_for(1ms);
            throw std::runtime_error("fail");
          }());
          co_return;
        });
      }(n), virtual_time());
    } catch (const tg::exception_group&) {
    }
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_CancelFanOut)->Arg(10)->Arg(1000)->Arg(100000);

// One task sleeping N times (timer heap push/pop, virtual clock jump).
void BM_Sleep(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    tg::run([](int n) -> tg::task<> {
      for (int i = 0; i < n; ++i) co_await tg::sleep_for(1ms);
    }(n), virtual_time());
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_Sleep)->Arg(1000);

// Inline awaits of a trivial task (one frame each, symmetric transfer).
void BM_InlineAwait(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    int sum = tg::run([](int n) -> tg::task<int> {
      int s = 0;
      for (int i = 0; i < n; ++i) s += co_await leaf(i);
      co_return s;
    }(n), virtual_time());
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_InlineAwait)->Arg(1000);

}  // namespace
