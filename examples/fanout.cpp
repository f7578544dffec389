// fanout: fetch five shards concurrently; one of them fails.
//
// The task group cancels the siblings still running, waits for all of them,
// and reports the failure as a tg::exception_group. Nothing is left running
// and nothing is lost.
#include <tg/tg.hpp>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>

using namespace std::chrono_literals;

tg::task<int> fetch_shard(int shard) {
  try {
    co_await tg::sleep_for(std::chrono::milliseconds(10 * (shard + 1)));
  } catch (const tg::cancelled&) {
    std::printf("  shard %d: cancelled\n", shard);
    throw;  // never swallow cancellation
  }
  if (shard == 2) {
    std::printf("  shard %d: failed\n", shard);
    throw std::runtime_error("shard " + std::to_string(shard) + " is unreachable");
  }
  std::printf("  shard %d: done\n", shard);
  co_return shard * 100;
}

tg::task<int> fan_out() {
  std::printf("fanout: fetching 5 shards\n");
  tg::task_handle<int> shards[5];
  co_await tg::with_group([&](tg::task_group& g) -> tg::task<void> {
    for (int i = 0; i < 5; ++i) shards[i] = g.spawn(fetch_shard(i));
    co_return;
  });
  // Only reached if every shard succeeded.
  int total = 0;
  for (auto& s : shards) total += s.result();
  co_return total;
}

int main() {
  try {
    int total = tg::run(fan_out());
    std::printf("total: %d\n", total);
    return 0;
  } catch (const tg::exception_group& eg) {
    std::printf("caught tg::exception_group: %s\n", eg.what());
    for (const auto& ep : eg.exceptions()) {
      try {
        std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        std::printf("  - %s\n", e.what());
      }
    }
    return 0;  // the failure was handled: that is the point of the example
  }
}
