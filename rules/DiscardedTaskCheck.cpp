//===--- DiscardedTaskCheck.cpp - async-discarded-task --------------------===//

#include "DiscardedTaskCheck.h"
#include "CoroutineAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

/// A task that must be awaited or spawned to run to completion: a task type
/// of an enabled model that is not detached by its type (cobalt's
/// `detached` is meant to be dropped; async-spawn-outside-group owns it).
bool isOwnedTaskType(QualType T, const ApiModel &Api) {
  if (T.isNull() || (T->isDependentType() && !typeDecl(T)))
    return false;
  return Api.runtimeOfTaskType(T) && !Api.anyRuntimeWithType(Role::DetachedTaskTypes, T);
}

/// A call's name for the diagnostic: the callee, or "lambda" for a coroutine
/// lambda invoked in place.
std::string describeCall(const Expr *Call) {
  const auto *C = dyn_cast<CallExpr>(Call);
  const auto *Callee = C ? dyn_cast_or_null<FunctionDecl>(C->getCalleeDecl()) : nullptr;
  if (!Callee)
    return "the expression";
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee); Method && Method->getParent()->isLambda())
    return "the coroutine lambda";
  return "'" + Callee->getQualifiedNameAsString() + "'";
}

/// Finds, in one walk of a function body, the places where a task is made
/// and dropped: a cast to void, an assignment to std::ignore, a call that is
/// a statement of its own, and a local that is never used.
class DroppedTaskFinder : public FunctionBodyVisitor<DroppedTaskFinder> {
public:
  enum Kind { CastToVoid, AssignedToIgnore, Statement, UnusedLocal };
  struct Drop {
    Kind How;
    const CallExpr *Call;
    const Stmt *Where;          ///< the cast, the assignment or the call
    const VarDecl *Local = nullptr;
  };

  explicit DroppedTaskFinder(const ApiModel &Api) : Api(Api) {}

  bool VisitExplicitCastExpr(ExplicitCastExpr *Cast) {
    if (Cast->getType()->isVoidType())
      if (const CallExpr *Call = taskCall(Cast->getSubExpr()))
        Drops.push_back({CastToVoid, Call, Cast});
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getOperator() != OO_Equal || Op->getNumArgs() != 2)
      return true;
    const auto *Target = dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreParenImpCasts());
    if (!Target || !isa<VarDecl>(Target->getDecl()) ||
        modelName(Target->getDecl()) != "std::ignore")
      return true;
    if (const CallExpr *Call = taskCall(Op->getArg(1)))
      Drops.push_back({AssignedToIgnore, Call, Op});
    return true;
  }
  // A call whose value nobody takes: a statement of a block, or the whole
  // body of an if, a loop, a case or a label.
  bool VisitCompoundStmt(CompoundStmt *Block) {
    for (Stmt *Child : Block->body())
      statement(Child);
    return true;
  }
  bool VisitIfStmt(IfStmt *If) {
    statement(If->getThen());
    statement(If->getElse());
    return true;
  }
  bool VisitWhileStmt(WhileStmt *S) { return statement(S->getBody()); }
  bool VisitForStmt(ForStmt *S) { return statement(S->getBody()); }
  bool VisitDoStmt(DoStmt *S) { return statement(S->getBody()); }
  bool VisitCXXForRangeStmt(CXXForRangeStmt *S) { return statement(S->getBody()); }
  bool VisitSwitchCase(SwitchCase *S) { return statement(S->getSubStmt()); }
  bool VisitLabelStmt(LabelStmt *S) { return statement(S->getSubStmt()); }
  bool VisitDeclStmt(DeclStmt *Decls) {
    for (const Decl *D : Decls->decls()) {
      const auto *Local = dyn_cast<VarDecl>(D);
      if (!Local || !Local->hasLocalStorage() || isa<ParmVarDecl>(Local) ||
          !isOwnedTaskType(Local->getType(), Api) || !Local->getInit())
        continue;
      if (const CallExpr *Call = taskCall(Local->getInit()))
        Drops.push_back({UnusedLocal, Call, Decls, Local});
    }
    return true;
  }

  std::vector<Drop> Drops;

private:
  /// The call that makes a task, once parentheses, conversions and
  /// temporaries are looked through; null for anything else.
  const CallExpr *taskCall(const Expr *E) const {
    const auto *Call = E ? dyn_cast<CallExpr>(E->IgnoreImplicit()->IgnoreParens()->IgnoreImplicit())
                         : nullptr;
    return Call && isOwnedTaskType(Call->getType(), Api) ? Call : nullptr;
  }
  bool statement(const Stmt *S) {
    if (const auto *E = dyn_cast_or_null<Expr>(S))
      if (const CallExpr *Call = taskCall(E))
        Drops.push_back({Statement, Call, Call});
    return true;
  }

  const ApiModel &Api;
};

} // namespace

void DiscardedTaskCheck::registerMatchers(MatchFinder *Finder) {
  // Every function may drop a task, not only coroutines: bind each definition
  // once and walk its body once. Instantiations are bound too: in a
  // template's pattern a call with dependent arguments has no type yet;
  // identical reports from several instantiations are merged by clang-tidy.
  Finder->addMatcher(functionDecl(isDefinition()).bind("function"), this);
}

void DiscardedTaskCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Function || !Function->getBody() ||
      !isReportable(Function->getLocation(), *Result.SourceManager))
    return;
  const Stmt *Body = Function->getBody();
  if (const auto *Coro = dyn_cast<CoroutineBodyStmt>(Body))
    Body = Coro->getBody();
  DroppedTaskFinder Finder(api());
  Finder.TraverseStmt(const_cast<Stmt *>(Body));

  for (const DroppedTaskFinder::Drop &D : Finder.Drops) {
    if (D.Call->containsErrors())
      continue;
    const std::string What = describeCall(D.Call);
    switch (D.How) {
    case DroppedTaskFinder::CastToVoid:
      diag(D.Where->getBeginLoc(), "task returned by %0 is discarded by a cast to void: it is "
                                   "never awaited or spawned, so it never runs to completion")
          << What;
      break;
    case DroppedTaskFinder::AssignedToIgnore:
      diag(D.Where->getBeginLoc(), "task returned by %0 is discarded by assigning it to "
                                   "'std::ignore': it is never awaited or spawned, so it never "
                                   "runs to completion")
          << What;
      break;
    case DroppedTaskFinder::Statement:
      // The compiler already warns about a [[nodiscard]] task (-Wunused-result).
      if (D.Call->hasUnusedResultAttr(*Result.Context))
        break;
      diag(D.Call->getBeginLoc(), "task returned by %0 is discarded: it is never awaited or "
                                  "spawned, so it never runs to completion")
          << What;
      break;
    case DroppedTaskFinder::UnusedLocal:
      if (D.Local->isReferenced() || D.Local->isInvalidDecl())
        break;
      diag(D.Local->getLocation(), "task %0 is never used: it is never awaited or spawned, so "
                                   "%1 never runs to completion")
          << D.Local << What;
      break;
    }
  }
}

} // namespace clang::tidy::async
