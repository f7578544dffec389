//===--- BusyWaitCheck.cpp - async-busy-wait --------------------------------===//
//
// A polling loop is one whose every statement is the sleep, what sets the
// sleep up (asio's `timer.expires_after(d)` before `timer.async_wait`), or a
// check of the condition (`if (ready) break;`). Anything else in the body is
// work done periodically, which is what a sleep in a loop is for. Some
// operand of the condition must be something another task changes: not an
// await, not the cancellation (a runtime without cancellation polls its stop
// token, and that is the only way it has), not a counter the loop advances
// itself (a retry bound), not the clock (a deadline is a sleep_until), not a
// free function (an attempt, or the world outside the program). A deadline
// or a bound beside a polled flag does not make the flag less polled.
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

/// Whether the expression is typed as a std::chrono duration or time point.
bool isTimeValue(const Expr *E) {
  const NamedDecl *D = typeDecl(E->getType().getNonReferenceType());
  if (!D)
    return false;
  const std::string Name = modelName(D);
  return Name == "std::chrono::duration" || Name == "std::chrono::time_point";
}

/// Why an operand of a condition is not state another task changes, if it
/// is not.
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
    if (Api.match(Role::CancellationQueryFunctions, C, Within::runtime(M)))
      return !(Disqualified = true);
    // A free function is an attempt (`try_connect()`, `drain_queue()`) or
    // asks the world outside the program (`std::filesystem::exists(p)`,
    // `::kill(pid, 0)`): nothing another task could signal instead, and a
    // loop that makes one each time round retries, it does not wait.
    // Literals (`5ms`) and constexpr helpers (`duration_cast`) compute.
    if (!isa<CXXMemberCallExpr, CXXOperatorCallExpr, UserDefinedLiteral>(C))
      if (const auto *F = dyn_cast_or_null<FunctionDecl>(C->getCalleeDecl());
          F && !isa<CXXMethodDecl>(F) && !F->isConstexpr()) {
        Attempts |= !isTimeValue(C); // reading a clock is no attempt
        return !(Disqualified = true);
      }
    // A std::future has no awaitable wait: polling it is the only
    // non-blocking way to see its producer finish. (libstdc++ declares
    // wait_for in a base class: look at the object, not the method.)
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(C))
      if (const Expr *Object = Member->getImplicitObjectArgument()) {
        QualType T = Object->IgnoreParenImpCasts()->getType().getNonReferenceType();
        if (T->isPointerType())
          T = T->getPointeeType();
        if (const NamedDecl *D = typeDecl(T)) {
          const std::string Name = modelName(D);
          if (Name == "std::future" || Name == "std::shared_future")
            return !(Disqualified = true);
        }
      }
    return true;
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
  /// The operand makes an attempt: the loop retries.
  bool Attempts = false;

private:
  const ApiModel &Api;
  const RuntimeModel &M;
};

/// The operands of a condition joined by `&&` and `||`, each judged on its
/// own: `!ready && now() < deadline` still polls `ready`.
void operandsOf(const Expr *E, llvm::SmallVectorImpl<const Expr *> &Out) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Not = dyn_cast<UnaryOperator>(E); Not && Not->getOpcode() == UO_LNot)
    if (const auto *B = dyn_cast<BinaryOperator>(Not->getSubExpr()->IgnoreParenImpCasts());
        B && B->isLogicalOp()) {
      operandsOf(B, Out); // !(a || b) polls what a || b polls
      return;
    }
  if (const auto *B = dyn_cast<BinaryOperator>(E); B && B->isLogicalOp()) {
    operandsOf(B->getLHS(), Out);
    operandsOf(B->getRHS(), Out);
    return;
  }
  Out.push_back(E);
}


/// Whether evaluating \p S changes something: an assignment, `++`/`--`, or a
/// call of a non-const member function (`q.pop_all()`).
bool changesState(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *U = dyn_cast<UnaryOperator>(S); U && U->isIncrementDecrementOp())
    return true;
  if (const auto *B = dyn_cast<BinaryOperator>(S); B && B->isAssignmentOp())
    return true;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
    if (const CXXMethodDecl *Method = Call->getMethodDecl(); Method && !Method->isConst())
      return true;
  return llvm::any_of(S->children(), [](const Stmt *Child) { return changesState(Child); });
}

/// Whether \p E is `time_point::max()` or `duration::max()`: a timer armed
/// with it never expires.
bool isNeverExpiring(const Expr *E) {
  const auto *Call = dyn_cast_or_null<CallExpr>(ignoreValueWrappers(E));
  const auto *Method = Call ? dyn_cast_or_null<CXXMethodDecl>(Call->getCalleeDecl()) : nullptr;
  if (!Method || !Method->isStatic() || !Method->getDeclName().isIdentifier() ||
      Method->getName() != "max")
    return false;
  const std::string Class = modelName(Method->getParent());
  return Class == "std::chrono::time_point" || Class == "std::chrono::duration";
}


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
  // Calls on an object and variables declared in the body: the sleep's
  // set-up, or work that makes the loop more than a wait.
  llvm::SmallVector<std::pair<const ValueDecl *, const Expr *>, 2> Calls;
  llvm::SmallVector<const VarDecl *, 2> Locals;
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
      const auto *Var = Decl->isSingleDecl() ? dyn_cast<VarDecl>(Decl->getSingleDecl()) : nullptr;
      if (!Var || (Var->getInit() && firstAwait(Var->getInit())))
        return std::nullopt;
      Locals.push_back(Var);
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
    Calls.push_back({Object, E});
  }
  if (!Result.Sleep)
    return std::nullopt;

  // A timer's wait (asio's `timer.async_wait(token)`) sleeps for a period
  // only when the loop arms the timer: set up afresh, or made, with a time.
  // One armed elsewhere, or to never expire and cancelled when the state
  // changes, is asio's event, which is what one awaits instead.
  const auto *SleepCall = dyn_cast_or_null<CallExpr>(ignoreValueWrappers(awaitOperand(Result.Sleep)));
  const bool TimesItself =
      !Timer || (SleepCall && llvm::any_of(SleepCall->arguments(), isTimeValue));
  bool Armed = false;
  for (const auto &[Object, Call] : Calls) {
    if (Object != Timer)
      return std::nullopt;
    const auto *C = dyn_cast<CallExpr>(ignoreValueWrappers(Call));
    Armed |= C && llvm::any_of(C->arguments(), [](const Expr *Arg) {
               return isTimeValue(Arg) && !isNeverExpiring(Arg);
             });
  }
  // Locals of the body belong to the wait when the sleep uses them (an error
  // code its completion token writes, the timer's period) or the checks read
  // them; a check reading one is judged by its initialiser, as if written in
  // the check. A local made by a call that changes something is work.
  const auto *TimerVar = dyn_cast_or_null<VarDecl>(Timer);
  llvm::SmallVector<const VarDecl *, 2> SleepsLocals, ChecksLocals;
  for (const VarDecl *Var : Locals) {
    if (Var == Timer) {
      if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(
              Var->getInit() ? Var->getInit()->IgnoreImplicit() : nullptr))
        Armed |= llvm::any_of(Construct->arguments(), [](const Expr *Arg) {
          return isTimeValue(Arg) && !isNeverExpiring(Arg);
        });
      continue;
    }
    if (Var->getInit() && changesState(Var->getInit()))
      return std::nullopt;
    if (mentions(Result.Sleep, Var) ||
        (TimerVar && TimerVar->getInit() && mentions(TimerVar->getInit(), Var)))
      SleepsLocals.push_back(Var);
    else if (llvm::any_of(Conditions, [&](const Expr *C) { return mentions(C, Var); }))
      ChecksLocals.push_back(Var);
    else
      return std::nullopt;
  }
  if (!TimesItself && !Armed)
    return std::nullopt;

  bool Retries = false;
  auto IsPolled = [&](const Expr *Operand) {
    ConditionShape Shape(Api, M);
    Shape.TraverseStmt(const_cast<Expr *>(Operand));
    Retries |= Shape.Attempts;
    if (Shape.Disqualified)
      return false;
    // What the sleep itself reports (`if (ec) co_return;`) is its outcome.
    if (llvm::any_of(SleepsLocals, [&](const VarDecl *V) { return mentions(Operand, V); }))
      return false;
    for (const VarDecl *Var : ChecksLocals)
      if (Var->getInit() && mentions(Operand, Var)) {
        ConditionShape OfInit(Api, M);
        OfInit.TraverseStmt(const_cast<Expr *>(Var->getInit()));
        Retries |= OfInit.Attempts;
        if (OfInit.Disqualified)
          return false;
      }
    return true;
  };
  for (const Expr *Cond : Conditions) {
    if (!Cond || isConstantTrue(Cond, Ctx))
      continue;
    if (Cond->containsErrors())
      return std::nullopt;
    llvm::SmallVector<const Expr *, 4> Operands;
    operandsOf(Cond, Operands);
    for (const Expr *Operand : Operands)
      if (IsPolled(Operand) && !Result.Condition)
        Result.Condition = Operand;
  }
  if (!Result.Condition || Retries)
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
