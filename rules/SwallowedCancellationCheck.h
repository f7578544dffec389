//===--- SwallowedCancellationCheck.h - async-swallowed-cancellation -------===//

#ifndef ASYNC_TIDY_RULES_SWALLOWEDCANCELLATIONCHECK_H
#define ASYNC_TIDY_RULES_SWALLOWEDCANCELLATIONCHECK_H

#include "AsyncCheck.h"

namespace clang::tidy::async {

class FunctionFlow;

/// Finds catch handlers in coroutines that can receive the runtime's
/// cancellation and do not rethrow it on every path. A cancelled task that
/// swallows its cancellation and goes on (loops, reaches another await) keeps
/// running, and the group waiting for it never finishes. A handler after
/// which the coroutine ends stops the task anyway and only reports success
/// instead of cancellation: reported under ReportCancellationAsSuccess.
///
/// See docs/rules/async-swallowed-cancellation.md.
class SwallowedCancellationCheck : public AsyncCheck {
public:
  SwallowedCancellationCheck(llvm::StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  void checkFunction(const FunctionDecl *F, const Stmt *Body, const RuntimeModel *Runtime,
                     ASTContext &Ctx) override;
  void checkTry(const CXXTryStmt *Try, const Stmt *Body, const FunctionFlow &Flow,
                const RuntimeModel &M, ASTContext &Ctx,
                llvm::ArrayRef<const Expr *> OwnRequests);

  const bool ReportCancellationAsSuccess;
};

} // namespace clang::tidy::async

#endif
