//===--- LoopWithoutCheckpointCheck.cpp - async-loop-without-checkpoint ---===//
//
// The analysis follows the paths of one iteration structurally, statement by
// statement, tracking only whether a path that has not yet met a checkpoint
// (an await, a checkpoint call, a cancellation poll) can get somewhere. Once
// a path meets one it is safe for the rest of the iteration, so nothing else
// needs tracking.
//
//===----------------------------------------------------------------------===//

#include "LoopWithoutCheckpointCheck.h"
#include "CoroutineAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

/// Where a path without a checkpoint leaves the awaiting paths behind, for
/// the note.
struct Witness {
  enum Kind {
    None,
    Continue,       ///< a `continue` reached without a checkpoint
    ConditionTrue,  ///< the if's condition is true on the path
    ConditionFalse, ///< the if's condition is false on the path
    Case,           ///< a switch case without one
    ZeroIterations, ///< an inner loop that may not run at all
    Handler,        ///< a catch handler without one
    Conditional,    ///< an await inside a conditional expression
  };
  Kind How = None;
  SourceLocation Loc;
};

/// What the paths through a statement entered without a checkpoint can do,
/// and for each way out, where such a path left the checking paths behind.
struct Paths {
  bool CleanOut = false;      ///< reach the statement's end without a checkpoint
  bool CleanContinue = false; ///< reach a `continue` of the analysed loop
  bool CleanBreak = false;    ///< reach a `break` of the innermost loop/switch
  bool CleanThrow = false;    ///< throw (out of this statement) without one
  Witness OutWhere, ContinueWhere, BreakWhere;
};

Witness either(const Witness &First, const Witness &Second) {
  return First.How != Witness::None ? First : Second;
}

class IterationAnalysis {
public:
  IterationAnalysis(const ApiModel &Api, const RuntimeModel &M, ASTContext &Ctx)
      : Api(Api), M(M), Ctx(Ctx) {}

  /// Whether every evaluation of \p S meets a checkpoint. Short-circuit and
  /// conditional operators evaluate only some operands.
  bool alwaysCheckpoints(const Stmt *S) const {
    if (!S || isa<LambdaExpr, BlockExpr>(S))
      return false;
    if (isa<CoawaitExpr, DependentCoawaitExpr, CoyieldExpr>(S))
      return true;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (Api.isCall(Role::CheckpointFunctions, Call, M) ||
          Api.isCall(Role::CancellationQueryFunctions, Call, M))
        return true;
    if (const auto *Op = dyn_cast<AbstractConditionalOperator>(S))
      return alwaysCheckpoints(Op->getCond()) ||
             (alwaysCheckpoints(Op->getTrueExpr()) && alwaysCheckpoints(Op->getFalseExpr()));
    if (const auto *B = dyn_cast<BinaryOperator>(S); B && B->isLogicalOp())
      return alwaysCheckpoints(B->getLHS());
    if (const auto *D = dyn_cast<DeclStmt>(S)) {
      for (const Decl *Each : D->decls())
        if (const auto *V = dyn_cast<VarDecl>(Each); V && alwaysCheckpoints(V->getInit()))
          return true;
      return false;
    }
    for (const Stmt *Child : S->children())
      if (alwaysCheckpoints(Child))
        return true;
    return false;
  }

  bool isConstantTrue(const Stmt *Cond) const {
    const auto *E = dyn_cast_or_null<Expr>(Cond);
    if (!E || E->isValueDependent() || E->containsErrors())
      return false;
    bool Value = false;
    return E->EvaluateAsBooleanCondition(Value, Ctx) && Value;
  }

  /// The paths of one iteration of the analysed loop: its body, then its
  /// increment (for) or condition on the way to the next iteration.
  Paths analyzeLoop(const Stmt *Loop) const {
    const Stmt *Body = nullptr;
    llvm::SmallVector<const Stmt *, 2> Next;
    if (const auto *W = dyn_cast<WhileStmt>(Loop)) {
      Body = W->getBody();
      Next.push_back(W->getCond());
    } else if (const auto *F = dyn_cast<ForStmt>(Loop)) {
      Body = F->getBody();
      Next.append({F->getInc(), F->getCond()});
    } else if (const auto *D = dyn_cast<DoStmt>(Loop)) {
      Body = D->getBody();
      Next.push_back(D->getCond());
    }
    Paths P = analyze(Body, 0);
    if (llvm::any_of(Next, [&](const Stmt *S) { return alwaysCheckpoints(S); }))
      P.CleanOut = P.CleanContinue = false;
    return P;
  }

private:
  /// \p Loops counts the loops entered inside the analysed loop's body: a
  /// `continue` inside one of them is that loop's.
  Paths analyze(const Stmt *S, unsigned Loops) const {
    Paths P;
    if (!S) {
      P.CleanOut = true;
      return P;
    }
    if (const auto *C = dyn_cast<CompoundStmt>(S))
      return sequence(C, Loops, /*SwitchBody=*/false);
    if (isa<ReturnStmt, CoreturnStmt, GotoStmt, IndirectGotoStmt>(S))
      return P; // leaves the loop
    if (isa<BreakStmt>(S)) {
      P.CleanBreak = true;
      return P;
    }
    if (const auto *Continue = dyn_cast<ContinueStmt>(S)) {
      if (Loops == 0) {
        P.CleanContinue = true;
        P.ContinueWhere = {Witness::Continue, Continue->getBeginLoc()};
      }
      return P; // an inner loop's continue: that loop's business
    }
    if (const auto *L = dyn_cast<LabelStmt>(S))
      return analyze(L->getSubStmt(), Loops);
    if (const auto *A = dyn_cast<AttributedStmt>(S))
      return analyze(A->getSubStmt(), Loops);
    if (const auto *Case = dyn_cast<SwitchCase>(S))
      return analyze(Case->getSubStmt(), Loops);
    if (const auto *If = dyn_cast<IfStmt>(S))
      return analyzeIf(If, Loops);
    if (const auto *Sw = dyn_cast<SwitchStmt>(S))
      return analyzeSwitch(Sw, Loops);
    if (const auto *Try = dyn_cast<CXXTryStmt>(S))
      return analyzeTry(Try, Loops);
    if (isa<WhileStmt, ForStmt, DoStmt, CXXForRangeStmt>(S))
      return analyzeInnerLoop(S, Loops);
    return analyzeSimple(S);
  }

  /// Adds the ways out of \p From, reached along a clean path that so far
  /// diverged at \p Before.
  static void addExits(Paths &Into, const Paths &From, const Witness &Before) {
    if (From.CleanContinue && !Into.CleanContinue) {
      Into.CleanContinue = true;
      // The `continue` itself says best where the clean iteration ends.
      Into.ContinueWhere = either(From.ContinueWhere, Before);
    }
    if (From.CleanBreak && !Into.CleanBreak) {
      Into.CleanBreak = true;
      Into.BreakWhere = either(Before, From.BreakWhere);
    }
    Into.CleanThrow |= From.CleanThrow;
  }

  Paths sequence(const CompoundStmt *Block, unsigned Loops, bool SwitchBody) const {
    Paths P;
    // A switch body is entered at its case labels, not at its top.
    bool CleanHere = !SwitchBody;
    Witness Here;
    for (const Stmt *Child : Block->body()) {
      if (SwitchBody && isa<SwitchCase>(Child) && !CleanHere) {
        CleanHere = true;
        Here = {Witness::Case, Child->getBeginLoc()};
      }
      if (!CleanHere)
        continue;
      Paths Q = analyze(Child, Loops);
      addExits(P, Q, Here);
      CleanHere = Q.CleanOut;
      Here = either(Here, Q.OutWhere);
    }
    P.CleanOut = CleanHere;
    if (CleanHere)
      P.OutWhere = Here;
    return P;
  }

  Paths analyzeSimple(const Stmt *S) const {
    Paths P;
    if (alwaysCheckpoints(S))
      return P;
    if (const auto *E = dyn_cast<Expr>(S)) {
      const Expr *Inner = ignoreValueWrappers(E);
      if (isa<CXXThrowExpr>(Inner)) {
        P.CleanThrow = true;
        return P;
      }
      if (const auto *Call = dyn_cast<CallExpr>(Inner))
        if (const FunctionDecl *Callee = Call->getDirectCallee(); Callee && Callee->isNoReturn())
          return P;
    }
    // An await that only some evaluations reach.
    if (const Expr *Await = firstAwait(S))
      P.OutWhere = {Witness::Conditional, Await->getBeginLoc()};
    P.CleanOut = true;
    return P;
  }

  Paths analyzeIf(const IfStmt *If, unsigned Loops) const {
    Paths P;
    if (alwaysCheckpoints(If->getInit()) || alwaysCheckpoints(If->getConditionVariableDeclStmt()) ||
        alwaysCheckpoints(If->getCond()))
      return P;
    const Paths Then = analyze(If->getThen(), Loops);
    const Paths Else = analyze(If->getElse(), Loops);
    const SourceLocation CondLoc =
        If->getCond() ? If->getCond()->getBeginLoc() : If->getBeginLoc();
    // Where one branch checks and the other does not, the note names the
    // condition that picks the clean one.
    auto BranchWitness = [&](bool ThenClean, bool ElseClean) -> Witness {
      if (ThenClean && !ElseClean)
        return {Witness::ConditionTrue, CondLoc};
      if (ElseClean && !ThenClean)
        return {Witness::ConditionFalse, CondLoc};
      return {};
    };
    const Witness OutChoice = BranchWitness(Then.CleanOut, Else.CleanOut);
    P.CleanOut = Then.CleanOut || Else.CleanOut;
    if (P.CleanOut)
      P.OutWhere = Then.CleanOut ? either(Then.OutWhere, OutChoice)
                                 : either(Else.OutWhere, OutChoice);
    addExits(P, Then, BranchWitness(Then.CleanContinue, Else.CleanContinue));
    addExits(P, Else, BranchWitness(Then.CleanContinue, Else.CleanContinue));
    return P;
  }

  Paths analyzeSwitch(const SwitchStmt *Sw, unsigned Loops) const {
    Paths P;
    if (alwaysCheckpoints(Sw->getInit()) || alwaysCheckpoints(Sw->getCond()))
      return P;
    bool HasDefault = false;
    for (const SwitchCase *C = Sw->getSwitchCaseList(); C; C = C->getNextSwitchCase())
      HasDefault |= isa<DefaultStmt>(C);
    Paths Body;
    if (const auto *C = dyn_cast_or_null<CompoundStmt>(Sw->getBody()))
      Body = sequence(C, Loops, /*SwitchBody=*/true);
    else
      Body = analyze(Sw->getBody(), Loops);
    // A break inside the switch ends the switch, not the loop.
    P.CleanOut = Body.CleanOut || Body.CleanBreak || !HasDefault;
    P.OutWhere = Body.CleanOut    ? Body.OutWhere
                 : Body.CleanBreak ? Body.BreakWhere
                                   : Witness{Witness::Case, Sw->getBeginLoc()};
    P.CleanContinue = Body.CleanContinue;
    P.ContinueWhere = Body.ContinueWhere;
    P.CleanThrow = Body.CleanThrow;
    return P;
  }

  Paths analyzeTry(const CXXTryStmt *Try, unsigned Loops) const {
    const Paths Block = analyze(Try->getTryBlock(), Loops);
    Paths P = Block;
    P.CleanThrow = false;
    // A handler is entered without a checkpoint when the try block can throw
    // before its first one; when every path through the block checks first,
    // the exception most likely comes from that await.
    if (!(Block.CleanOut || Block.CleanContinue || Block.CleanBreak || Block.CleanThrow))
      return P;
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
      const CXXCatchStmt *Handler = Try->getHandler(I);
      const Paths H = analyze(Handler->getHandlerBlock(), Loops);
      const Witness Entry{Witness::Handler, Handler->getCatchLoc()};
      if (H.CleanOut && !P.CleanOut) {
        P.CleanOut = true;
        P.OutWhere = either(H.OutWhere, Entry);
      }
      addExits(P, H, Entry);
    }
    return P;
  }

  Paths analyzeInnerLoop(const Stmt *Loop, unsigned Loops) const {
    Paths P;
    const Stmt *Init = nullptr, *Cond = nullptr, *Body = nullptr;
    bool RunsOnce = false, Unbounded = false;
    if (const auto *W = dyn_cast<WhileStmt>(Loop)) {
      Cond = W->getCond();
      Body = W->getBody();
    } else if (const auto *F = dyn_cast<ForStmt>(Loop)) {
      Init = F->getInit();
      Cond = F->getCond();
      Body = F->getBody();
      Unbounded = !Cond;
    } else if (const auto *D = dyn_cast<DoStmt>(Loop)) {
      Cond = D->getCond();
      Body = D->getBody();
      RunsOnce = true;
    } else if (const auto *R = dyn_cast<CXXForRangeStmt>(Loop)) {
      Init = R->getRangeStmt();
      Body = R->getBody();
    }
    if (alwaysCheckpoints(Init))
      return P;
    Unbounded |= Cond && isConstantTrue(Cond);
    const Paths Inner = analyze(Body, Loops + 1);
    P.CleanThrow = Inner.CleanThrow;
    addExits(P, Paths{false, Inner.CleanContinue, false, false, {}, Inner.ContinueWhere, {}},
             {});
    // The inner loop's breaks end it: the outer iteration goes on from there.
    if (Inner.CleanBreak) {
      P.CleanOut = true;
      P.OutWhere = Inner.BreakWhere;
    }
    if (!Unbounded && !alwaysCheckpoints(Cond)) {
      if (!RunsOnce) {
        P.CleanOut = true;
        P.OutWhere = Inner.CleanOut ? Inner.OutWhere
                                    : Witness{Witness::ZeroIterations, Loop->getBeginLoc()};
      } else if (Inner.CleanOut) {
        P.CleanOut = true;
        P.OutWhere = Inner.OutWhere;
      }
    }
    return P;
  }

  const ApiModel &Api;
  const RuntimeModel &M;
  ASTContext &Ctx;
};

class UnboundedLoopCollector : public FunctionBodyVisitor<UnboundedLoopCollector> {
public:
  explicit UnboundedLoopCollector(const IterationAnalysis &A) : A(A) {}
  bool VisitWhileStmt(WhileStmt *S) { return add(S, S->getCond()); }
  bool VisitDoStmt(DoStmt *S) { return add(S, S->getCond()); }
  bool VisitForStmt(ForStmt *S) { return add(S, S->getCond()); }
  llvm::SmallVector<const Stmt *, 4> Loops;

private:
  bool add(const Stmt *Loop, const Expr *Cond) {
    if (!Cond || A.isConstantTrue(Cond))
      Loops.push_back(Loop);
    return true;
  }
  const IterationAnalysis &A;
};

} // namespace

void LoopWithoutCheckpointCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(modelledCoroutine().bind("coroutine"), this);
}

void LoopWithoutCheckpointCheck::check(const MatchFinder::MatchResult &Result) {
  BoundCoroutine Coroutine = boundCoroutine(Result, "coroutine");
  if (!Coroutine.Body || !Coroutine.Runtime)
    return;
  IterationAnalysis Analysis(api(), *Coroutine.Runtime, *Result.Context);
  UnboundedLoopCollector Collector(Analysis);
  Collector.TraverseStmt(const_cast<Stmt *>(Coroutine.Body));

  for (const Stmt *Loop : Collector.Loops) {
    // Code that did not compile may have lost its await.
    if (containsErrors(Loop))
      continue;
    Paths P = Analysis.analyzeLoop(Loop);
    if (!P.CleanOut && !P.CleanContinue)
      continue;
    const bool ChecksSomewhere = firstAwait(Loop) ||
                                 findMention(Loop, Role::CheckpointFunctions, api(),
                                             *Coroutine.Runtime) ||
                                 findMention(Loop, Role::CancellationQueryFunctions, api(),
                                             *Coroutine.Runtime);
    diag(Loop->getBeginLoc(),
         "infinite loop in a coroutine %select{never awaits or checks for cancellation|has a "
         "path through its body with no await and no cancellation check}0: it cannot be "
         "cancelled, and no other task on its event loop runs while it spins")
        << ChecksSomewhere;
    const Witness Where = P.CleanContinue ? P.ContinueWhere : P.OutWhere;
    if (!ChecksSomewhere || Where.How == Witness::None || Where.Loc.isInvalid())
      continue;
    diag(Where.Loc,
         "%select{|the next iteration starts here without an await or a cancellation check|"
         "when this condition is true, the iteration has no await and no cancellation check|"
         "when this condition is false, the iteration has no await and no cancellation check|"
         "this case has no await and no cancellation check|"
         "this loop may run zero times, leaving the iteration without an await|"
         "this handler has no await and no cancellation check|"
         "this await is skipped on some evaluations of the expression}0",
         DiagnosticIDs::Note)
        << static_cast<unsigned>(Where.How);
  }
}

} // namespace clang::tidy::async
