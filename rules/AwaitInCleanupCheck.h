//===--- AwaitInCleanupCheck.h - async-await-in-cleanup --------------------===//

#ifndef ASYNC_TIDY_RULES_AWAITINCLEANUPCHECK_H
#define ASYNC_TIDY_RULES_AWAITINCLEANUPCHECK_H

#include "AsyncCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::async {

/// Finds awaits in cleanup code that runs while the task's cancellation may
/// be in flight, and that no shield protects: the await is cancelled at once
/// and the cleanup never completes. Three shapes: the stored-exception
/// "finally" idiom (an await between `ep = std::current_exception()` and
/// `std::rethrow_exception(ep)`), a branch taken when a cancellation test says
/// cancellation was requested, and the action of a scope-exit helper that
/// runs under the parent's cancellation.
///
/// See docs/rules/async-await-in-cleanup.md.
class AwaitInCleanupCheck : public AsyncCheck {
public:
  AwaitInCleanupCheck(llvm::StringRef Name, ClangTidyContext *Context);

private:
  void checkFunction(const FunctionDecl *F, const Stmt *Body, const RuntimeModel *Runtime,
                     ASTContext &Ctx) override;
  void startTranslationUnit() override { Reported.clear(); }

  enum class Cleanup { AfterStoredException, CancelledBranch, ScopeExitAction };

  /// Reports \p Await unless it is shielded, delivers the cancellation on
  /// purpose (a checkpoint), or was reported already.
  bool report(const Expr *Await, Cleanup Kind, const RuntimeModel &M, ASTContext &Ctx);

  void checkStoredExceptionIdiom(const CompoundStmt *Block, const RuntimeModel &M,
                                 ASTContext &Ctx);
  void checkCancelledBranch(const IfStmt *If, const RuntimeModel &M, ASTContext &Ctx);
  void checkScopeExitAction(const CallExpr *ScopeExit, const RuntimeModel &M,
                            ASTContext &Ctx);

  /// An await can sit in more than one cleanup shape; it is reported once.
  llvm::DenseSet<const Expr *> Reported;
  const Stmt *CurrentBody = nullptr;
};

} // namespace clang::tidy::async

#endif
