// Mock of async_simple/coro/LazyLocalBase.h: the per-chain local a Lazy
// carries; built from a Signal it owns the Slot that cancellation reaches.
#pragma once
#include <async_simple/Signal.h>
#include <memory>

namespace async_simple::coro {
class LazyLocalBase {
public:
  LazyLocalBase(Signal *signal, SignalType type = SignalType::All);
  LazyLocalBase(LazyLocalBase &&) = default;
  virtual ~LazyLocalBase() {}
  Slot *getSlot() const noexcept;
  void forbidSignal() noexcept;
};
} // namespace async_simple::coro
