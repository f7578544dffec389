//===--- LoopWithoutCheckpointCheck.h - async-loop-without-checkpoint ------===//

#ifndef ASYNC_TIDY_RULES_LOOPWITHOUTCHECKPOINTCHECK_H
#define ASYNC_TIDY_RULES_LOOPWITHOUTCHECKPOINTCHECK_H

#include "AsyncCheck.h"

namespace clang::tidy::async {

/// Finds unbounded loops in coroutines (`while (true)`, `for (;;)`) with an
/// iteration that neither awaits nor checks for cancellation. Such a loop
/// can never be cancelled, and no other task on its event loop runs while
/// it spins. The question "is there a cycle through the loop's head that
/// meets no await, checkpoint or cancellation poll" is answered on the
/// coroutine's CFG.
///
/// See docs/rules/async-loop-without-checkpoint.md.
class LoopWithoutCheckpointCheck : public AsyncCheck {
public:
  LoopWithoutCheckpointCheck(llvm::StringRef Name, ClangTidyContext *Context);

private:
  void checkFunction(const FunctionDecl *F, const Stmt *Body, const RuntimeModel *Runtime,
                     ASTContext &Ctx) override;
};

} // namespace clang::tidy::async

#endif
