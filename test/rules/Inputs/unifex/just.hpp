#pragma once
// unifex/just.hpp: `just` is an object (`inline const struct just_fn {...}
// just{};` in unifex::_just_cpo, brought in by a using-declaration).
#include <unifex/detail/mock_sender.hpp>
namespace unifex {
namespace _just_cpo {
inline const struct just_fn {
  _mock::sender<void> operator()() const noexcept { return {}; }
  template <class V> _mock::sender<std::decay_t<V>> operator()(V &&) const noexcept { return {}; }
} just{};
} // namespace _just_cpo
using _just_cpo::just;
} // namespace unifex
