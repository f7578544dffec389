// Mock-only helper: the real headers declare `enum timeout_status` in
// <coro/io_scheduler.hpp> (older) or <coro/scheduler.hpp> (newer); the mocks
// offer both headers, so the enum lives here once.
#pragma once
namespace coro {
enum timeout_status { no_timeout, timeout };
} // namespace coro
