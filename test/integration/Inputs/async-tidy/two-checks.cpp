// One finding of async-spawn-outside-group, one of async-blocking-call.
#include <tg/tg.hpp>

#include <chrono>
#include <thread>

tg::task<> flush();

tg::task<> refresh() {
  tg::spawn_detached(flush());
  co_return;
}

tg::task<> nap() {
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  co_return;
}
