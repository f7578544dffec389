#pragma once
// unifex/unstoppable.hpp: unstoppable(sender) hides the receiver's stop token
// (reports unstoppable_token): the shield.
//   namespace _unstoppable_cpo { inline const struct _fn {...} unstoppable{}; }
//   using _unstoppable_cpo::unstoppable;
// (older releases: namespace _unstoppable instead of _unstoppable_cpo.)
#include <unifex/detail/mock_sender.hpp>
namespace unifex {
namespace _unstoppable {
template <class Sender> struct _sender {
  struct type;
};
template <class Sender>
struct _sender<Sender>::type : _mock::sender<_mock::value_of<Sender>> {};
template <class Sender> using sender = typename _sender<std::remove_cvref_t<Sender>>::type;
} // namespace _unstoppable
namespace _unstoppable_cpo {
inline const struct _fn {
  template <typename Sender>
  constexpr _unstoppable::sender<Sender> operator()(Sender &&) const noexcept { return {}; }
} unstoppable{};
} // namespace _unstoppable_cpo
using _unstoppable_cpo::unstoppable;
} // namespace unifex
