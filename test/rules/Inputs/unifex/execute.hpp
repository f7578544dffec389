#pragma once
// unifex/execute.hpp: execute(scheduler, fn) runs fn on the scheduler with
// nobody waiting for it (submit with a receiver whose set_error terminates):
// fire-and-forget, outside any scope.
//   inline constexpr _execute::_cpo::_fn execute{};
namespace unifex {
namespace _execute::_cpo {
struct _fn {
  template <typename Scheduler, typename Fn> void operator()(Scheduler &&, Fn &&) const {}
};
} // namespace _execute::_cpo
inline constexpr _execute::_cpo::_fn execute{};
} // namespace unifex
