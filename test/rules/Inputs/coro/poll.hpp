// Mock of <coro/poll.hpp> and <coro/fd.hpp>. poll_stop_source/poll_stop_token
// (newer releases) cancel a pending poll(): it completes with
// poll_status::cancelled, a value, not an exception.
#pragma once
#include <cstdint>

namespace coro {
using fd_t = int;
enum class poll_op : std::uint64_t { read, write, read_write };
enum class poll_status { event, timeout, error, closed, cancelled };
class poll_stop_token {
public:
  explicit poll_stop_token(fd_t receiver);
  auto native_handle() const -> fd_t;
};
// Issues poll_stop_tokens; its other members are not modelled.
class poll_stop_source {
public:
  poll_stop_source();
};
} // namespace coro
