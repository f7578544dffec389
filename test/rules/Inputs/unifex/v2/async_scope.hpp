#pragma once
// unifex/v2/async_scope.hpp: the structured scope. `v2` is NOT an inline
// namespace; the class is unifex::v2::_async_scope::async_scope, named by
// `using _async_scope::async_scope;`. It spawns nothing itself: nest() wraps
// a sender so that join() waits for it; spawn_detached(sender, scope) and
// spawn_future(sender, scope) start work nested in it. Destroying a scope
// before join() completed (or with work outstanding) is an assertion failure.
#include <unifex/detail/mock_sender.hpp>
namespace unifex {
inline namespace v1 {
namespace _async_scope {
struct async_scope;
}
} // namespace v1
} // namespace unifex
namespace unifex::v2 {
namespace _async_scope {
template <class Sender> struct _nest_sender {
  struct type;
};
template <class Sender>
struct _nest_sender<Sender>::type : _mock::sender<_mock::value_of<Sender>> {};
struct async_scope final {
  async_scope() noexcept = default;
  async_scope(async_scope &&) = delete;
  ~async_scope();
  [[nodiscard]] _mock::sender<void> join() noexcept;
  bool joined() const noexcept;
  template <class Sender>
  [[nodiscard]] typename _nest_sender<std::remove_cvref_t<Sender>>::type nest(Sender &&) noexcept;
  bool join_started() const noexcept;
  unsigned long use_count() const noexcept;
};
} // namespace _async_scope
using _async_scope::async_scope;
} // namespace unifex::v2
