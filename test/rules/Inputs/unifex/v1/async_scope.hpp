#pragma once
// unifex/v1/async_scope.hpp: the v1 scope, built on v2. `v1` is an inline
// namespace, so unifex::async_scope names unifex::v1::_async_scope::async_scope.
// spawn*() return a [[nodiscard]] future (dropping it cancels the work);
// detached_spawn*() start work nobody observes (an error terminates);
// attach*() return a lazy sender nested in the scope. complete() and
// cleanup() (request_stop() then join) are the joins: `co_await scope.cleanup()`.
// (The older v0 scope, unifex::v0::_async_scope::async_scope, had a void
// spawn/spawn_on/spawn_call_on with detached_spawn's semantics.)
#include <unifex/spawn_detached.hpp>
#include <unifex/spawn_future.hpp>
#include <unifex/inplace_stop_token.hpp>
#include <unifex/v2/async_scope.hpp>
namespace unifex {
inline namespace v1 {
namespace _async_scope {
struct async_scope {
  template <class Sender>
  typename _spawn_future::_future_for<async_scope, _mock::value_of<Sender>>::type
  spawn(Sender &&) { return {}; }
  template <class Sender, class Scheduler>
  typename _spawn_future::_future_for<async_scope, _mock::value_of<Sender>>::type
  spawn_on(Scheduler &&, Sender &&) { return {}; }
  template <class Scheduler, class Fun>
  typename _spawn_future::_future<async_scope>::type spawn_call_on(Scheduler &&, Fun &&) {
    return {};
  }
  template <class Sender> void detached_spawn(Sender &&) {}
  template <class Sender, class Scheduler> void detached_spawn_on(Scheduler &&, Sender &&) {}
  template <class Scheduler, class Fun> void detached_spawn_call_on(Scheduler &&, Fun &&) {}
  template <class Sender>
  [[nodiscard]] _mock::sender<_mock::value_of<Sender>> attach(Sender &&) noexcept { return {}; }
  template <class Fun> [[nodiscard]] _mock::sender<void> attach_call(Fun &&) noexcept { return {}; }
  [[nodiscard]] _mock::sender<void> complete() noexcept;
  [[nodiscard]] _mock::sender<void> cleanup() noexcept;
  inplace_stop_token get_stop_token() noexcept;
  void request_stop() noexcept;
};
} // namespace _async_scope
using v1::_async_scope::async_scope;
template <typename... Ts> using future = unifex::v2::future<unifex::v1::async_scope, Ts...>;
} // namespace v1
} // namespace unifex
