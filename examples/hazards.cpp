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

// === async-task-escapes-group ==============================================

// === async-await-in-cleanup ================================================

// === async-discarded-task ==================================================

// === async-blocking-call ===================================================

// === async-loop-without-checkpoint =========================================

// === async-timeout-without-await ===========================================

} // namespace demo
