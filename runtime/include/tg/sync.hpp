// tg/sync.hpp — event and semaphore. Single-threaded: they are used by tasks
// of one loop, so they need no locks; waiting parks the task in an intrusive
// FIFO (no allocation, no polling).
#pragma once

#include <cstddef>
#include <utility>

#include "tg/core.hpp"

namespace tg {

// asyncio.Event: wait() blocks until set(); set() wakes every waiter.
class event {
 public:
  event() = default;
  event(const event&) = delete;
  event& operator=(const event&) = delete;

  bool is_set() const noexcept { return set_; }
  void set() noexcept {
    set_ = true;
    while (detail::parking* p = waiters_.pop_front()) p->task->wake();
  }
  void clear() noexcept { set_ = false; }

  struct [[nodiscard]] awaiter final : detail::parking {
    event* e;
    explicit awaiter(event* e) noexcept : e(e) {}
    bool await_ready() const noexcept { return e->set_; }
    bool await_suspend(std::coroutine_handle<> h) {
      return park_unless_cancelled(h, [this](detail::node&) noexcept { e->waiters_.push_back(*this); });
    }
    void await_resume() const { raise_if_interrupted(); }
    on_cancel cancel_wait() noexcept override {
      e->waiters_.remove(*this);
      return on_cancel::wake;
    }
  };
  awaiter wait() noexcept { return awaiter{this}; }

 private:
  bool set_ = false;
  detail::parking_list waiters_;
};

// A counting semaphore with FIFO hand-off: release() gives the permit
// directly to the longest waiter, so a stream of newcomers cannot starve it,
// and a woken waiter that is cancelled before it runs still owns its permit
// (completed waits are never undone) — the guard gives it back.
class semaphore {
 public:
  explicit semaphore(std::ptrdiff_t permits) noexcept : permits_(permits) {}
  semaphore(const semaphore&) = delete;
  semaphore& operator=(const semaphore&) = delete;

  std::ptrdiff_t available() const noexcept { return permits_; }

  void release() noexcept {
    if (detail::parking* p = waiters_.pop_front()) {
      p->task->wake();  // the permit passes straight to it
    } else {
      ++permits_;
    }
  }

  struct [[nodiscard]] acquire_awaiter : detail::parking {
    semaphore* s;
    explicit acquire_awaiter(semaphore* s) noexcept : s(s) {}
    bool await_ready() noexcept {
      if (s->permits_ > 0 && s->waiters_.empty()) {
        --s->permits_;
        return true;
      }
      return false;
    }
    bool await_suspend(std::coroutine_handle<> h) {
      return park_unless_cancelled(h, [this](detail::node&) noexcept { s->waiters_.push_back(*this); });
    }
    void await_resume() const { raise_if_interrupted(); }
    on_cancel cancel_wait() noexcept override {
      s->waiters_.remove(*this);
      return on_cancel::wake;
    }

   protected:
    ~acquire_awaiter() = default;
  };
  struct [[nodiscard]] plain_acquire final : acquire_awaiter {
    using acquire_awaiter::acquire_awaiter;
  };
  plain_acquire acquire() noexcept { return plain_acquire{this}; }

  // RAII: releases the permit when it goes out of scope.
  class [[nodiscard]] guard {
   public:
    explicit guard(semaphore* s) noexcept : s_(s) {}
    guard(guard&& o) noexcept : s_(std::exchange(o.s_, nullptr)) {}
    guard& operator=(guard&& o) noexcept {
      if (this != &o) {
        reset();
        s_ = std::exchange(o.s_, nullptr);
      }
      return *this;
    }
    ~guard() { reset(); }
    void reset() noexcept {
      if (s_) std::exchange(s_, nullptr)->release();
    }

   private:
    semaphore* s_;
  };
  struct [[nodiscard]] guard_acquire final : acquire_awaiter {
    using acquire_awaiter::acquire_awaiter;
    guard await_resume() const {
      acquire_awaiter::await_resume();
      return guard{s};
    }
  };
  // `auto lock = co_await sem.acquire_guard();`
  guard_acquire acquire_guard() noexcept { return guard_acquire{this}; }

 private:
  std::ptrdiff_t permits_;
  detail::parking_list waiters_;
};

}  // namespace tg
