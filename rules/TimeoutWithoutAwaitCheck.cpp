//===--- TimeoutWithoutAwaitCheck.cpp - async-timeout-without-await -------===//

#include "TimeoutWithoutAwaitCheck.h"
#include "CoroutineAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

/// The coroutine that runs under the timeout: the task argument, looking
/// through shields (tg::timeout(d, tg::shield(work()))) to what they run.
const FunctionDecl *guardedCoroutine(const CallExpr *Call, const Expr *PipedFrom,
                                     const ApiModel &Api) {
  // `task | unifex::stop_when(timer)`: what the pipe feeds in is guarded.
  if (PipedFrom && Api.runtimeOfTaskType(PipedFrom->getType()))
    return coroutineCreatedBy(PipedFrom);
  for (unsigned Depth = 0; Call && Depth < 8; ++Depth) {
    const CallExpr *Next = nullptr;
    for (const Expr *Arg : Call->arguments()) {
      // A coroutine lambda handed over uncalled (corral's anyOf takes task
      // callables).
      if (const auto *Lambda = dyn_cast_or_null<LambdaExpr>(ignoreValueWrappers(Arg));
          Lambda && coroutineBody(Lambda->getCallOperator()))
        return Lambda->getCallOperator();
      if (!Api.runtimeOfTaskType(Arg->getType()))
        continue;
      const auto *Inner = dyn_cast_or_null<CallExpr>(ignoreValueWrappers(Arg));
      if (Inner && Api.match(Role::ShieldFunctions, Inner, Within::anyRuntime())) {
        Next = Inner;
        break;
      }
      // A task built earlier in this frame and moved in.
      if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(ignoreValueWrappers(Arg)))
        if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
            Var && Var->hasLocalStorage() && Var->getInit())
          return coroutineCreatedBy(Var->getInit());
      return coroutineCreatedBy(Arg);
    }
    Call = Next;
  }
  return nullptr;
}

class TimeoutCalls : public FunctionBodyVisitor<TimeoutCalls> {
public:
  explicit TimeoutCalls(const ApiModel &Api) : Api(Api) {}
  bool VisitCallExpr(CallExpr *C) {
    if (Api.match(Role::TimeoutFunctions, C, Within::anyRuntime()))
      Found.push_back(C);
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(C);
        Op && Op->getOperator() == OO_Pipe && Op->getNumArgs() == 2)
      if (const auto *Rhs = dyn_cast_or_null<CallExpr>(ignoreValueWrappers(Op->getArg(1))))
        PipedFrom[Rhs] = Op->getArg(0);
    return true;
  }
  llvm::SmallVector<const CallExpr *, 2> Found;
  llvm::DenseMap<const CallExpr *, const Expr *> PipedFrom;

private:
  const ApiModel &Api;
};

} // namespace

TimeoutWithoutAwaitCheck::TimeoutWithoutAwaitCheck(llvm::StringRef Name,
                                                   ClangTidyContext *Context)
    : AsyncCheck(Name, Context, Bodies::AllFunctions,
                 {Role::TimeoutFunctions, Role::ShieldFunctions}) {}

void TimeoutWithoutAwaitCheck::checkFunction(const FunctionDecl *, const Stmt *Body,
                                             const RuntimeModel *, ASTContext &) {
  TimeoutCalls Calls(api());
  Calls.TraverseStmt(const_cast<Stmt *>(Body));
  for (const CallExpr *Call : Calls.Found) {
    const FunctionDecl *Guarded = guardedCoroutine(Call, Calls.PipedFrom.lookup(Call), api());
    const Stmt *GuardedBody = coroutineBody(Guarded);
    if (!GuardedBody || firstAwait(GuardedBody) || containsErrors(GuardedBody))
      continue;
    if (!firstReport(Call->getExprLoc()))
      continue;
    const auto *Method = dyn_cast<CXXMethodDecl>(Guarded);
    const bool IsLambda = Method && Method->getParent()->isLambda();
    diag(Call->getExprLoc(), "'%0' can never fire: the task it guards never awaits, so it runs "
                             "to completion before the timer gets a chance")
        << calleeName(Call);
    if (IsLambda)
      diag(Method->getParent()->getLocation(), "this coroutine lambda has no co_await or co_yield",
           DiagnosticIDs::Note);
    else
      diag(Guarded->getLocation(), "%0 has no co_await or co_yield", DiagnosticIDs::Note)
          << Guarded;
  }
}

} // namespace clang::tidy::async
