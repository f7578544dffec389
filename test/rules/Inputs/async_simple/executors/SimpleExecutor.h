// Mock of async_simple/executors/SimpleExecutor.h: a thread pool executor.
#pragma once
#include <async_simple/Executor.h>
#include <cstddef>

namespace async_simple::executors {
class SimpleExecutor : public Executor {
public:
  explicit SimpleExecutor(size_t threadNum);
  bool schedule(Func func) override;
  bool currentThreadInExecutor() const override;
};
} // namespace async_simple::executors
