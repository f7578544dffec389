// The task group's bookkeeping: CPython's TaskGroup (Lib/asyncio/taskgroups.py)
// with the same flags, minus everything C++ makes impossible (entering twice,
// spawning before entering).
#include "tg/group.hpp"

namespace tg {

task_group::task_group(detail::node& parent) : parent_(&parent) { detail::register_group(this); }

task_group::~task_group() { detail::unregister_group(this); }

void task_group::check_open() const {
  // Checked by address only: `this` may point to freed memory here.
  if (!detail::group_alive(this))
    detail::fatal(
        "tg: task_group used after its with_group returned "
        "(a reference escaped the group: async-task-escapes-group)");
  if (exiting_ && live_ == 0) throw group_closed("tg::task_group is finished");
  if (aborting_) throw group_closed("tg::task_group is shutting down");
}

void task_group::child_started(detail::node& child) noexcept {
  // Appended, so that an abort cancels children in the order they were spawned.
  child.group = this;
  child.list_next = nullptr;
  child.list_prev = tail_;
  if (tail_) tail_->list_next = &child;
  else head_ = &child;
  tail_ = &child;
  ++live_;
}

void task_group::child_done(detail::node& child) noexcept {
  if (child.list_prev) child.list_prev->list_next = child.list_next;
  else head_ = child.list_next;
  if (child.list_next) child.list_next->list_prev = child.list_prev;
  else tail_ = child.list_prev;
  child.list_prev = child.list_next = nullptr;
  --live_;
  if (live_ == 0 && joiner_) std::exchange(joiner_, nullptr)->task->wake();

  if (child.was_cancelled || !child.exception) return;
  errors_.push_back(child.exception);
  if (!aborting_ && !parent_cancel_requested_) {
    // Stop the body too: whatever it awaits now is pointless. The request is
    // withdrawn again (uncancel) when the group exits.
    abort();
    parent_cancel_requested_ = true;
    parent_->cancel();
  }
}

void task_group::body_failed(std::exception_ptr ep) {
  exiting_ = true;
  if (detail::is_cancellation(ep)) propagate_cancel_ = true;
  else errors_.push_back(std::move(ep));  // in the order it happened
  if (!aborting_) abort();
}

void task_group::parent_cancelled() noexcept {
  // Someone cancelled the task running with_group while it waited for the
  // children. The first time, that aborts the group; later requests do not.
  if (!aborting_) {
    propagate_cancel_ = true;
    abort();
  }
}

void task_group::abort() noexcept {
  aborting_ = true;
  for (detail::node* c = head_; c; c = c->list_next) c->cancel();
}

void task_group::finish() {
  exiting_ = true;
  // Our own cancellation of the parent must not leak out of the group
  // (CPython 3.12+: uncancel after the children are done).
  if (parent_cancel_requested_ && parent_->uncancel() == 0) propagate_cancel_ = false;
  if (!errors_.empty()) throw exception_group(std::move(errors_));
  if (propagate_cancel_) throw cancelled{};
}

bool task_group::join_awaiter::await_suspend(std::coroutine_handle<> h) noexcept {
  detail::node& self = *g->parent_;
  if (self.take_cancel()) {
    interrupted = true;
    return false;
  }
  g->joiner_ = this;
  self.park(this, h);
  return true;
}

detail::parking::on_cancel task_group::join_awaiter::cancel_wait() noexcept {
  g->joiner_ = nullptr;
  return on_cancel::wake;
}

}  // namespace tg
