#pragma once
#include <cppcoro/task.hpp>
namespace cppcoro {
// cppcoro: -> typename awaitable_traits<AWAITABLE&&>::await_result_t
template <class Awaitable>
auto sync_wait(Awaitable &&awaitable) -> decltype(static_cast<Awaitable &&>(awaitable).await_resume());
} // namespace cppcoro
