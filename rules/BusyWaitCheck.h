//===--- BusyWaitCheck.h - async-busy-wait ----------------------------------===//

#ifndef ASYNC_TIDY_RULES_BUSYWAITCHECK_H
#define ASYNC_TIDY_RULES_BUSYWAITCHECK_H

#include "AsyncCheck.h"

namespace clang::tidy::async {

/// Finds loops in a coroutine that poll a condition with a sleep
/// (`while (!ready) co_await tg::sleep_for(10ms);`) instead of awaiting an
/// event the code changing the condition signals (flake8-async ASYNC110):
/// the task wakes every period for nothing and sees the change up to a
/// period late.
///
/// See docs/rules/async-busy-wait.md.
class BusyWaitCheck : public AsyncCheck {
public:
  BusyWaitCheck(llvm::StringRef Name, ClangTidyContext *Context);

private:
  void checkFunction(const FunctionDecl *F, const Stmt *Body, const RuntimeModel *Runtime,
                     ASTContext &Ctx) override;
};

} // namespace clang::tidy::async

#endif
