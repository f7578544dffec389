//===--- SwallowedCancellationCheck.cpp - async-swallowed-cancellation ----===//
//
// Two flow questions, both on the coroutine's CFG: does every path through
// the handler rethrow, and, where one does not, can the task reach another
// await after it (a loop running again, code after the try)? The first kind
// of handler hangs a group; a handler after which the coroutine ends only
// misreports how the task ended.
//
//===----------------------------------------------------------------------===//

#include "SwallowedCancellationCheck.h"
#include "CoroutineAnalysis.h"
#include "FunctionFlow.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

/// How the diagnostic names what was swallowed: the exception type where the
/// runtime has one, else the error code that carries it.
std::string describeCancellation(const RuntimeModel &M, const NamedDecl *Caught) {
  // A handler for one of the cancellation types swallows that one.
  if (Caught && M.CancellationHasOwnType)
    return "'" + modelName(Caught) + "'";
  if (M.CancellationHasOwnType && !M.names(Role::CancellationTypes).empty())
    return "'" + M.names(Role::CancellationTypes).front().Qualified + "'";
  if (!M.names(Role::CancellationErrorCodes).empty()) {
    llvm::StringRef Code = M.names(Role::CancellationErrorCodes).front().Qualified;
    return "cancellation ('" + Code.rsplit("::").second.str() + "')";
  }
  return "cancellation";
}

/// Where the cancellation can be raised inside a try block: the first await
/// where every await observes it; where only operations handed a token and
/// the checkpoints do (cppcoro), the first of those.
struct RaisingPoint {
  const Expr *Where = nullptr;
  bool IsAwait = true;
};

class RaisingPointFinder : public FunctionBodyVisitor<RaisingPointFinder> {
public:
  RaisingPointFinder(const ApiModel &Api, const RuntimeModel &M) : Api(Api), M(M) {}
  bool VisitCoawaitExpr(CoawaitExpr *E) { return await(E); }
  bool VisitDependentCoawaitExpr(DependentCoawaitExpr *E) { return await(E); }
  bool VisitCoyieldExpr(CoyieldExpr *E) { return await(E); }
  bool VisitCallExpr(CallExpr *C) {
    if (M.AwaitsObserveCancellation)
      return true;
    if (Api.match(Role::CheckpointFunctions, C, Within::runtime(M)) ||
        llvm::any_of(C->arguments(), [&](const Expr *Arg) {
          return Api.match(Role::CancellationTokenTypes, Arg->getType(), Within::runtime(M));
        }))
      Found = {C, false};
    return !Found.Where;
  }
  RaisingPoint Found;

private:
  bool await(const Expr *E) {
    if (awaitsRole(E, Role::ReadyAwaitables, Api, M))
      return true; // never suspends, never raises
    if (M.AwaitsObserveCancellation || awaitsRole(E, Role::CheckpointFunctions, Api, M))
      Found = {E, true};
    return !Found.Where;
  }
  const ApiModel &Api;
  const RuntimeModel &M;
};

/// How a path leaves a handler without rethrowing what it caught.
struct Exit {
  enum Kind {
    FallsOff,    ///< execution goes on after the try
    Returns,     ///< return / co_return
    Jumps,       ///< break / continue / goto out of the handler
    ThrowsOther, ///< a throw of a different exception
  };
  Kind How;
  const Stmt *Where;
  /// Where execution goes on after the handler; null when the coroutine
  /// ends there.
  const CFGBlock *Next;
};

/// The break, continue and goto statements of a handler that leave it.
llvm::DenseSet<const Stmt *> jumpsOutOf(const Stmt *Handler) {
  llvm::DenseSet<const Stmt *> Out;
  llvm::DenseSet<const LabelDecl *> LabelsInside;
  llvm::SmallVector<const GotoStmt *, 2> Gotos;
  // (statement, loops around it inside the handler, breakables around it)
  llvm::SmallVector<std::tuple<const Stmt *, unsigned, unsigned>, 16> Work{{Handler, 0, 0}};
  while (!Work.empty()) {
    auto [S, Loops, Breakables] = Work.pop_back_val();
    if (!S || isa<LambdaExpr, BlockExpr>(S))
      continue;
    if (isa<BreakStmt>(S) && Breakables == 0)
      Out.insert(S);
    else if (isa<ContinueStmt>(S) && Loops == 0)
      Out.insert(S);
    else if (isa<IndirectGotoStmt>(S))
      Out.insert(S);
    else if (const auto *G = dyn_cast<GotoStmt>(S))
      Gotos.push_back(G);
    else if (const auto *L = dyn_cast<LabelStmt>(S))
      LabelsInside.insert(L->getDecl());
    const bool Loop = isa<WhileStmt, DoStmt, ForStmt, CXXForRangeStmt>(S);
    const bool Switch = isa<SwitchStmt>(S);
    for (const Stmt *Child : S->children())
      Work.push_back({Child, Loops + Loop, Breakables + (Loop || Switch)});
  }
  for (const GotoStmt *G : Gotos)
    if (!LabelsInside.contains(G->getLabel()))
      Out.insert(G);
  return Out;
}

bool isRethrowCall(const Stmt *S) {
  const auto *Call = dyn_cast<CallExpr>(S);
  const auto *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && modelName(Callee) == "std::rethrow_exception";
}

/// The ways out of \p Handler that do not rethrow, found on the CFG. A
/// `throw;` into a nested try of the handler continues in the first of its
/// handlers that receives the cancellation (the "exception dispatcher").
std::vector<Exit> exitsWithoutRethrow(const CXXCatchStmt *Handler, const FunctionFlow &Flow,
                                      const ApiModel &Api, const RuntimeModel &M,
                                      ASTContext &Ctx) {
  std::vector<Exit> Exits;
  const CFGBlock *Entry = Flow.entryOf(Handler);
  if (!Entry)
    return Exits;
  const llvm::DenseSet<const CFGBlock *> Inside = Flow.blocksOf(Handler);
  const llvm::DenseSet<const Stmt *> JumpsOut = jumpsOutOf(Handler->getHandlerBlock());
  const CFGBlock *FunctionExit = &Flow.cfg().getExit();
  const auto *Block = cast<CompoundStmt>(Handler->getHandlerBlock());

  llvm::DenseSet<const CFGBlock *> Visited;
  llvm::SmallVector<const CFGBlock *, 16> Work{Entry};
  auto FollowRethrowInto = [&](const CFGBlock *Dispatch) {
    const auto *Inner = cast<CXXTryStmt>(Dispatch->getTerminatorStmt());
    if (const CXXCatchStmt *Receiver = firstCancellationHandler(Inner, Api, M, Ctx))
      if (const CFGBlock *InnerEntry = Flow.entryOf(Receiver)) {
        Work.push_back(InnerEntry);
        return true;
      }
    return false;
  };

  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    if (!Visited.insert(B).second)
      continue;
    bool PathEnds = false;
    for (const CFGElement &E : *B) {
      const Stmt *S = FunctionFlow::elementStmt(E);
      if (!S)
        continue;
      if (const auto *Throw = dyn_cast<CXXThrowExpr>(S)) {
        const CFGBlock *Target = B->succ_empty() ? nullptr : *B->succ_begin();
        if (Throw->getSubExpr()) {
          Exits.push_back({Exit::ThrowsOther, Throw, Target == FunctionExit ? nullptr : Target});
        } else if (Target && Inside.contains(Target) && Target->getTerminatorStmt() &&
                   isa<CXXTryStmt>(Target->getTerminatorStmt())) {
          FollowRethrowInto(Target);
        }
        PathEnds = true;
        break;
      }
      if (isRethrowCall(S)) {
        PathEnds = true;
        break;
      }
      if (isa<ReturnStmt, CoreturnStmt>(S)) {
        Exits.push_back({Exit::Returns, S, nullptr});
        PathEnds = true;
        break;
      }
      if (const auto *Call = dyn_cast<CallExpr>(S))
        if (const FunctionDecl *Callee = Call->getDirectCallee(); Callee && Callee->isNoReturn()) {
          PathEnds = true;
          break;
        }
    }
    if (PathEnds)
      continue;
    const Stmt *Terminator = B->getTerminatorStmt();
    const bool JumpsOutHere = Terminator && JumpsOut.contains(Terminator);
    for (const CFGBlock *Succ : B->succs()) {
      if (!Succ)
        continue;
      if (JumpsOutHere) {
        Exits.push_back({Exit::Jumps, Terminator, Succ == FunctionExit ? nullptr : Succ});
      } else if (Inside.contains(Succ)) {
        Work.push_back(Succ);
      } else {
        Exits.push_back({Exit::FallsOff, Block, Succ == FunctionExit ? nullptr : Succ});
      }
    }
  }
  // Report the first exit in source order.
  llvm::sort(Exits, [&](const Exit &A, const Exit &B) {
    SourceLocation LA = A.How == Exit::FallsOff ? Block->getRBracLoc() : A.Where->getBeginLoc();
    SourceLocation LB = B.How == Exit::FallsOff ? Block->getRBracLoc() : B.Where->getBeginLoc();
    return Ctx.getSourceManager().isBeforeInTranslationUnit(LA, LB);
  });
  return Exits;
}

/// The first suspension reachable from \p From: the task goes on after the
/// handler and meets the next await there. An await that never suspends
/// (async_simple's CurrentSlot{}) is not one.
const Stmt *nextSuspension(const CFGBlock *From, const FunctionFlow &Flow, const ApiModel &Api,
                           const RuntimeModel &M) {
  llvm::DenseSet<const CFGBlock *> Visited;
  llvm::SmallVector<const CFGBlock *, 16> Work{From};
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    if (!B || !Visited.insert(B).second)
      continue;
    for (int I = Flow.firstSuspension(*B); I >= 0; I = Flow.firstSuspension(*B, I + 1))
      if (const Expr *Await = Flow.suspensionOf(FunctionFlow::elementStmt((*B)[I]));
          !awaitsRole(Await, Role::ReadyAwaitables, Api, M))
        return Await;
    for (const CFGBlock *Succ : B->succs())
      Work.push_back(Succ);
  }
  return nullptr;
}

/// Whether the handler hands the caught exception on instead of dropping it:
/// `std::current_exception()` passed to a call (a completion handler,
/// `promise.set_exception`), or stored in a variable that is later rethrown,
/// passed on, returned, or that outlives the frame.
class ExceptionTransport : public FunctionBodyVisitor<ExceptionTransport> {
  using Base = FunctionBodyVisitor<ExceptionTransport>;

public:
  // A closure that takes the stored exception with it (`post(ex, [h, ep] {
  // h(ep); })`, asio's own co_spawn entry point) hands it on.
  bool TraverseLambdaExpr(LambdaExpr *L) {
    for (const LambdaCapture &Capture : L->captures())
      if (Capture.capturesVariable() && Stored.contains(Capture.getCapturedVar()))
        Found = true;
    for (const Expr *Init : L->capture_inits())
      Found |= Init && refersToStored(Init);
    return !Found && Base::TraverseLambdaExpr(L);
  }
  bool VisitCallExpr(CallExpr *C) {
    // Assigning, comparing or testing the exception_ptr does not pass it on.
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(C); Op && Op->getOperator() != OO_Call)
      return true;
    for (const Expr *Arg : C->arguments())
      if (isCurrentExceptionCall(Arg) || refersToStored(Arg))
        Found = true;
    return !Found;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *C) {
    if (C->getNumArgs() == 1 && C->getConstructor()->isCopyOrMoveConstructor())
      return true;
    for (const Expr *Arg : C->arguments())
      if (isCurrentExceptionCall(Arg) || refersToStored(Arg))
        Found = true;
    return !Found;
  }
  bool VisitReturnStmt(ReturnStmt *R) {
    Found |= R->getRetValue() && refersToStored(R->getRetValue());
    return !Found;
  }
  bool VisitCoreturnStmt(CoreturnStmt *R) {
    Found |= R->getOperand() && refersToStored(R->getOperand());
    return !Found;
  }

  bool refersToStored(const Expr *E) const {
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(ignoreValueWrappers(E));
    return Ref && Stored.contains(Ref->getDecl());
  }

  llvm::DenseSet<const ValueDecl *> Stored;
  bool Found = false;
};

bool transportsException(const CXXCatchStmt *Handler, const Stmt *Body) {
  const StoredException Stored = storedCurrentException(Handler);
  if (Stored.Outlives)
    return true;
  ExceptionTransport Transport;
  if (Stored.Local)
    Transport.Stored.insert(Stored.Local);
  // Passed on in the handler, or later in the coroutine.
  Transport.TraverseStmt(const_cast<Stmt *>(Stored.Local ? Body : Handler->getHandlerBlock()));
  return Transport.Found;
}

class RequestCollector : public FunctionBodyVisitor<RequestCollector> {
public:
  RequestCollector(const ApiModel &Api, const RuntimeModel &M) : Api(Api), M(M) {}
  bool VisitCallExpr(CallExpr *C) {
    if (Api.match(Role::CancellationRequestFunctions, C, Within::runtime(M)))
      Requests.push_back(C);
    return true;
  }
  llvm::SmallVector<const Expr *, 2> Requests;

private:
  const ApiModel &Api;
  const RuntimeModel &M;
};

} // namespace

SwallowedCancellationCheck::SwallowedCancellationCheck(llvm::StringRef Name,
                                                       ClangTidyContext *Context)
    : AsyncCheck(Name, Context, Bodies::ModelledCoroutines,
                 {Role::CancellationTypes, Role::CancellationErrorCodes,
                  Role::CheckpointFunctions, Role::CancellationTokenTypes,
                  Role::CancellationRequestFunctions, Role::ReadyAwaitables}),
      ReportCancellationAsSuccess(Options.get("ReportCancellationAsSuccess", false)) {}

void SwallowedCancellationCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  if (ReportCancellationAsSuccess)
    Options.store(Opts, "ReportCancellationAsSuccess", true);
  AsyncCheck::storeOptions(Opts);
}

void SwallowedCancellationCheck::checkFunction(const FunctionDecl *F, const Stmt *Body,
                                               const RuntimeModel *Runtime, ASTContext &Ctx) {
  if (!Runtime || Runtime->CancellationIsNotAnException)
    return;
  const auto Tries = tryStatementsIn(Body);
  if (Tries.empty())
    return;
  const FunctionFlow *Flow = FunctionFlow::of(F, Ctx);
  if (!Flow)
    return;
  RequestCollector Requests(api(), *Runtime);
  Requests.TraverseStmt(const_cast<Stmt *>(Body));
  for (const CXXTryStmt *Try : Tries)
    checkTry(Try, Body, *Flow, *Runtime, Ctx, Requests.Requests);
}

void SwallowedCancellationCheck::checkTry(const CXXTryStmt *Try, const Stmt *Body,
                                          const FunctionFlow &Flow, const RuntimeModel &M,
                                          ASTContext &Ctx,
                                          llvm::ArrayRef<const Expr *> OwnRequests) {
  RaisingPointFinder Finder(api(), M);
  Finder.TraverseStmt(const_cast<CompoundStmt *>(Try->getTryBlock()));
  const RaisingPoint Raised = Finder.Found;
  if (!Raised.Where)
    return; // a try that cannot receive the cancellation
  const CXXCatchStmt *Handler = firstCancellationHandler(Try, api(), M, Ctx);
  if (!Handler)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  // A test framework's assertion macro wrote it: nothing the user can edit.
  if (Handler->getCatchLoc().isMacroID())
    return;
  if (findMention(Handler->getHandlerBlock(), Role::CancellationErrorCodes, api(), M))
    return; // it inspects the error for cancellation: a deliberate decision
  // The frame cancelled what it awaits itself: it handles its own request.
  if (llvm::any_of(OwnRequests, [&](const Expr *Request) {
        return SM.isBeforeInTranslationUnit(Request->getBeginLoc(),
                                            Raised.Where->getBeginLoc());
      }))
    return;

  std::vector<Exit> Exits = exitsWithoutRethrow(Handler, Flow, api(), M, Ctx);
  if (Exits.empty())
    return;
  if (transportsException(Handler, Body))
    return; // handed on (or stored and rethrown later): not dropped

  // The task goes on when some exit leads to another await.
  const Exit *Shown = &Exits.front();
  const Stmt *GoesOnTo = nullptr;
  for (const Exit &E : Exits)
    if (E.Next)
      if (const Stmt *Next = nextSuspension(E.Next, Flow, api(), M)) {
        Shown = &E;
        GoesOnTo = Next;
        break;
      }
  if (!GoesOnTo && !ReportCancellationAsSuccess)
    return;
  if (!firstReport(Handler->getCatchLoc()))
    return;

  const bool CatchAll = !Handler->getExceptionDecl();
  const QualType Caught = Handler->getCaughtType();
  const bool IsCancellationHandler =
      !CatchAll && api().match(Role::CancellationTypes, Caught.getNonReferenceType(),
                               Within::runtime(M));
  const std::string HandlerKind =
      CatchAll ? std::string("catch-all handler")
               : "handler for '" +
                     Caught.getNonReferenceType().getUnqualifiedType().getAsString(
                         Ctx.getPrintingPolicy()) +
                     "'";
  {
    auto D = GoesOnTo
                 ? diag(Handler->getCatchLoc(),
                        "%0 in a coroutine swallows %1; rethrow it so the cancelled task "
                        "stops and its group can finish")
                 : diag(Handler->getCatchLoc(),
                        "%0 in a coroutine swallows %1 and ends the task as if it had "
                        "%select{succeeded|failed with another error}2: whoever awaits it is "
                        "not told that it was cancelled; rethrow it");
    D << HandlerKind
      << describeCancellation(M, IsCancellationHandler ? typeDecl(Caught) : nullptr);
    if (!GoesOnTo)
      D << (Shown->How == Exit::ThrowsOther);
    if (!IsCancellationHandler && M.CancellationHasOwnType &&
        !M.names(Role::CancellationTypes).empty())
      D << FixItHint::CreateInsertion(
          Handler->getCatchLoc(),
          "catch (const " + M.names(Role::CancellationTypes).front().Qualified +
              "&) { throw; } ");
  }
  SourceLocation ExitLoc = Shown->How == Exit::FallsOff
                               ? cast<CompoundStmt>(Shown->Where)->getRBracLoc()
                               : Shown->Where->getBeginLoc();
  diag(ExitLoc,
       "cancellation is dropped here: the handler %select{falls off its end|returns|"
       "jumps out|throws a different exception}0",
       DiagnosticIDs::Note)
      << static_cast<unsigned>(Shown->How);
  diag(Raised.Where->getBeginLoc(),
       "cancellation is raised at this %select{call|await}0", DiagnosticIDs::Note)
      << Raised.IsAwait;
  if (GoesOnTo)
    diag(GoesOnTo->getBeginLoc(), "after the handler the task goes on to this await",
         DiagnosticIDs::Note);
}

} // namespace clang::tidy::async
