//===--- SpawnOutsideGroupCheck.h - async-spawn-outside-group --------------===//

#ifndef ASYNC_TIDY_RULES_SPAWNOUTSIDEGROUPCHECK_H
#define ASYNC_TIDY_RULES_SPAWNOUTSIDEGROUPCHECK_H

#include "AsyncCheck.h"

namespace clang::tidy::async {

/// Finds work started outside any group: each runtime's detached spawn,
/// detached threads, a discarded std::async future, a call of a coroutine
/// that is detached by its type, and spawns into a global or static group.
/// Nothing waits for such work, so its failure reaches nobody who can act on
/// it and it can outlive whatever it uses. Applies in every function, not
/// only in coroutines: a fire-and-forget from main() is one too.
///
/// See docs/rules/async-spawn-outside-group.md.
class SpawnOutsideGroupCheck : public AsyncCheck {
public:
  using AsyncCheck::AsyncCheck;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void checkDetachedSpawn(const CallExpr *Call, const RuntimeModel &M);
  void checkDiscardedFuture(const CallExpr *Call, ASTContext &Ctx);
  void checkGlobalGroupSpawn(const CallExpr *Call, const RuntimeModel &M);
};

} // namespace clang::tidy::async

#endif
