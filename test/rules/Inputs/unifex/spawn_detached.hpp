#pragma once
// unifex/spawn_detached.hpp: starts the sender nested in the scope
// (nest(sender, scope)); nothing observes the result, an error calls
// std::terminate(), done counts as success. The scope's join() waits for it.
//   inline constexpr _spawn_detached::_spawn_detached_fn spawn_detached{};
#include <cstddef>
#include <memory>
#include <unifex/detail/mock_sender.hpp>
namespace unifex {
namespace _spawn_detached {
struct _bound {};
struct _spawn_detached_fn {
  template <class Sender, class Scope, class Alloc = std::allocator<std::byte>>
  void operator()(Sender &&, Scope &, const Alloc & = {}) const {}
  template <class Scope, class Alloc = std::allocator<std::byte>>
  constexpr _bound operator()(Scope &, const Alloc & = {}) const noexcept { return {}; }
};
template <class Sender> void operator|(Sender &&, _bound);
} // namespace _spawn_detached
inline constexpr _spawn_detached::_spawn_detached_fn spawn_detached{};
} // namespace unifex
