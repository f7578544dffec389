// Mock of async_simple/coro/Sleep.h: cancellable (the chain's slot is handed
// to the executor's timer); without an executor it falls back to
// std::this_thread::sleep_for.
#pragma once
#include <async_simple/coro/Lazy.h>
#include <chrono>
#include <cstdint>

namespace async_simple::coro {
template <typename Rep, typename Period>
Lazy<void> sleep(Executor *ex, std::chrono::duration<Rep, Period> dur, uint64_t schedule_hint);
template <typename Rep, typename Period>
Lazy<void> sleep(Executor *ex, std::chrono::duration<Rep, Period> dur);
template <typename Rep, typename Period>
Lazy<void> sleep(std::chrono::duration<Rep, Period> dur, uint64_t schedule_hint);
template <typename Rep, typename Period> Lazy<void> sleep(std::chrono::duration<Rep, Period> dur);
} // namespace async_simple::coro
