#pragma once
// corral/CBPortal.h (mock): bridging callbacks into awaitables.
#include "concepts.h"
#include <tuple>

namespace corral {
template <class... Ts> class CBPortal {
public:
  using Result = std::conditional_t<
      sizeof...(Ts) == 0, void,
      std::conditional_t<sizeof...(Ts) == 1, std::tuple_element_t<0, std::tuple<Ts..., void>>,
                         std::tuple<Ts...>>>;

  class Callback {
  public:
    void operator()(Ts...) const {}
  };
  CBPortal() {}
  CBPortal(CBPortal &&) = delete;
  detail::ResultAwaiter<Result> operator co_await() { return {}; }
};

/// Passes the portal's callback to `initiator`, then waits for a call.
template <class Init, class... Ts>
detail::ResultAwaiter<typename CBPortal<Ts...>::Result> untilCBCalled(Init &&initiator,
                                                                      CBPortal<Ts...> &portal) {
  return {};
}
} // namespace corral
