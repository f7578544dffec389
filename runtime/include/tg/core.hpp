// tg/core.hpp — tasks, the scheduler's view of a task, and the event loop.
//
// Reading order: intrusive_list (the one container of the runtime), node
// (what the loop knows about a task), parking (a place where a task waits),
// task<T> (the coroutine type), loop (ready queue + timers + cross-thread
// completions), run(). Everything else in tg is built from three moves: park
// a task at a wait, wake it, or cancel it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

#include "tg/errors.hpp"

namespace tg {

using clock = std::chrono::steady_clock;
using duration = clock::duration;
using time_point = clock::time_point;

struct run_options {
  // Virtual time: the clock only moves when every task is waiting, and then it
  // jumps straight to the next deadline. Sleeps cost nothing, and the order of
  // events is a pure function of the program — what tests want.
  bool virtual_time = false;
  // asyncio's loop exception handler: receives failures nobody can receive
  // (a spawn_detached task that failed and was never awaited). Default:
  // print "tg: Task exception was never retrieved: ..." to stderr.
  std::function<void(std::exception_ptr)> on_unhandled_exception;
};

template <class T = void>
class task;
template <class T = void>
class task_handle;
class task_group;

namespace detail {

class loop;
struct node;
struct task_access;

// ---- intrusive_list ---------------------------------------------------------
// The runtime's only container of tasks and waits: the ready queue, a group's
// children, the loop's detached tasks, a task's waiters, an event's or a
// semaphore's queue, the inbox of thread completions. The links live in the
// elements, so putting a task in a list never allocates and never fails —
// which is what lets every scheduling step be noexcept.

template <class T>
struct list_hook {
  T* prev = nullptr;
  T* next = nullptr;
};

// A FIFO of T linked through the list_hook<T> member `Hook`. An element is in
// at most one list per hook; the list does not own its elements. The list
// itself is one pointer (it sits in every task frame): the head, whose `prev`
// is the tail; the last element's `next` is null.
template <class T, list_hook<T> T::*Hook>
class intrusive_list {
 public:
  intrusive_list() = default;
  intrusive_list(const intrusive_list&) = delete;
  intrusive_list& operator=(const intrusive_list&) = delete;

  bool empty() const noexcept { return head_ == nullptr; }
  T* front() const noexcept { return head_; }
  static T* next(const T& e) noexcept { return (e.*Hook).next; }

  void push_back(T& e) noexcept {
    list_hook<T>& h = e.*Hook;
    h.next = nullptr;
    if (!head_) {
      h.prev = &e;
      head_ = &e;
      return;
    }
    T* tail = (head_->*Hook).prev;
    h.prev = tail;
    (tail->*Hook).next = &e;
    (head_->*Hook).prev = &e;
  }
  void remove(T& e) noexcept {
    list_hook<T>& h = e.*Hook;
    T* const next = h.next;
    T* const prev = h.prev;
    if (&e == head_) {
      head_ = next;
      if (next) (next->*Hook).prev = prev;  // prev was the tail
    } else {
      (prev->*Hook).next = next;
      if (next) (next->*Hook).prev = prev;
      else (head_->*Hook).prev = prev;  // e was the tail
    }
    h.prev = h.next = nullptr;
  }
  T* pop_front() noexcept {
    T* e = head_;
    if (e) remove(*e);
    return e;
  }
  void swap(intrusive_list& o) noexcept { std::swap(head_, o.head_); }

 private:
  T* head_ = nullptr;
};

// ---- parking ----------------------------------------------------------------
// A place where a suspended task waits (a timer, an event, a semaphore queue,
// another task, a thread). When the task is cancelled, the wait decides:
// wake the task so that it raises tg::cancelled, forward the cancellation
// (awaiting a task cancels that task, as in asyncio), or defer it until the
// wait completes (a thread cannot be interrupted).
struct parking {
  enum class on_cancel { wake, forwarded, deferred };
  node* task = nullptr;
  list_hook<parking> link;   // in the wait's queue (or the loop's thread inbox)
  bool interrupted = false;  // woken by cancellation, not by the event
  virtual on_cancel cancel_wait() noexcept = 0;

  // The opening every interruptible wait shares: a cancellation already
  // pending is delivered here instead of waiting (await_resume then raises
  // it). Otherwise `enqueue(self)` registers the wait — it may throw, and
  // then nothing has changed — and the task parks. The result is
  // await_suspend's: true to suspend.
  template <class Enqueue>
  bool park_unless_cancelled(std::coroutine_handle<> h, Enqueue&& enqueue);
  void raise_if_interrupted() const {
    if (interrupted) throw cancelled{};
  }

 protected:
  ~parking() = default;
};

using parking_list = intrusive_list<parking, &parking::link>;

// A deadline in the loop's timer heap.
struct timer {
  time_point deadline{};
  std::uint64_t seq = 0;  // ties break by arming order: deterministic
  std::size_t heap_index = static_cast<std::size_t>(-1);
  virtual void fire() noexcept = 0;
  bool armed() const noexcept { return heap_index != static_cast<std::size_t>(-1); }

 protected:
  ~timer() = default;
};

// ---- node -------------------------------------------------------------------
// Every coroutine frame of a tg::task carries a node (its promise derives
// from it). A frame awaited inline uses only the first two fields; a frame
// that is spawned becomes a scheduled task and uses the rest. Keeping this
// state in the frame is what makes a task cost exactly one allocation: the
// handle, the group's child list, the ready queue and the wait lists all
// point into the frame, and the frame lives until the task is done and the
// last handle is gone (refs).
struct node {
  // --- any frame ---
  std::coroutine_handle<> continuation;  // who awaits us inline
  std::exception_ptr exception;

  // --- root frames of scheduled tasks ---
  std::coroutine_handle<> frame;  // this frame
  std::coroutine_handle<> next;   // the innermost suspended frame to resume
  loop* lp = nullptr;
  parking* parked = nullptr;  // the wait we are suspended in, if interruptible
  list_hook<node> ready_link;   // in the loop's ready queue
  list_hook<node> member_link;  // in the group's children (or failures), or the loop's detached tasks
  task_group* group = nullptr;
  parking_list waiters;  // tasks doing co_await on a handle to us
  int refs = 0;          // handles + 1 while running
  int cancelling = 0;    // asyncio's Task.cancelling(): requests not yet uncancelled
  int shield_depth = 0;
  // Bit-fields: a frame is the whole cost of a task, so the node is packed
  // (112 bytes on 64-bit targets). Only the loop's thread touches them.
  bool must_cancel : 1 = false;  // a request not yet delivered
  bool started : 1 = false;
  bool finished : 1 = false;
  bool was_cancelled : 1 = false;
  bool detached : 1 = false;
  bool retrieved : 1 = false;

  // Request cancellation (asyncio Task.cancel). Returns false if already done.
  bool cancel() noexcept;
  // asyncio Task.uncancel; dropping to zero also withdraws an undelivered request.
  int uncancel() noexcept;
  // Consume a pending, unshielded request: the caller raises tg::cancelled.
  bool take_cancel() noexcept {
    if (!must_cancel || shield_depth > 0) return false;
    must_cancel = false;
    return true;
  }
  void park(parking* p, std::coroutine_handle<> h) noexcept {
    p->task = this;
    p->interrupted = false;
    parked = p;
    next = h;
  }
  void wake() noexcept;  // leave the current wait normally and get scheduled
  void release() noexcept;
};

using task_list = intrusive_list<node, &node::member_link>;
using ready_queue = intrusive_list<node, &node::ready_link>;

// The task currently running on this thread's loop; throws std::logic_error
// outside of tg::run.
node& running();

template <class Enqueue>
bool parking::park_unless_cancelled(std::coroutine_handle<> h, Enqueue&& enqueue) {
  node& self = running();
  if (self.take_cancel()) {
    interrupted = true;
    return false;
  }
  enqueue(self);
  self.park(this, h);
  return true;
}

// ---- frame allocation -------------------------------------------------------
// Frames of tg::task coroutines come from a per-thread pool of size classes
// while a loop runs on the thread: a child that finishes gives its block to
// the next child of that size, and the pool returns its blocks to the global
// allocator when the thread's outermost loop exits. Outside a loop, frames go
// straight to ::operator new/delete. Built without the pool (TG_FRAME_POOL=0,
// the default under sanitizers) every frame is a plain ::operator new.
void* allocate_frame(std::size_t size);
void deallocate_frame(void* p, std::size_t size) noexcept;
// Statistics for tests and benchmarks (this thread).
struct frame_pool_stats {
  bool enabled;
  std::size_t cached_blocks;  // blocks on the free lists now
  std::size_t cached_bytes;
};
frame_pool_stats frame_pool_statistics() noexcept;
// Give every cached block back to the global allocator (also done when the
// thread's outermost loop exits).
void frame_pool_release() noexcept;

class loop {
 public:
  explicit loop(run_options opts);
  loop(const loop&) = delete;
  loop& operator=(const loop&) = delete;
  ~loop();

  static loop* current() noexcept;
  time_point now() const noexcept;
  bool virtual_time() const noexcept { return opts_.virtual_time; }

  void schedule(node& n) noexcept { ready_.push_back(n); }
  void add_timer(timer& t, time_point deadline);
  void remove_timer(timer& t) noexcept;

  // A task enters the loop (group may be null: detached or main).
  void start(node& n, task_group* group) noexcept;
  // Called from the root frame's final suspend, or for a task cancelled
  // before it ever ran.
  void task_done(node& n) noexcept;
  void run_until_done(node& main);

  // to_thread: the worker thread hands the parked task back through here.
  void thread_started() noexcept;
  void thread_not_started() noexcept;  // the worker could not be created
  void thread_finished(parking& p) noexcept;  // any thread

  void report_unhandled(std::exception_ptr ep) noexcept;

 private:
  void resume(node& n) noexcept;
  void fire_due_timers() noexcept;
  bool drain_thread_completions() noexcept;
  void cancel_detached() noexcept;
  void heap_up(std::size_t i) noexcept;
  void heap_down(std::size_t i) noexcept;
  void heap_swap(std::size_t a, std::size_t b) noexcept;

  run_options opts_;
  loop* previous_;
  time_point virtual_now_;
  ready_queue ready_;
  std::vector<timer*> timers_;  // binary min-heap on (deadline, seq)
  std::uint64_t timer_seq_ = 0;
  task_list detached_;  // live detached tasks, cancelled at shutdown
  node* main_ = nullptr;
  bool shutting_down_ = false;
  std::exception_ptr cancelled_;  // shared by the tasks cancelled before they ran

  // Cross-thread completions (to_thread). The only state touched by other
  // threads; the loop sleeps on cv_ instead of spinning.
  std::mutex mutex_;
  std::condition_variable cv_;
  parking_list completed_;     // guarded by mutex_
  int threads_in_flight_ = 0;  // guarded by mutex_
};

// Liveness registry for task groups: lets spawn() on a group whose with_group
// already returned be reported instead of silently corrupting memory. It
// stores addresses only and never reads a dead group.
void register_group(const task_group* g);
void unregister_group(const task_group* g) noexcept;
bool group_alive(const task_group* g) noexcept;

[[noreturn]] void fatal(const char* message) noexcept;

template <class T>
struct promise;

struct final_awaiter {
  bool await_ready() const noexcept { return false; }
  template <class P>
  std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
    node& n = h.promise();
    if (n.continuation) return n.continuation;  // inline await: back to the caller
    n.lp->task_done(n);                           // a task's root: may free the frame
    return std::noop_coroutine();
  }
  void await_resume() const noexcept {}
};

struct promise_common : node {
  static void* operator new(std::size_t size) { return allocate_frame(size); }
  static void operator delete(void* p, std::size_t size) noexcept { deallocate_frame(p, size); }

  std::suspend_always initial_suspend() const noexcept { return {}; }  // lazy
  final_awaiter final_suspend() const noexcept { return {}; }
  void unhandled_exception() noexcept { exception = std::current_exception(); }
};

template <class T>
struct promise : promise_common {
  std::optional<T> value;
  task<T> get_return_object() noexcept;
  template <class U = T>
  void return_value(U&& v) noexcept(std::is_nothrow_constructible_v<T, U&&>) {
    value.emplace(std::forward<U>(v));
  }
  T take() {
    if (exception) std::rethrow_exception(exception);
    return std::move(*value);
  }
  T peek() const {
    if (exception) std::rethrow_exception(exception);
    return *value;
  }
};

template <>
struct promise<void> : promise_common {
  task<void> get_return_object() noexcept;
  void return_void() noexcept {}
  void take() {
    if (exception) std::rethrow_exception(exception);
  }
  void peek() const {
    if (exception) std::rethrow_exception(exception);
  }
};

template <class T>
task_handle<T> make_handle(std::coroutine_handle<promise<T>> h) noexcept;

}  // namespace detail

// A lazy coroutine. It does nothing until it is awaited (runs inline, in the
// awaiting task) or spawned (becomes a task of its own).
template <class T>
class [[nodiscard]] task {
 public:
  using promise_type = detail::promise<T>;
  using handle_type = std::coroutine_handle<promise_type>;
  using value_type = T;

  task() noexcept = default;
  task(task&& o) noexcept : h_(std::exchange(o.h_, {})) {}
  task& operator=(task&& o) noexcept {
    if (this != &o) {
      if (h_) h_.destroy();
      h_ = std::exchange(o.h_, {});
    }
    return *this;
  }
  task(const task&) = delete;
  task& operator=(const task&) = delete;
  ~task() {
    if (h_) h_.destroy();  // never awaited or spawned: it never ran
  }

  bool valid() const noexcept { return static_cast<bool>(h_); }

  struct awaiter {
    handle_type h;
    bool await_ready() const noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) noexcept {
      h.promise().continuation = caller;
      return h;  // symmetric transfer: nested awaits never grow the stack
    }
    T await_resume() { return h.promise().take(); }
  };
  awaiter operator co_await() & { return awaiter{checked()}; }
  awaiter operator co_await() && { return awaiter{checked()}; }

 private:
  friend struct detail::promise<T>;
  friend struct detail::task_access;
  explicit task(handle_type h) noexcept : h_(h) {}
  handle_type checked() const {
    if (!h_) throw std::logic_error("tg::task: awaiting an empty task");
    if (h_.done() || h_.promise().continuation)
      throw std::logic_error("tg::task: a task can be awaited only once");
    return h_;
  }
  handle_type h_;
};

namespace detail {
template <class T>
task<T> promise<T>::get_return_object() noexcept {
  return task<T>(std::coroutine_handle<promise<T>>::from_promise(*this));
}
inline task<void> promise<void>::get_return_object() noexcept {
  return task<void>(std::coroutine_handle<promise<void>>::from_promise(*this));
}

// The runtime's access to a task's frame: the only way to take the frame
// out of a task (to schedule it) is through here.
struct task_access {
  template <class T>
  static typename task<T>::handle_type release(task<T>& t) noexcept {
    return std::exchange(t.h_, {});
  }
};

// Turn a task into a scheduled one owned by the current loop.
template <class T>
task_handle<T> start_task(task<T>&& t, task_group* group) {
  loop* lp = loop::current();
  if (!lp) throw std::logic_error("tg: spawning outside of tg::run");
  if (!t.valid()) throw std::logic_error("tg: spawning an empty task");
  auto h = task_access::release(t);
  node& n = h.promise();
  n.frame = h;
  n.next = h;
  n.refs = 1;  // the loop's reference, dropped when the task is done
  lp->start(n, group);
  return make_handle(h);
}
}  // namespace detail

// Run an event loop on this thread until `main` is done; return its value or
// rethrow its exception (tg::cancelled if it was cancelled). Detached tasks
// still running then are cancelled and awaited, like asyncio.run.
template <class T>
T run(task<T> main, run_options opts = {}) {
  if (!main.valid()) throw std::logic_error("tg::run: empty task");
  detail::loop lp(std::move(opts));
  auto h = detail::task_access::release(main);
  detail::node& n = h.promise();
  n.frame = h;
  n.next = h;
  n.refs = 2;  // the loop's, and ours (we read the result)
  struct drop {
    detail::node& n;
    ~drop() { n.release(); }
  } d{n};
  lp.start(n, nullptr);
  lp.run_until_done(n);
  return h.promise().take();
}

// The current time of the running loop (virtual or real).
time_point now();

}  // namespace tg
