#pragma once
// unifex/task.hpp. unifex::task<T> is an alias:
//   template <typename T> using task = typename _task::_task<T, false>::type;
//   template <typename T> using nothrow_task = typename _task::_task<T, true>::type;
// so the declaration a task type resolves to is the nested class
// unifex::_task::_task<T, nothrow>::type, declared [[nodiscard]]. Lazy:
// initial_suspend is suspend_always. Cancellation (a "done" completion of an
// awaited sender) calls the promise's unhandled_done() and the frame is
// destroyed: no exception, no catch handler runs.
#include "mock_coroutine.h"
#include <unifex/detail/mock_sender.hpp>
namespace unifex {
namespace _task {
template <typename T, bool nothrow> struct _task {
  struct [[nodiscard]] type;
};
template <typename T, bool nothrow>
struct _task<T, nothrow>::type : mock::awaitable_base<T> {
  using promise_type = mock::promise_for<type, T>;
  using value_type = T;
};
} // namespace _task
template <typename T> using task = typename _task::_task<T, false>::type;
template <typename T> using nothrow_task = typename _task::_task<T, true>::type;
} // namespace unifex
