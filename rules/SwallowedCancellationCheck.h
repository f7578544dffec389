//===--- SwallowedCancellationCheck.h - async-swallowed-cancellation -------===//

#ifndef ASYNC_TIDY_RULES_SWALLOWEDCANCELLATIONCHECK_H
#define ASYNC_TIDY_RULES_SWALLOWEDCANCELLATIONCHECK_H

#include "AsyncCheck.h"

namespace clang::tidy::async {

/// Finds catch handlers in coroutines that can receive the runtime's
/// cancellation and do not rethrow it on every path. A cancelled task that
/// swallows its cancellation keeps running, and the group waiting for it
/// never finishes.
///
/// See docs/rules/async-swallowed-cancellation.md.
class SwallowedCancellationCheck : public AsyncCheck {
public:
  using AsyncCheck::AsyncCheck;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void checkTry(const CXXTryStmt *Try, const BoundCoroutine &Coroutine, ASTContext &Ctx);
};

} // namespace clang::tidy::async

#endif
