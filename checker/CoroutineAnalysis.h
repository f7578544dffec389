//===--- CoroutineAnalysis.h - Shared questions about coroutine bodies -----===//
//
// The small analyses more than one check asks: where are the awaits, what
// does a catch handler do with the exception it caught, which handler stores
// std::current_exception() for later. Each walks one coroutine body and
// never enters a nested lambda, block or local class: those are functions of
// their own, matched on their own.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_TIDY_CHECKER_COROUTINEANALYSIS_H
#define ASYNC_TIDY_CHECKER_COROUTINEANALYSIS_H

#include "ApiModel.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::async {

/// A RecursiveASTVisitor that stays inside one function body.
template <typename Derived>
class FunctionBodyVisitor : public RecursiveASTVisitor<Derived> {
public:
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseBlockExpr(BlockExpr *) { return true; }
  bool TraverseDecl(Decl *D) {
    if (isa_and_nonnull<TagDecl, FunctionDecl>(D))
      return true;
    return RecursiveASTVisitor<Derived>::TraverseDecl(D);
  }
};

/// Every co_await and co_yield in \p S, in source order.
void forEachAwait(const Stmt *S, llvm::function_ref<void(const Expr *Await)> Fn);
/// The first co_await or co_yield in \p S; null when it has none.
const Expr *firstAwait(const Stmt *S);

/// Whether \p S (outside nested functions) mentions a declaration that plays
/// role \p R: a call of a listed function, a reference to a listed enumerator
/// or variable. Returns the first mention.
const Expr *findMention(const Stmt *S, Role R, const ApiModel &Api,
                        const RuntimeModel &M);

/// How a catch handler can end without rethrowing what it caught.
struct HandlerExit {
  enum Kind {
    FallsOff,    ///< reaches the end of the handler; execution goes on after the try
    Returns,     ///< return / co_return
    Jumps,       ///< break / continue / goto out of the handler
    ThrowsOther, ///< throw of a different exception
  };
  Kind How;
  /// The statement that leaves; for FallsOff the handler's compound block.
  const Stmt *Where;
};

/// The first way \p Handler can end without rethrowing the exception it
/// caught, if there is one. A rethrow is `throw;` or std::rethrow_exception;
/// a call to a [[noreturn]] function ends the path too. A nested try whose
/// handler receives the rethrown exception passes the question on to that
/// handler (the "exception dispatcher" idiom).
std::optional<HandlerExit> exitWithoutRethrow(const CXXCatchStmt *Handler,
                                              const ApiModel &Api,
                                              const RuntimeModel &M,
                                              ASTContext &Ctx);

/// The variable \p Handler stores std::current_exception() into (the C++
/// "finally" idiom), or null.
const VarDecl *storedCurrentException(const CXXCatchStmt *Handler);

/// The first `std::rethrow_exception(Var)` in \p S, or null.
const CallExpr *findRethrowOf(const Stmt *S, const VarDecl *Var);

} // namespace clang::tidy::async

#endif
