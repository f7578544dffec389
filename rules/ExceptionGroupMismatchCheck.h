//===--- ExceptionGroupMismatchCheck.h - async-exception-group-mismatch ---===//

#ifndef ASYNC_TIDY_RULES_EXCEPTIONGROUPMISMATCHCHECK_H
#define ASYNC_TIDY_RULES_EXCEPTIONGROUPMISMATCHCHECK_H

#include "AsyncCheck.h"

namespace clang::tidy::async {

/// Finds handlers around a group opening for an exception type the group
/// never throws. A group that wraps its children's failures (tg's
/// exception_group, Python's ExceptionGroup) throws only the wrapper, so a
/// handler for a child's own type (`catch (const std::runtime_error&)`) is
/// dead code and the error escapes it.
///
/// See docs/rules/async-exception-group-mismatch.md.
class ExceptionGroupMismatchCheck : public AsyncCheck {
public:
  ExceptionGroupMismatchCheck(llvm::StringRef Name, ClangTidyContext *Context);

private:
  void checkFunction(const FunctionDecl *F, const Stmt *Body, const RuntimeModel *Runtime,
                     ASTContext &Ctx) override;
};

} // namespace clang::tidy::async

#endif
