//===--- CoroutineAnalysis.h - Questions several checks ask ----------------===//
//
// The small analyses more than one check asks: where are the awaits, which
// handler of a try receives the cancellation, which values are discarded,
// where does the object an expression names live. Each walks one function
// body and never enters a nested lambda, block or local class: those are
// functions of their own, looked at on their own. Flow questions live in
// FunctionFlow.h; what only one check asks lives with that check.
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
  bool TraverseLambdaExpr(LambdaExpr *L) {
    // The captures' initialisers are evaluated here; the body is not.
    for (Expr *Init : L->capture_inits())
      if (Init && !this->TraverseStmt(Init))
        return false;
    return true;
  }
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

/// Whether \p S refers to \p D anywhere, nested lambdas included.
bool mentions(const Stmt *S, const ValueDecl *D);

/// Every try statement in \p S (outside nested functions), in source order.
llvm::SmallVector<const CXXTryStmt *, 4> tryStatementsIn(const Stmt *S);

/// The operand of a co_await or co_yield as written, without implicit wrappers.
const Expr *awaitOperand(const Expr *Await);
/// Whether \p Await's operand is a call (or function-object call) that plays
/// role \p R in \p M, or names an object that does
/// (`co_await folly::coro::co_safe_point`).
bool awaitsRole(const Expr *Await, Role R, const ApiModel &Api, const RuntimeModel &M);

/// The first mention in \p S (outside nested functions) of a declaration
/// that plays role \p R in \p M: a call of a listed function, a reference to
/// a listed enumerator or variable. Null when there is none.
const Expr *findMention(const Stmt *S, Role R, const ApiModel &Api, const RuntimeModel &M);

/// The first handler of \p Try that can receive \p M's cancellation (only
/// that one ever does); null when none can. Handlers for a dependent type
/// are skipped.
const CXXCatchStmt *firstCancellationHandler(const CXXTryStmt *Try, const ApiModel &Api,
                                             const RuntimeModel &M, ASTContext &Ctx);

/// Whether \p E is a call of std::current_exception().
bool isCurrentExceptionCall(const Expr *E);

/// Where a handler stores `std::current_exception()`: into a local variable
/// of this frame (the C++ "finally" idiom), or somewhere that outlives the
/// handler (a member, a global, a parameter's referent).
struct StoredException {
  const VarDecl *Local = nullptr;
  bool Outlives = false;
};
StoredException storedCurrentException(const CXXCatchStmt *Handler);

/// How a value is thrown away.
enum class Discard {
  Statement,        ///< an expression statement, a for loop's init or increment
  CastToVoid,       ///< `(void)f()`, `static_cast<void>(f())`
  CommaOperand,     ///< the left operand of a comma
  AssignedToIgnore, ///< `std::ignore = f()`
};
/// Calls \p Fn for every expression in \p Body whose value is discarded,
/// once the parentheses, temporaries and implicit conversions around it are
/// looked through, with the construct that discards it (the cast, the
/// assignment, the comma; for a statement, the value itself).
void forEachDiscarded(
    const Stmt *Body,
    llvm::function_ref<void(const Expr *Value, Discard How, const Expr *Site)> Fn);

/// \p E without what does not change the value or object it denotes:
/// implicit nodes, parentheses, temporaries, copies, moves and std::move /
/// std::forward. What was actually written.
const Expr *ignoreValueWrappers(const Expr *E);

/// How a diagnostic names what \p Call calls: a function object as written
/// (`exec::start_detached`, `unifex::sync_wait`), else the function's model
/// name (`asio::co_spawn`).
std::string calleeName(const CallExpr *Call);

/// \p Template with every "$0" replaced by \p Text (the model's fix-it
/// templates: "tg::shield($0)").
std::string substitute(llvm::StringRef Template, llvm::StringRef Text);

/// The coroutine whose call produced the task \p E, when its definition is
/// in this translation unit: `work(1)` -> work, `[]() -> task<> {...}()` ->
/// the lambda's call operator. Null for anything else.
const FunctionDecl *coroutineCreatedBy(const Expr *E);

/// The user-written body of coroutine \p F; null when F is not one.
const Stmt *coroutineBody(const FunctionDecl *F);

/// Whether \p E is a condition that is always true (`true`, `1`): a loop
/// `while (true)` is unbounded by its condition.
bool isConstantTrue(const Expr *E, ASTContext &Ctx);

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
const Expr *spawnTarget(const CallExpr *Spawn, const ApiModel &Api, Within W);

/// Whether \p T, or what it points or refers to, is a group type (a
/// structured one, or one whose children are detached).
bool isGroupLike(QualType T, const ApiModel &Api, Within W);

} // namespace clang::tidy::async

#endif
