#pragma once
// unifex/spawn_future.hpp: starts the sender nested in the scope and returns
// a [[nodiscard]] future (unifex::_spawn_future::_future<Scope, T...>::type,
// alias unifex::v2::future). Dropping the future requests stop on the work
// and discards its result, error included.
//   inline constexpr _spawn_future::_spawn_future_fn spawn_future{};
#include <unifex/detail/mock_sender.hpp>
namespace unifex {
namespace _spawn_future {
template <class... T> struct _first { using type = void; };
template <class T> struct _first<T> { using type = T; };
template <typename Scope, typename... T> struct _future final {
  struct [[nodiscard]] type;
};
template <typename Scope, typename... T>
struct _future<Scope, T...>::type final : _mock::sender<typename _first<T...>::type> {};
template <class Scope, class V> struct _future_for { using type = typename _future<Scope, V>::type; };
template <class Scope> struct _future_for<Scope, void> { using type = typename _future<Scope>::type; };
template <class Scope> struct _bound {};
template <class Sender, class Scope>
typename _future_for<Scope, _mock::value_of<Sender>>::type operator|(Sender &&, _bound<Scope>);
struct _spawn_future_fn {
  template <class Sender, class Scope>
  typename _future_for<Scope, _mock::value_of<Sender>>::type operator()(Sender &&, Scope &) const { return {}; }
  template <class Scope> _bound<Scope> operator()(Scope &) const noexcept { return {}; } // s | spawn_future(scope)
};
} // namespace _spawn_future
namespace v2 {
template <typename Scope, typename... T>
using future = typename _spawn_future::_future<Scope, T...>::type;
} // namespace v2
inline constexpr _spawn_future::_spawn_future_fn spawn_future{};
} // namespace unifex
