// Structured concurrency through the installed tg: two children in a group,
// and the group's body sees both results only after both are done.
#include <tg/tg.hpp>

#include <chrono>
#include <cstdio>

tg::task<int> child(int value) {
  co_await tg::sleep_for(std::chrono::milliseconds(value));
  co_return value;
}

tg::task<int> both() {
  co_return co_await tg::with_group([](tg::task_group &group) -> tg::task<int> {
    tg::task_handle<int> a = group.spawn(child(2));
    tg::task_handle<int> b = group.spawn(child(3));
    co_return co_await a + co_await b;
  });
}

int main() {
  std::printf("sum %d\n", tg::run(both()));
  return 0;
}
