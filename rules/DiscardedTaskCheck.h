//===--- DiscardedTaskCheck.h - async-discarded-task -----------------------===//

#ifndef ASYNC_TIDY_RULES_DISCARDEDTASKCHECK_H
#define ASYNC_TIDY_RULES_DISCARDEDTASKCHECK_H

#include "AsyncCheck.h"

namespace clang::tidy::async {

/// Finds tasks created and then dropped without being awaited or spawned:
/// `(void)work()`, `std::ignore = work()`, an unused local task, and a bare
/// call of a task type the compiler does not already warn about (one that is
/// not [[nodiscard]]). A lazy task that is dropped never runs; an eager one
/// is cancelled when it is destroyed.
///
/// See docs/rules/async-discarded-task.md.
class DiscardedTaskCheck : public AsyncCheck {
public:
  using AsyncCheck::AsyncCheck;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace clang::tidy::async

#endif
