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
/// only in coroutines: a fire-and-forget from main() is one too. A thread
/// that resumes or signals its waiter is supervised; a template that passes
/// a completion token on is reported where the token is spelled.
///
/// See docs/rules/async-spawn-outside-group.md.
class SpawnOutsideGroupCheck : public AsyncCheck {
public:
  SpawnOutsideGroupCheck(llvm::StringRef Name, ClangTidyContext *Context);

private:
  void checkFunction(const FunctionDecl *F, const Stmt *Body, const RuntimeModel *Runtime,
                     ASTContext &Ctx) override;
  void checkDetachedSpawn(const CallExpr *Call, const FunctionDecl *F, const RuntimeModel &M);
  void checkForwardedToken(const CallExpr *Call, const FunctionDecl *F);
  void checkGroupSpawn(const CallExpr *Call, const RuntimeModel &M,
                       const llvm::DenseSet<const ValueDecl *> &Awaited);
  /// The detached spawn inside \p F that parameter \p Param reaches as its
  /// completion token, through at most a few calls that pass it on.
  const CallExpr *spawnReachedBy(const FunctionDecl *F, const ParmVarDecl *Param,
                                 unsigned Depth);

  llvm::DenseMap<std::pair<const FunctionDecl *, const ParmVarDecl *>, const CallExpr *>
      Forwards;
  void startTranslationUnit() override { Forwards.clear(); }
};

} // namespace clang::tidy::async

#endif
