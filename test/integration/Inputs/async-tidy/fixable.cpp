// Two findings, both with a fix-it: async-tidy --fix leaves nothing to report.
#include <tg/tg.hpp>

#include <chrono>
#include <thread>

tg::task<int> fetch();
void log_failure();

tg::task<int> load() {
  try {
    co_return co_await fetch();
  } catch (...) {
    log_failure();
  }
  co_return co_await fetch();
}

tg::task<int> slow_load() {
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  co_return co_await fetch();
}
