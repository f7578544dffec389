// The event loop: a ready queue, a timer heap, and a mutex-protected inbox
// for completions from worker threads. One thread, no polling: when nothing
// is ready the loop sleeps on a condition variable until the next deadline
// or the next thread completion (or, in virtual time, jumps the clock).
#include <cstdio>
#include <cstdlib>
#include <unordered_set>

#include "tg/group.hpp"

namespace tg::detail {

void frame_pool_enter() noexcept;  // frame_pool.cpp
void frame_pool_leave() noexcept;

namespace {

constinit thread_local loop* t_loop = nullptr;
constinit thread_local node* t_running = nullptr;

std::unordered_set<const task_group*>& live_groups() {
  thread_local std::unordered_set<const task_group*> groups;
  return groups;
}
// The group spawned into last: a run of spawns into one group (the common
// case) checks liveness without a hash lookup.
constinit thread_local const task_group* t_last_alive = nullptr;

void print_unhandled(std::exception_ptr ep) {
  try {
    std::rethrow_exception(ep);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tg: Task exception was never retrieved: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "tg: Task exception was never retrieved (non-std exception)\n");
  }
}

bool earlier(const timer* a, const timer* b) noexcept {
  return a->deadline != b->deadline ? a->deadline < b->deadline : a->seq < b->seq;
}

constexpr std::size_t npos = static_cast<std::size_t>(-1);

}  // namespace

// ---- node -----------------------------------------------------------------

bool node::cancel() noexcept {
  if (finished) return false;
  ++cancelling;
  if (parked && shield_depth == 0) {
    switch (parked->cancel_wait()) {
      case parking::on_cancel::wake:
        parked->interrupted = true;
        wake();
        return true;
      case parking::on_cancel::forwarded:
        return true;
      case parking::on_cancel::deferred:
        break;
    }
  }
  must_cancel = true;  // delivered at the next await point
  return true;
}

int node::uncancel() noexcept {
  if (cancelling > 0) --cancelling;
  if (cancelling == 0) must_cancel = false;
  return cancelling;
}

void node::wake() noexcept {
  parked = nullptr;
  lp->schedule(*this);
}

void node::release() noexcept {
  if (--refs > 0) return;
  if (detached && exception && !was_cancelled && !retrieved) {
    // Nobody can receive this error any more: tell the loop that ran it,
    // or stderr if that loop is gone.
    if (loop::current() == lp) lp->report_unhandled(exception);
    else print_unhandled(exception);
  }
  frame.destroy();
}

node& running() {
  if (!t_running) throw std::logic_error("tg: await point used outside of a tg task (tg::run)");
  return *t_running;
}

// ---- group liveness ---------------------------------------------------------

void register_group(const task_group* g) { live_groups().insert(g); }
void unregister_group(const task_group* g) noexcept {
  if (t_last_alive == g) t_last_alive = nullptr;
  live_groups().erase(g);
}
bool group_alive(const task_group* g) noexcept {
  if (g == t_last_alive) return true;
  if (live_groups().count(g) == 0) return false;
  t_last_alive = g;
  return true;
}

void fatal(const char* message) noexcept {
  std::fprintf(stderr, "%s\n", message);
  std::fflush(stderr);
  std::abort();
}

// ---- loop -----------------------------------------------------------------

loop::loop(run_options opts)
    : opts_(std::move(opts)), previous_(t_loop), virtual_now_(clock::now()) {
  if (!opts_.on_unhandled_exception) opts_.on_unhandled_exception = print_unhandled;
  t_loop = this;
  frame_pool_enter();
}

loop::~loop() {
  t_loop = previous_;
  frame_pool_leave();
}

loop* loop::current() noexcept { return t_loop; }

time_point loop::now() const noexcept { return opts_.virtual_time ? virtual_now_ : clock::now(); }

void loop::start(node& n, task_group* group) noexcept {
  n.lp = this;
  if (group) {
    group->child_started(n);
  } else if (!main_) {
    main_ = &n;
  } else {
    n.detached = true;
    detached_.push_back(n);
    if (shutting_down_) n.cancel();
  }
  schedule(n);
}

void loop::resume(node& n) noexcept {
  node* outer = std::exchange(t_running, &n);
  if (!n.started) {
    n.started = true;
    if (n.take_cancel()) {
      // Cancelled before its first step: like asyncio, the body never runs.
      if (!cancelled_) cancelled_ = std::make_exception_ptr(cancelled{});
      n.exception = cancelled_;
      task_done(n);
      t_running = outer;
      return;
    }
  }
  n.next.resume();
  t_running = outer;
}

void loop::task_done(node& n) noexcept {
  n.finished = true;
  n.parked = nullptr;
  n.was_cancelled = is_cancellation(n.exception);
  while (parking* p = n.waiters.pop_front()) p->task->wake();
  if (n.group) {
    n.group->child_done(n);
  } else if (n.detached) {
    detached_.remove(n);
  }
  n.release();  // the loop's reference
}

void loop::report_unhandled(std::exception_ptr ep) noexcept {
  try {
    opts_.on_unhandled_exception(std::move(ep));
  } catch (...) {
    fatal("tg: the on_unhandled_exception handler threw");
  }
}

void loop::cancel_detached() noexcept {
  for (node* n = detached_.front(); n; n = task_list::next(*n)) n->cancel();
}

void loop::run_until_done(node& main) {
  for (;;) {
    fire_due_timers();
    drain_thread_completions();
    if (main.finished && !shutting_down_) {
      // asyncio.run: once main is done, cancel what is left and let it unwind.
      shutting_down_ = true;
      cancel_detached();
    }
    if (ready_.empty()) {
      if (main.finished && detached_.empty()) return;
      std::unique_lock lock(mutex_);
      auto has_completions = [this] { return !completed_.empty(); };
      if (has_completions()) continue;
      if (opts_.virtual_time) {
        // Threads take no virtual time: wait for them before moving the clock.
        if (threads_in_flight_ > 0) cv_.wait(lock, has_completions);
        else if (!timers_.empty()) virtual_now_ = std::max(virtual_now_, timers_.front()->deadline);
        else throw std::logic_error("tg::run: deadlock: every task waits and nothing can wake them");
      } else if (!timers_.empty()) {
        cv_.wait_until(lock, timers_.front()->deadline, has_completions);
      } else if (threads_in_flight_ > 0) {
        cv_.wait(lock, has_completions);
      } else {
        throw std::logic_error("tg::run: deadlock: every task waits and nothing can wake them");
      }
      continue;
    }
    // Run what is ready now; what becomes ready meanwhile waits for the next
    // round, after timers and threads had their say (fairness).
    ready_queue batch;
    batch.swap(ready_);
    while (node* n = batch.pop_front()) resume(*n);
  }
}

void loop::fire_due_timers() noexcept {
  if (timers_.empty()) return;
  const time_point t = now();
  while (!timers_.empty() && timers_.front()->deadline <= t) {
    timer* top = timers_.front();
    remove_timer(*top);
    top->fire();
  }
}

bool loop::drain_thread_completions() noexcept {
  parking_list done;
  {
    std::lock_guard lock(mutex_);
    if (completed_.empty()) return false;
    done.swap(completed_);
  }
  while (parking* p = done.pop_front()) p->task->wake();
  return true;
}

void loop::thread_started() noexcept {
  std::lock_guard lock(mutex_);
  ++threads_in_flight_;
}

void loop::thread_not_started() noexcept {
  std::lock_guard lock(mutex_);
  --threads_in_flight_;
}

void loop::thread_finished(parking& p) noexcept {
  // Notify under the lock: once we unlock, the loop may resume the task,
  // finish, and destroy cv_.
  std::lock_guard lock(mutex_);
  completed_.push_back(p);
  --threads_in_flight_;
  cv_.notify_one();
}

// ---- timer heap -------------------------------------------------------------

void loop::add_timer(timer& t, time_point deadline) {
  timers_.push_back(&t);  // the only step that can fail (bad_alloc): first
  t.deadline = deadline;
  t.seq = timer_seq_++;
  t.heap_index = timers_.size() - 1;
  heap_up(t.heap_index);
}

void loop::remove_timer(timer& t) noexcept {
  if (!t.armed()) return;
  const std::size_t i = t.heap_index;
  heap_swap(i, timers_.size() - 1);
  timers_.pop_back();
  t.heap_index = npos;
  if (i < timers_.size()) {
    heap_down(i);
    heap_up(i);
  }
}

void loop::heap_swap(std::size_t a, std::size_t b) noexcept {
  std::swap(timers_[a], timers_[b]);
  timers_[a]->heap_index = a;
  timers_[b]->heap_index = b;
}

void loop::heap_up(std::size_t i) noexcept {
  while (i > 0) {
    const std::size_t parent = (i - 1) / 2;
    if (!earlier(timers_[i], timers_[parent])) break;
    heap_swap(i, parent);
    i = parent;
  }
}

void loop::heap_down(std::size_t i) noexcept {
  for (;;) {
    std::size_t best = i;
    for (std::size_t c = 2 * i + 1; c <= 2 * i + 2 && c < timers_.size(); ++c)
      if (earlier(timers_[c], timers_[best])) best = c;
    if (best == i) return;
    heap_swap(i, best);
    i = best;
  }
}

}  // namespace tg::detail
