// Mock of libcoro's umbrella <coro/coro.hpp>. The real one includes either
// io_scheduler.hpp (older) or scheduler.hpp (newer, under
// LIBCORO_FEATURE_NETWORKING); the mock includes both.
#pragma once
#include <coro/event.hpp>
#include <coro/expected.hpp>
#include <coro/generator.hpp>
#include <coro/invoke.hpp>
#include <coro/io_scheduler.hpp>
#include <coro/latch.hpp>
#include <coro/poll.hpp>
#include <coro/scheduler.hpp>
#include <coro/sync_wait.hpp>
#include <coro/task.hpp>
#include <coro/task_container.hpp>
#include <coro/task_group.hpp>
#include <coro/thread_pool.hpp>
#include <coro/thread_pool_ws.hpp>
#include <coro/time.hpp>
#include <coro/when_all.hpp>
#include <coro/when_any.hpp>
