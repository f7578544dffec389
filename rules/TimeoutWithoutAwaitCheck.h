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
  TimeoutWithoutAwaitCheck(llvm::StringRef Name, ClangTidyContext *Context);

private:
  void checkFunction(const FunctionDecl *F, const Stmt *Body, const RuntimeModel *Runtime,
                     ASTContext &Ctx) override;
};

} // namespace clang::tidy::async

#endif
