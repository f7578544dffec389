// tg/thread.hpp — to_thread: run blocking work without blocking the loop.
#pragma once

#include <exception>
#include <functional>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>

#include "tg/core.hpp"

namespace tg {
namespace detail {

// Parks the task while a worker thread runs `work`. A thread cannot be
// interrupted, so a cancellation is deferred: it stays pending and is raised
// when the work is done (its result is then discarded).
struct [[nodiscard]] offload final : parking {
  void (*work)(void*) noexcept;
  void* ctx;
  std::thread worker;

  offload(void (*work)(void*) noexcept, void* ctx) noexcept : work(work), ctx(ctx) {}
  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> h) {
    return park_unless_cancelled(h, [this](node& self) {
      loop* lp = self.lp;
      // Nothing the worker does reaches the loop before we are suspended:
      // thread_finished only queues us, and the loop drains its inbox only
      // after this task returns to it. So the task is parked (by our caller)
      // before anyone can wake it, and if the thread cannot be created
      // (std::system_error, std::bad_alloc), nothing has happened.
      task = &self;
      lp->thread_started();
      try {
        // The worker touches `this` only before thread_finished hands it
        // back; the loop resumes us (and join() below returns at once) only
        // after that.
        worker = std::thread([this, lp] {
          work(ctx);
          lp->thread_finished(*this);
        });
      } catch (...) {
        lp->thread_not_started();
        throw;
      }
    });
  }
  void await_resume() {
    raise_if_interrupted();
    worker.join();
    if (running().take_cancel()) throw cancelled{};
  }
  on_cancel cancel_wait() noexcept override { return on_cancel::deferred; }
};

}  // namespace detail

// asyncio.to_thread: run the blocking callable `f` on a fresh worker thread
// while the loop keeps running other tasks.
template <class F>
auto to_thread(F f) -> task<std::invoke_result_t<F&>> {
  using R = std::invoke_result_t<F&>;
  struct call {
    F* f;
    std::optional<std::conditional_t<std::is_void_v<R>, bool, R>> value;
    std::exception_ptr error;
    static void run(void* p) noexcept {
      auto* c = static_cast<call*>(p);
      try {
        if constexpr (std::is_void_v<R>) {
          (*c->f)();
          c->value.emplace(true);
        } else {
          c->value.emplace((*c->f)());
        }
      } catch (...) {
        c->error = std::current_exception();
      }
    }
  };
  call c{&f, std::nullopt, nullptr};
  co_await detail::offload{&call::run, &c};
  if (c.error) std::rethrow_exception(c.error);
  if constexpr (!std::is_void_v<R>) co_return std::move(*c.value);
}

}  // namespace tg
