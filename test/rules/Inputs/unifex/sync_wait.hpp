#pragma once
// unifex/sync_wait.hpp: blocks the calling thread until the sender completes;
// std::nullopt when it completed with done.
//   inline constexpr _sync_wait_cpo::_fn sync_wait{};
//   template <typename Result> inline constexpr _sync_wait_r_cpo::_fn<Result> sync_wait_r{};
// sync_wait() with no argument returns a pipeable adaptor (s | sync_wait()).
#include <optional>
#include <tuple>
#include <unifex/detail/mock_sender.hpp>
namespace unifex {
namespace _sync_wait_cpo {
struct _bound {};
template <class S> struct _result { using type = std::optional<_mock::value_of<S>>; };
template <class S>
  requires std::is_void_v<_mock::value_of<S>>
struct _result<S> { using type = std::optional<std::tuple<>>; };
class _fn {
public:
  template <class Sender> typename _result<Sender>::type operator()(Sender &&) const { return {}; }
  _bound operator()() const noexcept;
};
template <class Sender> typename _result<Sender>::type operator|(Sender &&, _bound);
} // namespace _sync_wait_cpo
inline constexpr _sync_wait_cpo::_fn sync_wait{};
namespace _sync_wait_r_cpo {
template <typename Result> struct _fn {
  template <class Sender> std::optional<Result> operator()(Sender &&) const { return {}; }
};
} // namespace _sync_wait_r_cpo
template <typename Result> inline constexpr _sync_wait_r_cpo::_fn<Result> sync_wait_r{};
} // namespace unifex
