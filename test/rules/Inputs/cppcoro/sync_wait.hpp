#pragma once
#include <cppcoro/task.hpp>
namespace cppcoro {
template <class Awaitable> auto sync_wait(Awaitable &&awaitable);
} // namespace cppcoro
