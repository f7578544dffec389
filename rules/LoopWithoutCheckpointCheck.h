//===--- LoopWithoutCheckpointCheck.h - async-loop-without-checkpoint ------===//

#ifndef ASYNC_TIDY_RULES_LOOPWITHOUTCHECKPOINTCHECK_H
#define ASYNC_TIDY_RULES_LOOPWITHOUTCHECKPOINTCHECK_H

#include "AsyncCheck.h"

namespace clang::tidy::async {

/// Finds unbounded loops in coroutines (`while (true)`, `for (;;)`, any loop
/// whose condition is a constant true) with a path through one iteration
/// that neither awaits nor polls for cancellation. Cancellation is delivered
/// at awaits; an iteration without one cannot be cancelled, and it never
/// lets the other tasks on the loop run.
///
/// See docs/rules/async-loop-without-checkpoint.md.
class LoopWithoutCheckpointCheck : public AsyncCheck {
public:
  using AsyncCheck::AsyncCheck;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace clang::tidy::async

#endif
