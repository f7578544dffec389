//===--- SwallowedCancellationCheck.cpp - async-swallowed-cancellation ----===//

#include "SwallowedCancellationCheck.h"
#include "CoroutineAnalysis.h"
#include "clang/AST/ASTContext.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

class TryCollector : public FunctionBodyVisitor<TryCollector> {
public:
  bool VisitCXXTryStmt(CXXTryStmt *T) {
    Tries.push_back(T);
    return true;
  }
  llvm::SmallVector<const CXXTryStmt *, 4> Tries;
};

/// How the diagnostic names what was swallowed: the exception type where the
/// runtime has one, else the error code that carries it.
std::string describeCancellation(const RuntimeModel &M) {
  if (M.CancellationHasOwnType && !M.names(Role::CancellationTypes).empty())
    return "'" + M.names(Role::CancellationTypes).front().Qualified + "'";
  if (!M.names(Role::CancellationErrorCodes).empty()) {
    llvm::StringRef Code = M.names(Role::CancellationErrorCodes).front().Qualified;
    return "cancellation ('" + Code.rsplit("::").second.str() + "')";
  }
  return "cancellation";
}

} // namespace

void SwallowedCancellationCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(modelledCoroutine().bind("coroutine"), this);
}

void SwallowedCancellationCheck::check(const MatchFinder::MatchResult &Result) {
  BoundCoroutine Coroutine = boundCoroutine(Result, "coroutine");
  if (!Coroutine.Body || !Coroutine.Runtime ||
      Coroutine.Runtime->CancellationIsNotAnException)
    return;
  TryCollector Collector;
  Collector.TraverseStmt(const_cast<Stmt *>(Coroutine.Body));
  for (const CXXTryStmt *Try : Collector.Tries)
    checkTry(Try, Coroutine, *Result.Context);
}

void SwallowedCancellationCheck::checkTry(const CXXTryStmt *Try,
                                          const BoundCoroutine &Coroutine,
                                          ASTContext &Ctx) {
  // Cancellation is raised at await points; a block without one never sees it.
  const Expr *Await = firstAwait(Try->getTryBlock());
  if (!Await)
    return;
  const RuntimeModel &M = *Coroutine.Runtime;
  for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
    const CXXCatchStmt *Handler = Try->getHandler(I);
    const bool CatchAll = !Handler->getExceptionDecl();
    const Type *Caught = CatchAll ? nullptr : Handler->getCaughtType().getTypePtrOrNull();
    if (!CatchAll && (!Caught || Handler->getCaughtType()->isDependentType()))
      continue;
    if (!api().handlerReceivesCancellation(Caught, M, Ctx))
      continue;
    // Only the first handler that can receive it ever does.
    if (findMention(Handler->getHandlerBlock(), Role::CancellationErrorCodes, api(), M))
      return; // it inspects the error for cancellation: a deliberate decision
    std::optional<HandlerExit> Exit = exitWithoutRethrow(Handler, api(), M, Ctx);
    if (!Exit)
      return;
    if (Exit->How == HandlerExit::FallsOff &&
        findRethrowOf(Coroutine.Body, storedCurrentException(Handler)))
      return; // the "finally" idiom: stored, then rethrown after the try

    const bool IsCancellationHandler =
        !CatchAll && api().isType(Role::CancellationTypes, QualType(Caught, 0), M);
    std::string HandlerKind =
        CatchAll ? std::string("catch-all handler")
                 : "handler for '" +
                       Handler->getCaughtType().getNonReferenceType().getUnqualifiedType().getAsString(
                           Ctx.getPrintingPolicy()) +
                       "'";
    {
      auto D = diag(Handler->getCatchLoc(),
                    "%0 in a coroutine swallows %1; rethrow it so the cancelled task stops "
                    "and its group can finish")
               << HandlerKind << describeCancellation(M);
      if (!IsCancellationHandler && M.CancellationHasOwnType &&
          !M.names(Role::CancellationTypes).empty())
        D << FixItHint::CreateInsertion(
            Handler->getCatchLoc(),
            "catch (const " + M.names(Role::CancellationTypes).front().Qualified +
                "&) { throw; } ");
    }
    SourceLocation ExitLoc = Exit->How == HandlerExit::FallsOff
                                 ? cast<CompoundStmt>(Exit->Where)->getRBracLoc()
                                 : Exit->Where->getBeginLoc();
    diag(ExitLoc,
         "cancellation is dropped here: the handler %select{falls off its end|returns|"
         "jumps out|throws a different exception}0",
         DiagnosticIDs::Note)
        << static_cast<unsigned>(Exit->How);
    diag(Await->getBeginLoc(), "cancellation is raised at this await", DiagnosticIDs::Note);
    return;
  }
}

} // namespace clang::tidy::async
