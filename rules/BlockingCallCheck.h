//===--- BlockingCallCheck.h - async-blocking-call -------------------------===//

#ifndef ASYNC_TIDY_RULES_BLOCKINGCALLCHECK_H
#define ASYNC_TIDY_RULES_BLOCKINGCALLCHECK_H

#include "AsyncCheck.h"

namespace clang::tidy::async {

/// Finds calls that block the thread inside a coroutine: a sleep, a wait on
/// a future or a condition variable, blocking I/O, or running another event
/// loop to completion. The coroutine shares its thread with every task on
/// its event loop; while it blocks, none of them runs, and a blocking wait
/// for one of them deadlocks.
///
/// See docs/rules/async-blocking-call.md.
class BlockingCallCheck : public AsyncCheck {
public:
  using AsyncCheck::AsyncCheck;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace clang::tidy::async

#endif
