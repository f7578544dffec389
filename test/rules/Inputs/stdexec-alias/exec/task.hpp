// exec::task in the current stdexec layout: the class template lives in an
// internal namespace and is reached through alias templates, all inside
// experimental::execution, which users name through the alias `exec`.
// Declared record: experimental::execution::__task::basic_task<T, Context>;
// alias templates: experimental::execution::basic_task and
// experimental::execution::task (no default argument: users write
// exec::task<void>). Lazy, [[nodiscard]].
#pragma once
#include "mock_coroutine.h"
#include <stdexec/execution.hpp>

namespace experimental::execution {
namespace __task {
template <class T> struct default_task_context {};
template <class T, class Context>
class [[nodiscard]] basic_task : public mock::awaitable_base<T> {
public:
  using promise_type = mock::promise_for<basic_task, T>;
};
} // namespace __task

template <class T> using default_task_context = __task::default_task_context<T>;
template <class T, class Context = default_task_context<T>>
using basic_task = __task::basic_task<T, Context>;
template <class T> using task = basic_task<T, default_task_context<T>>;
} // namespace experimental::execution

namespace exec = experimental::execution;
