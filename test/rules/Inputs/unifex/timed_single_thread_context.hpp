#pragma once
// unifex/timed_single_thread_context.hpp (shape only): a thread with a timer
// queue; its scheduler's schedule_after() answers stop requests.
#include <unifex/scheduler_concepts.hpp>
namespace unifex {
class timed_single_thread_context {
public:
  struct scheduler {};
  scheduler get_scheduler() noexcept;
};
} // namespace unifex
