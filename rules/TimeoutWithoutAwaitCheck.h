//===--- TimeoutWithoutAwaitCheck.h - async-timeout-without-await ----------===//

#ifndef ASYNC_TIDY_RULES_TIMEOUTWITHOUTAWAITCHECK_H
#define ASYNC_TIDY_RULES_TIMEOUTWITHOUTAWAITCHECK_H

#include "AsyncCheck.h"

namespace clang::tidy::async {

/// Finds timeouts (cancel scopes with a deadline) around a coroutine whose
/// body never awaits. A timeout fires through the event loop and is
/// delivered at an await; a body without one runs to completion before the
/// loop gets a chance, so the deadline is never enforced.
///
/// See docs/rules/async-timeout-without-await.md.
class TimeoutWithoutAwaitCheck : public AsyncCheck {
public:
  using AsyncCheck::AsyncCheck;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace clang::tidy::async

#endif
