#pragma once
// unifex/scheduler_concepts.hpp (shape only): schedule(sched) and
// schedule_after(sched, duration) are objects; their senders complete done
// when the awaiting task's stop token is stopped.
#include <unifex/detail/mock_sender.hpp>
namespace unifex {
namespace _schedule {
inline const struct _fn {
  template <class Scheduler> _mock::sender<void> operator()(Scheduler &&) const { return {}; }
} schedule{};
} // namespace _schedule
using _schedule::schedule;
namespace _schedule_after {
inline const struct _fn {
  template <class Scheduler, class Duration>
  _mock::sender<void> operator()(Scheduler &&, Duration) const { return {}; }
} schedule_after{};
} // namespace _schedule_after
using _schedule_after::schedule_after;
} // namespace unifex
