//===--- CoroutineAnalysis.cpp - Shared questions about coroutine bodies --===//

#include "CoroutineAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::async {

namespace {

class AwaitCollector : public FunctionBodyVisitor<AwaitCollector> {
public:
  explicit AwaitCollector(llvm::function_ref<bool(const Expr *)> Fn) : Fn(Fn) {}
  bool VisitCoawaitExpr(CoawaitExpr *E) { return Fn(E); }
  bool VisitDependentCoawaitExpr(DependentCoawaitExpr *E) { return Fn(E); }
  bool VisitCoyieldExpr(CoyieldExpr *E) { return Fn(E); }

private:
  llvm::function_ref<bool(const Expr *)> Fn; // false stops the walk
};

bool isCallTo(const Expr *E, llvm::StringRef Name) {
  const auto *Call = dyn_cast_or_null<CallExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  const auto *Callee = Call ? dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl()) : nullptr;
  return Callee && modelName(Callee) == Name;
}

const Expr *ignoreWrappers(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  while (true) {
    if (const auto *C = dyn_cast<ExprWithCleanups>(E))
      E = C->getSubExpr()->IgnoreParenImpCasts();
    else if (const auto *C = dyn_cast<CXXBindTemporaryExpr>(E))
      E = C->getSubExpr()->IgnoreParenImpCasts();
    else if (const auto *C = dyn_cast<MaterializeTemporaryExpr>(E))
      E = C->getSubExpr()->IgnoreParenImpCasts();
    else if (const auto *C = dyn_cast<CStyleCastExpr>(E); C && C->getType()->isVoidType())
      E = C->getSubExpr()->IgnoreParenImpCasts();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(E);
             C && C->getNumArgs() == 1 && C->getConstructor()->isCopyOrMoveConstructor())
      E = C->getArg(0)->IgnoreParenImpCasts();
    else
      return E;
  }
}

/// What the paths through a statement do with the exception in flight.
struct Flow {
  const Stmt *Escape = nullptr; ///< first exit without a rethrow
  HandlerExit::Kind EscapeKind = HandlerExit::Returns;
  bool FallsThrough = true; ///< some path reaches the statement's end
  bool Rethrows = false;    ///< some path rethrows
};

class HandlerFlow {
public:
  HandlerFlow(const ApiModel &Api, const RuntimeModel &M, ASTContext &Ctx)
      : Api(Api), M(M), Ctx(Ctx) {}

  Flow analyze(const Stmt *S, unsigned Loops, unsigned Breakables) {
    Flow F;
    if (!S)
      return F;
    if (const auto *C = dyn_cast<CompoundStmt>(S)) {
      for (const Stmt *Child : C->body()) {
        if (!F.FallsThrough)
          break; // the rest is unreachable
        Flow G = analyze(Child, Loops, Breakables);
        merge(F, G);
        F.FallsThrough = G.FallsThrough;
      }
      return F;
    }
    if (isa<ReturnStmt, CoreturnStmt>(S))
      return escape(S, HandlerExit::Returns);
    if (isa<GotoStmt, IndirectGotoStmt>(S))
      return escape(S, HandlerExit::Jumps);
    if (isa<BreakStmt>(S))
      return Breakables ? ends() : escape(S, HandlerExit::Jumps);
    if (isa<ContinueStmt>(S))
      return Loops ? ends() : escape(S, HandlerExit::Jumps);
    if (const auto *L = dyn_cast<LabelStmt>(S))
      return analyze(L->getSubStmt(), Loops, Breakables);
    if (const auto *A = dyn_cast<AttributedStmt>(S))
      return analyze(A->getSubStmt(), Loops, Breakables);
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      Flow Then = analyze(If->getThen(), Loops, Breakables);
      Flow Else = analyze(If->getElse(), Loops, Breakables);
      merge(Then, Else);
      Then.FallsThrough |= Else.FallsThrough;
      return Then;
    }
    if (isa<WhileStmt, ForStmt, CXXForRangeStmt, DoStmt>(S)) {
      const Stmt *Body = nullptr;
      if (const auto *W = dyn_cast<WhileStmt>(S))
        Body = W->getBody();
      else if (const auto *For = dyn_cast<ForStmt>(S))
        Body = For->getBody();
      else if (const auto *R = dyn_cast<CXXForRangeStmt>(S))
        Body = R->getBody();
      else
        Body = cast<DoStmt>(S)->getBody();
      F = analyze(Body, Loops + 1, Breakables + 1);
      F.FallsThrough = true;
      return F;
    }
    if (const auto *Sw = dyn_cast<SwitchStmt>(S)) {
      F = analyze(Sw->getBody(), Loops, Breakables + 1);
      F.FallsThrough = true;
      return F;
    }
    if (const auto *Case = dyn_cast<SwitchCase>(S))
      return analyze(Case->getSubStmt(), Loops, Breakables);
    if (const auto *Try = dyn_cast<CXXTryStmt>(S))
      return analyzeNestedTry(Try, Loops, Breakables);
    if (const auto *E = dyn_cast<Expr>(S))
      return analyzeExpr(E, S);
    return F;
  }

private:
  static Flow ends() {
    Flow F;
    F.FallsThrough = false;
    return F;
  }
  static Flow escape(const Stmt *S, HandlerExit::Kind K) {
    Flow F = ends();
    F.Escape = S;
    F.EscapeKind = K;
    return F;
  }
  static Flow rethrows() {
    Flow F = ends();
    F.Rethrows = true;
    return F;
  }
  static void merge(Flow &Into, const Flow &Other) {
    if (!Into.Escape && Other.Escape) {
      Into.Escape = Other.Escape;
      Into.EscapeKind = Other.EscapeKind;
    }
    Into.Rethrows |= Other.Rethrows;
  }

  Flow analyzeExpr(const Expr *E, const Stmt *S) {
    E = ignoreWrappers(E);
    if (const auto *Throw = dyn_cast<CXXThrowExpr>(E))
      return Throw->getSubExpr() ? escape(S, HandlerExit::ThrowsOther) : rethrows();
    if (isCallTo(E, "std::rethrow_exception"))
      return rethrows();
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (const FunctionDecl *Callee = Call->getDirectCallee(); Callee && Callee->isNoReturn())
        return ends();
    return Flow();
  }

  // A rethrow inside a nested try goes to the first of its handlers that
  // receives the exception; what that handler does decides.
  Flow analyzeNestedTry(const CXXTryStmt *Try, unsigned Loops, unsigned Breakables) {
    Flow Block = analyze(Try->getTryBlock(), Loops, Breakables);
    if (!Block.Rethrows)
      return Block; // its handlers only see other exceptions
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
      const CXXCatchStmt *H = Try->getHandler(I);
      const Type *Caught =
          H->getExceptionDecl() ? H->getCaughtType().getTypePtrOrNull() : nullptr;
      if (!Api.handlerReceivesCancellation(Caught, M, Ctx))
        continue;
      Flow Handler = analyze(H->getHandlerBlock(), Loops, Breakables);
      Flow Result = Block;
      Result.Rethrows = false;
      merge(Result, Handler);
      Result.Rethrows = Handler.Rethrows;
      // Falling off the inner handler goes on after the inner try, still
      // inside the outer handler: not an exit by itself.
      Result.FallsThrough = Block.FallsThrough || Handler.FallsThrough;
      return Result;
    }
    return Block;
  }

  const ApiModel &Api;
  const RuntimeModel &M;
  ASTContext &Ctx;
};

class MentionFinder : public FunctionBodyVisitor<MentionFinder> {
public:
  MentionFinder(Role R, const ApiModel &Api, const RuntimeModel &M) : R(R), Api(Api), M(M) {}
  bool VisitCallExpr(CallExpr *E) { return check(E, Api.isCall(R, E, M)); }
  bool VisitDeclRefExpr(DeclRefExpr *E) { return check(E, Api.is(R, E->getDecl(), M)); }
  const Expr *Found = nullptr;

private:
  bool check(const Expr *E, bool Matches) {
    if (Matches)
      Found = E;
    return !Found;
  }
  Role R;
  const ApiModel &Api;
  const RuntimeModel &M;
};

class CurrentExceptionStore : public FunctionBodyVisitor<CurrentExceptionStore> {
public:
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->isAssignmentOp() && isCallTo(ignoreWrappers(B->getRHS()), "std::current_exception"))
      if (const auto *Ref = dyn_cast<DeclRefExpr>(B->getLHS()->IgnoreParenImpCasts()))
        Found = dyn_cast<VarDecl>(Ref->getDecl());
    return !Found;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *C) {
    if (C->getOperator() == OO_Equal && C->getNumArgs() == 2 &&
        isCallTo(ignoreWrappers(C->getArg(1)), "std::current_exception"))
      if (const auto *Ref = dyn_cast<DeclRefExpr>(C->getArg(0)->IgnoreParenImpCasts()))
        Found = dyn_cast<VarDecl>(Ref->getDecl());
    return !Found;
  }
  const VarDecl *Found = nullptr;
};

class RethrowFinder : public FunctionBodyVisitor<RethrowFinder> {
public:
  explicit RethrowFinder(const VarDecl *Var) : Var(Var) {}
  bool VisitCallExpr(CallExpr *C) {
    if (C->getNumArgs() == 1 && isCallTo(C, "std::rethrow_exception"))
      if (const auto *Ref = dyn_cast<DeclRefExpr>(ignoreWrappers(C->getArg(0))))
        if (Ref->getDecl() == Var)
          Found = C;
    return !Found;
  }
  const VarDecl *Var;
  const CallExpr *Found = nullptr;
};

} // namespace

void forEachAwait(const Stmt *S, llvm::function_ref<void(const Expr *)> Fn) {
  auto Visit = [&](const Expr *E) {
    Fn(E);
    return true;
  };
  AwaitCollector C(Visit);
  C.TraverseStmt(const_cast<Stmt *>(S));
}

const Expr *firstAwait(const Stmt *S) {
  const Expr *First = nullptr;
  auto Visit = [&](const Expr *E) {
    First = E;
    return false;
  };
  AwaitCollector C(Visit);
  C.TraverseStmt(const_cast<Stmt *>(S));
  return First;
}

const Expr *findMention(const Stmt *S, Role R, const ApiModel &Api, const RuntimeModel &M) {
  MentionFinder F(R, Api, M);
  F.TraverseStmt(const_cast<Stmt *>(S));
  return F.Found;
}

std::optional<HandlerExit> exitWithoutRethrow(const CXXCatchStmt *Handler,
                                              const ApiModel &Api,
                                              const RuntimeModel &M, ASTContext &Ctx) {
  const Stmt *Block = Handler->getHandlerBlock();
  Flow F = HandlerFlow(Api, M, Ctx).analyze(Block, 0, 0);
  if (F.Escape)
    return HandlerExit{F.EscapeKind, F.Escape};
  if (F.FallsThrough)
    return HandlerExit{HandlerExit::FallsOff, Block};
  return std::nullopt;
}

const VarDecl *storedCurrentException(const CXXCatchStmt *Handler) {
  CurrentExceptionStore S;
  S.TraverseStmt(const_cast<Stmt *>(Handler->getHandlerBlock()));
  return S.Found;
}

const CallExpr *findRethrowOf(const Stmt *S, const VarDecl *Var) {
  if (!Var)
    return nullptr;
  RethrowFinder F(Var);
  F.TraverseStmt(const_cast<Stmt *>(S));
  return F.Found;
}

} // namespace clang::tidy::async
