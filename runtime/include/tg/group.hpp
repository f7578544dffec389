// tg/group.hpp — task handles, task groups (structured concurrency), the
// generator form of with_group, and the one unstructured escape hatch,
// spawn_detached.
#pragma once

#include <concepts>
#include <cstddef>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "tg/core.hpp"
#include "tg/generator.hpp"

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
      // Not park_unless_cancelled: a pending request is forwarded to the
      // awaited task, and we still wait for what it ends with.
      detail::node& self = detail::running();
      if (self.take_cancel()) h.promise().cancel();
      h.promise().waiters.push_back(*this);
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
  template <class U>
  friend task_handle<U> detail::make_handle(std::coroutine_handle<detail::promise<U>>) noexcept;
  explicit task_handle(handle_t h) noexcept : h_(h) {
    if (h_) ++node().refs;
  }
  detail::node& node() const noexcept { return h_.promise(); }
  handle_t h_;
};

namespace detail {
template <class T>
task_handle<T> make_handle(std::coroutine_handle<promise<T>> h) noexcept {
  return task_handle<T>(h);
}

// ---- awaitables ---------------------------------------------------------------
// What `co_await x` in a tg::task accepts (tg::task has no await_transform):
// an awaiter (await_ready / await_suspend / await_resume), or something whose
// member or free operator co_await returns one.

template <class A>
concept is_awaiter = requires(A& a, std::coroutine_handle<> h) {
  { a.await_ready() } -> std::convertible_to<bool>;
  a.await_suspend(h);
  a.await_resume();
};
template <class A>
concept has_member_co_await = requires(A&& a) { static_cast<A&&>(a).operator co_await(); };
template <class A>
concept has_free_co_await = requires(A&& a) { operator co_await(static_cast<A&&>(a)); };

template <class A>
struct awaiter_of {
  using type = A;
};
template <has_member_co_await A>
struct awaiter_of<A> {
  using type = decltype(std::declval<A>().operator co_await());
};
template <class A>
  requires(!has_member_co_await<A> && has_free_co_await<A>)
struct awaiter_of<A> {
  using type = decltype(operator co_await(std::declval<A>()));
};

// A is awaitable as an rvalue (spawn consumes it) — or, for an lvalue
// reference type, as that lvalue.
template <class A>
concept awaitable = is_awaiter<std::remove_reference_t<typename awaiter_of<A>::type>>;

template <awaitable A>
using await_result_t =
    decltype(std::declval<std::remove_reference_t<typename awaiter_of<A>::type>&>().await_resume());

template <class T>
inline constexpr bool is_task_v = false;
template <class T>
inline constexpr bool is_task_v<task<T>> = true;

// What spawn(a) turns an awaitable into: a task whose frame holds the
// awaitable (moved or copied in) and awaits it. One frame, as for any task.
template <class A>
using spawned_result_t = std::remove_cvref_t<await_result_t<std::decay_t<A>&&>>;

template <class R, class A>
task<R> await_in_task(A aw) {
  if constexpr (std::is_void_v<R>) {
    co_await std::move(aw);
  } else {
    co_return co_await std::move(aw);
  }
}

// The checks behind spawn(x) for an x that is not a tg::task, as
// static_asserts, so that the message says what is wrong.
template <class A>
constexpr bool check_spawnable() {
  using D = std::decay_t<A>;
  static_assert(awaitable<D&&>,
                "tg: spawn needs a tg::task or an awaitable (something `co_await` accepts in a "
                "tg::task: an awaiter with await_ready/await_suspend/await_resume, or a type with "
                "operator co_await); this argument is not awaitable");
  if constexpr (awaitable<D&&>) {
    static_assert(std::is_constructible_v<D, A&&>,
                  "tg: spawn keeps the awaitable in the child's frame: it must be movable "
                  "(pass an rvalue) or copyable");
    return std::is_constructible_v<D, A&&>;
  }
  return false;
}

template <class A>
inline constexpr bool spawnable_v = awaitable<std::decay_t<A>&&> &&
                                    std::is_constructible_v<std::decay_t<A>, A&&>;

template <class A>
struct spawn_result {
  using type = void;  // not spawnable: the static_assert explains
};
template <class A>
  requires spawnable_v<A>
struct spawn_result<A> {
  using type = task_handle<spawned_result_t<A>>;
};
template <class A>
using spawn_result_t = typename spawn_result<A>::type;

template <class A>
spawn_result_t<A> spawn_awaitable(A&& aw, task_group* group) {
  if constexpr (check_spawnable<A>()) {
    return start_task(await_in_task<spawned_result_t<A>, std::decay_t<A>>(std::forward<A>(aw)),
                      group);
  }
}

// Which with_group a body selects: one returning a tg::generator gets the
// generator form, anything else the task form.
template <class Body>
concept generator_body = is_generator_v<std::invoke_result_t<Body&, task_group&>>;

}  // namespace detail

// `async with asyncio.TaskGroup() as g`, minus the ways to misuse it: a group
// exists only inside with_group, cannot be copied or moved, and with_group
// does not return until every child is done. Everything but spawn and size
// is the runtime's business (as in Trio's and corral's nurseries).
class task_group {
 public:
  task_group(const task_group&) = delete;
  task_group& operator=(const task_group&) = delete;

  // Start a child (asyncio create_task). Throws tg::group_closed when the
  // group is shutting down (a child failed, or the group was cancelled) or
  // finished. While the group waits for its children without aborting, new
  // children are still accepted. If the child cannot be created (its frame
  // cannot be allocated: std::bad_alloc), spawn throws and the group is
  // unchanged.
  template <class T>
  task_handle<T> spawn(task<T> t) {
    check_open();
    return detail::start_task(std::move(t), this);
  }
  // Any other awaitable — g.spawn(tg::sleep_for(1s)), g.spawn(tg::checkpoint()),
  // g.spawn(handle) — runs as a child task that awaits it and yields its
  // result (asyncio's create_task(asyncio.sleep(1))). The awaitable is moved
  // (or copied) into the child's frame; a sleep's deadline counts from the
  // call that made it.
  template <class A>
    requires(!detail::is_task_v<std::remove_cvref_t<A>>)
  detail::spawn_result_t<A> spawn(A&& awaitable) {
    if constexpr (detail::spawnable_v<A>) check_open();
    return detail::spawn_awaitable(std::forward<A>(awaitable), this);
  }

  // Children not yet done.
  std::size_t size() const noexcept { return live_; }

 private:
  friend class detail::loop;
  template <class Body>
    requires(!detail::generator_body<Body>)
  friend auto with_group(Body body) -> task<typename std::invoke_result_t<Body&, task_group&>::value_type>;
  template <class Body>
    requires detail::generator_body<Body>
  friend auto with_group(Body body)
      -> generator<typename std::invoke_result_t<Body&, task_group&>::value_type>;

  explicit task_group(detail::node& parent);
  ~task_group();

  void check_open() const;
  void child_started(detail::node& child) noexcept;
  void child_done(detail::node& child) noexcept;
  void body_failed(std::exception_ptr ep) noexcept;
  void parent_cancelled() noexcept;
  void abort() noexcept;
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

  detail::node* parent_;
  detail::task_list children_;  // live children (linked through their frames)
  // Children that failed, in the order they failed. The group holds a
  // reference to each (its frame keeps the exception), so recording a
  // failure never allocates: child_done cannot fail.
  detail::task_list failed_;
  std::size_t live_ = 0;
  std::size_t failures_ = 0;
  std::exception_ptr body_error_;        // the body's own failure, if any,
  std::size_t body_error_position_ = 0;  // and how many children failed before it
  join_awaiter* joiner_ = nullptr;
  bool exiting_ = false;
  bool aborting_ = false;
  bool parent_cancel_requested_ = false;
  bool propagate_cancel_ = false;
};

// Run `body(g)` with a fresh group g, then wait for every child.
//  * A child failing (anything but tg::cancelled) cancels its siblings and the
//    body; the failures come back as one tg::exception_group, in the order
//    they happened, the body's own failure included.
//  * Cancelling the task running with_group cancels the children, waits for
//    them, and then propagates tg::cancelled — unless there were failures:
//    errors take priority.
template <class Body>
  requires(!detail::generator_body<Body>)
auto with_group(Body body) -> task<typename std::invoke_result_t<Body&, task_group&>::value_type> {
  using R = typename std::invoke_result_t<Body&, task_group&>::value_type;
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

// `async with TaskGroup() as g:` around `yield` in an async generator, for a
// body `(task_group&) -> generator<T>`: the group is created at the first
// pull, with the consumer's task as its parent; each value the body yields is
// yielded to the consumer; when the body ends (or fails) the group waits for
// its children and throws like the task form.
//
// It exists so that the hazard async-suspend-in-group-generator is real, as
// spawn_detached exists for async-spawn-outside-group. While the generator
// is suspended at a co_yield inside the body, the group is still open, but
// the code running is the consumer's, which knows nothing about it: a child's
// failure cancels the group's parent — the consumer's task — wherever it is,
// and the child's error is lost with the generator. A consumer that stops
// pulling destroys the frame, and with it the group, while the children still
// run (a fatal error: see ~task_group). Do the concurrent work in the task
// form and yield after it returned.
template <class Body>
  requires detail::generator_body<Body>
auto with_group(Body body) -> generator<typename std::invoke_result_t<Body&, task_group&>::value_type> {
  task_group g(detail::running());
  try {
    auto inner = body(g);
    while (auto v = co_await inner.next()) co_yield std::move(*v);
  } catch (...) {  // NOLINT(async-swallowed-cancellation): finish() rethrows it
    g.body_failed(std::current_exception());
  }
  while (g.size() > 0) {
    if (co_await g.join()) g.parent_cancelled();
  }
  g.finish();
}

// The unstructured spawn (asyncio.create_task): the task belongs to no group
// and nobody is obliged to await it. If it fails and nobody retrieves the
// error, only the loop's exception handler hears about it. It exists so that
// the hazard async-spawn-outside-group is real. Like task_group::spawn, it
// also takes any awaitable.
template <class T>
task_handle<T> spawn_detached(task<T> t) {
  return detail::start_task(std::move(t), nullptr);
}
template <class A>
  requires(!detail::is_task_v<std::remove_cvref_t<A>>)
detail::spawn_result_t<A> spawn_detached(A&& awaitable) {
  return detail::spawn_awaitable(std::forward<A>(awaitable), nullptr);
}

}  // namespace tg
