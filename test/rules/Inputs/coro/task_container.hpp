// Mock of <coro/task_container.hpp> (older releases; superseded by
// task_group). start() stores the task and starts it on the executor; the
// container's cleanup wrapper catches a task's exception and prints it to
// std::cerr (later releases: a task_self_deleting that drops it). The
// destructor spins until every task has finished. Waiting: co_await
// yield_until_empty() (older name) or garbage_collect_and_yield_until_empty().
#pragma once
#include <coro/task.hpp>
#include <cstddef>
#include <memory>

namespace coro {
template <class executor_type> class task_container {
public:
  struct options {
    std::size_t reserve_size{8};
    double growth_factor{2};
  };
  enum class garbage_collect_t { yes, no };
  task_container(std::shared_ptr<executor_type> e);
  task_container(std::shared_ptr<executor_type> e, const options opts);
  task_container(const task_container &) = delete;
  ~task_container();

  auto start(coro::task<void> &&user_task, garbage_collect_t cleanup = garbage_collect_t::yes) -> void;
  auto garbage_collect() -> std::size_t;
  auto size() const -> std::size_t;
  auto empty() const -> bool;
  auto capacity() const -> std::size_t;
  auto yield_until_empty() -> coro::task<void>;
  auto garbage_collect_and_yield_until_empty() -> coro::task<void>;
};
} // namespace coro
