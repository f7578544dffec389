// Every hazard async-tidy finds, in one file of ordinary tg code.
//
//   bash scripts/demo.sh      # builds the plugin and lints this file
//
// Each section shows the hazard; the comment after it names the fix. The
// runtime behaviour behind each one is demonstrated in test/runtime/.

#include <tg/tg.hpp>

#include <exception>
#include <iostream>
#include <string>
#include <thread>

namespace demo {

void log(const std::string &what) { std::cerr << what << '\n'; }
tg::task<std::string> fetch(int id);
tg::task<> flush_cache();

// === async-swallowed-cancellation ==========================================
// A retry loop that treats cancellation like any other failure: once the
// group cancels this child, it retries forever and the group never finishes.
// Fix: `catch (const tg::cancelled&) { throw; }` before the catch-all.
tg::task<std::string> fetch_with_retry(int id) {
  for (int attempt = 0;; ++attempt) {
    try {
      co_return co_await fetch(id);
    } catch (...) {
      log("fetch failed, retrying");
      continue;
    }
  }
}

// === async-spawn-outside-group =============================================
// A cache refresh started detached: nothing waits for it, so when it fails
// the caller carries on as if it worked and only the loop's exception
// handler hears of it (test/runtime/hazards_test.cpp, Hazard_SpawnOutsideGroup).
// Fix: spawn it into the group of the caller, `g.spawn(flush_cache())`.
tg::task<std::string> fetch_and_refresh(int id) {
  tg::spawn_detached(flush_cache());
  co_return co_await fetch(id);
}

// === async-task-escapes-group ==============================================
// A helper spawns into a group it was handed and points the child at its own
// local: the helper's frame is freed when it returns, the child reads it
// later (an AddressSanitizer heap-use-after-free in Hazard_TaskEscapesGroup).
// Fix: give the child a copy (`tg::task<> log_later(std::string)`), or open
// the group in this frame with tg::with_group so it outlives its children.
tg::task<> log_later(const std::string &line);
tg::task<> start_logging(tg::task_group &g, int id) {
  std::string line = "fetched " + std::to_string(id);
  g.spawn(log_later(line));
  co_return;
}

// === async-await-in-cleanup ================================================
// The C++ "finally": C++ cannot co_await in a catch handler, so the cleanup
// is awaited after the try. If the exception stored is tg::cancelled (or the
// task is cancelled again meanwhile), the cleanup's own await is cancelled at
// once and the cache is never flushed.
// Fix: `co_await tg::shield(flush_cache());`
tg::task<std::string> fetch_then_flush(int id) {
  std::exception_ptr failure;
  std::string page;
  try {
    page = co_await fetch(id);
  } catch (...) {
    failure = std::current_exception();
  }
  co_await flush_cache();
  if (failure)
    std::rethrow_exception(failure);
  co_return page;
}

// === async-discarded-task ==================================================
// Meant to warm the cache in the background; the cast silences the compiler's
// [[nodiscard]] warning and the task is destroyed without ever running.
// Fix: `co_await flush_cache();`, or spawn it into a group.
tg::task<> start_request() {
  (void)flush_cache();
  co_return;
}

// === async-blocking-call ===================================================
// A back-off that sleeps the thread: every other task on the loop stalls
// with it. Fix (offered as a fix-it): `co_await tg::sleep_for(...)`.
tg::task<std::string> fetch_with_backoff(int id) {
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  co_return co_await fetch(id);
}

// === async-loop-without-checkpoint =========================================
// A busy-wait: when nothing is ready it spins without an await, so it can
// never be cancelled and starves the task that would make it ready.
// Fix: `co_await tg::checkpoint();` (or a real wait) before `continue`.
bool work_ready();
tg::task<> drain_work() {
  for (;;) {
    if (!work_ready())
      continue;
    co_await flush_cache();
  }
}

// === async-timeout-without-await ===========================================
// The checksum never awaits, so the 10 ms timeout around it can never fire.
// Fix: checkpoint between chunks (`co_await tg::checkpoint();`).
tg::task<unsigned> checksum(const std::string &data) {
  unsigned sum = 0;
  for (char c : data)
    sum = sum * 31 + static_cast<unsigned char>(c);
  co_return sum;
}
tg::task<unsigned> checked_checksum(const std::string &data) {
  co_return co_await tg::timeout(std::chrono::milliseconds(10), checksum(data));
}

// === async-exception-group-mismatch ========================================
// A failing child reaches this frame as tg::exception_group, never as the
// std::runtime_error it threw: the handler is dead code.
// Fix: `catch (const tg::exception_group &eg)` and `eg.split<std::runtime_error>()`.
tg::task<> fetch_all(int first, int last) {
  try {
    co_await tg::with_group([&](tg::task_group &g) -> tg::task<> {
      for (int id = first; id < last; ++id)
        g.spawn(fetch(id));
      co_return;
    });
  } catch (const std::runtime_error &e) {
    log(e.what());
  }
}

// === async-busy-wait =======================================================
// Wakes every 10 ms to look at the flag and notices it up to 10 ms late.
// Fix: the code that sets the flag sets a tg::event; await `ready.wait()`.
tg::task<> wait_until_ready(const bool &ready) {
  while (!ready)
    co_await tg::sleep_for(std::chrono::milliseconds(10));
}

// === async-suspend-in-group-generator ======================================
// While the generator waits at co_yield the consumer runs inside the group;
// a consumer that stops pulling destroys it with the prefetch still running.
// Fix: finish the group's work first, then yield (co_await tg::with_group
// with a task body that fills a batch, and yield the batch after it).
tg::generator<std::string> pages(int count) {
  return tg::with_group([count](tg::task_group &g) -> tg::generator<std::string> {
    g.spawn(flush_cache());
    for (int id = 0; id < count; ++id)
      co_yield co_await fetch(id);
  });
}

} // namespace demo
