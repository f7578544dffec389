//===--- TaskEscapesGroupCheck.h - async-task-escapes-group ----------------===//

#ifndef ASYNC_TIDY_RULES_TASKESCAPESGROUPCHECK_H
#define ASYNC_TIDY_RULES_TASKESCAPESGROUPCHECK_H

#include "AsyncCheck.h"

namespace clang::tidy::async {

/// Finds groups and child handles that outlive the group's scope (stored in
/// a member, a global, a static, a variable of an enclosing function, a
/// container of those, a detached task, or returned), and children that
/// point into a frame that ends before they do: spawned into a group the
/// frame does not own, or outside any group, with arguments or captures
/// that refer to the frame's locals.
///
/// See docs/rules/async-task-escapes-group.md.
class TaskEscapesGroupCheck : public AsyncCheck {
public:
  TaskEscapesGroupCheck(llvm::StringRef Name, ClangTidyContext *Context);

private:
  void checkFunction(const FunctionDecl *F, const Stmt *Body, const RuntimeModel *Runtime,
                     ASTContext &Ctx) override;
};

} // namespace clang::tidy::async

#endif
