//===--- LoopWithoutCheckpointCheck.cpp - async-loop-without-checkpoint ---===//
//
// On the coroutine's CFG: from the loop's head, follow the paths that have
// met no checkpoint (an await, a checkpoint call, a cancellation poll) and
// stay inside the loop; an exception thrown before the first checkpoint of
// a block enters the handlers of the try around it. A path back to the head
// is an iteration that cannot be cancelled. The note names where that path
// leaves the checking ones behind.
//
//===----------------------------------------------------------------------===//

#include "LoopWithoutCheckpointCheck.h"
#include "CoroutineAnalysis.h"
#include "FunctionFlow.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

class UnboundedLoopCollector : public FunctionBodyVisitor<UnboundedLoopCollector> {
public:
  explicit UnboundedLoopCollector(ASTContext &Ctx) : Ctx(Ctx) {}
  bool VisitWhileStmt(WhileStmt *S) { return add(S, S->getCond()); }
  bool VisitDoStmt(DoStmt *S) { return add(S, S->getCond()); }
  bool VisitForStmt(ForStmt *S) { return add(S, S->getCond()); }
  llvm::SmallVector<const Stmt *, 4> Loops;

private:
  bool add(const Stmt *Loop, const Expr *Cond) {
    if (!Cond || isConstantTrue(Cond, Ctx))
      Loops.push_back(Loop);
    return true;
  }
  ASTContext &Ctx;
};

/// The continue statements that start the next iteration of \p Loop, not
/// of a loop nested in it.
llvm::DenseSet<const Stmt *> continuesOf(const Stmt *Loop) {
  llvm::DenseSet<const Stmt *> Result;
  llvm::SmallVector<std::pair<const Stmt *, unsigned>, 16> Work;
  for (const Stmt *Child : Loop->children())
    Work.push_back({Child, 0});
  while (!Work.empty()) {
    auto [S, Depth] = Work.pop_back_val();
    if (!S || isa<LambdaExpr, BlockExpr>(S))
      continue;
    if (isa<ContinueStmt>(S) && Depth == 0)
      Result.insert(S);
    const bool Inner = isa<WhileStmt, DoStmt, ForStmt, CXXForRangeStmt>(S);
    for (const Stmt *Child : S->children())
      Work.push_back({Child, Depth + Inner});
  }
  return Result;
}

enum class Witness {
  None,
  Continue,       ///< a `continue` reached without a checkpoint
  ConditionTrue,  ///< the if's condition is true on the path
  ConditionFalse, ///< the if's condition is false on the path
  Case,           ///< a switch case without one
  ZeroIterations, ///< an inner loop that may not run at all
  Handler,        ///< a catch handler without one
  Conditional,    ///< an await inside a conditional expression
  ConditionalCheck, ///< a cancellation check inside a conditional expression
};

class IterationSearch {
public:
  IterationSearch(const Stmt *Loop, const FunctionFlow &Flow, const ApiModel &Api,
                  const RuntimeModel &M)
      : Loop(Loop), Flow(Flow), Api(Api), M(M), Inside(Flow.blocksOf(Loop)),
        Head(Flow.placeOf(Loop).Block) {}

  /// A path from the head back to it without a checkpoint, head first;
  /// empty when every iteration checks.
  llvm::SmallVector<const CFGBlock *, 8> cleanIteration() const {
    if (!Head || checkpointAt(*Head, 0) >= 0)
      return {};
    return cleanPath(successorsOf(Head), /*WantPath=*/true);
  }

  /// Whether a path from \p From reaches the head without a checkpoint.
  bool reachesHeadCleanly(const CFGBlock *From) const {
    return !cleanPath({From}, /*WantPath=*/false).empty();
  }

  /// Where a clean path can go from \p B: its successors inside the loop,
  /// and the handlers of the try around an element that may throw before
  /// the block's first checkpoint.
  llvm::SmallVector<const CFGBlock *, 4> successorsOf(const CFGBlock *B) const {
    llvm::SmallVector<const CFGBlock *, 4> Result;
    const int Check = checkpointAt(*B, 0);
    const unsigned End = Check < 0 ? B->size() : unsigned(Check);
    for (unsigned I = 0; I < End; ++I) {
      const Stmt *S = FunctionFlow::elementStmt((*B)[I]);
      // A throw's edge is in the CFG already; an exception while computing an
      // await's operand (a lazy task's creation) is taken for the await's.
      if (!S || !FunctionFlow::mayThrow(S) || isa<CXXThrowExpr>(S) || Flow.isAwaitOperand(S))
        continue;
      if (const CXXTryStmt *Try = Flow.tryAround(S))
        if (const CFGBlock *Dispatch = Flow.dispatchOf(Try); Dispatch && Inside.contains(Dispatch))
          if (!llvm::is_contained(Result, Dispatch))
            Result.push_back(Dispatch);
    }
    if (Check >= 0)
      return Result;
    for (const CFGBlock *Succ : B->succs())
      if (Succ && Inside.contains(Succ))
        Result.push_back(Succ);
    return Result;
  }

  /// The first element of \p B from \p From on that is a checkpoint: a
  /// suspension, a checkpoint call, a cancellation poll. -1 when none.
  int checkpointAt(const CFGBlock &B, unsigned From) const {
    for (unsigned I = From; I < B.size(); ++I) {
      const Stmt *S = FunctionFlow::elementStmt(B[I]);
      if (!S)
        continue;
      // An await that never suspends (asio::this_coro::executor,
      // corral::noop()) lets nothing else run and delivers nothing.
      if (Flow.isSuspension(S) &&
          !awaitsRole(Flow.suspensionOf(S), Role::ReadyAwaitables, Api, M))
        return int(I);
      if (const auto *Call = dyn_cast<CallExpr>(S))
        if (Api.match(Role::CheckpointFunctions, Call, Within::runtime(M)) ||
            Api.match(Role::CancellationQueryFunctions, Call, Within::runtime(M)))
          return int(I);
    }
    return -1;
  }

  const CFGBlock *head() const { return Head; }

private:
  /// A breadth-first search over clean paths from \p Starts to the head;
  /// with \p WantPath, the path itself (head first), else any non-empty
  /// result for "found".
  llvm::SmallVector<const CFGBlock *, 8> cleanPath(llvm::ArrayRef<const CFGBlock *> Starts,
                                                   bool WantPath) const {
    llvm::DenseMap<const CFGBlock *, const CFGBlock *> Parent;
    llvm::SmallVector<const CFGBlock *, 16> Queue;
    for (const CFGBlock *S : Starts)
      if (Parent.try_emplace(S, nullptr).second)
        Queue.push_back(S);
    for (size_t I = 0; I < Queue.size(); ++I) {
      const CFGBlock *B = Queue[I];
      if (B == Head) {
        if (!WantPath)
          return {B};
        llvm::SmallVector<const CFGBlock *, 8> Path;
        for (const CFGBlock *P = Parent.lookup(B); P; P = Parent.lookup(P))
          Path.push_back(P);
        Path.push_back(Head);
        std::reverse(Path.begin(), Path.end());
        return Path;
      }
      for (const CFGBlock *Succ : successorsOf(B))
        if (Parent.try_emplace(Succ, B).second)
          Queue.push_back(Succ);
    }
    return {};
  }

  const Stmt *Loop;
  const FunctionFlow &Flow;
  const ApiModel &Api;
  const RuntimeModel &M;
  const llvm::DenseSet<const CFGBlock *> Inside;
  const CFGBlock *Head;
};

/// Where the clean iteration leaves the checking ones behind: the
/// `continue` it takes, the handler it enters, or the first branch whose
/// other side meets a checkpoint.
std::pair<Witness, SourceLocation> witnessOf(llvm::ArrayRef<const CFGBlock *> Path,
                                             const IterationSearch &Search,
                                             const llvm::DenseSet<const Stmt *> &Continues,
                                             const ApiModel &Api, const RuntimeModel &M) {
  for (const CFGBlock *B : Path)
    if (const Stmt *T = B->getTerminatorStmt(); T && Continues.contains(T))
      return {Witness::Continue, T->getBeginLoc()};
  for (const CFGBlock *B : Path)
    if (const auto *Handler = dyn_cast_or_null<CXXCatchStmt>(B->getLabel()))
      return {Witness::Handler, Handler->getCatchLoc()};
  for (size_t I = 0; I + 1 < Path.size(); ++I) {
    const CFGBlock *B = Path[I];
    const CFGBlock *Taken = Path[I + 1];
    const Stmt *T = B->getTerminatorStmt();
    if (!T || B->succ_size() < 2)
      continue;
    unsigned TakenIndex = 0, Index = 0;
    bool OtherChecks = false;
    const CFGBlock *Other = nullptr;
    for (const CFGBlock *Succ : B->succs()) {
      if (Succ == Taken)
        TakenIndex = Index;
      else if (Succ && !Search.reachesHeadCleanly(Succ)) {
        OtherChecks = true;
        Other = Succ;
      }
      ++Index;
    }
    if (!OtherChecks)
      continue;
    if (const auto *If = dyn_cast<IfStmt>(T))
      return {TakenIndex == 0 ? Witness::ConditionTrue : Witness::ConditionFalse,
              If->getCond() ? If->getCond()->getBeginLoc() : If->getBeginLoc()};
    if (isa<SwitchStmt>(T)) {
      if (const Stmt *Label = Taken->getLabel())
        return {Witness::Case, Label->getBeginLoc()};
      return {Witness::Case, T->getBeginLoc()};
    }
    if (isa<WhileStmt, ForStmt, CXXForRangeStmt, DoStmt>(T))
      return {Witness::ZeroIterations, T->getBeginLoc()};
    if (isa<BinaryOperator, AbstractConditionalOperator>(T)) {
      const Expr *Skipped = nullptr;
      if (const auto *Logical = dyn_cast<BinaryOperator>(T))
        Skipped = Logical->getRHS();
      else if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(T))
        Skipped = TakenIndex == 0 ? Cond->getFalseExpr() : Cond->getTrueExpr();
      if (const Expr *Await = Skipped ? firstAwait(Skipped) : nullptr)
        return {Witness::Conditional, Await->getBeginLoc()};
      for (Role R : {Role::CheckpointFunctions, Role::CancellationQueryFunctions})
        if (const Expr *Check = Skipped ? findMention(Skipped, R, Api, M) : nullptr)
          return {Witness::ConditionalCheck, Check->getBeginLoc()};
      (void)Other;
      return {Witness::Conditional, T->getBeginLoc()};
    }
  }
  return {Witness::None, SourceLocation()};
}

} // namespace

LoopWithoutCheckpointCheck::LoopWithoutCheckpointCheck(llvm::StringRef Name,
                                                       ClangTidyContext *Context)
    : AsyncCheck(Name, Context, Bodies::ModelledCoroutines,
                 {Role::CheckpointFunctions, Role::CancellationQueryFunctions,
                  Role::ReadyAwaitables}) {}

void LoopWithoutCheckpointCheck::checkFunction(const FunctionDecl *F, const Stmt *Body,
                                               const RuntimeModel *Runtime, ASTContext &Ctx) {
  if (!Runtime)
    return;
  UnboundedLoopCollector Collector(Ctx);
  Collector.TraverseStmt(const_cast<Stmt *>(Body));
  if (Collector.Loops.empty())
    return;
  const FunctionFlow *Flow = FunctionFlow::of(F, Ctx);
  if (!Flow)
    return;

  for (const Stmt *Loop : Collector.Loops) {
    // Code that did not compile may have lost its await.
    if (containsErrors(Loop))
      continue;
    IterationSearch Search(Loop, *Flow, api(), *Runtime);
    llvm::SmallVector<const CFGBlock *, 8> Path = Search.cleanIteration();
    if (Path.empty() || !firstReport(Loop->getBeginLoc()))
      continue;
    bool AwaitsSomewhere = false;
    forEachAwait(Loop, [&](const Expr *Await) {
      AwaitsSomewhere |= !awaitsRole(Await, Role::ReadyAwaitables, api(), *Runtime);
    });
    const bool ChecksSomewhere =
        AwaitsSomewhere || findMention(Loop, Role::CheckpointFunctions, api(), *Runtime) ||
        findMention(Loop, Role::CancellationQueryFunctions, api(), *Runtime);
    diag(Loop->getBeginLoc(),
         "infinite loop in a coroutine %select{never awaits or checks for cancellation|has a "
         "path through its body with no await and no cancellation check}0: it cannot be "
         "cancelled, and no other task on its event loop runs while it spins")
        << ChecksSomewhere;
    if (!ChecksSomewhere)
      continue;
    auto [Where, Loc] = witnessOf(Path, Search, continuesOf(Loop), api(), *Runtime);
    if (Where == Witness::None || Loc.isInvalid())
      continue;
    diag(Loc,
         "%select{|the next iteration starts here without an await or a cancellation check|"
         "when this condition is true, the iteration has no await and no cancellation check|"
         "when this condition is false, the iteration has no await and no cancellation check|"
         "this case has no await and no cancellation check|"
         "this loop may run zero times, leaving the iteration without an await|"
         "this handler has no await and no cancellation check|"
         "this await is skipped on some evaluations of the expression|"
         "this cancellation check is skipped on some evaluations of the expression}0",
         DiagnosticIDs::Note)
        << static_cast<unsigned>(Where);
  }
}

} // namespace clang::tidy::async
