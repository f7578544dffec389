// The task group's bookkeeping: CPython's TaskGroup (Lib/asyncio/taskgroups.py)
// with the same flags, minus everything C++ makes impossible (entering twice,
// spawning before entering).
#include "tg/group.hpp"

namespace tg {

task_group::task_group(detail::node& parent) : parent_(&parent) { detail::register_group(this); }

task_group::~task_group() {
  // Only a frame destroyed while suspended inside the group can get here with
  // children: the generator form of with_group, dropped at a co_yield. The
  // children point at this group and would write to freed memory.
  if (live_ > 0)
    detail::fatal(
        "tg: a task group was destroyed with children still running (a generator yielded inside "
        "with_group and was dropped: async-suspend-in-group-generator)");
  // Normally finish() has consumed the failures; if it could not (it threw
  // std::bad_alloc building the exception_group), their frames are freed here.
  while (detail::node* c = failed_.pop_front()) c->release();
  detail::unregister_group(this);
}

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
  children_.push_back(child);
  ++live_;
}

void task_group::child_done(detail::node& child) noexcept {
  children_.remove(child);
  --live_;
  if (live_ == 0 && joiner_) std::exchange(joiner_, nullptr)->task->wake();

  if (child.was_cancelled || !child.exception) return;
  ++child.refs;  // the exception lives in the child's frame until finish()
  failed_.push_back(child);
  ++failures_;
  if (!aborting_ && !parent_cancel_requested_) {
    // Stop the body too: whatever it awaits now is pointless. The request is
    // withdrawn again (uncancel) when the group exits.
    abort();
    parent_cancel_requested_ = true;
    parent_->cancel();
  }
}

void task_group::body_failed(std::exception_ptr ep) noexcept {
  exiting_ = true;
  if (detail::is_cancellation(ep)) {
    propagate_cancel_ = true;
  } else {
    body_error_ = std::move(ep);
    body_error_position_ = failures_;  // in the order it happened
  }
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
  for (detail::node* c = children_.front(); c; c = detail::task_list::next(*c)) c->cancel();
}

void task_group::finish() {
  exiting_ = true;
  // Our own cancellation of the parent must not leak out of the group
  // (CPython 3.12+: uncancel after the children are done).
  if (parent_cancel_requested_ && parent_->uncancel() == 0) propagate_cancel_ = false;
  if (failures_ > 0 || body_error_) {
    std::vector<std::exception_ptr> errors;
    errors.reserve(failures_ + (body_error_ ? 1 : 0));
    std::size_t i = 0;
    for (detail::node* c = failed_.front(); c; c = detail::task_list::next(*c), ++i) {
      if (body_error_ && i == body_error_position_) errors.push_back(body_error_);
      errors.push_back(c->exception);
    }
    if (body_error_ && body_error_position_ == failures_) errors.push_back(body_error_);
    while (detail::node* c = failed_.pop_front()) c->release();
    throw exception_group(std::move(errors));
  }
  if (propagate_cancel_) throw cancelled{};
}

bool task_group::join_awaiter::await_suspend(std::coroutine_handle<> h) noexcept {
  return park_unless_cancelled(h, [this](detail::node&) noexcept { g->joiner_ = this; });
}

detail::parking::on_cancel task_group::join_awaiter::cancel_wait() noexcept {
  g->joiner_ = nullptr;
  return on_cancel::wake;
}

}  // namespace tg
