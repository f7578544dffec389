// NVIDIA stdexec, current layout (2025-26): the non-standard parts moved out of
// namespace stdexec into namespace experimental::execution, and every exec/
// header ends with `namespace exec = experimental::execution;` (stdexec's
// include/stdexec/__detail/__execution_fwd.hpp). `exec` is a namespace alias,
// so a declaration users spell exec::X is really experimental::execution::X.
// Declarations written by hand; only what the checks and their tests need.
#pragma once
#include "mock_coroutine.h"
#include <optional>
#include <tuple>

namespace stdexec {
// A sender the mock task types can await directly (the real task's
// await_transform turns senders into awaitables).
struct just_sender : mock::awaitable_base<void> {};
struct just_t {
  just_sender operator()() const noexcept { return {}; }
};
inline constexpr just_t just{};

class inplace_stop_token {
public:
  bool stop_requested() const noexcept;
};
class inplace_stop_source {
public:
  inplace_stop_token get_token() const noexcept;
  bool request_stop() noexcept;
};

// Blocking consumer: a function object, as in the real library. (Current
// stdexec declares it in its P2300 namespace macro's `this_thread` namespace
// and re-exports it here; the mock keeps the spelling users write.)
struct sync_wait_t {
  template <class Sender> std::optional<std::tuple<>> operator()(Sender &&) const;
};
inline constexpr sync_wait_t sync_wait{};
} // namespace stdexec

// "Moved to namespace experimental::execution from namespace STDEXEC because
// they are no longer getting standardized": start_detached (and split,
// ensure_started) are function objects here now.
namespace experimental::execution {
struct start_detached_t {
  template <class Sender> void operator()(Sender &&sndr) const;
};
inline constexpr start_detached_t start_detached{};
} // namespace experimental::execution

namespace exec = experimental::execution;

namespace stdexec {
// The old spelling stays as a (deprecated in the real header) reference to
// the moved object: stdexec/__detail/__deprecations.hpp.
using start_detached_t = exec::start_detached_t;
inline constexpr exec::start_detached_t const &start_detached = exec::start_detached;
} // namespace stdexec
