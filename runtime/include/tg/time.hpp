// tg/time.hpp — sleeping, checkpoints, shielding and timeouts.
#pragma once

#include <optional>
#include <type_traits>

#include "tg/core.hpp"

namespace tg {
namespace detail {

struct [[nodiscard]] sleep_awaiter final : parking, timer {
  explicit sleep_awaiter(time_point when) noexcept { deadline = when; }
  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> h) {
    return park_unless_cancelled(h, [this](node& self) { self.lp->add_timer(*this, deadline); });
  }
  void await_resume() const { raise_if_interrupted(); }
  void fire() noexcept override { task->wake(); }
  on_cancel cancel_wait() noexcept override {
    task->lp->remove_timer(*this);
    return on_cancel::wake;
  }
};

// Not a parking (the task is not waiting for anything, only queued), but the
// same opening: a pending request is delivered instead of yielding.
struct [[nodiscard]] checkpoint_awaiter {
  bool interrupted = false;
  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> h) {
    node& self = running();
    if (self.take_cancel()) {
      interrupted = true;
      return false;
    }
    self.next = h;
    self.lp->schedule(self);  // to the back of the ready queue: everyone else runs first
    return true;
  }
  void await_resume() {
    // Unlike a completed wait, a checkpoint has nothing to lose: a request
    // that arrived while we were queued is delivered now.
    if (interrupted || running().take_cancel()) throw cancelled{};
  }
};

// A timeout's deadline: when it fires, the task is cancelled, and the
// timeout remembers that the cancellation was its own.
struct deadline_timer final : timer {
  node* owner = nullptr;
  bool expired = false;
  void fire() noexcept override {
    expired = true;
    owner->cancel();
  }
};

}  // namespace detail

inline time_point now() {
  detail::loop* lp = detail::loop::current();
  if (!lp) throw std::logic_error("tg::now: no running loop");
  return lp->now();
}

// Cancellable waits. A pending cancellation is raised here, before waiting.
inline detail::sleep_awaiter sleep_until(time_point tp) { return detail::sleep_awaiter{tp}; }
inline detail::sleep_awaiter sleep_for(duration d) { return detail::sleep_awaiter{now() + d}; }
template <class Rep, class Period>
detail::sleep_awaiter sleep_for(std::chrono::duration<Rep, Period> d) {
  return sleep_for(std::chrono::duration_cast<duration>(d));
}

// `await asyncio.sleep(0)`: let every other ready task run, and raise
// tg::cancelled if cancellation was requested.
inline detail::checkpoint_awaiter checkpoint() noexcept { return {}; }

// For CPU-bound loops that cannot afford a checkpoint per iteration.
inline bool cancel_requested() {
  detail::node& self = detail::running();
  return self.must_cancel && self.shield_depth == 0;
}

// Run `inner` to completion even if the awaiting task is cancelled meanwhile;
// a cancellation requested during it is delivered right after it (unless it
// failed: then its error propagates, and the cancellation stays pending for
// the next await point).
template <class T>
task<T> shield(task<T> inner) {
  detail::node& self = detail::running();
  ++self.shield_depth;
  std::exception_ptr error;
  std::optional<std::conditional_t<std::is_void_v<T>, bool, T>> value;
  try {
    if constexpr (std::is_void_v<T>) {
      co_await std::move(inner);
    } else {
      value.emplace(co_await std::move(inner));
    }
  } catch (...) {
    error = std::current_exception();
  }
  --self.shield_depth;
  if (error) std::rethrow_exception(error);
  if (self.take_cancel()) throw cancelled{};
  if constexpr (!std::is_void_v<T>) co_return std::move(*value);
}

// asyncio.timeout: cancel `inner` when `d` has passed and turn that
// cancellation — and only that one — into tg::timeout_error. A cancellation
// from anywhere else (an outer timeout, the group) propagates unchanged;
// the cancelling() counter tells them apart, as in CPython.
template <class T>
task<T> timeout(duration d, task<T> inner) {
  detail::node& self = detail::running();
  detail::deadline_timer deadline;
  deadline.owner = &self;
  self.lp->add_timer(deadline, self.lp->now() + d);
  const int cancelling_at_entry = self.cancelling;
  std::exception_ptr error;
  std::optional<std::conditional_t<std::is_void_v<T>, bool, T>> value;
  try {
    if constexpr (std::is_void_v<T>) {
      co_await std::move(inner);
    } else {
      value.emplace(co_await std::move(inner));
    }
  } catch (...) {
    error = std::current_exception();
  }
  self.lp->remove_timer(deadline);
  if (deadline.expired && self.uncancel() <= cancelling_at_entry &&
      detail::is_cancellation(error))
    throw timeout_error{};
  if (error) std::rethrow_exception(error);
  if constexpr (!std::is_void_v<T>) co_return std::move(*value);
}
template <class Rep, class Period, class T>
task<T> timeout(std::chrono::duration<Rep, Period> d, task<T> inner) {
  return timeout(std::chrono::duration_cast<duration>(d), std::move(inner));
}

}  // namespace tg
