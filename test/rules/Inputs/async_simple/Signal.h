// Mock of async_simple/Signal.h: cancellation is a Signal emitted to the
// Slots bound to it; cancellable awaiters throw SignalException (a
// std::runtime_error) once their slot has seen the signal.
#pragma once
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

namespace async_simple {
// Unscoped, as in the library. Older releases spell the enumerators
// None/Terminate/All, newer ones none/terminate/all; the mock has both.
enum SignalType : uint64_t {
  None = 0,
  none = 0,
  Terminate = 1,
  terminate = 1,
  All = UINT64_MAX,
  all = UINT64_MAX,
};

class Signal : public std::enable_shared_from_this<Signal> {
public:
  SignalType emit(SignalType state) noexcept;
  SignalType state() const noexcept;
  template <typename T = Signal> static std::shared_ptr<T> create();
  virtual ~Signal();
};

class Slot {
public:
  class FilterGuard {
  public:
    ~FilterGuard() noexcept;
  };
  Slot(Signal *signal, SignalType filter = SignalType::All);
  Slot(const Slot &) = delete;
  template <typename... Args> [[nodiscard]] bool emplace(SignalType type, Args &&...args) {
    return true;
  }
  bool clear(SignalType type);
  // Signals masked by the filter are not delivered inside the guard's scope.
  [[nodiscard]] FilterGuard setScopedFilter(SignalType filter) noexcept;
  void setFilter(SignalType filter) noexcept;
  SignalType getFilter() const noexcept;
  bool hasTriggered(SignalType type) const noexcept;
  bool canceled() const noexcept;
  Signal *signal() const noexcept;
  void chainedSignal(Signal *chained);
};

class SignalException : public std::runtime_error {
public:
  explicit SignalException(SignalType signal, std::string msg = "")
      : std::runtime_error(msg), _signal(signal) {}
  SignalType value() const { return _signal; }

private:
  SignalType _signal;
};

// What awaiters call: hasCanceled in await_ready, tryEmplace in
// await_suspend, checkHasCanceled (throws SignalException) in await_resume.
struct signalHelper {
  signalHelper(SignalType sign) : _sign(sign) {}
  template <typename... Args> [[nodiscard]] bool tryEmplace(Slot *slot, Args &&...args) noexcept {
    return true;
  }
  void checkHasCanceled(Slot *slot, std::string error_msg = "");
  bool hasCanceled(const Slot *slot) noexcept;
  SignalType _sign;
};
} // namespace async_simple
