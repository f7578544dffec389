//===--- SuspendInGroupGeneratorCheck.h - async-suspend-in-group-generator ===//

#ifndef ASYNC_TIDY_RULES_SUSPENDINGROUPGENERATORCHECK_H
#define ASYNC_TIDY_RULES_SUSPENDINGROUPGENERATORCHECK_H

#include "AsyncCheck.h"

namespace clang::tidy::async {

/// Finds a `co_yield` in a generator coroutine while a group, a timeout or
/// a shield of the generator is open (flake8-async ASYNC101/ASYNC119): the
/// body of `tg::with_group` written as a generator, or a group object of
/// the generator's frame (folly's AsyncScope, cppcoro's async_scope) with
/// children not yet joined. While the generator is suspended the consumer's
/// code runs inside the scope, and a consumer that stops pulling destroys
/// the generator with the children still running.
///
/// See docs/rules/async-suspend-in-group-generator.md.
class SuspendInGroupGeneratorCheck : public AsyncCheck {
public:
  SuspendInGroupGeneratorCheck(llvm::StringRef Name, ClangTidyContext *Context);

private:
  void checkFunction(const FunctionDecl *F, const Stmt *Body, const RuntimeModel *Runtime,
                     ASTContext &Ctx) override;
  void checkScopeBodies(const Stmt *Body, ASTContext &Ctx);
  void checkGroupObjects(const FunctionDecl *F, const Stmt *Body, const RuntimeModel &Runtime,
                         ASTContext &Ctx);
};

} // namespace clang::tidy::async

#endif
