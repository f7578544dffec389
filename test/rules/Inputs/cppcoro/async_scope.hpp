#pragma once
#include <cppcoro/task.hpp>
namespace cppcoro {
// Structured: join() completes when every spawned awaitable has.
class async_scope {
public:
  template <class Awaitable> void spawn(Awaitable &&awaitable);
  task<void> join();
};
} // namespace cppcoro
