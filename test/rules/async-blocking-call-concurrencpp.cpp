// RUN: %check_async_tidy %s async-blocking-call %t -- -- %async_flags
//
// concurrencpp (mock): result/shared_result get() and wait*() block the calling
// thread until the producer finishes (co_await r and co_await r.resolve() do
// not), and manual_executor's loop*/wait_for_task* run its queue on the
// calling thread; concurrencpp::generator is synchronous, not a task.

#include <concurrencpp/concurrencpp.h>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

using namespace std::chrono_literals;
namespace cc = concurrencpp;

using pool_ptr = std::shared_ptr<cc::thread_pool_executor>;

int crunch(int);
cc::result<int> compute(cc::executor_tag, pool_ptr ex, int x);
cc::lazy_result<int> lazyWork();

// --- Blocking on a result inside a coroutine --------------------------------

cc::result<int> blocksOnResult(pool_ptr ex) {
  auto r = ex->submit(crunch, 1);
  int v = r.get();
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: blocking call to 'concurrencpp::result::get' in a coroutine blocks the thread of its event loop: no other task runs until it returns; await an asynchronous alternative or move the call off the loop [async-blocking-call]
  auto s = ex->submit(crunch, 2);
  s.wait_for(1s);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: blocking call to 'concurrencpp::result::wait_for' in a coroutine blocks the thread of its event loop
  s.wait();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: blocking call to 'concurrencpp::result::wait' in a coroutine blocks the thread of its event loop
  cc::shared_result<int> shared(compute({}, ex, 3));
  v += shared.get();
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: blocking call to 'concurrencpp::shared_result::get' in a coroutine blocks the thread of its event loop
  v += lazyWork().run().get();
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: blocking call to 'concurrencpp::result::get' in a coroutine blocks the thread of its event loop
  co_return v;
}

// A null_result coroutine draining a manual executor, and a std sleep.
cc::null_result drainsManual(std::shared_ptr<cc::manual_executor> manual) {
  manual->loop(16);
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: blocking call to 'concurrencpp::manual_executor::loop' in a coroutine blocks the thread of its event loop
  manual->wait_for_task();
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: blocking call to 'concurrencpp::manual_executor::wait_for_task' in a coroutine blocks the thread of its event loop
  std::this_thread::sleep_for(10ms);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine blocks the thread of its event loop
  co_return;
}

// --- Negative ---------------------------------------------------------------

// The awaitable forms.
cc::result<int> awaitsResult(pool_ptr ex) {
  auto r = ex->submit(crunch, 1);
  int v = co_await r;
  auto s = ex->submit(crunch, 2);
  auto ready = co_await s.resolve(); // waits without blocking or rethrowing
  cc::shared_result<int> shared(compute({}, ex, 3));
  v += co_await shared;
  co_return v + (ready.status() == cc::result_status::value ? 1 : 0);
}

// get() and loop() outside any coroutine: the caller owns the thread (main,
// a test body, the lambda of assert_throws in the library's own tests).
int blocksOutside(pool_ptr ex) { return ex->submit(crunch, 1).get() + lazyWork().run().get(); }
void drivesManual(std::shared_ptr<cc::manual_executor> manual) {
  manual->loop(16);
  auto check = [&] { return compute({}, nullptr, 0).get(); };
  (void)check;
}

// when_all/when_any hand the results back completed: get() on them returns
// at once (the library's examples read them this way).
cc::result<int> getAfterWhenAll(pool_ptr ex) {
  auto [a, b] = co_await cc::when_all(ex, compute({}, ex, 1), compute({}, ex, 2));
  co_return a.get() + b.get();
}

// example/4_async_file_processing_version_2: blocking file I/O after moving
// to the background executor, which exists for blocking work.
cc::result<void> readsOnBackground(pool_ptr background, pool_ptr cpu, std::string path) {
  co_await cc::resume_on(background);
  std::ifstream input;
  input.open(path);
  std::string line;
  std::getline(input, line);
  co_await cc::resume_on(cpu);
}

// The generator runs on its consumer's thread, like a range.
cc::generator<std::string> lines(std::ifstream &input) {
  std::string line;
  while (std::getline(input, line)) {
    std::this_thread::sleep_for(1ms);
    co_yield line;
  }
}
