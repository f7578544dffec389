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

} // namespace

const Expr *ignoreValueWrappers(const Expr *E) {
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

namespace {

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
    E = ignoreValueWrappers(E);
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
    if (B->isAssignmentOp() && isCallTo(ignoreValueWrappers(B->getRHS()), "std::current_exception"))
      if (const auto *Ref = dyn_cast<DeclRefExpr>(B->getLHS()->IgnoreParenImpCasts()))
        Found = dyn_cast<VarDecl>(Ref->getDecl());
    return !Found;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *C) {
    if (C->getOperator() == OO_Equal && C->getNumArgs() == 2 &&
        isCallTo(ignoreValueWrappers(C->getArg(1)), "std::current_exception"))
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
    E = ignoreValueWrappers(E);
    if (!E)
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
    if (isa<CallExpr>(E) && Api.isCall(Role::CancellationQueryFunctions, E, M))
      return {CancellationTest::WhenTrue, E};
    // `co_await boost::cobalt::this_coro::cancelled`
    if (isa<CoawaitExpr>(E) &&
        awaitsRole(E, Role::CancellationQueryFunctions, Api, M))
      return {CancellationTest::WhenTrue, E};
    return {};
  }

private:
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
};

} // namespace

const Expr *awaitOperand(const Expr *Await) {
  if (const auto *Suspend = dyn_cast_or_null<CoroutineSuspendExpr>(Await))
    return ignoreValueWrappers(Suspend->getOperand());
  if (const auto *Dependent = dyn_cast_or_null<DependentCoawaitExpr>(Await))
    return ignoreValueWrappers(Dependent->getOperand());
  return nullptr;
}

bool awaitsRole(const Expr *Await, Role R, const ApiModel &Api, const RuntimeModel &M) {
  const Expr *Operand = awaitOperand(Await);
  if (!Operand)
    return false;
  if (isa<CallExpr>(Operand))
    return Api.isCall(R, Operand, M);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Operand))
    return Api.is(R, Ref->getDecl(), M);
  return false;
}

CancellationTest cancellationTestIn(const Expr *Condition, const ApiModel &Api,
                                    const RuntimeModel &M, ASTContext &Ctx) {
  return CancellationTestFinder(Api, M, Ctx).find(Condition);
}

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

bool containsErrors(const Stmt *S) {
  class ErrorFinder : public FunctionBodyVisitor<ErrorFinder> {
  public:
    bool VisitExpr(Expr *E) {
      Found = E->containsErrors();
      return !Found;
    }
    bool Found = false;
  } Finder;
  Finder.TraverseStmt(const_cast<Stmt *>(S));
  return Finder.Found;
}

const Stmt *coroutineBody(const FunctionDecl *F) {
  const FunctionDecl *Definition = nullptr;
  if (!F || !F->hasBody(Definition))
    return nullptr;
  const auto *Coro = dyn_cast_or_null<CoroutineBodyStmt>(Definition->getBody());
  return Coro ? Coro->getBody() : nullptr;
}

const FunctionDecl *coroutineCreatedBy(const Expr *E) {
  const auto *Call = dyn_cast_or_null<CallExpr>(ignoreValueWrappers(E));
  if (!Call)
    return nullptr;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return nullptr;
  const FunctionDecl *Definition = nullptr;
  if (!Callee->hasBody(Definition) || !isa<CoroutineBodyStmt>(Definition->getBody()))
    return nullptr;
  return Definition;
}

StorageRoot storageRoot(const Expr *E) {
  StorageRoot Root;
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && (U->getOpcode() == UO_Deref || U->getOpcode() == UO_AddrOf)) {
      Root.Indirect |= U->getOpcode() == UO_Deref;
      E = U->getSubExpr();
    } else if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
      Root.Indirect |= A->getBase()->IgnoreParenImpCasts()->getType()->isPointerType();
      E = A->getBase();
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
               Op && Op->getNumArgs() >= 1 &&
               (Op->getOperator() == OO_Subscript || Op->getOperator() == OO_Star ||
                Op->getOperator() == OO_Arrow)) {
      Root.Indirect |= Op->getOperator() != OO_Subscript;
      E = Op->getArg(0);
    } else if (const auto *M = dyn_cast<MemberExpr>(E)) {
      if (const auto *Static = dyn_cast<VarDecl>(M->getMemberDecl())) {
        Root.How = StorageRoot::Global;
        Root.Decl = Static;
        return Root;
      }
      if (isa<CXXThisExpr>(M->getBase()->IgnoreParenImpCasts())) {
        Root.How = StorageRoot::Member;
        Root.Decl = M->getMemberDecl();
        return Root;
      }
      Root.Indirect |= M->isArrow();
      E = M->getBase();
    } else if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      if (!Var)
        return Root;
      Root.Decl = Var;
      if (Var->hasGlobalStorage())
        Root.How = Var->isStaticLocal() ? StorageRoot::StaticLocal : StorageRoot::Global;
      else if (Ref->refersToEnclosingVariableOrCapture())
        Root.How = StorageRoot::Captured;
      else
        Root.How = isa<ParmVarDecl>(Var) ? StorageRoot::Parameter : StorageRoot::Local;
      Root.Indirect |= Var->getType()->isReferenceType() || Var->getType()->isPointerType();
      return Root;
    } else {
      return Root;
    }
  }
  return Root;
}

bool isGroupLike(QualType T, const ApiModel &Api, const RuntimeModel &M) {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  return Api.isType(Role::GroupTypes, T, M);
}

const Expr *spawnTarget(const CallExpr *Spawn, const ApiModel &Api, const RuntimeModel &M) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Spawn))
    if (const Expr *Object = Member->getImplicitObjectArgument();
        Object && isGroupLike(Object->getType(), Api, M))
      return Object;
  for (const Expr *Arg : Spawn->arguments())
    if (isGroupLike(Arg->getType(), Api, M))
      return Arg;
  return nullptr;
}

} // namespace clang::tidy::async
