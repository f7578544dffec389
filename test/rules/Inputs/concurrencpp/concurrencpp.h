#pragma once
// concurrencpp (David-Haim/concurrencpp 0.1.x) shapes: the names, namespaces,
// return types and base classes of include/concurrencpp/**. One file stands in
// for the umbrella header and the headers it includes.
#include <chrono>
#include <coroutine>
#include <exception>
#include <functional>
#include <iterator>
#include <memory>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

// errors.h: every error derives from std::runtime_error. Shutdown surfaces as
// broken_task (a suspended coroutine whose resumption the executor dropped)
// or runtime_shutdown (enqueueing into a shut-down executor); both are
// interrupted_task.
namespace concurrencpp::errors {
struct empty_object : public std::runtime_error {
  using runtime_error::runtime_error;
};
struct empty_result : public empty_object {
  using empty_object::empty_object;
};
struct empty_result_promise : public empty_object {
  using empty_object::empty_object;
};
struct empty_awaitable : public empty_object {
  using empty_object::empty_object;
};
struct empty_timer : public empty_object {
  using empty_object::empty_object;
};
struct empty_generator : public empty_object {
  using empty_object::empty_object;
};
struct interrupted_task : public std::runtime_error {
  using runtime_error::runtime_error;
};
struct broken_task : public interrupted_task {
  using interrupted_task::interrupted_task;
};
struct runtime_shutdown : public interrupted_task {
  using interrupted_task::interrupted_task;
};
struct result_already_retrieved : public std::runtime_error {
  using runtime_error::runtime_error;
};
} // namespace concurrencpp::errors

// results/result_fwd_declarations.h
namespace concurrencpp {
template <class type> class result;
template <class type> class lazy_result;
template <class type> class shared_result;
template <class type> class result_promise;
class executor;
class timer_queue;

// A leading `executor_tag, std::shared_ptr<E>` (or E*, E&) pair of
// parameters makes a result/null_result coroutine start on that executor.
struct executor_tag {};
// A coroutine returning null_result is fire-and-forget: no handle, and its
// promise's unhandled_exception() drops the exception.
struct null_result {};
enum class result_status { idle, value, exception };
} // namespace concurrencpp

namespace concurrencpp::details {
template <class type> struct awaitable {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  type await_resume() const; // declared only: values may be move-only
};
template <> struct awaitable<void> {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
// resolve(): waits for completion without rethrowing; yields the result.
template <class R> struct resolving_awaitable {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  R await_resume() const noexcept;
};
} // namespace concurrencpp::details

// task.h: a type-erased callable an executor runs. Not a coroutine type.
namespace concurrencpp {
class task {
public:
  task() noexcept;
  task(task &&) noexcept;
  task(std::coroutine_handle<> handle) noexcept;
  template <class callable_type> task(callable_type &&callable) {}
  ~task() noexcept;
  task &operator=(task &&) noexcept;
  void operator()();
  void clear() noexcept;
  explicit operator bool() const noexcept;
};
} // namespace concurrencpp

// results/result.h: eager. Dropping a result neither cancels nor waits: the
// coroutine runs on and its exception is never seen.
namespace concurrencpp {
template <class type> class result {
public:
  result() noexcept = default;
  result(result &&) noexcept = default;
  result &operator=(result &&) noexcept = default;
  result(const result &) = delete;
  result &operator=(const result &) = delete;
  explicit operator bool() const noexcept;
  result_status status() const;
  void wait() const;
  template <class duration_type, class ratio_type>
  result_status wait_for(std::chrono::duration<duration_type, ratio_type> duration) const;
  template <class clock_type, class duration_type>
  result_status wait_until(std::chrono::time_point<clock_type, duration_type> timeout_time) const;
  type get();
  details::awaitable<type> operator co_await();
  details::resolving_awaitable<result> resolve();
};

template <class type> class result_promise {
public:
  result_promise();
  result_promise(result_promise &&) noexcept;
  ~result_promise() noexcept; // breaks the result (broken_task) when unset
  explicit operator bool() const noexcept;
  template <class... argument_types> void set_result(argument_types &&...arguments) {}
  void set_exception(std::exception_ptr exception_ptr);
  template <class callable_type, class... argument_types>
  void set_from_function(callable_type &&callable, argument_types &&...args) noexcept {}
  result<type> get_result();
};

// results/lazy_result.h: lazy; runs when awaited, or when run() starts it.
template <class type> class lazy_result {
public:
  lazy_result() noexcept = default;
  lazy_result(lazy_result &&) noexcept;
  ~lazy_result() noexcept;
  lazy_result &operator=(lazy_result &&) noexcept;
  explicit operator bool() const noexcept;
  result_status status() const;
  details::awaitable<type> operator co_await();
  details::resolving_awaitable<lazy_result> resolve();
  result<type> run();
};

// results/shared_result.h: a copyable consumer of a result.
template <class type> class shared_result {
public:
  shared_result() noexcept = default;
  shared_result(result<type> rhs);
  shared_result(const shared_result &) noexcept = default;
  shared_result(shared_result &&) noexcept = default;
  shared_result &operator=(const shared_result &) noexcept;
  shared_result &operator=(shared_result &&) noexcept;
  explicit operator bool() const noexcept;
  result_status status() const;
  void wait();
  template <class duration_type, class ratio_type>
  result_status wait_for(std::chrono::duration<duration_type, ratio_type> duration);
  template <class clock_type, class duration_type>
  result_status wait_until(std::chrono::time_point<clock_type, duration_type> timeout_time);
  std::add_lvalue_reference_t<type> get();
  details::awaitable<std::add_lvalue_reference_t<type>> operator co_await();
  details::resolving_awaitable<shared_result> resolve();
};

// results/make_result.h
template <class type, class... argument_types>
result<type> make_ready_result(argument_types &&...arguments);
template <class type> result<type> make_exceptional_result(std::exception_ptr exception_ptr);
template <class type, class exception_type>
result<type> make_exceptional_result(exception_type exception);

// results/generator.h: a synchronous generator (co_yield only).
template <typename type> class generator {
public:
  struct promise_type {
    generator get_return_object() noexcept;
    std::suspend_always initial_suspend() const noexcept { return {}; }
    std::suspend_always final_suspend() const noexcept { return {}; }
    std::suspend_always yield_value(type &) noexcept { return {}; }
    std::suspend_always yield_value(type &&) noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
  };
  struct end_iterator {};
  struct iterator {
    type &operator*() const noexcept;
    iterator &operator++();
    friend bool operator==(const iterator &, end_iterator) noexcept;
  };
  generator(generator &&) noexcept;
  ~generator() noexcept;
  explicit operator bool() const noexcept;
  iterator begin();
  static end_iterator end() noexcept;
};
} // namespace concurrencpp

// results/promises.h: the promises, selected by std::coroutine_traits
// specializations on the return type (result, null_result, lazy_result).
namespace concurrencpp::details {
struct null_result_promise {
  null_result get_return_object() const noexcept { return {}; }
  std::suspend_never initial_suspend() const noexcept { return {}; }
  std::suspend_never final_suspend() const noexcept { return {}; }
  void unhandled_exception() const noexcept {} // the exception is dropped
  void return_void() const noexcept {}
};
template <class Derived, class type> struct return_value_struct {
  template <class return_type> void return_value(return_type &&) {}
};
template <class Derived> struct return_value_struct<Derived, void> {
  void return_void() noexcept {}
};
template <class type>
struct result_coro_promise : return_value_struct<result_coro_promise<type>, type> {
  result<type> get_return_object() noexcept { return {}; }
  std::suspend_never initial_suspend() const noexcept { return {}; } // eager
  std::suspend_always final_suspend() const noexcept { return {}; }
  void unhandled_exception() noexcept {} // stored in the result
};
template <class type> struct lazy_promise : return_value_struct<lazy_promise<type>, type> {
  lazy_result<type> get_return_object() noexcept { return {}; }
  std::suspend_always initial_suspend() const noexcept { return {}; } // lazy
  std::suspend_always final_suspend() const noexcept { return {}; }
  void unhandled_exception() noexcept {}
};
} // namespace concurrencpp::details

template <class... arguments>
struct std::coroutine_traits<concurrencpp::null_result, arguments...> {
  using promise_type = concurrencpp::details::null_result_promise;
};
template <class type, class... arguments>
struct std::coroutine_traits<concurrencpp::result<type>, arguments...> {
  using promise_type = concurrencpp::details::result_coro_promise<type>;
};
template <class type, class... arguments>
struct std::coroutine_traits<concurrencpp::lazy_result<type>, arguments...> {
  using promise_type = concurrencpp::details::lazy_promise<type>;
};

// executors/executor.h, derivable_executor.h and the concrete executors.
// post() runs a callable and drops its exception (bind_with_try_catch);
// submit() returns a result<R> that carries it.
namespace concurrencpp {
class executor {
public:
  explicit executor(std::string_view name);
  virtual ~executor() noexcept = default;
  const std::string name;
  virtual void enqueue(concurrencpp::task task) = 0;
  virtual void enqueue(std::span<concurrencpp::task> tasks) = 0;
  virtual int max_concurrency_level() const noexcept = 0;
  virtual bool shutdown_requested() const = 0;
  virtual void shutdown() = 0;
  template <class callable_type, class... argument_types>
  void post(callable_type &&callable, argument_types &&...arguments) {}
  template <class callable_type, class... argument_types>
  result<std::invoke_result_t<callable_type, argument_types...>>
  submit(callable_type &&callable, argument_types &&...arguments) {
    return {};
  }
  template <class callable_type> void bulk_post(std::span<callable_type> callable_list) {}
  template <class callable_type, class return_type = std::invoke_result_t<callable_type>>
  std::vector<result<return_type>> bulk_submit(std::span<callable_type> callable_list) {
    return {};
  }
};

template <class concrete_executor_type> struct derivable_executor : public executor {
  explicit derivable_executor(std::string_view name);
  template <class callable_type, class... argument_types>
  void post(callable_type &&callable, argument_types &&...arguments) {}
  template <class callable_type, class... argument_types>
  result<std::invoke_result_t<callable_type, argument_types...>>
  submit(callable_type &&callable, argument_types &&...arguments) {
    return {};
  }
  template <class callable_type> void bulk_post(std::span<callable_type> callable_list) {}
  template <class callable_type, class return_type = std::invoke_result_t<callable_type>>
  std::vector<result<return_type>> bulk_submit(std::span<callable_type> callable_list) {
    return {};
  }
};

class inline_executor final : public derivable_executor<inline_executor> {
public:
  inline_executor() noexcept;
  void enqueue(concurrencpp::task task) override;
  void enqueue(std::span<concurrencpp::task> tasks) override;
  int max_concurrency_level() const noexcept override;
  void shutdown() override;
  bool shutdown_requested() const override;
};

class thread_pool_executor final : public derivable_executor<thread_pool_executor> {
public:
  thread_pool_executor(std::string_view pool_name, size_t pool_size,
                       std::chrono::milliseconds max_idle_time,
                       const std::function<void(std::string_view)> &thread_started_callback = {},
                       const std::function<void(std::string_view)> &thread_terminated_callback = {});
  ~thread_pool_executor() override;
  void enqueue(concurrencpp::task task) override;
  void enqueue(std::span<concurrencpp::task> tasks) override;
  int max_concurrency_level() const noexcept override;
  bool shutdown_requested() const override;
  void shutdown() override; // joins the pool's threads
  std::chrono::milliseconds max_worker_idle_time() const noexcept;
};

class thread_executor final : public derivable_executor<thread_executor> {
public:
  thread_executor(const std::function<void(std::string_view)> &thread_started_callback = {},
                  const std::function<void(std::string_view)> &thread_terminated_callback = {});
  ~thread_executor() noexcept override;
  void enqueue(concurrencpp::task task) override;
  void enqueue(std::span<concurrencpp::task> tasks) override;
  int max_concurrency_level() const noexcept override;
  bool shutdown_requested() const override;
  void shutdown() override;
};

class worker_thread_executor final : public derivable_executor<worker_thread_executor> {
public:
  worker_thread_executor(
      const std::function<void(std::string_view)> &thread_started_callback = {},
      const std::function<void(std::string_view)> &thread_terminated_callback = {});
  void enqueue(concurrencpp::task task) override;
  void enqueue(std::span<concurrencpp::task> tasks) override;
  int max_concurrency_level() const noexcept override;
  bool shutdown_requested() const override;
  void shutdown() override;
};

// Runs queued tasks on whichever thread calls loop*/wait_for_task*: those
// calls block the calling thread.
class manual_executor final : public derivable_executor<manual_executor> {
public:
  manual_executor();
  void enqueue(concurrencpp::task task) override;
  void enqueue(std::span<concurrencpp::task> tasks) override;
  int max_concurrency_level() const noexcept override;
  void shutdown() override;
  bool shutdown_requested() const override;
  size_t size() const;
  bool empty() const;
  size_t clear();
  bool loop_once();
  bool loop_once_for(std::chrono::milliseconds max_waiting_time);
  template <class clock_type, class duration_type>
  bool loop_once_until(std::chrono::time_point<clock_type, duration_type> timeout_time);
  size_t loop(size_t max_count);
  size_t loop_for(size_t max_count, std::chrono::milliseconds max_waiting_time);
  template <class clock_type, class duration_type>
  size_t loop_until(size_t max_count, std::chrono::time_point<clock_type, duration_type> timeout_time);
  void wait_for_task();
  bool wait_for_task_for(std::chrono::milliseconds max_waiting_time);
  template <class clock_type, class duration_type>
  bool wait_for_task_until(std::chrono::time_point<clock_type, duration_type> timeout_time);
  void wait_for_tasks(size_t count);
  size_t wait_for_tasks_for(size_t count, std::chrono::milliseconds max_waiting_time);
  template <class clock_type, class duration_type>
  size_t wait_for_tasks_until(size_t count,
                              std::chrono::time_point<clock_type, duration_type> timeout_time);
};
} // namespace concurrencpp

// timers/timer.h, timers/timer_queue.h. A timer's destructor cancels it.
namespace concurrencpp {
class timer {
public:
  timer() noexcept = default;
  ~timer() noexcept;
  timer(timer &&) noexcept = default;
  timer &operator=(timer &&) noexcept;
  timer(const timer &) = delete;
  timer &operator=(const timer &) = delete;
  void cancel();
  std::chrono::milliseconds get_due_time() const;
  std::shared_ptr<executor> get_executor() const;
  std::weak_ptr<timer_queue> get_timer_queue() const;
  std::chrono::milliseconds get_frequency() const;
  void set_frequency(std::chrono::milliseconds new_frequency);
  explicit operator bool() const noexcept;
};

class timer_queue : public std::enable_shared_from_this<timer_queue> {
public:
  timer_queue(std::chrono::milliseconds max_waiting_time,
              const std::function<void(std::string_view)> &thread_started_callback = {},
              const std::function<void(std::string_view)> &thread_terminated_callback = {});
  ~timer_queue() noexcept;
  void shutdown();
  bool shutdown_requested() const noexcept;
  template <class callable_type, class... argumet_types>
  timer make_timer(std::chrono::milliseconds due_time, std::chrono::milliseconds frequency,
                   std::shared_ptr<concurrencpp::executor> executor, callable_type &&callable,
                   argumet_types &&...arguments) {
    return {};
  }
  template <class callable_type, class... argumet_types>
  timer make_one_shot_timer(std::chrono::milliseconds due_time,
                            std::shared_ptr<concurrencpp::executor> executor,
                            callable_type &&callable, argumet_types &&...arguments) {
    return {};
  }
  // The awaitable sleep: resumes the awaiting coroutine on `executor`.
  lazy_result<void> make_delay_object(std::chrono::milliseconds due_time,
                                      std::shared_ptr<concurrencpp::executor> executor);
  std::chrono::milliseconds max_worker_idle_time() const noexcept;
};
} // namespace concurrencpp

// runtime/runtime.h. The destructor shuts every executor down.
namespace concurrencpp {
struct runtime_options {
  size_t max_cpu_threads;
  std::chrono::milliseconds max_thread_pool_executor_waiting_time;
  size_t max_background_threads;
  std::chrono::milliseconds max_background_executor_waiting_time;
  std::chrono::milliseconds max_timer_queue_waiting_time;
  std::function<void(std::string_view)> thread_started_callback;
  std::function<void(std::string_view)> thread_terminated_callback;
  runtime_options() noexcept;
};

class runtime {
public:
  runtime();
  runtime(const concurrencpp::runtime_options &options);
  ~runtime() noexcept;
  std::shared_ptr<concurrencpp::timer_queue> timer_queue() const noexcept;
  std::shared_ptr<concurrencpp::inline_executor> inline_executor() const noexcept;
  std::shared_ptr<concurrencpp::thread_pool_executor> thread_pool_executor() const noexcept;
  std::shared_ptr<concurrencpp::thread_pool_executor> background_executor() const noexcept;
  std::shared_ptr<concurrencpp::thread_executor> thread_executor() const noexcept;
  std::shared_ptr<concurrencpp::worker_thread_executor> make_worker_thread_executor();
  std::shared_ptr<concurrencpp::manual_executor> make_manual_executor();
  static std::tuple<unsigned int, unsigned int, unsigned int> version() noexcept;
  template <class executor_type, class... argument_types>
  std::shared_ptr<executor_type> make_executor(argument_types &&...arguments) {
    return {};
  }
};
} // namespace concurrencpp

// results/resume_on.h: reschedules the awaiting coroutine onto an executor;
// throws broken_task at the await when the executor drops it (shutdown).
namespace concurrencpp::details {
template <class executor_type> class resume_on_awaitable : public std::suspend_always {
public:
  explicit resume_on_awaitable(executor_type &executor) noexcept;
  resume_on_awaitable(const resume_on_awaitable &) = delete;
  resume_on_awaitable(resume_on_awaitable &&) = delete;
  void await_suspend(std::coroutine_handle<> handle);
  void await_resume() const;
};
} // namespace concurrencpp::details

namespace concurrencpp {
template <class executor_type>
details::resume_on_awaitable<executor_type> resume_on(std::shared_ptr<executor_type> executor);
template <class executor_type>
details::resume_on_awaitable<executor_type> resume_on(executor_type &executor) noexcept;

// results/when_result.h: the results come back ready, not rethrown; each
// one's value or exception is read by awaiting (or get()-ing) it.
template <class sequence_type> struct when_any_result {
  std::size_t index;
  sequence_type results;
  when_any_result() noexcept;
  when_any_result(when_any_result &&) noexcept = default;
  when_any_result &operator=(when_any_result &&) noexcept = default;
};

template <class executor_type>
lazy_result<std::tuple<>> when_all(std::shared_ptr<executor_type> resume_executor);
template <class executor_type, class... result_types>
lazy_result<std::tuple<typename std::decay<result_types>::type...>>
when_all(std::shared_ptr<executor_type> resume_executor, result_types &&...results);
template <class executor_type, class iterator_type>
lazy_result<std::vector<typename std::iterator_traits<iterator_type>::value_type>>
when_all(std::shared_ptr<executor_type> resume_executor, iterator_type begin, iterator_type end);

template <class executor_type, class... result_types>
lazy_result<when_any_result<std::tuple<result_types...>>>
when_any(std::shared_ptr<executor_type> resume_executor, result_types &&...results);
template <class executor_type, class iterator_type>
lazy_result<when_any_result<std::vector<typename std::iterator_traits<iterator_type>::value_type>>>
when_any(std::shared_ptr<executor_type> resume_executor, iterator_type begin, iterator_type end);
} // namespace concurrencpp

// threads/async_lock.h, threads/async_condition_variable.h
namespace concurrencpp {
class scoped_async_lock;
class async_lock {
public:
  ~async_lock() noexcept;
  lazy_result<scoped_async_lock> lock(std::shared_ptr<executor> resume_executor);
  lazy_result<bool> try_lock();
  void unlock();
};
class scoped_async_lock {
public:
  scoped_async_lock() noexcept = default;
  scoped_async_lock(scoped_async_lock &&) noexcept;
  scoped_async_lock(async_lock &lock, std::defer_lock_t) noexcept;
  scoped_async_lock(async_lock &lock, std::adopt_lock_t) noexcept;
  ~scoped_async_lock() noexcept;
  lazy_result<void> lock(std::shared_ptr<executor> resume_executor);
  lazy_result<bool> try_lock();
  void unlock();
  bool owns_lock() const noexcept;
  explicit operator bool() const noexcept;
  void swap(scoped_async_lock &rhs) noexcept;
  async_lock *release() noexcept;
  async_lock *mutex() const noexcept;
};
class async_condition_variable {
public:
  async_condition_variable() noexcept = default;
  ~async_condition_variable() noexcept;
  async_condition_variable(const async_condition_variable &) = delete;
  lazy_result<void> await(std::shared_ptr<executor> resume_executor, scoped_async_lock &lock);
  template <class predicate_type>
  lazy_result<void> await(std::shared_ptr<executor> resume_executor, scoped_async_lock &lock,
                          predicate_type pred) {
    return {};
  }
  void notify_one();
  void notify_all();
};
} // namespace concurrencpp
