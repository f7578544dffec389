//===--- AwaitInCleanupCheck.cpp - async-await-in-cleanup -----------------===//

#include "AwaitInCleanupCheck.h"
#include "CoroutineAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

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
    if (Api.isCall(Role::ScopeExitFunctions, C, M))
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

void AwaitInCleanupCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(modelledCoroutine().bind("coroutine"), this);
}

void AwaitInCleanupCheck::check(const MatchFinder::MatchResult &Result) {
  BoundCoroutine Coroutine = boundCoroutine(Result, "coroutine");
  // Where awaits do not observe the task's cancellation by themselves
  // (cppcoro), cleanup awaits are not cancelled at once.
  if (!Coroutine.Body || !Coroutine.Runtime ||
      !Coroutine.Runtime->AwaitsObserveCancellation)
    return;
  const RuntimeModel &M = *Coroutine.Runtime;
  ASTContext &Ctx = *Result.Context;
  CleanupSites Sites(api(), M);
  Sites.TraverseStmt(const_cast<Stmt *>(Coroutine.Body));
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
    const CXXCatchStmt *Storing = nullptr;
    const VarDecl *Stored = nullptr;
    for (unsigned H = 0; H < Try->getNumHandlers() && !Stored; ++H) {
      const CXXCatchStmt *Handler = Try->getHandler(H);
      const bool CatchAll = !Handler->getExceptionDecl();
      const Type *Caught = CatchAll ? nullptr : Handler->getCaughtType().getTypePtrOrNull();
      if (!CatchAll && (!Caught || Handler->getCaughtType()->isDependentType()))
        continue;
      if (!api().handlerReceivesCancellation(Caught, M, Ctx))
        continue;
      Stored = storedCurrentException(Handler);
      Storing = Handler;
      // Only the first handler that can receive the cancellation ever does.
      break;
    }
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
  CancellationTest Test = cancellationTestIn(If->getCond(), api(), M, Ctx);
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
  if (Await->containsErrors() || awaitsRole(Await, Role::ShieldFunctions, api(), M) ||
      awaitsRole(Await, Role::CheckpointFunctions, api(), M))
    return false;
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
      !api().isType(Role::TaskTypes, Operand->getType(), M))
    return true;
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Range = CharSourceRange::getTokenRange(Operand->getSourceRange());
  if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
    return true;
  bool Invalid = false;
  llvm::StringRef Text = Lexer::getSourceText(Range, SM, Ctx.getLangOpts(), &Invalid);
  if (Invalid || Text.empty())
    return true;
  std::string Replacement = M.ShieldFixTemplate;
  for (size_t Pos = Replacement.find("$0"); Pos != std::string::npos;
       Pos = Replacement.find("$0", Pos + Text.size()))
    Replacement.replace(Pos, 2, Text.str());
  D << FixItHint::CreateReplacement(Range, Replacement);
  return true;
}

} // namespace clang::tidy::async
