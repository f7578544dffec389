//===--- BlockingCallCheck.h - async-blocking-call -------------------------===//

#ifndef ASYNC_TIDY_RULES_BLOCKINGCALLCHECK_H
#define ASYNC_TIDY_RULES_BLOCKINGCALLCHECK_H

#include "AsyncCheck.h"

namespace clang::tidy::async {

/// Finds blocking calls inside coroutines: sleeps, blocking I/O, waiting on
/// futures and condition variables, and running a nested event loop. A
/// coroutine shares its thread with every other task on its event loop; a
/// blocking call stalls all of them (and a nested loop on the same thread
/// can deadlock). A call that returns a task or an awaitable, or is awaited,
/// is never one: the model's names are matched against the declaration the
/// call resolves to, and an unqualified entry ("write") only names the C
/// library's function.
///
/// See docs/rules/async-blocking-call.md.
class BlockingCallCheck : public AsyncCheck {
public:
  BlockingCallCheck(llvm::StringRef Name, ClangTidyContext *Context);

private:
  void checkFunction(const FunctionDecl *F, const Stmt *Body, const RuntimeModel *Runtime,
                     ASTContext &Ctx) override;
};

} // namespace clang::tidy::async

#endif
