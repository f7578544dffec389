#pragma once
// corral/asio.h (mock) over Debian's Boost 1.74 Asio (the real header wants
// Boost >= 1.77 for cancellation slots; the mock does not care). Gives
// sleepFor() -- the timer half of the `anyOf(op, sleepFor(io, d))` timeout
// idiom -- and the completion-token constants (the async_result glue that
// turns `sock.async_read_some(buf, corral::asio_awaitable)` into an awaitable
// is not mocked).
#include "Executor.h"
#include <boost/asio/io_context.hpp>
#include <chrono>

namespace corral {
namespace detail {
template <bool ThrowOnError> struct asio_awaitable_t {
  constexpr asio_awaitable_t() = default;
};
struct BoostAsioImpl {
  using io_context = boost::asio::io_context;
};
template <class AsioImpl> class AsioTimer {
public:
  template <class R, class P>
  AsioTimer(typename AsioImpl::io_context &, std::chrono::duration<R, P>) {}
  ResultAwaiter<void> operator co_await() { return {}; }
};
} // namespace detail

static constexpr const detail::asio_awaitable_t<true> asio_awaitable;
static constexpr const detail::asio_awaitable_t<false> asio_nothrow_awaitable;

template <class R, class P>
detail::AsioTimer<detail::BoostAsioImpl> sleepFor(boost::asio::io_context &io,
                                                  std::chrono::duration<R, P> delay) {
  return {io, delay};
}

template <> struct EventLoopTraits<boost::asio::io_context> {
  static void run(boost::asio::io_context &io);
  static void stop(boost::asio::io_context &io);
};
} // namespace corral
