#pragma once
// unifex/stop_when.hpp: stop_when(source, trigger) starts source, then
// trigger; whichever completes first requests stop on the other; the result
// is source's (done when it answered the stop). The timeout idiom is
// stop_when(work(), schedule_after(sched, d)). Pipeable: work() | stop_when(trigger).
//   inline constexpr _stop_when_cpo::_fn stop_when{};
#include <unifex/detail/mock_sender.hpp>
namespace unifex {
namespace _stop_when {
template <class Source, class Trigger> struct _sndr {
  class type;
};
template <class Source, class Trigger>
class _sndr<Source, Trigger>::type : public _mock::sender<_mock::value_of<Source>> {};
template <class Source, class Trigger>
using stop_when_sender = typename _sndr<Source, Trigger>::type;
template <class Trigger> struct _bound {};
template <class Source, class Trigger>
stop_when_sender<std::remove_cvref_t<Source>, Trigger> operator|(Source &&, _bound<Trigger>);
} // namespace _stop_when
namespace _stop_when_cpo {
struct _fn {
  template <class Source, class Trigger>
  _stop_when::stop_when_sender<std::remove_cvref_t<Source>, std::remove_cvref_t<Trigger>>
  operator()(Source &&, Trigger &&) const noexcept { return {}; }
  template <class Trigger>
  constexpr _stop_when::_bound<std::remove_cvref_t<Trigger>> operator()(Trigger &&) const noexcept { return {}; }
};
} // namespace _stop_when_cpo
inline constexpr _stop_when_cpo::_fn stop_when{};
} // namespace unifex
