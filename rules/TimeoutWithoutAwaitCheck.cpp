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
const FunctionDecl *guardedCoroutine(const CallExpr *Call, const ApiModel &Api,
                                     unsigned Depth = 0) {
  if (Depth > 4)
    return nullptr;
  for (const Expr *Arg : Call->arguments()) {
    if (!Api.runtimeOfTaskType(Arg->getType()))
      continue;
    const auto *Inner = dyn_cast_or_null<CallExpr>(ignoreValueWrappers(Arg));
    if (Inner && Api.anyRuntimeWithCall(Role::ShieldFunctions, Inner))
      return guardedCoroutine(Inner, Api, Depth + 1);
    return coroutineCreatedBy(Arg);
  }
  return nullptr;
}

} // namespace

void TimeoutWithoutAwaitCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      // Instantiations too: in a template's pattern, a call with a dependent
      // argument has no callee yet. clang-tidy merges identical reports.
      callExpr(inReportableCode(), callOfRole(Role::TimeoutFunctions)).bind("timeout"), this);
}

void TimeoutWithoutAwaitCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("timeout");
  if (!Call || !api().anyRuntimeWithCall(Role::TimeoutFunctions, Call))
    return;
  const FunctionDecl *Guarded = guardedCoroutine(Call, api());
  const Stmt *Body = coroutineBody(Guarded);
  if (!Body || firstAwait(Body) || containsErrors(Body))
    return;
  const auto *Callee = cast<NamedDecl>(Call->getCalleeDecl());
  const auto *Method = dyn_cast<CXXMethodDecl>(Guarded);
  const bool IsLambda = Method && Method->getParent()->isLambda();
  diag(Call->getExprLoc(), "'%0' can never fire: the task it guards never awaits, so it runs to "
                           "completion before the timer gets a chance")
      << modelName(Callee);
  if (IsLambda)
    diag(Method->getParent()->getLocation(), "this coroutine lambda has no co_await or co_yield",
         DiagnosticIDs::Note);
  else
    diag(Guarded->getLocation(), "%0 has no co_await or co_yield", DiagnosticIDs::Note)
        << Guarded;
}

} // namespace clang::tidy::async
