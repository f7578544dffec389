#pragma once
// corral/run.h (mock): the entry point from synchronous code. Runs the event
// loop until the awaitable completes; asserts that the loop is not already
// running (EventLoopTraits::isRunning). Inside a coroutine it blocks the loop
// the coroutine runs on.
#include "Executor.h"

namespace corral {
template <class EventLoop, class Aw>
auto run(EventLoop &eventLoop, Aw &&awaitable) -> detail::AwaitResult<Aw> {
  detail::unreachable();
}
inline Executor *currentRunExecutor();
} // namespace corral
