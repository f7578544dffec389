#pragma once
// unifex/on.hpp (shape only): on(scheduler, sender) runs sender on scheduler.
// Both arguments are forwarding references decay-copied into the result.
#include <unifex/detail/mock_sender.hpp>
namespace unifex {
namespace _on {
inline const struct _fn {
  template <class Scheduler, class Sender>
  _mock::sender<_mock::value_of<Sender>> operator()(Scheduler &&, Sender &&) const { return {}; }
} on{};
} // namespace _on
using _on::on;
} // namespace unifex
