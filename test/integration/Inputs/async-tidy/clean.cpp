// Structured: nothing to report.
#include <tg/tg.hpp>

tg::task<int> child(int value) { co_return value; }

tg::task<int> both() {
  co_return co_await tg::with_group([](tg::task_group &group) -> tg::task<int> {
    tg::task_handle<int> a = group.spawn(child(2));
    co_return co_await a;
  });
}
