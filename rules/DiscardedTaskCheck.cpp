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
AST_MATCHER_P(QualType, isOwnedTaskType, const ApiModel *, Api) {
  if (Node.isNull() || Node->isDependentType() && !typeDecl(Node))
    return false;
  return Api->runtimeOfTaskType(Node) &&
         !Api->anyRuntimeWithType(Role::DetachedTaskTypes, Node);
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

} // namespace

void DiscardedTaskCheck::registerMatchers(MatchFinder *Finder) {
  // What makes a task: a call (function, member, operator, lambda) whose
  // type is a task.
  auto TaskCall =
      expr(ignoringImplicit(callExpr(hasType(isOwnedTaskType(&api()))).bind("call")));
  // Instantiations are matched too: in a template's pattern a call with
  // dependent arguments has no type yet. Identical reports from several
  // instantiations are merged by clang-tidy.

  // (void)work(), static_cast<void>(work()), void(work())
  Finder->addMatcher(explicitCastExpr(inReportableCode(), hasDestinationType(voidType()),
                                      hasSourceExpression(ignoringParens(TaskCall)))
                         .bind("cast"),
                     this);
  // std::ignore = work()
  Finder->addMatcher(
      cxxOperatorCallExpr(inReportableCode(), hasOverloadedOperatorName("="),
                          hasArgument(0, ignoringParenImpCasts(declRefExpr(
                                             to(varDecl(hasName("::std::ignore")))))),
                          hasArgument(1, ignoringParenImpCasts(TaskCall)))
          .bind("ignore"),
      this);
  // work(); as a statement of its own. Matched from the statement that holds
  // it, never upwards with hasParent: that would make clang build a parent
  // map of the whole translation unit for this check alone.
  auto Statement = expr(TaskCall).bind("statement");
  Finder->addMatcher(compoundStmt(inReportableCode(), forEach(Statement)), this);
  Finder->addMatcher(
      ifStmt(inReportableCode(), eachOf(hasThen(Statement), hasElse(Statement))), this);
  Finder->addMatcher(
      stmt(inReportableCode(),
           mapAnyOf(whileStmt, forStmt, doStmt, cxxForRangeStmt).with(hasBody(Statement))),
      this);
  Finder->addMatcher(stmt(inReportableCode(), anyOf(switchCase(has(Statement)),
                                                    labelStmt(has(Statement)))),
                     this);
  // auto t = work(); and then nothing
  Finder->addMatcher(
      declStmt(inReportableCode(), forEach(varDecl(hasLocalStorage(), unless(parmVarDecl()),
                               hasType(isOwnedTaskType(&api())),
                               hasInitializer(ignoringParenImpCasts(TaskCall)))
                           .bind("local"))),
      this);
}

void DiscardedTaskCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  if (!Call || Call->containsErrors())
    return;
  const std::string What = describeCall(Call);

  if (const auto *Cast = Result.Nodes.getNodeAs<ExplicitCastExpr>("cast")) {
    diag(Cast->getBeginLoc(), "task returned by %0 is discarded by a cast to void: it is never "
                              "awaited or spawned, so it never runs to completion")
        << What;
    return;
  }
  if (const auto *Ignore = Result.Nodes.getNodeAs<CXXOperatorCallExpr>("ignore")) {
    diag(Ignore->getBeginLoc(), "task returned by %0 is discarded by assigning it to "
                                "'std::ignore': it is never awaited or spawned, so it never runs "
                                "to completion")
        << What;
    return;
  }
  if (const auto *Statement = Result.Nodes.getNodeAs<Expr>("statement")) {
    // The compiler already warns about a [[nodiscard]] task (-Wunused-result).
    if (Call->hasUnusedResultAttr(*Result.Context))
      return;
    diag(Call->getBeginLoc(), "task returned by %0 is discarded: it is never awaited or "
                              "spawned, so it never runs to completion")
        << What;
    return;
  }
  if (const auto *Local = Result.Nodes.getNodeAs<VarDecl>("local")) {
    if (Local->isReferenced() || Local->isInvalidDecl())
      return;
    diag(Local->getLocation(), "task %0 is never used: it is never awaited or spawned, so %1 "
                               "never runs to completion")
        << Local << What;
  }
}

} // namespace clang::tidy::async
