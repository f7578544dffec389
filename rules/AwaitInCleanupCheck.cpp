//===--- AwaitInCleanupCheck.cpp - async-await-in-cleanup -----------------===//

#include "AwaitInCleanupCheck.h"
#include "CoroutineAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

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

bool isRethrowOf(const CallExpr *C) {
  const auto *Callee = C->getDirectCallee();
  return Callee && modelName(Callee) == "std::rethrow_exception";
}

class RethrowFinder : public FunctionBodyVisitor<RethrowFinder> {
public:
  explicit RethrowFinder(const VarDecl *Var) : Var(Var) {}
  bool VisitCallExpr(CallExpr *C) {
    if (C->getNumArgs() == 1 && isRethrowOf(C))
      if (const auto *Ref = dyn_cast<DeclRefExpr>(ignoreValueWrappers(C->getArg(0))))
        if (Ref->getDecl() == Var)
          Found = C;
    return !Found;
  }
  const VarDecl *Var;
  const CallExpr *Found = nullptr;
};

/// A condition's operator, whether written built-in or overloaded.
struct ConditionOp {
  enum Kind { Other, Not, And, Or, Equal, NotEqual, BitAnd, Convert } K = Other;
  const Expr *LHS = nullptr;
  const Expr *RHS = nullptr;
};

ConditionOp conditionOp(const Expr *E) {
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_LNot)
    return {ConditionOp::Not, U->getSubExpr()};
  if (const auto *B = dyn_cast<BinaryOperator>(E)) {
    switch (B->getOpcode()) {
    case BO_LAnd:
      return {ConditionOp::And, B->getLHS(), B->getRHS()};
    case BO_LOr:
      return {ConditionOp::Or, B->getLHS(), B->getRHS()};
    case BO_EQ:
      return {ConditionOp::Equal, B->getLHS(), B->getRHS()};
    case BO_NE:
      return {ConditionOp::NotEqual, B->getLHS(), B->getRHS()};
    case BO_And:
      return {ConditionOp::BitAnd, B->getLHS(), B->getRHS()};
    default:
      return {};
    }
  }
  if (const auto *R = dyn_cast<CXXRewrittenBinaryOperator>(E)) {
    CXXRewrittenBinaryOperator::DecomposedForm D = R->getDecomposedForm();
    if (D.Opcode == BO_EQ)
      return {ConditionOp::Equal, D.LHS, D.RHS};
    if (D.Opcode == BO_NE)
      return {ConditionOp::NotEqual, D.LHS, D.RHS};
    return {};
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (Op->getOperator() == OO_Exclaim && Op->getNumArgs() == 1)
      return {ConditionOp::Not, Op->getArg(0)};
    if (Op->getNumArgs() != 2)
      return {};
    switch (Op->getOperator()) {
    case OO_AmpAmp:
      return {ConditionOp::And, Op->getArg(0), Op->getArg(1)};
    case OO_PipePipe:
      return {ConditionOp::Or, Op->getArg(0), Op->getArg(1)};
    case OO_EqualEqual:
      return {ConditionOp::Equal, Op->getArg(0), Op->getArg(1)};
    case OO_ExclaimEqual:
      return {ConditionOp::NotEqual, Op->getArg(0), Op->getArg(1)};
    case OO_Amp:
      return {ConditionOp::BitAnd, Op->getArg(0), Op->getArg(1)};
    default:
      return {};
    }
  }
  // `if (token)` through an explicit operator bool.
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
      Call && isa_and_nonnull<CXXConversionDecl>(Call->getMethodDecl()))
    return {ConditionOp::Convert, Call->getImplicitObjectArgument()};
  return {};
}

/// Zero, false, nullptr or an enumerator worth zero (cancellation_type::none).
bool isEmptyValue(const Expr *E, ASTContext &Ctx) {
  E = ignoreValueWrappers(E);
  if (E->isValueDependent() || E->isTypeDependent())
    return false;
  if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return true;
  Expr::EvalResult Result;
  return E->getType()->isIntegralOrEnumerationType() && E->EvaluateAsInt(Result, Ctx) &&
         Result.Val.getInt().isZero();
}

class CancellationTestFinder {
public:
  CancellationTestFinder(const ApiModel &Api, const RuntimeModel &M, ASTContext &Ctx)
      : Api(Api), M(M), Ctx(Ctx) {}

  CancellationTest find(const Expr *E) {
    // A condition is as deep as its source: past a depth no one writes for a
    // cancellation test, give up rather than recurse without bound.
    struct Nesting {
      unsigned &Depth;
      explicit Nesting(unsigned &D) : Depth(++D) {}
      ~Nesting() { --Depth; }
    } Guard(Depth);
    E = ignoreValueWrappers(E);
    if (!E || Depth > 64)
      return {};
    const ConditionOp Op = conditionOp(E);
    switch (Op.K) {
    case ConditionOp::Not:
      return flip(find(Op.LHS));
    case ConditionOp::Convert:
      return find(Op.LHS);
    case ConditionOp::And: {
      // True only if both are: either one being a positive test suffices.
      CancellationTest L = find(Op.LHS), R = find(Op.RHS);
      return L.When == CancellationTest::WhenTrue   ? L
             : R.When == CancellationTest::WhenTrue ? R
                                                     : CancellationTest{};
    }
    case ConditionOp::Or: {
      CancellationTest L = find(Op.LHS), R = find(Op.RHS);
      return L.When == CancellationTest::WhenFalse   ? L
             : R.When == CancellationTest::WhenFalse ? R
                                                      : CancellationTest{};
    }
    case ConditionOp::BitAnd: {
      // A mask of the cancellation kinds: non-zero still means "requested".
      CancellationTest L = find(Op.LHS);
      return L.When != CancellationTest::Unknown ? L : find(Op.RHS);
    }
    case ConditionOp::Equal:
    case ConditionOp::NotEqual: {
      for (auto [Tested, Other] : {std::pair(Op.LHS, Op.RHS), std::pair(Op.RHS, Op.LHS)}) {
        CancellationTest T = find(Tested);
        if (T.When == CancellationTest::Unknown)
          continue;
        if (isEmptyValue(Other, Ctx))
          return Op.K == ConditionOp::NotEqual ? T : flip(T);
        // Equal to one particular kind of cancellation: true means requested.
        if (Op.K == ConditionOp::Equal && T.When == CancellationTest::WhenTrue)
          return T;
        return {};
      }
      return {};
    }
    case ConditionOp::Other:
      break;
    }
    if (isa<CallExpr>(E) && Api.match(Role::CancellationQueryFunctions, E, Within::runtime(M)))
      return madeHere(E) ? CancellationTest{} : CancellationTest{CancellationTest::WhenTrue, E};
    // `co_await boost::cobalt::this_coro::cancelled`
    if (isa<CoawaitExpr>(E) &&
        awaitsRole(E, Role::CancellationQueryFunctions, Api, M))
      return {CancellationTest::WhenTrue, E};
    return {};
  }

private:
  /// A query on a stop source this frame made itself (a default-constructed
  /// local) asks about the frame's own workers, not about the task.
  static bool madeHere(const Expr *Query) {
    const auto *Member = dyn_cast<CXXMemberCallExpr>(Query);
    const auto *Ref = Member ? dyn_cast_or_null<DeclRefExpr>(
                                   ignoreValueWrappers(Member->getImplicitObjectArgument()))
                             : nullptr;
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
        Var->getType()->isReferenceType())
      return false;
    const auto *Init = dyn_cast_or_null<CXXConstructExpr>(ignoreValueWrappers(Var->getInit()));
    return !Var->getInit() || (Init && Init->getNumArgs() == 0);
  }
  static CancellationTest flip(CancellationTest T) {
    if (T.When == CancellationTest::WhenTrue)
      T.When = CancellationTest::WhenFalse;
    else if (T.When == CancellationTest::WhenFalse)
      T.When = CancellationTest::WhenTrue;
    return T;
  }

  const ApiModel &Api;
  const RuntimeModel &M;
  ASTContext &Ctx;
  unsigned Depth = 0;
};


/// The first `std::rethrow_exception(Var)` in \p S, or null.
const CallExpr *findRethrowOf(const Stmt *S, const VarDecl *Var) {
  if (!Var)
    return nullptr;
  RethrowFinder F(Var);
  F.TraverseStmt(const_cast<Stmt *>(S));
  return F.Found;
}

/// The places in one coroutine body where cleanup code can start.
class CleanupSites : public FunctionBodyVisitor<CleanupSites> {
public:
  CleanupSites(const ApiModel &Api, const RuntimeModel &M) : Api(Api), M(M) {}

  bool VisitCompoundStmt(CompoundStmt *S) {
    if (llvm::any_of(S->body(), [](const Stmt *Child) { return isa<CXXTryStmt>(Child); }))
      BlocksWithTry.push_back(S);
    return true;
  }
  bool VisitIfStmt(IfStmt *S) {
    Ifs.push_back(S);
    return true;
  }
  bool VisitCallExpr(CallExpr *C) {
    if (Api.match(Role::ScopeExitFunctions, C, Within::runtime(M)))
      ScopeExits.push_back(C);
    return true;
  }

  llvm::SmallVector<const CompoundStmt *, 4> BlocksWithTry;
  llvm::SmallVector<const IfStmt *, 8> Ifs;
  llvm::SmallVector<const CallExpr *, 2> ScopeExits;

private:
  const ApiModel &Api;
  const RuntimeModel &M;
};

} // namespace

AwaitInCleanupCheck::AwaitInCleanupCheck(llvm::StringRef Name, ClangTidyContext *Context)
    : AsyncCheck(Name, Context, Bodies::ModelledCoroutines,
                 {Role::CancellationTypes, Role::CancellationQueryFunctions,
                  Role::CheckpointFunctions, Role::ShieldFunctions, Role::ScopeExitFunctions}) {}

void AwaitInCleanupCheck::checkFunction(const FunctionDecl *, const Stmt *Body,
                                        const RuntimeModel *Runtime, ASTContext &Ctx) {
  if (!Runtime)
    return;
  const RuntimeModel &M = *Runtime;
  CurrentBody = Body;
  CleanupSites Sites(api(), M);
  Sites.TraverseStmt(const_cast<Stmt *>(Body));
  for (const CompoundStmt *Block : Sites.BlocksWithTry)
    checkStoredExceptionIdiom(Block, M, Ctx);
  for (const IfStmt *If : Sites.Ifs)
    checkCancelledBranch(If, M, Ctx);
  for (const CallExpr *ScopeExit : Sites.ScopeExits)
    checkScopeExitAction(ScopeExit, M, Ctx);
}

// try { co_await work(); } catch (...) { ep = std::current_exception(); }
// co_await cleanup();            <- runs with the cancellation caught above
// if (ep) std::rethrow_exception(ep);
void AwaitInCleanupCheck::checkStoredExceptionIdiom(const CompoundStmt *Block,
                                                    const RuntimeModel &M,
                                                    ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::ArrayRef<Stmt *> Body(Block->body_begin(), Block->body_end());
  for (size_t I = 0; I < Body.size(); ++I) {
    const auto *Try = dyn_cast<CXXTryStmt>(Body[I]);
    // Cancellation is raised at await points; a block without one never
    // stores it.
    if (!Try || !firstAwait(Try->getTryBlock()))
      continue;
    // Only the first handler that can receive the cancellation ever does.
    const CXXCatchStmt *Storing = firstCancellationHandler(Try, api(), M, Ctx);
    const VarDecl *Stored = Storing ? storedCurrentException(Storing).Local : nullptr;
    if (!Stored)
      continue;

    // The cleanup runs from the try to the rethrow. Without a rethrow the
    // handler swallows the cancellation: async-swallowed-cancellation's case.
    llvm::SmallVector<const Expr *, 4> CleanupAwaits;
    const CallExpr *Rethrow = nullptr;
    for (size_t J = I + 1; J < Body.size() && !Rethrow; ++J) {
      Rethrow = findRethrowOf(Body[J], Stored);
      forEachAwait(Body[J], [&](const Expr *Await) {
        if (!Rethrow || SM.isBeforeInTranslationUnit(Await->getBeginLoc(),
                                                     Rethrow->getBeginLoc()))
          CleanupAwaits.push_back(Await);
      });
    }
    if (!Rethrow)
      continue;
    for (const Expr *Await : CleanupAwaits) {
      if (!isa<CoawaitExpr, DependentCoawaitExpr>(Await))
        continue;
      if (!report(Await, Cleanup::AfterStoredException, M, Ctx))
        continue;
      diag(Storing->getCatchLoc(),
           "the exception caught here, a cancellation included, is still in flight "
           "during the cleanup",
           DiagnosticIDs::Note);
      diag(Rethrow->getBeginLoc(), "and rethrown only here", DiagnosticIDs::Note);
    }
  }
}

// if (tg::cancel_requested()) { co_await flush(); }
void AwaitInCleanupCheck::checkCancelledBranch(const IfStmt *If, const RuntimeModel &M,
                                               ASTContext &Ctx) {
  if (!If->getCond())
    return;
  CancellationTest Test = CancellationTestFinder(api(), M, Ctx).find(If->getCond());
  if (Test.When == CancellationTest::Unknown)
    return;
  const Stmt *Branch =
      Test.When == CancellationTest::WhenTrue ? If->getThen() : If->getElse();
  if (!Branch)
    return;
  forEachAwait(Branch, [&](const Expr *Await) {
    if (!isa<CoawaitExpr, DependentCoawaitExpr>(Await) ||
        !report(Await, Cleanup::CancelledBranch, M, Ctx))
      return;
    diag(Test.Query->getBeginLoc(),
         "this branch runs only when this test finds cancellation requested",
         DiagnosticIDs::Note);
  });
}

// co_await defer_async([]() -> task<> { co_await release(); });
void AwaitInCleanupCheck::checkScopeExitAction(const CallExpr *ScopeExit,
                                               const RuntimeModel &M, ASTContext &Ctx) {
  for (const Expr *Arg : ScopeExit->arguments()) {
    const auto *Lambda = dyn_cast_or_null<LambdaExpr>(ignoreValueWrappers(Arg));
    if (!Lambda)
      continue;
    const CXXMethodDecl *Action = Lambda->getCallOperator();
    const auto *Coro = dyn_cast_or_null<CoroutineBodyStmt>(Action->getBody());
    if (!Coro)
      continue;
    const RuntimeModel *ActionRuntime = api().runtimeOfCoroutine(Action);
    const RuntimeModel &Runtime = ActionRuntime ? *ActionRuntime : M;
    forEachAwait(Coro->getBody(), [&](const Expr *Await) {
      if (!isa<CoawaitExpr, DependentCoawaitExpr>(Await) ||
          !report(Await, Cleanup::ScopeExitAction, Runtime, Ctx))
        return;
      diag(ScopeExit->getBeginLoc(),
           "the action runs when the enclosing coroutine exits, cancelled or not",
           DiagnosticIDs::Note);
    });
  }
}

bool AwaitInCleanupCheck::report(const Expr *Await, Cleanup Kind, const RuntimeModel &M,
                                 ASTContext &Ctx) {
  if (Await->containsErrors() || awaitsRole(Await, Role::ShieldFunctions, api(), M))
    return false;
  if (M.AwaitsObserveCancellation) {
    // A checkpoint delivers the cancellation on purpose.
    if (awaitsRole(Await, Role::CheckpointFunctions, api(), M))
      return false;
  } else {
    // Where awaits do not observe cancellation by themselves (cppcoro,
    // async_simple), only the cancellable operations are cancelled at once,
    // and a shield awaited earlier (co_await ForbidSignal{}) covers the rest
    // of the coroutine.
    if (!awaitsRole(Await, Role::CheckpointFunctions, api(), M))
      return false;
    // A shield awaited (co_await ForbidSignal{}) or taken as a guard
    // (slot->setScopedFilter(...)) earlier covers the awaits after it.
    bool ShieldedBefore = false;
    forEachAwait(CurrentBody, [&](const Expr *Earlier) {
      ShieldedBefore |= awaitsRole(Earlier, Role::ShieldFunctions, api(), M) &&
                        Ctx.getSourceManager().isBeforeInTranslationUnit(
                            Earlier->getBeginLoc(), Await->getBeginLoc());
    });
    if (const Expr *Guard = findMention(CurrentBody, Role::ShieldFunctions, api(), M);
        Guard && isa<CallExpr>(Guard) &&
        Ctx.getSourceManager().isBeforeInTranslationUnit(Guard->getBeginLoc(),
                                                         Await->getBeginLoc()))
      ShieldedBefore = true;
    if (ShieldedBefore)
      return false;
  }
  if (!Reported.insert(Await).second)
    return false;

  const Expr *Operand = awaitOperand(Await);
  auto D = diag(Await->getBeginLoc(),
                "await in %select{cleanup that runs before a stored exception is "
                "rethrown|a branch taken when cancellation was requested|a scope-exit "
                "action}0 is not shielded from cancellation: it is cancelled at once "
                "and the cleanup never completes")
           << static_cast<unsigned>(Kind);
  // A shield takes the runtime's own task; other awaitables would not
  // compile inside it.
  if (M.ShieldFixTemplate.empty() || !Operand ||
      (!M.ShieldTakesAnyAwaitable && api().runtimeOfTaskType(Operand->getType()) != &M))
    return true;
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Range = CharSourceRange::getTokenRange(Operand->getSourceRange());
  if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
    return true;
  bool Invalid = false;
  llvm::StringRef Text = Lexer::getSourceText(Range, SM, Ctx.getLangOpts(), &Invalid);
  if (Invalid || Text.empty())
    return true;
  D << FixItHint::CreateReplacement(Range, substitute(M.ShieldFixTemplate, Text));
  return true;
}

} // namespace clang::tidy::async
