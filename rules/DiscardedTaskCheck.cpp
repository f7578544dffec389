//===--- DiscardedTaskCheck.cpp - async-discarded-task --------------------===//

#include "DiscardedTaskCheck.h"
#include "CoroutineAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

/// A call that makes a task which must be awaited or spawned to run: it
/// returns, by value, a task type of an enabled model that is not detached by
/// its type (cobalt's `detached` is meant to be dropped;
/// async-spawn-outside-group owns it). A call returning a reference
/// (`tasks.emplace_back(make())`, `stored = make()`) hands back a task that
/// is kept elsewhere.
const CallExpr *taskCall(const Expr *E, const ApiModel &Api) {
  const auto *Call = dyn_cast_or_null<CallExpr>(E);
  if (!Call || !Call->isPRValue() || Call->containsErrors())
    return nullptr;
  QualType T = Call->getType();
  if (T.isNull() || (T->isDependentType() && !typeDecl(T)))
    return nullptr;
  if (Api.match(Role::AwaitableTypes, T, Within::anyRuntime()))
    return Call; // an awaitable that does nothing unless awaited
  if (!Api.runtimeOfTaskType(T) || Api.match(Role::DetachedTaskTypes, T, Within::anyRuntime()))
    return nullptr;
  // A spawn that returns a join task (libcoro's spawn_joinable) started the
  // work already: async-spawn-outside-group reports dropping it.
  if (Api.match(Role::FutureSpawnFunctions, Call, Within::anyRuntime()))
    return nullptr;
  return Call;
}

/// A call's name for the diagnostic, as spelled in the template it may come
/// from: the callee, or "the coroutine lambda" for one invoked in place.
std::string describeCall(const CallExpr *Call) {
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
  if (!Callee)
    return "the expression";
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee); Method && Method->getParent()->isLambda())
    return "the coroutine lambda";
  return "'" + modelName(Callee) + "'";
}

class UnusedTaskLocals : public FunctionBodyVisitor<UnusedTaskLocals> {
public:
  explicit UnusedTaskLocals(const ApiModel &Api) : Api(Api) {}
  bool VisitVarDecl(VarDecl *Local) {
    if (!Local->hasLocalStorage() || isa<ParmVarDecl>(Local) || !Local->getInit() ||
        Local->isReferenced() || Local->isInvalidDecl() || Local->getType()->isReferenceType())
      return true;
    if (const CallExpr *Call = taskCall(ignoreValueWrappers(Local->getInit()), Api))
      Found.push_back({Local, Call});
    return true;
  }
  llvm::SmallVector<std::pair<const VarDecl *, const CallExpr *>, 2> Found;

private:
  const ApiModel &Api;
};

} // namespace

DiscardedTaskCheck::DiscardedTaskCheck(llvm::StringRef Name, ClangTidyContext *Context)
    : AsyncCheck(Name, Context, Bodies::AllFunctions,
                 {Role::DetachedTaskTypes, Role::EagerTaskTypes, Role::FutureSpawnFunctions,
                  Role::AwaitableTypes}) {}

void DiscardedTaskCheck::checkFunction(const FunctionDecl *, const Stmt *Body,
                                       const RuntimeModel *, ASTContext &Ctx) {
  forEachDiscarded(Body, [&](const Expr *E, Discard How, const Expr *Site) {
    const CallExpr *Call = taskCall(E, api());
    const SourceLocation Loc = Site->getBeginLoc();
    if (!Call || !firstReport(Loc, unsigned(How)))
      return;
    const std::string What = describeCall(Call);
    if (api().match(Role::AwaitableTypes, Call->getType(), Within::anyRuntime())) {
      diag(Loc, "awaitable returned by %0 is discarded: it does nothing unless it is awaited")
          << What;
      return;
    }
    // An eager task (concurrencpp's result) runs without its handle: what
    // is lost is its outcome.
    if (api().match(Role::EagerTaskTypes, Call->getType(), Within::anyRuntime())) {
      if (How != Discard::Statement || !Call->hasUnusedResultAttr(Ctx))
        diag(Loc, "result of %0 is discarded: the work runs on, but nothing waits for it "
                  "or sees its failure")
            << What;
      return;
    }
    switch (How) {
    case Discard::CastToVoid:
      diag(Loc, "task returned by %0 is discarded by a cast to void: it is "
                                "never awaited or spawned, so it never runs to completion")
          << What;
      return;
    case Discard::AssignedToIgnore:
      diag(Loc, "task returned by %0 is discarded by assigning it to "
                                "'std::ignore': it is never awaited or spawned, so it never "
                                "runs to completion")
          << What;
      return;
    case Discard::Statement:
    case Discard::CommaOperand:
      // The compiler already warns about a [[nodiscard]] task (-Wunused-result).
      if (Call->hasUnusedResultAttr(Ctx))
        return;
      diag(Loc, "task returned by %0 is discarded: it is never awaited or "
                                "spawned, so it never runs to completion")
          << What;
      return;
    }
  });

  UnusedTaskLocals Locals(api());
  Locals.TraverseStmt(const_cast<Stmt *>(Body));
  for (const auto &[Local, Call] : Locals.Found) {
    if (!firstReport(Local->getLocation(), 8))
      continue;
    if (api().match(Role::EagerTaskTypes, Local->getType(), Within::anyRuntime())) {
      diag(Local->getLocation(), "result '%0' is never used: the work runs on, but nothing "
                                 "waits for it or sees its failure")
          << Local->getName();
      continue;
    }
    diag(Local->getLocation(), "task '%0' is never used: it is never awaited or spawned, so "
                               "%1 never runs to completion")
        << Local->getName() << describeCall(Call);
  }
}

} // namespace clang::tidy::async
