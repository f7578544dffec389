// tg/group.hpp — task handles, task groups (structured concurrency) and the
// one unstructured escape hatch, spawn_detached.
#pragma once

#include <cstddef>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "tg/core.hpp"

namespace tg {

// A copyable, shared handle to a scheduled task (asyncio.Task without the
// scheduling). It keeps the task's frame — and so its result — alive: a
// reference count in the frame, no separate control block. A
// default-constructed handle is empty; only operator bool and assignment
// may be used on it.
template <class T>
class task_handle {
  using promise_t = detail::promise<T>;
  using handle_t = std::coroutine_handle<promise_t>;

 public:
  task_handle() noexcept = default;
  explicit task_handle(handle_t h) noexcept : h_(h) {
    if (h_) ++node().refs;
  }
  task_handle(const task_handle& o) noexcept : task_handle(o.h_) {}
  task_handle(task_handle&& o) noexcept : h_(std::exchange(o.h_, {})) {}
  task_handle& operator=(task_handle o) noexcept {
    std::swap(h_, o.h_);
    return *this;
  }
  ~task_handle() {
    if (h_) node().release();
  }

  explicit operator bool() const noexcept { return static_cast<bool>(h_); }
  bool done() const noexcept { return node().finished; }
  bool cancelled() const noexcept { return node().was_cancelled; }
  // Request cancellation of this task only. False if it is already done.
  bool cancel() const noexcept { return node().cancel(); }

  // The task's value; rethrows its exception; tg::cancelled if it was
  // cancelled; std::logic_error if it is not done yet.
  T result() const {
    if (!done()) throw std::logic_error("tg::task_handle::result: the task is not done");
    node().retrieved = true;
    return h_.promise().peek();
  }

  // Wait for the task. Cancelling the waiter cancels the awaited task too
  // (asyncio semantics); the waiter then gets whatever the task ends with.
  struct awaiter final : detail::parking {
    handle_t h;
    explicit awaiter(handle_t h) noexcept : h(h) {}
    bool await_ready() const noexcept { return h.promise().finished; }
    void await_suspend(std::coroutine_handle<> caller) {
      detail::node& self = detail::running();
      if (self.take_cancel()) h.promise().cancel();
      h.promise().waiters.push_back(this);
      self.park(this, caller);
    }
    T await_resume() const {
      h.promise().retrieved = true;
      return h.promise().peek();
    }
    on_cancel cancel_wait() noexcept override {
      h.promise().cancel();
      return on_cancel::forwarded;
    }
  };
  awaiter operator co_await() const noexcept { return awaiter{h_}; }

 private:
  detail::node& node() const noexcept { return h_.promise(); }
  handle_t h_;
};

namespace detail {
template <class T>
task_handle<T> make_handle(std::coroutine_handle<promise<T>> h) noexcept {
  return task_handle<T>(h);
}
}  // namespace detail

// `async with asyncio.TaskGroup() as g`, minus the ways to misuse it: a group
// exists only inside with_group, cannot be copied or moved, and with_group
// does not return until every child is done.
class task_group {
 public:
  task_group(const task_group&) = delete;
  task_group& operator=(const task_group&) = delete;
  ~task_group();

  // Start a child (asyncio create_task). Throws tg::group_closed when the
  // group is shutting down (a child failed, or the group was cancelled) or
  // finished. While the group waits for its children without aborting, new
  // children are still accepted.
  template <class T>
  task_handle<T> spawn(task<T> t) {
    check_open();
    return detail::start_task(std::move(t), this);
  }

  // Children not yet done.
  std::size_t size() const noexcept { return live_; }

  // --- runtime internals ---
  explicit task_group(detail::node& parent);
  void child_started(detail::node& child) noexcept;
  void child_done(detail::node& child) noexcept;
  void body_failed(std::exception_ptr ep);
  void parent_cancelled() noexcept;
  void finish();  // throws the group's outcome

  // Suspends the body's task until the last child is done. Returns true if
  // it was woken by a cancellation of that task instead.
  struct join_awaiter final : detail::parking {
    task_group* g;
    explicit join_awaiter(task_group* g) noexcept : g(g) {}
    bool await_ready() const noexcept { return g->live_ == 0; }
    bool await_suspend(std::coroutine_handle<> h) noexcept;
    bool await_resume() const noexcept { return interrupted; }
    on_cancel cancel_wait() noexcept override;
  };
  join_awaiter join() noexcept {
    exiting_ = true;
    return join_awaiter{this};
  }

 private:
  void check_open() const;
  void abort() noexcept;

  detail::node* parent_;
  detail::node* head_ = nullptr;  // live children (intrusive, in their frames)
  detail::node* tail_ = nullptr;
  std::size_t live_ = 0;
  std::vector<std::exception_ptr> errors_;
  join_awaiter* joiner_ = nullptr;
  bool exiting_ = false;
  bool aborting_ = false;
  bool parent_cancel_requested_ = false;
  bool propagate_cancel_ = false;
};

namespace detail {
template <class Body>
using body_result_t = typename std::invoke_result_t<Body&, task_group&>::value_type;
}

// Run `body(g)` with a fresh group g, then wait for every child.
//  * A child failing (anything but tg::cancelled) cancels its siblings and the
//    body; the failures come back as one tg::exception_group, in the order
//    they happened, the body's own failure included.
//  * Cancelling the task running with_group cancels the children, waits for
//    them, and then propagates tg::cancelled — unless there were failures:
//    errors take priority.
template <class Body>
auto with_group(Body body) -> task<detail::body_result_t<Body>> {
  using R = detail::body_result_t<Body>;
  task_group g(detail::running());
  std::optional<std::conditional_t<std::is_void_v<R>, bool, R>> value;
  try {
    if constexpr (std::is_void_v<R>) {
      co_await body(g);
    } else {
      value.emplace(co_await body(g));
    }
  } catch (...) {  // NOLINT(async-swallowed-cancellation): finish() rethrows it
    g.body_failed(std::current_exception());
  }
  // CPython's __aexit__ loop: a cancellation while waiting aborts the group
  // once; after that the group just keeps waiting for its children.
  while (g.size() > 0) {
    if (co_await g.join()) g.parent_cancelled();
  }
  g.finish();
  if constexpr (!std::is_void_v<R>) {
    if (!value) throw cancelled{};  // the body was cancelled; nothing to return
    co_return std::move(*value);
  }
}

// The unstructured spawn (asyncio.create_task): the task belongs to no group
// and nobody is obliged to await it. If it fails and nobody retrieves the
// error, only the loop's exception handler hears about it. It exists so that
// the hazard async-spawn-outside-group is real.
template <class T>
task_handle<T> spawn_detached(task<T> t) {
  return detail::start_task(std::move(t), nullptr);
}

}  // namespace tg
