//===--- TaskEscapesGroupCheck.cpp - async-task-escapes-group -------------===//
//
// Two kinds of finding, both about lifetimes:
//
// * a group, or a handle of one of its children, is stored where it outlives
//   the group's scope (a member, a global, a static, a variable of an
//   enclosing function, the caller's storage) or is handed to a detached task;
//
// * a child holds on to an object of this frame that dies first: a local
//   bound to a reference parameter, a pointer or view (string_view, span,
//   iterator, std::ref, an aggregate of references) made from a local, a
//   local captured by reference, the local object a member coroutine runs
//   on, `this` of a member coroutine started detached with nothing keeping
//   the object alive, or the closure of a coroutine lambda that is a
//   temporary. A child spawned detached, or into a group this frame does not
//   own, can outlive the frame; one spawned into the frame's own group cannot
//   outlive the locals declared before the group.
//
// Values are followed one step inside the function (a view initialised from
// a local, a task built earlier, a lambda stored in a local); the child's
// own definition, where visible, says whether it uses what it was given.
//
//===----------------------------------------------------------------------===//

#include "TaskEscapesGroupCheck.h"
#include "CoroutineAnalysis.h"
#include "FunctionFlow.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTLambda.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

/// Storage that outlives any group this frame can see: where a group or a
/// handle stored there escapes.
enum class Sink { Member, Global, Static, Enclosing, Caller };

std::optional<Sink> sinkOf(const StorageRoot &Root) {
  switch (Root.How) {
  case StorageRoot::Member:
    return Sink::Member;
  case StorageRoot::Global:
    return Sink::Global;
  case StorageRoot::StaticLocal:
    return Sink::Static;
  case StorageRoot::Captured:
    return Sink::Enclosing;
  case StorageRoot::Parameter:
    if (Root.Indirect)
      return Sink::Caller;
    return std::nullopt;
  default:
    return std::nullopt;
  }
}

/// How a child was started.
enum class Spawned { Detached, IntoUnownedGroup, IntoOwnGroup, LeftRunning };

/// An object of this frame that a child holds on to.
struct Held {
  enum Kind {
    Bound,    ///< bound to a reference parameter
    Pointer,  ///< a pointer or view made from it
    Captured, ///< captured by reference by a lambda the child keeps
    Object,   ///< the object a member coroutine (or a named lambda) runs on
  };
  Kind How;
  const VarDecl *Var;
  SourceLocation Loc;                 ///< where the spawn names it
  const FunctionDecl *Child = nullptr; ///< the coroutine that holds it, when visible
  const Decl *Holder = nullptr;        ///< its parameter that holds it
};

/// A member coroutine started on `this`, or a lambda capturing `this`.
struct ThisUse {
  const FunctionDecl *Coroutine; ///< the member coroutine or the lambda's call operator
  SourceLocation Loc;
  const CXXRecordDecl *Class;
  bool KeptAlive; ///< the spawn itself holds an owner of the object
};

/// A variable of this function with automatic storage whose object lives in
/// the frame: not a reference, not a static.
bool isFrameObject(const VarDecl *V, const FunctionDecl *Frame) {
  return V && V->hasLocalStorage() && !V->getType()->isReferenceType() &&
         V->getDeclContext() == Frame;
}

/// The local object \p E names (a member or element of it included), when
/// it lives in this frame.
const VarDecl *frameObjectNamed(const Expr *E, const FunctionDecl *Frame) {
  if (!E)
    return nullptr;
  StorageRoot Root = storageRoot(E);
  if ((Root.How != StorageRoot::Local && Root.How != StorageRoot::Parameter) || Root.Indirect)
    return nullptr;
  const auto *Var = dyn_cast_or_null<VarDecl>(Root.Decl);
  return isFrameObject(Var, Frame) ? Var : nullptr;
}

/// Whether the body of \p F uses \p D at all.
bool usesDecl(const Stmt *Body, const Decl *D) {
  class Finder : public FunctionBodyVisitor<Finder> {
  public:
    explicit Finder(const Decl *D) : D(D) {}
    bool VisitDeclRefExpr(DeclRefExpr *E) {
      Found |= E->getDecl() == D;
      return !Found;
    }
    const Decl *D;
    bool Found = false;
  } F(D);
  F.TraverseStmt(const_cast<Stmt *>(Body));
  return F.Found;
}

/// The lambda a callee object is: a closure temporary, or a local closure
/// variable initialised from one.
const LambdaExpr *lambdaOf(const Expr *E, const VarDecl **Named) {
  E = ignoreValueWrappers(E);
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl())) {
      if (Named)
        *Named = Var;
      return dyn_cast_or_null<LambdaExpr>(ignoreValueWrappers(Var->getInit()));
    }
  return dyn_cast_or_null<LambdaExpr>(E);
}

/// The lambda whose call operator \p Call calls, and the object it is
/// called on.
const LambdaExpr *calledLambda(const CallExpr *Call, const Expr **Object) {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
  if (!Op || Op->getOperator() != OO_Call || Op->getNumArgs() == 0)
    return nullptr;
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Op->getCalleeDecl());
  if (!Method || !Method->getParent()->isLambda())
    return nullptr;
  *Object = Op->getArg(0);
  return Method->getParent()->getLambdaCallOperator() ? lambdaOf(Op->getArg(0), nullptr)
                                                      : nullptr;
}

/// The first use in \p Body of one of \p L's captures (or `this`), after the
/// coroutine's first suspension when \p AfterSuspension; null when none.
const Expr *captureUse(const LambdaExpr *L, bool AfterSuspension, const FunctionFlow *Flow,
                       const ASTContext &Ctx) {
  const CXXMethodDecl *Op = L->getCallOperator();
  const Stmt *Body = coroutineBody(Op);
  if (!Body)
    Body = Op->getBody();
  if (!Body)
    return nullptr;
  llvm::SmallPtrSet<const ValueDecl *, 4> Captured;
  bool CapturesThis = false;
  for (const LambdaCapture &C : L->captures()) {
    if (C.capturesVariable())
      Captured.insert(C.getCapturedVar());
    else if (C.capturesThis())
      CapturesThis = true;
  }
  const Expr *After = AfterSuspension ? firstAwait(Body) : nullptr;
  if (AfterSuspension && !After)
    return nullptr;
  class Finder : public FunctionBodyVisitor<Finder> {
  public:
    bool VisitDeclRefExpr(DeclRefExpr *E) {
      if (E->refersToEnclosingVariableOrCapture() && Captured->contains(E->getDecl()))
        consider(E);
      return true;
    }
    bool VisitCXXThisExpr(CXXThisExpr *E) {
      if (CapturesThis)
        consider(E);
      return true;
    }
    void consider(const Expr *E) {
      if (Found)
        return;
      // The first await's operand is evaluated before it suspends.
      if (After && !SM->isBeforeInTranslationUnit(After->getEndLoc(), E->getBeginLoc()))
        return;
      Found = E;
    }
    const llvm::SmallPtrSet<const ValueDecl *, 4> *Captured;
    bool CapturesThis;
    const Expr *After;
    const SourceManager *SM;
    const Expr *Found = nullptr;
  } F;
  F.Captured = &Captured;
  F.CapturesThis = CapturesThis;
  F.After = After;
  F.SM = &Ctx.getSourceManager();
  F.TraverseStmt(const_cast<Stmt *>(Body));
  (void)Flow;
  return F.Found;
}

/// What a spawn's child holds on to from this frame: the arguments of the
/// calls that build its tasks (and the tasks built earlier in this frame
/// that it is given), the captures of the lambdas it keeps, the objects its
/// member coroutines run on.
class ChildScan : public RecursiveASTVisitor<ChildScan> {
public:
  ChildScan(const ApiModel &Api, const FunctionDecl *Frame) : Api(Api), Frame(Frame) {}

  void scan(const Expr *E) {
    Pending.push_back(E);
    while (!Pending.empty())
      TraverseStmt(const_cast<Expr *>(Pending.pop_back_val()));
  }

  bool TraverseLambdaExpr(LambdaExpr *L) {
    lambdaKept(L, L->getBeginLoc());
    for (Expr *Init : L->capture_inits())
      if (Init)
        TraverseStmt(Init);
    return true;
  }
  bool TraverseBlockExpr(BlockExpr *) { return true; }
  bool TraverseDecl(Decl *) { return true; }

  bool VisitCallExpr(CallExpr *C) {
    if (C->isCallToStdMove() || !makesTask(C))
      return true;
    const auto *Callee = dyn_cast_or_null<FunctionDecl>(C->getCalleeDecl());
    if (!Callee)
      return true;
    const FunctionDecl *Child = coroutineCreatedBy(C);
    // The object a member coroutine runs on; a lambda called in place.
    const Expr *LambdaObject = nullptr;
    if (const LambdaExpr *L = calledLambda(C, &LambdaObject)) {
      const VarDecl *Named = nullptr;
      lambdaOf(LambdaObject, &Named);
      if (Named && isFrameObject(Named, Frame)) {
        // A named lambda: the child runs on that local closure.
        Found.push_back({Held::Object, Named, LambdaObject->getBeginLoc(), nullptr, nullptr});
        lambdaKept(L, LambdaObject->getBeginLoc());
      } else {
        // Its captures, by reference, still name this frame's locals (the
        // closure's own death is the temporary-closure finding).
        TemporaryLambdas.push_back(L);
        lambdaKept(L, L->getBeginLoc());
      }
    } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(C)) {
      object(Member->getImplicitObjectArgument(), Member->getMethodDecl(), Member);
    }
    // A member operator's object is its first argument, not a parameter.
    unsigned Offset = isa<CXXOperatorCallExpr>(C) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
    for (unsigned I = Offset; I < C->getNumArgs(); ++I) {
      const ParmVarDecl *Param =
          I - Offset < Callee->getNumParams() ? Callee->getParamDecl(I - Offset) : nullptr;
      const ParmVarDecl *Holder =
          Child && I - Offset < Child->getNumParams() ? Child->getParamDecl(I - Offset) : nullptr;
      argument(C->getArg(I), Param, Child, Holder);
    }
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *C) {
    if (!Api.runtimeOfTaskType(C->getType()) || C->getConstructor()->isCopyOrMoveConstructor())
      return true;
    for (unsigned I = 0; I < C->getNumArgs(); ++I)
      argument(C->getArg(I),
               I < C->getConstructor()->getNumParams() ? C->getConstructor()->getParamDecl(I)
                                                        : nullptr,
               nullptr, nullptr);
    return true;
  }
  // A task or a callable built earlier in this frame carries what its
  // construction used. Followed through a worklist: a chain of locals each
  // moved from the last can be as long as the function.
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var || !Var->hasLocalStorage() || Ref->refersToEnclosingVariableOrCapture() ||
        !Var->getInit() || !Followed.insert(Var).second)
      return true;
    if (Api.runtimeOfTaskType(Var->getType()))
      Pending.push_back(Var->getInit());
    else if (const auto *L = dyn_cast_or_null<LambdaExpr>(ignoreValueWrappers(Var->getInit()));
             L && isFrameObject(Var, Frame)) {
      // A named callable handed to the spawn: the spawn keeps a copy, whose
      // by-reference captures still name this frame's locals.
      lambdaKept(L, Ref->getBeginLoc());
    }
    return true;
  }

  /// A value the spawn stores for the child as it is.
  void kept(const Expr *Arg) {
    if (Api.runtimeOfTaskType(Arg->getType()) || isa<LambdaExpr>(ignoreValueWrappers(Arg)))
      return;
    if (const auto [Var, Loc] = viewOrigin(Arg, /*Depth=*/0); Var)
      Found.push_back({Held::Pointer, Var, Loc, nullptr, nullptr});
  }

  llvm::SmallVector<Held, 4> Found;
  llvm::SmallVector<ThisUse, 1> OnThis;
  llvm::SmallVector<const LambdaExpr *, 1> TemporaryLambdas;
  /// Groups and handles the child is given, for the escape findings.
  llvm::SmallVector<std::pair<const ValueDecl *, SourceLocation>, 2> Named;
  /// Owners (std::shared_ptr) the child is given: what may keep `this` alive.
  llvm::SmallVector<QualType, 1> Owners;

private:
  bool findCompletionSignal(const Stmt *Body) const {
    class Finder : public RecursiveASTVisitor<Finder> {
    public:
      bool VisitCallExpr(CallExpr *C) {
        Found |= Api->match(Role::CompletionSignalFunctions, C, Within::anyRuntime()) != nullptr;
        return !Found;
      }
      const ApiModel *Api;
      bool Found = false;
    } F;
    F.Api = &Api;
    F.TraverseStmt(const_cast<Stmt *>(Body));
    return F.Found;
  }

  bool makesTask(const CallExpr *C) const {
    return Api.runtimeOfTaskType(C->getType()) ||
           Api.match(Role::DetachedTaskTypes, C->getType(), Within::anyRuntime());
  }

  /// The captures a kept lambda holds by reference, and `this`. A callback
  /// that signals completion (sets a promise, counts a latch down) is one its
  /// frame waits for.
  void lambdaKept(const LambdaExpr *L, SourceLocation Loc) {
    if (findCompletionSignal(L->getBody()))
      return;
    for (const LambdaCapture &C : L->captures()) {
      if (C.capturesThis()) {
        const CXXMethodDecl *Op = L->getCallOperator();
        OnThis.push_back({Op, C.getLocation(), dyn_cast<CXXRecordDecl>(Frame->getDeclContext()),
                          false});
        continue;
      }
      if (!C.capturesVariable())
        continue;
      const auto *Var = dyn_cast<VarDecl>(C.getCapturedVar());
      if (!Var)
        continue;
      if (Api.match(Role::KeepAliveTypes, Var->getType(), Within::anyRuntime()))
        Owners.push_back(Var->getType());
      Named.push_back({Var, C.getLocation()});
      // A reference variable captured by reference names its referent, not
      // this frame (corral's nursery parameter).
      if (C.getCaptureKind() != LCK_ByRef || !isFrameObject(Var, Frame))
        continue;
      if (!usesDecl(L->getBody(), Var))
        continue;
      Found.push_back({Held::Captured, Var, C.getLocation(), L->getCallOperator(), nullptr});
    }
    (void)Loc;
  }

  void object(const Expr *Object, const CXXMethodDecl *Method, const CXXMemberCallExpr *Call) {
    if (!Object || !Method)
      return;
    const Expr *O = ignoreValueWrappers(Object);
    if (isa<CXXThisExpr>(O)) {
      if (coroutineBody(Method))
        OnThis.push_back({Method, Call->getExprLoc(), Method->getParent(), false});
      return;
    }
    if (const VarDecl *Var = frameObjectNamed(O, Frame);
        Var && !O->getType()->isPointerType() && coroutineBody(Method))
      Found.push_back({Held::Object, Var, O->getBeginLoc(), Method, nullptr});
  }

  void argument(const Expr *Arg, const ParmVarDecl *Param, const FunctionDecl *Child,
                const ParmVarDecl *Holder) {
    if (Api.match(Role::KeepAliveTypes, Arg->getType(), Within::anyRuntime()))
      Owners.push_back(Arg->getType());
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(ignoreValueWrappers(Arg)))
      Named.push_back({Ref->getDecl(), Ref->getBeginLoc()});
    // What the child is given and does not use is no danger.
    if (Child && Holder && !usesDecl(coroutineBody(Child), Holder))
      return;
    const bool BindsReference = Param && Param->getType()->isReferenceType();
    if (BindsReference) {
      if (const VarDecl *Var = frameObjectNamed(ignoreValueWrappers(Arg), Frame))
        Found.push_back({Held::Bound, Var, ignoreValueWrappers(Arg)->getBeginLoc(), Child,
                         Holder});
      return;
    }
    if (const auto [Var, Loc] = viewOrigin(Arg, /*Depth=*/0); Var)
      Found.push_back({Held::Pointer, Var, Loc, Child, Holder});
  }

  /// Whether a value of type \p T refers to another object: a pointer, a
  /// view, an iterator, an aggregate holding references.
  bool isViewType(QualType T) const {
    T = T.getNonReferenceType();
    if (T->isPointerType())
      return true;
    if (Api.match(Role::ViewTypes, T, Within::anyRuntime()))
      return true;
    const auto *RD = T->getAsCXXRecordDecl();
    if (!RD || !RD->hasDefinition())
      return false;
    for (const Decl *D : RD->decls())
      if (const auto *Alias = dyn_cast<TypedefNameDecl>(D);
          Alias && Alias->getIdentifier() && Alias->getName() == "iterator_category")
        return true;
    if (RD->isAggregate())
      for (const FieldDecl *F : RD->fields())
        if (F->getType()->isReferenceType() || isViewType(F->getType()))
          return true;
    return false;
  }

  /// The local of this frame that a pointer or view value was made from:
  /// `&local`, an array decaying, `local.data()`, `local.begin()`, a
  /// conversion from a local (std::string to std::string_view), std::ref,
  /// an aggregate whose references bind to a local, or a local view
  /// initialised from one of these.
  std::pair<const VarDecl *, SourceLocation> viewOrigin(const Expr *E, unsigned Depth) {
    if (!E || Depth > 2 || !isViewType(E->getType()))
      return {};
    E = E->IgnoreParens();
    while (true) {
      if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
        if (Cast->getCastKind() == CK_ArrayToPointerDecay)
          return made(Cast->getSubExpr());
        E = Cast->getSubExpr()->IgnoreParens();
      } else if (const auto *C = dyn_cast<CXXBindTemporaryExpr>(E)) {
        E = C->getSubExpr()->IgnoreParens();
      } else if (const auto *C = dyn_cast<MaterializeTemporaryExpr>(E)) {
        E = C->getSubExpr()->IgnoreParens();
      } else if (const auto *C = dyn_cast<ExprWithCleanups>(E)) {
        E = C->getSubExpr()->IgnoreParens();
      } else if (const auto *C = dyn_cast<CXXFunctionalCastExpr>(E)) {
        E = C->getSubExpr()->IgnoreParens();
      } else {
        break;
      }
    }
    if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
      return made(U->getSubExpr());
    if (const auto *C = dyn_cast<CXXConstructExpr>(E)) {
      if (C->getConstructor()->isCopyOrMoveConstructor() && C->getNumArgs() == 1)
        return viewOrigin(C->getArg(0), Depth);
      for (const Expr *Arg : C->arguments()) {
        if (isViewType(Arg->getType())) {
          if (auto R = viewOrigin(Arg, Depth); R.first)
            return R;
        } else if (auto R = made(Arg); R.first) {
          return R; // std::string_view(local), std::span(local)
        }
      }
      return {};
    }
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
      return made(Member->getImplicitObjectArgument()); // local.data(), local.begin()
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      for (const Expr *Arg : Call->arguments()) // std::ref(local), std::span(local.data(), n)
        if (auto R = isViewType(Arg->getType()) ? viewOrigin(Arg, Depth) : made(Arg); R.first)
          return R;
      return {};
    }
    if (const auto *Init = dyn_cast<InitListExpr>(E)) {
      for (const Expr *Each : Init->inits())
        if (auto R = made(Each); R.first)
          return R;
      return {};
    }
#if CLANG_VERSION_MAJOR >= 16
    if (const auto *Init = dyn_cast<CXXParenListInitExpr>(E)) {
      for (const Expr *Each : Init->getInitExprs())
        if (auto R = made(Each); R.first)
          return R;
      return {};
    }
#endif
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
          Var && Var->hasLocalStorage() && Var->getInit() && !Var->getType()->isReferenceType())
        if (auto R = viewOrigin(Var->getInit(), Depth + 1); R.first)
          return {R.first, Ref->getBeginLoc()};
    return {};
  }
  std::pair<const VarDecl *, SourceLocation> made(const Expr *E) {
    const Expr *Named = E ? E->IgnoreParenImpCasts() : nullptr;
    if (const VarDecl *Var = frameObjectNamed(Named, Frame))
      return {Var, Named->getBeginLoc()};
    return {};
  }

  const ApiModel &Api;
  const FunctionDecl *Frame;
  llvm::SmallPtrSet<const VarDecl *, 4> Followed;
  llvm::SmallVector<const Expr *, 4> Pending;
};

/// Whether \p T is an owner (std::shared_ptr) of an object of \p Class (or
/// of a class related to it): what keeps `this` alive.
bool ownsObjectOf(QualType T, const CXXRecordDecl *Class, const ApiModel &Api) {
  if (!Api.match(Role::KeepAliveTypes, T, Within::anyRuntime()))
    return false;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl());
  if (!Spec || !Class || Spec->getTemplateArgs().size() == 0 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return true; // an owner of something: give it the benefit of the doubt
  const auto *Owned = Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
  if (!Owned || !Owned->hasDefinition() || !Class->hasDefinition())
    return true;
  Owned = Owned->getDefinition();
  const CXXRecordDecl *Self = Class->getDefinition();
  return Owned == Self || Self->isDerivedFrom(Owned) || Owned->isDerivedFrom(Self);
}

/// Whether \p Method (a member coroutine, or a lambda's call operator) uses
/// `this` after its first suspension, with nothing in its own frame keeping
/// the object alive by then; returns that use.
const Expr *thisUseAfterSuspension(const FunctionDecl *Method, const ApiModel &Api,
                                   const SourceManager &SM) {
  const Stmt *Body = coroutineBody(Method);
  if (!Body)
    return nullptr;
  const Expr *First = firstAwait(Body);
  if (!First)
    return nullptr;
  // A keep-alive parameter (std::shared_ptr<Self>), or one taken before
  // the first suspension (auto self = shared_from_this(); weak.lock()).
  const auto *Class = dyn_cast<CXXRecordDecl>(Method->getDeclContext());
  if (const auto *M = dyn_cast<CXXMethodDecl>(Method); M && M->getParent()->isLambda())
    Class = dyn_cast<CXXRecordDecl>(M->getParent()->getDeclContext());
  for (const ParmVarDecl *P : Method->parameters())
    if (ownsObjectOf(P->getType(), Class, Api))
      return nullptr;
  class Finder : public FunctionBodyVisitor<Finder> {
  public:
    bool VisitVarDecl(VarDecl *V) {
      if (SM->isBeforeInTranslationUnit(V->getLocation(), First->getBeginLoc()) &&
          ownsObjectOf(V->getType(), Class, *Api))
        KeptAlive = true;
      return true;
    }
    bool VisitCXXThisExpr(CXXThisExpr *E) {
      if (!Use && SM->isBeforeInTranslationUnit(First->getEndLoc(), E->getBeginLoc()))
        Use = E;
      return true;
    }
    const ApiModel *Api;
    const SourceManager *SM;
    const Expr *First;
    const CXXRecordDecl *Class;
    const Expr *Use = nullptr;
    bool KeptAlive = false;
  } F;
  F.Class = Class;
  F.Api = &Api;
  F.SM = &SM;
  F.First = First;
  F.TraverseStmt(const_cast<Stmt *>(Body));
  return F.KeptAlive ? nullptr : F.Use;
}

class Analysis : public FunctionBodyVisitor<Analysis> {
  using Base = FunctionBodyVisitor<Analysis>;

public:
  Analysis(TaskEscapesGroupCheck &Check, const ApiModel &Api, const FunctionDecl *Frame,
           ASTContext &Ctx)
      : Check(Check), Api(Api), Frame(Frame), Ctx(Ctx) {}

  void run(const Stmt *Body) {
    forEachDiscarded(Body, [&](const Expr *E, Discard, const Expr *) {
      if (const auto *Call = dyn_cast<CallExpr>(E);
          Call && Api.match(Role::EagerTaskTypes, Call->getType(), Within::anyRuntime()))
        DiscardedEager.insert(Call);
    });
    TraverseStmt(const_cast<Stmt *>(Body));
    for (const auto &[Lambda, Spawn] : TemporaryClosures)
      temporaryClosure(Lambda, Spawn);
  }

  // A coroutine lambda called on its temporary closure inside a co_await
  // (or a blocking run) of the same statement finishes before the closure
  // dies; anywhere else the task outlives it.
  bool TraverseCoawaitExpr(CoawaitExpr *E) {
    ++Completing;
    bool Continue = Base::TraverseCoawaitExpr(E);
    --Completing;
    return Continue;
  }
  bool TraverseDependentCoawaitExpr(DependentCoawaitExpr *E) {
    ++Completing;
    bool Continue = Base::TraverseDependentCoawaitExpr(E);
    --Completing;
    return Continue;
  }

  bool TraverseCallExpr(CallExpr *C) { return traverseCall(C, [&] { return Base::TraverseCallExpr(C); }); }
  bool TraverseCXXOperatorCallExpr(CXXOperatorCallExpr *C) {
    return traverseCall(C, [&] { return Base::TraverseCXXOperatorCallExpr(C); });
  }
  bool TraverseCXXMemberCallExpr(CXXMemberCallExpr *C) {
    return traverseCall(C, [&] { return Base::TraverseCXXMemberCallExpr(C); });
  }

  bool VisitCallExpr(CallExpr *C) {
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(C);
        Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
      assignment(Op->getArg(0), Op->getArg(1));
      return true;
    }
    const Expr *Object = nullptr;
    if (const LambdaExpr *L = calledLambda(C, &Object);
        L && !Completing && isa<LambdaExpr>(ignoreValueWrappers(Object)) &&
        Api.runtimeOfTaskType(C->getType()))
      TemporaryClosures.push_back({L, CurrentSpawn});
    if (Api.match(Role::DetachedSpawnFunctions, C, Within::anyRuntime()) ||
        Api.match(Role::CompletionCallbackSpawnFunctions, C, Within::anyRuntime())) {
      spawn(C, Spawned::Detached, nullptr, StorageRoot());
      return true;
    }
    if (Api.match(Role::AbandoningFunctions, C, Within::anyRuntime())) {
      spawn(C, Spawned::LeftRunning, nullptr, StorageRoot());
      return true;
    }
    // A dropped eager task (concurrencpp's result) runs on detached.
    if (DiscardedEager.contains(C)) {
      spawn(C, Spawned::Detached, nullptr, StorageRoot(), /*Itself=*/true);
      return true;
    }
    if (Api.match(Role::DetachedTaskTypes, C->getType(), Within::anyRuntime()) &&
        !Api.match(Role::DetachedSpawnFunctions, C, Within::anyRuntime())) {
      spawn(C, Spawned::Detached, nullptr, StorageRoot(), /*Itself=*/true);
      return true;
    }
    if (const RuntimeModel *SpawnModel =
            Api.match(Role::SpawnFunctions, C, Within::anyRuntime())) {
      const Expr *Group = spawnTarget(C, Api, Within::runtime(*SpawnModel));
      if (!Group)
        return true; // no group: an awaited spawn (co_spawn with use_awaitable)
      StorageRoot Owner = storageRoot(Group);
      QualType GroupType = Group->IgnoreParenImpCasts()->getType().getNonReferenceType();
      if (GroupType->isPointerType())
        GroupType = GroupType->getPointeeType();
      if (Api.match(Role::DetachedGroupTypes, GroupType, Within::anyRuntime()))
        spawn(C, Spawned::Detached, Group, Owner);
      else if (Owner.How == StorageRoot::Local && !Owner.Indirect)
        spawn(C, Spawned::IntoOwnGroup, Group, Owner);
      else
        spawn(C, Spawned::IntoUnownedGroup, Group, Owner);
      return true;
    }
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(C))
      storingCall(Member);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->getOpcode() == BO_Assign)
      assignment(B->getLHS(), B->getRHS());
    return true;
  }
  bool VisitVarDecl(VarDecl *V) {
    if (V->isStaticLocal() && V->getInit())
      escape(V->getInit(), Sink::Static, V, /*IntoContainer=*/false);
    return true;
  }
  bool VisitReturnStmt(ReturnStmt *R) {
    returned(R->getRetValue(), /*Coreturn=*/false);
    return true;
  }
  bool VisitCoreturnStmt(CoreturnStmt *R) {
    returned(R->getOperand(), /*Coreturn=*/true);
    return true;
  }

private:
  template <class Fn> bool traverseCall(CallExpr *C, Fn &&Traverse) {
    // Inside a blocking run (tg::run, sync_wait) the task completes before
    // the statement ends, like an awaited one.
    const bool Blocking = Api.match(Role::BlockingFunctions, C, Within::anyRuntime());
    const bool Spawn = Api.match(Role::SpawnFunctions, C, Within::anyRuntime()) ||
                       Api.match(Role::DetachedSpawnFunctions, C, Within::anyRuntime()) ||
                       Api.match(Role::CompletionCallbackSpawnFunctions, C, Within::anyRuntime());
    Completing += Blocking;
    const CallExpr *Outer = CurrentSpawn;
    if (Spawn)
      CurrentSpawn = C;
    bool Continue = Traverse();
    CurrentSpawn = Outer;
    Completing -= Blocking;
    return Continue;
  }

  /// The frame's group that \p E denotes or points to: a group variable of
  /// this frame, or a parameter through which it receives one.
  const ValueDecl *groupOf(const Expr *E) const {
    if (!E)
      return nullptr;
    E = ignoreValueWrappers(E);
    if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
      E = U->getSubExpr()->IgnoreParenImpCasts();
    if (!isa<DeclRefExpr>(E) || !isGroupLike(E->getType(), Api, Within::anyRuntime()))
      return nullptr;
    StorageRoot Root = storageRoot(E);
    if (Root.How != StorageRoot::Local && Root.How != StorageRoot::Parameter)
      return nullptr;
    // Generic code instantiated with a group (a promise's `return_value(U&&)`
    // storing a `task_group *` result) does not know it holds one.
    if (Root.Decl && isTemplateArgument(Root.Decl->getType()))
      return nullptr;
    return Root.Decl;
  }
  static bool isTemplateArgument(QualType T) {
    T = T.getNonReferenceType();
    if (T->getAs<SubstTemplateTypeParmType>())
      return true;
    return T->isPointerType() && T->getPointeeType()->getAs<SubstTemplateTypeParmType>();
  }
  /// Whether \p E is a child's handle fresh from a spawn or held by this frame.
  bool isHandle(const Expr *E) const {
    if (!E)
      return false;
    E = ignoreValueWrappers(E);
    if (!Api.match(Role::HandleTypes, E->getType(), Within::anyRuntime()))
      return false;
    if (const auto *C = dyn_cast<CallExpr>(E))
      return Api.match(Role::SpawnFunctions, C, Within::anyRuntime()) != nullptr;
    return storageRoot(E).How == StorageRoot::Local && isa<DeclRefExpr>(E);
  }

  void assignment(const Expr *Target, const Expr *Value) {
    StorageRoot Root = storageRoot(Target);
    if (std::optional<Sink> S = sinkOf(Root))
      escape(Value, *S, Root.Decl, /*IntoContainer=*/false);
  }
  // A non-const member function of long-lived storage that takes the group
  // or a handle keeps it: push_back, insert, emplace, a setter.
  void storingCall(const CXXMemberCallExpr *C) {
    const CXXMethodDecl *Method = C->getMethodDecl();
    if (!Method || Method->isConst() || !C->getImplicitObjectArgument())
      return;
    StorageRoot Root = storageRoot(C->getImplicitObjectArgument());
    std::optional<Sink> S = sinkOf(Root);
    if (!S)
      return;
    for (const Expr *Arg : C->arguments())
      if (escape(Arg, *S, Root.Decl, /*IntoContainer=*/true))
        return;
  }
  bool escape(const Expr *Value, Sink S, const ValueDecl *Storage, bool IntoContainer) {
    if (const ValueDecl *Group = groupOf(Value)) {
      // The live-object idiom: a back-reference that the function also hands
      // to something that resets it (a scope guard), or resets itself.
      if (Storage && S == Sink::Member && resetsOrLends(Storage))
        return true;
      if (!Check.firstReport(Value->getBeginLoc(), 1))
        return true;
      Check.diag(Value->getBeginLoc(),
                 "group '%0' escapes into %select{|a container in }1%select{member|global|"
                 "static variable|a variable of an enclosing function|storage the caller "
                 "passed in}2 '%3', which outlives the group's scope; a use after the "
                 "scope ends touches a destroyed group")
          << Group->getName() << IntoContainer << static_cast<unsigned>(S)
          << (Storage ? Storage->getName() : "");
      storageNote(Storage);
      groupNote(Group);
      return true;
    }
    // A handle kept by the caller or an enclosing frame is how results are
    // read after the group finished: only storage that outlives every frame
    // counts.
    if ((S == Sink::Member || S == Sink::Global || S == Sink::Static) && isHandle(Value)) {
      if (!Check.firstReport(Value->getBeginLoc(), 1))
        return true;
      Check.diag(Value->getBeginLoc(),
                 "handle of a child task escapes into %select{|a container in }0%select{"
                 "member|global|static variable}1 '%2', which outlives the child's group; "
                 "code outside the group can reach a child the group has already "
                 "finished, and the handle keeps its frame alive")
          << IntoContainer << static_cast<unsigned>(S) << (Storage ? Storage->getName() : "");
      storageNote(Storage);
      return true;
    }
    return false;
  }
  /// Whether the function resets \p Storage to null, or lends it by
  /// reference to an object or call that can.
  bool resetsOrLends(const ValueDecl *Storage) {
    class Finder : public FunctionBodyVisitor<Finder> {
    public:
      bool VisitBinaryOperator(BinaryOperator *B) {
        if (B->getOpcode() == BO_Assign && isStorage(B->getLHS()) &&
            B->getRHS()->IgnoreParenImpCasts()->isNullPointerConstant(
                *Ctx, Expr::NPC_ValueDependentIsNotNull))
          Found = true;
        return !Found;
      }
      bool VisitInitListExpr(InitListExpr *I) {
        for (const Expr *E : I->inits())
          Found |= isStorage(E) && !E->isPRValue();
        return !Found;
      }
      bool VisitCallExpr(CallExpr *C) {
        for (const Expr *E : C->arguments())
          Found |= isStorage(E) && !E->isPRValue() && !isa<CXXOperatorCallExpr>(C);
        return !Found;
      }
      bool isStorage(const Expr *E) const {
        StorageRoot Root = storageRoot(E);
        return Root.Decl == Storage && isa<MemberExpr>(E->IgnoreParenImpCasts());
      }
      const ValueDecl *Storage;
      ASTContext *Ctx;
      bool Found = false;
    } F;
    F.Storage = Storage;
    F.Ctx = &Ctx;
    F.TraverseStmt(const_cast<Stmt *>(coroutineBody(Frame) ? coroutineBody(Frame) : Frame->getBody()));
    return F.Found;
  }
  // Returning the group outlives it only from the group's own scope: a group
  // this frame opened, or the one a group body (a lambda coroutine handed to
  // with_group) receives. A function handing the caller's group back to the
  // caller (`task_group &pick(task_group &g) { return g; }`), or returning a
  // pointer variable whose target it does not know, returns nothing that dies.
  void returned(const Expr *Value, bool Coreturn) {
    const ValueDecl *Group = groupOf(Value);
    const auto *Var = dyn_cast_or_null<VarDecl>(Group);
    if (!Var)
      return;
    if (isa<ParmVarDecl>(Var)) {
      if (!Coreturn || !isLambdaCallOperator(Frame))
        return;
    } else if (Var->getType()->isReferenceType() || Var->getType()->isPointerType()) {
      return;
    } else {
      // An owned group returned by value is moved out, not referred to.
      const auto *U = dyn_cast<UnaryOperator>(ignoreValueWrappers(Value));
      if (!(U && U->getOpcode() == UO_AddrOf) && !Frame->getReturnType()->isReferenceType())
        return;
    }
    if (!Check.firstReport(Value->getBeginLoc(), 1))
      return;
    Check.diag(Value->getBeginLoc(), "group '%0' is returned, outliving the group's "
                                     "scope; a use after the scope ends touches a "
                                     "destroyed group")
        << Group->getName();
    groupNote(Group);
  }

  void spawn(const CallExpr *C, Spawned How, const Expr *Group, const StorageRoot &Owner,
             bool Itself = false) {
    ChildScan Scan(Api, Frame);
    if (Itself) {
      Scan.scan(C); // a coroutine detached by its type: the call is the child
    } else {
      for (const Expr *Arg : C->arguments())
        if (Arg != Group) {
          Scan.scan(Arg);
          // Arguments the spawn keeps for the child (corral's start(fn, args...)
          // copies them): a pointer or std::ref to a local still names it.
          Scan.kept(Arg);
        }
      // `t.detach()`, `lazy.via(ex).detach()`, `task.scheduleOn(ex).start()`:
      // the child is the object the detaching member is called on.
      if (How == Spawned::Detached)
        if (const auto *Member = dyn_cast<CXXMemberCallExpr>(C))
          if (const Expr *Object = Member->getImplicitObjectArgument();
              Object && Object != Group)
            Scan.scan(workOrObject(Object));
    }
    const SourceLocation SpawnLoc = C->getExprLoc();

    if (How == Spawned::Detached)
      for (const auto &[Var, Loc] : Scan.Named) {
        QualType T = Var->getType();
        if (isGroupLike(T, Api, Within::anyRuntime())) {
          if (!Check.firstReport(Loc, 2))
            continue;
          Check.diag(Loc, "group '%0' is handed to a task outside any group, which outlives "
                          "the group's scope; a use after the scope ends touches a "
                          "destroyed group")
              << Var->getName();
          groupNote(Var);
        } else if (Api.match(Role::HandleTypes, T.getNonReferenceType(),
                             Within::anyRuntime())) {
          if (Check.firstReport(Loc, 2)) {
            Check.diag(Loc, "handle of a child task is handed to a task outside any group, "
                            "which outlives the child's group");
            storageNote(Var);
          }
        }
      }

    // A child on the frame's own group cannot outlive the locals declared
    // before the group; one the frame never returns from after the spawn
    // keeps its locals until it is cancelled with its children.
    const auto *OwnGroup = How == Spawned::IntoOwnGroup ? Owner.Decl : nullptr;
    const ValueDecl *Spawner = nullptr;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(C))
      if (const VarDecl *Var = frameObjectNamed(Member->getImplicitObjectArgument(), Frame))
        Spawner = Var;
    const bool FrameReturns = How == Spawned::IntoOwnGroup || returnsAfter(C);
    for (const Held &H : Scan.Found) {
      if (isGroupLike(H.Var->getType(), Api, Within::anyRuntime()))
        continue;
      if (OwnGroup && !Ctx.getSourceManager().isBeforeInTranslationUnit(
                          OwnGroup->getLocation(), H.Var->getLocation()))
        continue;
      if (How != Spawned::Detached && Owner.Decl && joinedOnEveryPath(Owner.Decl, C))
        continue;
      // A spawner of this frame that is waited for before the local dies
      // (libcoro's `tp.shutdown()` after spawning into the pool `tp`).
      if (How == Spawned::Detached && Spawner && joinedOnEveryPath(Spawner, C))
        continue;
      // ...or whose destructor waits for its tasks, and that is destroyed
      // first because it was declared after the local.
      if (How == Spawned::Detached && Spawner &&
          Api.match(Role::JoiningDestructorTypes, Spawner->getType(), Within::anyRuntime()) &&
          Ctx.getSourceManager().isBeforeInTranslationUnit(H.Var->getLocation(),
                                                           Spawner->getLocation()))
        continue;
      if (!OwnGroup && !FrameReturns && livesAsLongAsTheFrame(H.Var))
        continue;
      dangling(H, How, Owner, SpawnLoc);
    }
    // A group the object owns (a member scope it joins before it goes) is
    // bound to the object's lifetime.
    if (How == Spawned::Detached ||
        (How == Spawned::IntoUnownedGroup && Owner.How != StorageRoot::Member))
      for (const ThisUse &T : Scan.OnThis)
        if (llvm::none_of(Scan.Owners,
                          [&](QualType O) { return ownsObjectOf(O, T.Class, Api); }))
          startedOnThis(T, How, SpawnLoc);
  }

  /// For `std::thread(fn).detach()`, the callable; else the object.
  static const Expr *workOrObject(const Expr *Object) {
    const Expr *E = ignoreValueWrappers(Object);
    if (const auto *Cast = dyn_cast_or_null<CXXFunctionalCastExpr>(E))
      E = ignoreValueWrappers(Cast->getSubExpr());
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
          Var && Var->hasLocalStorage() && Var->getInit())
        return Var->getInit();
    return Object;
  }

  /// Whether the frame can return normally after \p Spawn: a return, or the
  /// end of the body, is reachable from it without a call that never
  /// returns (a body that suspends forever keeps its locals).
  bool returnsAfter(const CallExpr *Spawn) {
    const FunctionFlow *Flow = FunctionFlow::of(Frame, Ctx);
    if (!Flow)
      return true;
    const CFGBlock *From = Flow->placeOf(Spawn).Block;
    if (!From)
      return true;
    const CFGBlock *Exit = &Flow->cfg().getExit();
    llvm::DenseSet<const CFGBlock *> Visited;
    llvm::SmallVector<const CFGBlock *, 16> Work{From};
    while (!Work.empty()) {
      const CFGBlock *B = Work.pop_back_val();
      if (!Visited.insert(B).second)
        continue;
      bool Ends = false;
      for (const CFGElement &E : *B) {
        const Stmt *S = FunctionFlow::elementStmt(E);
        if (isa_and_nonnull<ReturnStmt, CoreturnStmt>(S))
          return true;
        if (const auto *Call = dyn_cast_or_null<CallExpr>(S))
          if (const FunctionDecl *Callee = Call->getDirectCallee(); Callee && Callee->isNoReturn())
            Ends = true;
        if (isa_and_nonnull<CXXThrowExpr>(S))
          Ends = true;
      }
      if (Ends)
        continue;
      for (const CFGBlock *Succ : B->succs()) {
        if (Succ == Exit)
          return true; // falls off the end
        if (Succ)
          Work.push_back(Succ);
      }
    }
    return false;
  }

  /// Whether \p Var is declared in the body's outermost block: it lives as
  /// long as the frame (a loop's variable dies with each iteration).
  bool livesAsLongAsTheFrame(const VarDecl *Var) const {
    const auto *Top = dyn_cast_or_null<CompoundStmt>(
        coroutineBody(Frame) ? coroutineBody(Frame) : Frame->getBody());
    if (!Top)
      return false;
    if (isa<ParmVarDecl>(Var))
      return true;
    for (const Stmt *S : Top->body())
      if (const auto *DS = dyn_cast<DeclStmt>(S))
        for (const Decl *D : DS->decls())
          if (D == Var)
            return true;
    return false;
  }

  /// Whether every path from \p Spawn to the end of the frame waits for
  /// \p Group first: `co_await scope.join()`, `co_await g` (a group that is
  /// itself awaitable), or a blocking wait such as `coro::sync_wait(g)`.
  bool joinedOnEveryPath(const ValueDecl *Group, const CallExpr *Spawn) {
    const FunctionFlow *Flow = FunctionFlow::of(Frame, Ctx);
    if (!Flow)
      return false;
    const FunctionFlow::Place From = Flow->placeOf(Spawn);
    if (!From.Block)
      return false;
    auto NamesGroup = [&](const Expr *E) {
      E = ignoreValueWrappers(E);
      if (const auto *Member = dyn_cast_or_null<CXXMemberCallExpr>(E))
        E = ignoreValueWrappers(Member->getImplicitObjectArgument());
      const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
      return Ref && Ref->getDecl() == Group;
    };
    auto Joins = [&](const Stmt *S) {
      if (const auto *Await = dyn_cast_or_null<CoroutineSuspendExpr>(S))
        return NamesGroup(Await->getOperand());
      if (const auto *Call = dyn_cast_or_null<CallExpr>(S)) {
        if (!Api.match(Role::BlockingFunctions, Call, Within::anyRuntime()))
          return false;
        // coro::sync_wait(g), or the spawner's own tp.shutdown().
        if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
          if (NamesGroup(Member->getImplicitObjectArgument()))
            return true;
        return llvm::any_of(Call->arguments(), NamesGroup);
      }
      return false;
    };
    const CFGBlock *Exit = &Flow->cfg().getExit();
    llvm::DenseSet<const CFGBlock *> Visited;
    llvm::SmallVector<std::pair<const CFGBlock *, unsigned>, 16> Work{
        {From.Block, From.Index + 1}};
    while (!Work.empty()) {
      auto [B, Start] = Work.pop_back_val();
      if (Start == 0 && !Visited.insert(B).second)
        continue;
      bool Done = false;
      for (unsigned I = Start; I < B->size() && !Done; ++I) {
        const Stmt *S = FunctionFlow::elementStmt((*B)[I]);
        if (Joins(S) || isa_and_nonnull<CXXThrowExpr>(S))
          Done = true; // waited for (a throw is not a normal end)
        else if (isa_and_nonnull<ReturnStmt, CoreturnStmt>(S))
          return false;
      }
      if (Done)
        continue;
      for (const CFGBlock *Succ : B->succs()) {
        // The end of the frame, or the next iteration of a loop around the
        // spawn (its locals die each time round), without a wait.
        if (Succ == Exit || Succ == From.Block)
          return false;
        if (Succ)
          Work.push_back({Succ, 0});
      }
    }
    return true;
  }

  void dangling(const Held &H, Spawned How, const StorageRoot &Owner, SourceLocation SpawnLoc) {
    if (!Check.firstReport(H.Loc, 3))
      return;
    Check.diag(H.Loc, "%select{child spawned outside any group|child spawned into a group "
                      "this frame does not own|child spawned into this frame's group|task that "
                      "can be left running}0 %select{refers to '%2' by reference|"
                      "refers to '%2' through a pointer or view|captures '%2' by reference|"
                      "runs on '%2'}1, "
                      "but '%2' dies %select{when this frame returns|when this frame returns|"
                      "before the group is joined|when this frame returns}0, before the %select{"
                      "child|child|child|task}0 ends")
        << static_cast<unsigned>(How) << static_cast<unsigned>(H.How) << H.Var->getName();
    if (How == Spawned::LeftRunning)
      Check.diag(SpawnLoc, "this call returns when one task finishes or time runs out, and "
                           "leaves the others running",
                 DiagnosticIDs::Note);
    else
      Check.diag(SpawnLoc, "the child is spawned here", DiagnosticIDs::Note);
    // A group returned by a call has nothing to point at.
    if (How == Spawned::IntoUnownedGroup && Owner.Decl) {
      if (Owner.How == StorageRoot::Parameter)
        Check.diag(Owner.Decl->getLocation(), "the group is received here",
                   DiagnosticIDs::Note);
      else
        Check.diag(Owner.Decl->getLocation(),
                   "the group is %select{reached through|stored in member}0 '%1', "
                   "declared here",
                   DiagnosticIDs::Note)
            << (Owner.How == StorageRoot::Member) << Owner.Decl->getName();
    }
    Check.diag(H.Var->getLocation(), "'%0' is declared here and dies %select{when this frame "
                                     "returns|when this frame returns|at the end of its scope, "
                                     "while the group still runs|when this frame returns}1",
               DiagnosticIDs::Note)
        << H.Var->getName() << static_cast<unsigned>(How);
    if (H.Child && H.Holder)
      if (const Stmt *Body = coroutineBody(H.Child))
        if (const Expr *Use = firstUseOf(Body, H.Holder))
          Check.diag(Use->getBeginLoc(), "the child uses it here", DiagnosticIDs::Note);
  }

  static const Expr *firstUseOf(const Stmt *Body, const Decl *D) {
    class Finder : public FunctionBodyVisitor<Finder> {
    public:
      bool VisitDeclRefExpr(DeclRefExpr *E) {
        if (E->getDecl() == D)
          Found = E;
        return !Found;
      }
      const Decl *D;
      const Expr *Found = nullptr;
    } F;
    F.D = D;
    F.TraverseStmt(const_cast<Stmt *>(Body));
    return F.Found;
  }

  void startedOnThis(const ThisUse &T, Spawned How, SourceLocation SpawnLoc) {
    const Expr *Use = thisUseAfterSuspension(T.Coroutine, Api, Ctx.getSourceManager());
    if (!Use || !Check.firstReport(T.Loc, 4))
      return;
    const auto *Method = dyn_cast<CXXMethodDecl>(T.Coroutine);
    const bool IsLambda = Method && Method->getParent()->isLambda();
    Check.diag(T.Loc, "%select{member coroutine|coroutine lambda capturing 'this'}0 started "
                      "%select{outside any group|in a group this frame does not own}1 uses "
                      "'this' after its first suspension, but nothing keeps the object alive "
                      "until then; hold a std::shared_ptr to it (shared_from_this()) in the "
                      "coroutine")
        << IsLambda << static_cast<unsigned>(How);
    Check.diag(SpawnLoc, "the child is spawned here", DiagnosticIDs::Note);
    if (const Stmt *Body = coroutineBody(T.Coroutine))
      if (const Expr *First = firstAwait(Body))
        Check.diag(First->getBeginLoc(), "the coroutine first suspends here",
                   DiagnosticIDs::Note);
    Check.diag(Use->getBeginLoc(), "and uses 'this' here, when the object may be gone",
               DiagnosticIDs::Note);
  }

  void temporaryClosure(const LambdaExpr *L, const CallExpr *Spawn) {
    const bool Eager =
        Api.match(Role::EagerTaskTypes, L->getCallOperator()->getReturnType(), Within::anyRuntime());
    const Expr *Use = captureUse(L, Eager, nullptr, Ctx);
    if (!Use || !Check.firstReport(L->getBeginLoc(), 5))
      return;
    Check.diag(L->getBeginLoc(), "coroutine lambda called on a temporary closure: the closure "
                                 "is destroyed at the end of the statement, but the coroutine "
                                 "reads its captures %select{when it runs|after its first "
                                 "suspension}0; name the lambda so that it outlives the "
                                 "coroutine, or pass what it needs as parameters")
        << Eager;
    if (Spawn)
      Check.diag(Spawn->getExprLoc(), "the coroutine is spawned here and outlives the statement",
                 DiagnosticIDs::Note);
    Check.diag(Use->getBeginLoc(), "a capture is read here, from the destroyed closure",
               DiagnosticIDs::Note);
  }

  void groupNote(const ValueDecl *Group) {
    const auto *Var = dyn_cast<VarDecl>(Group);
    bool Owned = Var && !isa<ParmVarDecl>(Var) && !Var->getType()->isReferenceType() &&
                 !Var->getType()->isPointerType();
    Check.diag(Group->getLocation(), Owned ? "group opened here" : "the group is received here",
               DiagnosticIDs::Note);
  }
  void storageNote(const ValueDecl *Storage) {
    if (Storage && Storage->getLocation().isValid())
      Check.diag(Storage->getLocation(), "'%0' is declared here", DiagnosticIDs::Note)
          << Storage->getName();
  }

  TaskEscapesGroupCheck &Check;
  const ApiModel &Api;
  const FunctionDecl *Frame;
  ASTContext &Ctx;
  unsigned Completing = 0;
  const CallExpr *CurrentSpawn = nullptr;
  llvm::DenseSet<const CallExpr *> DiscardedEager;
  llvm::SmallVector<std::pair<const LambdaExpr *, const CallExpr *>, 2> TemporaryClosures;
};

} // namespace

TaskEscapesGroupCheck::TaskEscapesGroupCheck(llvm::StringRef Name, ClangTidyContext *Context)
    : AsyncCheck(Name, Context, Bodies::AllFunctions,
                 {Role::HandleTypes, Role::GroupTypes, Role::DetachedGroupTypes,
                  Role::SpawnFunctions, Role::DetachedSpawnFunctions, Role::DetachedTaskTypes,
                  Role::ViewTypes, Role::KeepAliveTypes, Role::EagerTaskTypes,
                  Role::BlockingFunctions, Role::CompletionCallbackSpawnFunctions,
                  Role::CompletionSignalFunctions, Role::AbandoningFunctions,
                  Role::JoiningDestructorTypes}) {}

void TaskEscapesGroupCheck::checkFunction(const FunctionDecl *F, const Stmt *Body,
                                          const RuntimeModel *, ASTContext &Ctx) {
  Analysis(*this, api(), F, Ctx).run(Body);
}

} // namespace clang::tidy::async
