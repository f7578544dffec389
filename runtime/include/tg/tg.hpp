// <tg/tg.hpp> — the tg task-group runtime: asyncio.TaskGroup semantics for
// C++20 coroutines. See docs/runtime.md.
#pragma once

#include "tg/core.hpp"       // IWYU pragma: export
#include "tg/errors.hpp"     // IWYU pragma: export
#include "tg/generator.hpp"  // IWYU pragma: export
#include "tg/group.hpp"      // IWYU pragma: export
#include "tg/sync.hpp"       // IWYU pragma: export
#include "tg/thread.hpp"     // IWYU pragma: export
#include "tg/time.hpp"       // IWYU pragma: export
