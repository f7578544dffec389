// Mock of async_simple/Executor.h.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace async_simple {
class Slot;
// co_await CurrentExecutor{} inside a Lazy yields the Executor*.
struct CurrentExecutor {};

class Executor {
public:
  using Duration = std::chrono::duration<int64_t, std::micro>;
  using Func = std::function<void()>;
  using Context = void *;
  Executor(std::string name = "default") {}
  virtual ~Executor() {}
  Executor(const Executor &) = delete;
  Executor &operator=(const Executor &) = delete;
  virtual bool schedule(Func func) = 0;
  virtual bool currentThreadInExecutor() const;
  virtual Context checkout();
  virtual bool checkin(Func func, Context ctx);

protected:
  // Sleep goes through this; the default honours the slot (cancellable).
  virtual void schedule(Func func, Duration dur, uint64_t hint, Slot *slot = nullptr);
};
} // namespace async_simple
