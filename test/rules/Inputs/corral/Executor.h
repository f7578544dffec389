#pragma once
// corral/Executor.h (mock): the per-root runner of task steps. runSoon()
// schedules a plain function, not a task: there is no fire-and-forget task
// spawn at this level.
#include "concepts.h"
#include <cstddef>

namespace corral {
class Executor {
public:
  template <class T> void runSoon(void (*fn)(T *) noexcept, T *arg) {}
  template <class T> void schedule(void (*fn)(T *) noexcept, T *arg) {}
  void drain();
  template <class Fn> void capture(Fn fn, std::size_t capacity = 4) {}
};

inline Awaitable<Executor *> auto getExecutor() { return detail::ResultAwaiter<Executor *>{}; }

template <class T, class SFINAE = void> struct EventLoopTraits;
} // namespace corral
