//===--- DiscardedTaskCheck.h - async-discarded-task -----------------------===//

#ifndef ASYNC_TIDY_RULES_DISCARDEDTASKCHECK_H
#define ASYNC_TIDY_RULES_DISCARDEDTASKCHECK_H

#include "AsyncCheck.h"

namespace clang::tidy::async {

/// Finds tasks created and then dropped without being awaited or spawned:
/// `(void)work()`, `std::ignore = work()`, an unused local task, and a bare
/// call of a task type the compiler does not already warn about (one that is
/// not [[nodiscard]]). A lazy task that is dropped never runs; an eager one
/// is cancelled when it is destroyed. Only a task returned by value is one:
/// `tasks.emplace_back(make())` returns a reference to the kept task.
///
/// See docs/rules/async-discarded-task.md.
class DiscardedTaskCheck : public AsyncCheck {
public:
  DiscardedTaskCheck(llvm::StringRef Name, ClangTidyContext *Context);

private:
  void checkFunction(const FunctionDecl *F, const Stmt *Body, const RuntimeModel *Runtime,
                     ASTContext &Ctx) override;
};

} // namespace clang::tidy::async

#endif
