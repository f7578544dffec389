//===--- CoroutineAnalysis.cpp - Questions several checks ask -------------===//

#include "CoroutineAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Version.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/raw_ostream.h"

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

class MentionFinder : public FunctionBodyVisitor<MentionFinder> {
public:
  MentionFinder(Role R, const ApiModel &Api, const RuntimeModel &M) : R(R), Api(Api), M(M) {}
  bool VisitCallExpr(CallExpr *E) {
    return check(E, Api.match(R, E, Within::runtime(M)) != nullptr);
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    return check(E, Api.match(R, E->getDecl(), Within::runtime(M)) != nullptr);
  }
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
    if (B->isAssignmentOp())
      store(B->getLHS(), B->getRHS());
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *C) {
    if (C->getOperator() == OO_Equal && C->getNumArgs() == 2)
      store(C->getArg(0), C->getArg(1));
    return true;
  }
  bool VisitVarDecl(VarDecl *V) {
    if (V->hasLocalStorage() && V->getInit() && isCurrentExceptionCall(V->getInit()) &&
        !Found.Local)
      Found.Local = V;
    return true;
  }
  StoredException Found;

private:
  void store(const Expr *Target, const Expr *Value) {
    if (!isCurrentExceptionCall(Value))
      return;
    StorageRoot Root = storageRoot(Target);
    const auto *Var = dyn_cast_or_null<VarDecl>(Root.Decl);
    if (Root.How == StorageRoot::Local && !Root.Indirect && Var) {
      if (!Found.Local)
        Found.Local = Var;
    } else {
      Found.Outlives = true;
    }
  }
};

class DiscardFinder : public FunctionBodyVisitor<DiscardFinder> {
public:
  explicit DiscardFinder(llvm::function_ref<void(const Expr *, Discard, const Expr *)> Fn)
      : Fn(Fn) {}

  bool VisitCompoundStmt(CompoundStmt *S) {
    for (const Stmt *Child : S->body())
      statement(Child);
    return true;
  }
  bool VisitIfStmt(IfStmt *S) {
    statement(S->getThen());
    statement(S->getElse());
    return true;
  }
  bool VisitWhileStmt(WhileStmt *S) { return statement(S->getBody()); }
  bool VisitDoStmt(DoStmt *S) { return statement(S->getBody()); }
  bool VisitForStmt(ForStmt *S) {
    statement(S->getInit());
    statement(S->getInc());
    return statement(S->getBody());
  }
  bool VisitCXXForRangeStmt(CXXForRangeStmt *S) { return statement(S->getBody()); }
  bool VisitSwitchCase(SwitchCase *S) { return statement(S->getSubStmt()); }
  bool VisitLabelStmt(LabelStmt *S) { return statement(S->getSubStmt()); }
  bool VisitAttributedStmt(AttributedStmt *S) { return statement(S->getSubStmt()); }
  bool VisitExplicitCastExpr(ExplicitCastExpr *Cast) {
    if (Cast->getType()->isVoidType())
      discard(Cast->getSubExpr(), Discard::CastToVoid, Cast);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->getOpcode() == BO_Comma)
      discard(B->getLHS(), Discard::CommaOperand, B);
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getOperator() != OO_Equal || Op->getNumArgs() != 2)
      return true;
    const auto *Target = dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreParenImpCasts());
    if (Target && isa<VarDecl>(Target->getDecl()) &&
        modelName(Target->getDecl()) == "std::ignore")
      discard(Op->getArg(1), Discard::AssignedToIgnore, Op);
    return true;
  }

private:
  bool statement(const Stmt *S) {
    if (const auto *E = dyn_cast_or_null<Expr>(S))
      discard(E, Discard::Statement, nullptr);
    return true;
  }
  void discard(const Expr *E, Discard How, const Expr *Site) {
    // A statement's value flows into the arms of a conditional and the
    // right operand of a comma, discarded with it.
    llvm::SmallVector<const Expr *, 4> Work{E};
    while (!Work.empty()) {
      const Expr *Each = Work.pop_back_val();
      if (!Each)
        continue;
      Each = strip(Each);
      if (const auto *Comma = dyn_cast<BinaryOperator>(Each);
          Comma && Comma->getOpcode() == BO_Comma) {
        Work.push_back(Comma->getRHS());
        continue;
      }
      if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(Each)) {
        Work.push_back(Cond->getTrueExpr());
        Work.push_back(Cond->getFalseExpr());
        continue;
      }
      // `(void)f()` is reported by its cast, not as a statement too.
      if (const auto *Cast = dyn_cast<ExplicitCastExpr>(Each); Cast && Cast->getType()->isVoidType())
        continue;
      Fn(Each, How, Site ? Site : Each);
    }
  }
  static const Expr *strip(const Expr *E) {
    while (true) {
      E = E->IgnoreParenImpCasts();
      if (const auto *C = dyn_cast<ExprWithCleanups>(E))
        E = C->getSubExpr();
      else if (const auto *C = dyn_cast<CXXBindTemporaryExpr>(E))
        E = C->getSubExpr();
      else if (const auto *C = dyn_cast<MaterializeTemporaryExpr>(E))
        E = C->getSubExpr();
      else if (const auto *C = dyn_cast<ConstantExpr>(E))
        E = C->getSubExpr();
      else
        return E;
    }
  }
  llvm::function_ref<void(const Expr *, Discard, const Expr *)> Fn;
};

} // namespace

const Expr *ignoreValueWrappers(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *C = dyn_cast<ExprWithCleanups>(E))
      E = C->getSubExpr();
    else if (const auto *C = dyn_cast<CXXBindTemporaryExpr>(E))
      E = C->getSubExpr();
    else if (const auto *C = dyn_cast<MaterializeTemporaryExpr>(E))
      E = C->getSubExpr();
    else if (const auto *C = dyn_cast<ConstantExpr>(E))
      E = C->getSubExpr();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(E);
             C && C->getNumArgs() == 1 && C->getConstructor()->isCopyOrMoveConstructor())
      E = C->getArg(0);
    else if (const auto *C = dyn_cast<CallExpr>(E);
             C && C->getNumArgs() == 1 && (C->isCallToStdMove() || [&] {
               const auto *Callee = C->getDirectCallee();
               return Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
                      Callee->getName() == "forward";
             }()))
      E = C->getArg(0);
    else
      return E;
  }
  return E;
}

bool isCurrentExceptionCall(const Expr *E) {
  const auto *Call = dyn_cast_or_null<CallExpr>(ignoreValueWrappers(E));
  const auto *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && modelName(Callee) == "std::current_exception";
}

std::string calleeName(const CallExpr *Call) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call); Op && Op->getOperator() == OO_Call)
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreParenImpCasts());
        Ref && isa<VarDecl>(Ref->getDecl())) {
      // The object as spelled, qualifier included (exec::start_detached
      // through the namespace alias), when the source has it.
      const ASTContext &Ctx = Ref->getDecl()->getASTContext();
      const SourceRange Range = Ref->getSourceRange();
      if (Range.isValid() && !Range.getBegin().isMacroID() && !Range.getEnd().isMacroID()) {
        bool Invalid = false;
        llvm::StringRef Text =
            Lexer::getSourceText(CharSourceRange::getTokenRange(Range), Ctx.getSourceManager(),
                                 Ctx.getLangOpts(), &Invalid);
        if (!Invalid && !Text.empty() && Text.find_first_of(" \t\n<") == llvm::StringRef::npos)
          return Text.str();
      }
      return modelName(Ref->getDecl());
    }
  if (const auto *Callee = dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl()))
    return modelName(Callee);
  return "the call";
}

std::string substitute(llvm::StringRef Template, llvm::StringRef Text) {
  std::string Result;
  while (true) {
    auto [Head, Tail] = Template.split("$0");
    Result += Head;
    if (Head.size() == Template.size())
      return Result;
    Result += Text;
    Template = Tail;
  }
}

bool mentions(const Stmt *S, const ValueDecl *D) {
  // A work list, not recursion: generated expressions nest deeply.
  llvm::SmallVector<const Stmt *, 16> Work{S};
  while (!Work.empty()) {
    const Stmt *Cur = Work.pop_back_val();
    if (!Cur)
      continue;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Cur); Ref && Ref->getDecl() == D)
      return true;
    llvm::append_range(Work, Cur->children());
  }
  return false;
}

llvm::SmallVector<const CXXTryStmt *, 4> tryStatementsIn(const Stmt *S) {
  class Collector : public FunctionBodyVisitor<Collector> {
  public:
    bool VisitCXXTryStmt(CXXTryStmt *T) {
      Tries.push_back(T);
      return true;
    }
    llvm::SmallVector<const CXXTryStmt *, 4> Tries;
  } C;
  C.TraverseStmt(const_cast<Stmt *>(S));
  return C.Tries;
}

const Expr *awaitOperand(const Expr *Await) {
  if (const auto *Suspend = dyn_cast_or_null<CoroutineSuspendExpr>(Await)) {
    const Expr *Operand = ignoreValueWrappers(Suspend->getOperand());
    // Before LLVM 16 the operand is the promise's await_transform(x) call
    // when the promise has one; what was written is its argument.
    if (const auto *Transform = dyn_cast_or_null<CXXMemberCallExpr>(Operand);
        Transform && Transform->getNumArgs() == 1 && Transform->getMethodDecl() &&
        Transform->getMethodDecl()->getDeclName().isIdentifier() &&
        Transform->getMethodDecl()->getName() == "await_transform" &&
        Transform->getExprLoc() == Suspend->getKeywordLoc())
      return ignoreValueWrappers(Transform->getArg(0));
    return Operand;
  }
  if (const auto *Dependent = dyn_cast_or_null<DependentCoawaitExpr>(Await))
    return ignoreValueWrappers(Dependent->getOperand());
  return nullptr;
}

bool awaitsRole(const Expr *Await, Role R, const ApiModel &Api, const RuntimeModel &M) {
  const Expr *Operand = awaitOperand(Await);
  if (!Operand)
    return false;
  // A call, a function object's call, or a tag object built in place
  // (`co_await async_simple::coro::Yield{}`).
  if (isa<CallExpr, CXXConstructExpr>(Operand))
    return Api.match(R, Operand, Within::runtime(M));
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Operand))
    return Api.match(R, Ref->getDecl(), Within::runtime(M));
  // An aggregate tag built in place: `co_await async_simple::coro::Yield{}`.
  bool Aggregate = isa<CXXFunctionalCastExpr, InitListExpr>(Operand);
#if CLANG_VERSION_MAJOR >= 16
  Aggregate = Aggregate || isa<CXXParenListInitExpr>(Operand); // C++20 `Tag(...)`
#endif
  if (Aggregate)
    if (const NamedDecl *D = typeDecl(Operand->getType()))
      return Api.match(R, D, Within::runtime(M));
  return false;
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

const CXXCatchStmt *firstCancellationHandler(const CXXTryStmt *Try, const ApiModel &Api,
                                             const RuntimeModel &M, ASTContext &Ctx) {
  for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
    const CXXCatchStmt *Handler = Try->getHandler(I);
    const bool CatchAll = !Handler->getExceptionDecl();
    const Type *Caught = CatchAll ? nullptr : Handler->getCaughtType().getTypePtrOrNull();
    if (!CatchAll && (!Caught || Handler->getCaughtType()->isDependentType()))
      continue;
    if (Api.handlerReceivesCancellation(Caught, M, Ctx))
      return Handler;
  }
  return nullptr;
}

StoredException storedCurrentException(const CXXCatchStmt *Handler) {
  CurrentExceptionStore S;
  S.TraverseStmt(const_cast<Stmt *>(Handler->getHandlerBlock()));
  return S.Found;
}

void forEachDiscarded(const Stmt *Body,
                      llvm::function_ref<void(const Expr *, Discard, const Expr *)> Fn) {
  DiscardFinder F(Fn);
  F.TraverseStmt(const_cast<Stmt *>(Body));
}

bool isConstantTrue(const Expr *E, ASTContext &Ctx) {
  if (!E || E->isValueDependent() || E->containsErrors())
    return false;
  bool Value = false;
  return E->EvaluateAsBooleanCondition(Value, Ctx) && Value;
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

bool isGroupLike(QualType T, const ApiModel &Api, Within W) {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  return Api.match(Role::GroupTypes, T, W) || Api.match(Role::DetachedGroupTypes, T, W);
}

const Expr *spawnTarget(const CallExpr *Spawn, const ApiModel &Api, Within W) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Spawn))
    if (const Expr *Object = Member->getImplicitObjectArgument();
        Object && isGroupLike(Object->getType(), Api, W))
      return Object;
  for (const Expr *Arg : Spawn->arguments())
    if (isGroupLike(Arg->getType(), Api, W))
      return Arg;
  return nullptr;
}

} // namespace clang::tidy::async
