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

/// What a condition says about cancellation when it tests it with one of the
/// runtime's cancellation queries (tg::cancel_requested(),
/// token.isCancellationRequested(), `cs.cancelled() != cancellation_type::none`),
/// possibly negated, compared with an empty value, or inside && and ||.
struct CancellationTest {
  enum Outcome {
    Unknown,   ///< no query, or one whose meaning the condition hides
    WhenTrue,  ///< the condition is true only if cancellation was requested
    WhenFalse, ///< the condition is false only if cancellation was requested
  };
  Outcome When = Unknown;
  const Expr *Query = nullptr; ///< the query call (or awaited query object)
};
CancellationTest cancellationTestIn(const Expr *Condition, const ApiModel &Api,
                                    const RuntimeModel &M, ASTContext &Ctx);

/// Whether \p Await's operand is a call (or function-object call) that plays
/// role \p R, or names an object that does (`co_await folly::coro::co_safe_point`).
bool awaitsRole(const Expr *Await, Role R, const ApiModel &Api, const RuntimeModel &M);

/// The operand of a co_await or co_yield as written, without implicit wrappers.
const Expr *awaitOperand(const Expr *Await);

/// \p E without the implicit nodes, parentheses, temporaries and copies or
/// moves that wrap a value passed along: what was actually written.
const Expr *ignoreValueWrappers(const Expr *E);

/// The coroutine whose call produced the task \p E, when its definition is
/// in this translation unit: `work(1)` -> work, `[]() -> task<> {...}()` ->
/// the lambda's call operator. Null for anything else (a variable, a call
/// through a pointer, a coroutine defined elsewhere, a plain function that
/// returns a task).
const FunctionDecl *coroutineCreatedBy(const Expr *E);

/// The user-written body of coroutine \p F; null when F is not one.
const Stmt *coroutineBody(const FunctionDecl *F);

/// Whether \p S (outside nested functions) holds code that did not compile:
/// what is missing there (an await, say) may only be missing from the AST.
bool containsErrors(const Stmt *S);

/// Where the object an expression names lives, found by walking through
/// member accesses, subscripts, dereferences and address-ofs to the variable
/// (or `this`) at its root.
struct StorageRoot {
  enum Kind {
    Unknown,     ///< a call result, a temporary, anything else
    Local,       ///< an automatic variable of this function
    Parameter,   ///< a parameter of this function
    Captured,    ///< a variable of an enclosing function, seen from a lambda
    Member,      ///< a non-static data member reached through `this`
    StaticLocal, ///< a function-local static or thread_local
    Global,      ///< a namespace-scope variable or static data member
  };
  Kind How = Unknown;
  /// The variable at the root; the field for Member.
  const ValueDecl *Decl = nullptr;
  /// Reached through a pointer or reference (the root variable is one, or a
  /// member access goes through `->`): the object itself lives elsewhere.
  bool Indirect = false;
};
StorageRoot storageRoot(const Expr *E);

/// The group a spawn call starts its child in: the object of a member spawn
/// (g.spawn, scope.add) or the first argument whose type is (a pointer to) a
/// group type. Null when the spawn names no group (asio::co_spawn).
const Expr *spawnTarget(const CallExpr *Spawn, const ApiModel &Api, const RuntimeModel &M);

/// Whether \p T, or what it points or refers to, is a group type.
bool isGroupLike(QualType T, const ApiModel &Api, const RuntimeModel &M);

} // namespace clang::tidy::async

#endif
