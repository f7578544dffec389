//===--- BusyWaitCheck.cpp - async-busy-wait --------------------------------===//
//
// A polling loop is one whose every statement is the sleep, what sets the
// sleep up (asio's `timer.expires_after(d)` before `timer.async_wait`), or a
// check of the condition (`if (ready) break;`). Anything else in the body is
// work done periodically, which is what a sleep in a loop is for. The
// condition must be something another task changes: not an await, not the
// cancellation (a runtime without cancellation polls its stop token, and
// that is the only way it has), not a counter the loop advances itself (a
// retry bound), not the clock (a deadline is a sleep_until).
//
//===----------------------------------------------------------------------===//

#include "BusyWaitCheck.h"
#include "CoroutineAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

class LoopCollector : public FunctionBodyVisitor<LoopCollector> {
public:
  bool VisitWhileStmt(WhileStmt *S) { return add(S); }
  bool VisitDoStmt(DoStmt *S) { return add(S); }
  bool VisitForStmt(ForStmt *S) { return add(S); }
  llvm::SmallVector<const Stmt *, 4> Loops;

private:
  bool add(const Stmt *S) {
    Loops.push_back(S);
    return true;
  }
};

/// The variable (or member) a call is made on: `timer` in
/// `timer.async_wait(use_awaitable)`; null for anything else.
const ValueDecl *objectCalledOn(const Expr *E) {
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(ignoreValueWrappers(E));
  if (!Call)
    return nullptr;
  const Expr *Object = ignoreValueWrappers(Call->getImplicitObjectArgument());
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Object))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(Object))
    return Member->getMemberDecl();
  return nullptr;
}

/// Whether \p S is a statement that ends the wait: `break`, `co_return`,
/// `continue` (which re-tests the loop's condition), alone or in braces.
bool endsTheWait(const Stmt *S) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(S))
    return Block->size() == 1 && endsTheWait(Block->body_front());
  return isa_and_nonnull<BreakStmt, CoreturnStmt, ContinueStmt>(S);
}

/// Why a condition is not one another task changes, if it is not.
class ConditionShape : public FunctionBodyVisitor<ConditionShape> {
public:
  ConditionShape(const ApiModel &Api, const RuntimeModel &M) : Api(Api), M(M) {}
  bool VisitUnaryOperator(UnaryOperator *U) {
    return !(Disqualified |= U->isIncrementDecrementOp());
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    return !(Disqualified |= B->isAssignmentOp());
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *C) {
    const OverloadedOperatorKind Op = C->getOperator();
    return !(Disqualified |= Op == OO_PlusPlus || Op == OO_MinusMinus ||
                             (Op >= OO_Equal && Op <= OO_PipeEqual) || Op == OO_LessLessEqual ||
                             Op == OO_GreaterGreaterEqual);
  }
  bool VisitCallExpr(CallExpr *C) {
    return !(Disqualified |= bool(Api.match(Role::CancellationQueryFunctions, C,
                                            Within::runtime(M))));
  }
  bool VisitCoawaitExpr(CoawaitExpr *) { return !(Disqualified = true); }
  bool VisitDependentCoawaitExpr(DependentCoawaitExpr *) { return !(Disqualified = true); }
  bool VisitCoyieldExpr(CoyieldExpr *) { return !(Disqualified = true); }
  bool VisitExpr(Expr *E) {
    const QualType T = E->getType();
    if (T.isNull())
      return true;
    if (Api.match(Role::CancellationTokenTypes, T, Within::runtime(M)))
      return !(Disqualified = true);
    // Waiting for a point in time is a sleep until it.
    if (const NamedDecl *D = typeDecl(T.getNonReferenceType()))
      if (modelName(D) == "std::chrono::time_point")
        return !(Disqualified = true);
    return true;
  }
  bool Disqualified = false;

private:
  const ApiModel &Api;
  const RuntimeModel &M;
};

/// A loop whose body only sleeps and checks: its sleep and the first
/// condition it polls.
struct PollingLoop {
  const Expr *Sleep = nullptr;
  const Expr *Condition = nullptr;
};

std::optional<PollingLoop> asPollingLoop(const Stmt *Loop, const ApiModel &Api,
                                         const RuntimeModel &M, ASTContext &Ctx) {
  const Stmt *Body = nullptr;
  llvm::SmallVector<const Expr *, 2> Conditions;
  if (const auto *While = dyn_cast<WhileStmt>(Loop)) {
    if (While->getConditionVariable())
      return std::nullopt;
    Body = While->getBody();
    Conditions.push_back(While->getCond());
  } else if (const auto *Do = dyn_cast<DoStmt>(Loop)) {
    Body = Do->getBody();
    Conditions.push_back(Do->getCond());
  } else if (const auto *For = dyn_cast<ForStmt>(Loop)) {
    // A loop that advances something itself counts retries: not a poll.
    if (For->getInit() || For->getInc() || For->getConditionVariable())
      return std::nullopt;
    Body = For->getBody();
    Conditions.push_back(For->getCond());
  }
  if (!Body)
    return std::nullopt;

  llvm::SmallVector<const Stmt *, 4> Statements;
  if (const auto *Block = dyn_cast<CompoundStmt>(Body))
    Statements.append(Block->body_begin(), Block->body_end());
  else
    Statements.push_back(Body);

  PollingLoop Result;
  const ValueDecl *Timer = nullptr;
  llvm::SmallVector<const ValueDecl *, 2> SetUp;
  for (const Stmt *S : Statements) {
    if (isa<NullStmt>(S))
      continue;
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      if (If->getElse() || If->getInit() || If->getConditionVariable() ||
          !endsTheWait(If->getThen()))
        return std::nullopt;
      Conditions.push_back(If->getCond());
      continue;
    }
    if (const auto *Decl = dyn_cast<DeclStmt>(S)) {
      // The timer the loop sleeps on, made afresh each time round.
      if (!Decl->isSingleDecl() || !isa<VarDecl>(Decl->getSingleDecl()))
        return std::nullopt;
      SetUp.push_back(cast<VarDecl>(Decl->getSingleDecl()));
      continue;
    }
    const auto *E = dyn_cast<Expr>(S);
    if (!E)
      return std::nullopt;
    E = E->IgnoreImplicit();
    if (isa<CoawaitExpr, DependentCoawaitExpr>(E) && !Result.Sleep &&
        awaitsRole(E, Role::SleepFunctions, Api, M)) {
      Result.Sleep = E;
      Timer = objectCalledOn(awaitOperand(E));
      continue;
    }
    // Setting the timer up: `timer.expires_after(10ms)`.
    const ValueDecl *Object = objectCalledOn(E);
    if (!Object)
      return std::nullopt;
    SetUp.push_back(Object);
  }
  if (!Result.Sleep || llvm::any_of(SetUp, [&](const ValueDecl *D) { return D != Timer; }))
    return std::nullopt;

  for (const Expr *Cond : Conditions) {
    if (!Cond || isConstantTrue(Cond, Ctx))
      continue;
    ConditionShape Shape(Api, M);
    Shape.TraverseStmt(const_cast<Expr *>(Cond));
    if (Shape.Disqualified || Cond->containsErrors())
      return std::nullopt;
    if (!Result.Condition)
      Result.Condition = Cond;
  }
  if (!Result.Condition)
    return std::nullopt; // sleeping forever, or periodically: nothing is polled
  return Result;
}

SourceLocation loopKeyword(const Stmt *Loop) {
  if (const auto *While = dyn_cast<WhileStmt>(Loop))
    return While->getWhileLoc();
  if (const auto *Do = dyn_cast<DoStmt>(Loop))
    return Do->getDoLoc();
  return cast<ForStmt>(Loop)->getForLoc();
}

} // namespace

BusyWaitCheck::BusyWaitCheck(llvm::StringRef Name, ClangTidyContext *Context)
    : AsyncCheck(Name, Context, Bodies::ModelledCoroutines,
                 {Role::SleepFunctions, Role::EventTypes, Role::CancellationQueryFunctions,
                  Role::CancellationTokenTypes}) {}

void BusyWaitCheck::checkFunction(const FunctionDecl *, const Stmt *Body,
                                  const RuntimeModel *Runtime, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  LoopCollector Loops;
  Loops.TraverseStmt(const_cast<Stmt *>(Body));
  for (const Stmt *Loop : Loops.Loops) {
    const std::optional<PollingLoop> Poll = asPollingLoop(Loop, api(), *Runtime, Ctx);
    if (!Poll)
      continue;
    const SourceLocation Loc = loopKeyword(Loop);
    if (Loc.isMacroID() || !isReportable(Loc, SM) || !firstReport(Loc))
      continue;
    const auto *SleepCall = dyn_cast_or_null<CallExpr>(ignoreValueWrappers(awaitOperand(Poll->Sleep)));
    const std::string Sleep = SleepCall ? "'" + calleeName(SleepCall) + "'" : "a sleep";
    const auto Events = Runtime->names(Role::EventTypes);
    const std::string Instead =
        Events.empty() ? std::string("an event or a channel")
                       : "an event ('" + Events.front().Qualified + "')";
    diag(Loc, "this loop polls a condition with %0: the task wakes every period to re-check it "
              "and sees a change up to a period late; await %1 that the code changing the "
              "condition signals")
        << Sleep << Instead;
    diag(Poll->Condition->getBeginLoc(), "the condition polled", DiagnosticIDs::Note)
        << Poll->Condition->getSourceRange();
    diag(Poll->Sleep->getBeginLoc(), "sleeps here between checks", DiagnosticIDs::Note);
  }
}

} // namespace clang::tidy::async
