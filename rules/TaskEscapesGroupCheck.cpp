//===--- TaskEscapesGroupCheck.cpp - async-task-escapes-group -------------===//

#include "TaskEscapesGroupCheck.h"
#include "CoroutineAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
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

/// A variable that a child refers to, and how the reference was written.
struct ChildReference {
  const ValueDecl *Var;
  SourceLocation Loc;
  bool ByReference; ///< a reference or pointer to the variable, not a copy
  bool Captured;    ///< by a lambda capture (of this frame's variable)
};

/// Collects what the child expression of a spawn refers to: arguments of the
/// calls that build its tasks, and the captures of its lambdas. Does not
/// enter lambda bodies: what a capture names is what the child keeps.
class ChildReferences : public RecursiveASTVisitor<ChildReferences> {
public:
  ChildReferences(const ApiModel &Api, const FunctionDecl *Frame) : Api(Api), Frame(Frame) {}

  bool TraverseLambdaExpr(LambdaExpr *L) {
    for (const LambdaCapture &C : L->captures()) {
      if (!C.capturesVariable())
        continue;
      const ValueDecl *Var = C.getCapturedVar();
      if (Var->getDeclContext() != Frame)
        continue; // captured from further out: not this frame's to lose
      Found.push_back({Var, C.getLocation(), C.getCaptureKind() == LCK_ByRef, true});
    }
    for (Expr *Init : L->capture_inits())
      if (Init)
        TraverseStmt(Init);
    return true;
  }
  bool TraverseBlockExpr(BlockExpr *) { return true; }
  bool TraverseDecl(Decl *) { return true; }

  bool VisitCallExpr(CallExpr *C) {
    const auto *Callee = dyn_cast_or_null<FunctionDecl>(C->getCalleeDecl());
    if (Callee && !C->isCallToStdMove() && Api.runtimeOfTaskType(C->getType())) {
      // A member operator's object is its first argument, not a parameter.
      unsigned Offset = isa<CXXOperatorCallExpr>(C) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
      for (unsigned I = Offset; I < C->getNumArgs(); ++I) {
        const ParmVarDecl *Param =
            I - Offset < Callee->getNumParams() ? Callee->getParamDecl(I - Offset) : nullptr;
        argument(C->getArg(I), Param && Param->getType()->isReferenceType());
      }
    }
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *C) {
    if (Api.runtimeOfTaskType(C->getType()) &&
        !C->getConstructor()->isCopyOrMoveConstructor())
      for (unsigned I = 0; I < C->getNumArgs(); ++I)
        argument(C->getArg(I), I < C->getConstructor()->getNumParams() &&
                                   C->getConstructor()->getParamDecl(I)->getType()->isReferenceType());
    return true;
  }
  // A task built earlier in this frame carries what its construction used.
  // Followed through a worklist: a chain of locals each moved from the last
  // can be as long as the function.
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (Var && Var->hasLocalStorage() && !Ref->refersToEnclosingVariableOrCapture() &&
        Var->getInit() && Api.runtimeOfTaskType(Var->getType()) &&
        Followed.insert(Var).second)
      Pending.push_back(Var->getInit());
    return true;
  }

  /// Collects what \p Child, and the task locals it was built from, refer to.
  void collect(const Expr *Child) {
    Pending.push_back(Child);
    while (!Pending.empty())
      TraverseStmt(const_cast<Expr *>(Pending.pop_back_val()));
  }

  llvm::SmallVector<ChildReference, 4> Found;

private:
  void argument(const Expr *Arg, bool BindsReference) {
    const Expr *E = ignoreValueWrappers(Arg);
    bool ByAddress = false;
    if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf) {
      E = U->getSubExpr()->IgnoreParenImpCasts();
      ByAddress = true;
    }
    if (!isa<DeclRefExpr, MemberExpr, ArraySubscriptExpr>(E))
      return;
    StorageRoot Root = storageRoot(E);
    if (Root.How != StorageRoot::Local && Root.How != StorageRoot::Parameter)
      return;
    const bool Decays = E->getType()->isArrayType() && Arg->getType()->isPointerType();
    Found.push_back({Root.Decl, E->getBeginLoc(),
                     !Root.Indirect && (BindsReference || ByAddress || Decays), false});
  }

  const ApiModel &Api;
  const FunctionDecl *Frame;
  llvm::SmallPtrSet<const VarDecl *, 4> Followed;
  llvm::SmallVector<const Expr *, 4> Pending;
};

class Analysis : public FunctionBodyVisitor<Analysis> {
public:
  Analysis(TaskEscapesGroupCheck &Check, const ApiModel &Api, const FunctionDecl *Frame)
      : Check(Check), Api(Api), Frame(Frame) {}

  bool VisitCallExpr(CallExpr *C) {
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(C);
        Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
      assignment(Op->getArg(0), Op->getArg(1));
      return true;
    }
    if (Api.match(Role::DetachedSpawnFunctions, C, Within::anyRuntime())) {
      detachedSpawn(C);
      return true;
    }
    if (const RuntimeModel *SpawnModel = Api.match(Role::SpawnFunctions, C, Within::anyRuntime())) {
      spawn(C, *SpawnModel);
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
    returned(R->getRetValue());
    return true;
  }
  bool VisitCoreturnStmt(CoreturnStmt *R) {
    returned(R->getOperand());
    return true;
  }

private:
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
    return Root.Decl;
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
  void returned(const Expr *Value) {
    if (const ValueDecl *Group = groupOf(Value)) {
      Check.diag(Value->getBeginLoc(), "group '%0' is returned, outliving the group's "
                                       "scope; a use after the scope ends touches a "
                                       "destroyed group")
          << Group->getName();
      groupNote(Group);
    }
  }

  void detachedSpawn(const CallExpr *C) {
    ChildReferences Refs(Api, Frame);
    for (const Expr *Arg : C->arguments())
      Refs.collect(Arg);
    for (const ChildReference &R : Refs.Found) {
      QualType T = R.Var->getType();
      if (isGroupLike(T, Api, Within::anyRuntime()) && (R.ByReference || T->isPointerType() ||
                                     T->isReferenceType())) {
        Check.diag(R.Loc, "group '%0' is handed to a task outside any group, which "
                          "outlives the group's scope; a use after the scope ends "
                          "touches a destroyed group")
            << R.Var->getName();
        groupNote(R.Var);
      } else if (Api.match(Role::HandleTypes, T.getNonReferenceType(), Within::anyRuntime())) {
        Check.diag(R.Loc, "handle of a child task is handed to a task outside any group, "
                          "which outlives the child's group");
      } else if (R.ByReference) {
        dangling(R, nullptr);
      }
    }
  }

  void spawn(const CallExpr *C, const RuntimeModel &SpawnModel) {
    const Expr *Group = spawnTarget(C, Api, Within::runtime(SpawnModel));
    if (!Group)
      return; // no group: an awaited spawn (co_spawn with use_awaitable)
    StorageRoot Owner = storageRoot(Group);
    if (Owner.How == StorageRoot::Local && !Owner.Indirect)
      return; // this frame's own group ends before its locals do
    ChildReferences Refs(Api, Frame);
    for (const Expr *Arg : C->arguments())
      if (Arg != Group)
        Refs.collect(Arg);
    for (const ChildReference &R : Refs.Found)
      if (R.ByReference)
        dangling(R, &Owner);
  }

  void dangling(const ChildReference &R, const StorageRoot *Owner) {
    Check.diag(R.Loc, "child spawned %select{outside any group|into a group this frame "
                      "does not own}0 %select{refers to|captures}1 '%2' by reference, but "
                      "'%2' dies when this frame returns, before the child ends")
        << (Owner != nullptr) << R.Captured << R.Var->getName();
    // A group returned by a call has nothing to point at.
    if (Owner && Owner->Decl) {
      if (Owner->How == StorageRoot::Parameter)
        Check.diag(Owner->Decl->getLocation(), "the group is received here",
                   DiagnosticIDs::Note);
      else
        Check.diag(Owner->Decl->getLocation(),
                   "the group is %select{reached through|stored in member}0 '%1', "
                   "declared here",
                   DiagnosticIDs::Note)
            << (Owner->How == StorageRoot::Member) << Owner->Decl->getName();
    }
    Check.diag(R.Var->getLocation(), "'%0' is declared here and dies when this frame returns",
               DiagnosticIDs::Note)
        << R.Var->getName();
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
};

} // namespace

TaskEscapesGroupCheck::TaskEscapesGroupCheck(llvm::StringRef Name, ClangTidyContext *Context)
    : AsyncCheck(Name, Context, Bodies::AllFunctions,
                 {Role::HandleTypes, Role::GroupTypes, Role::DetachedGroupTypes,
                  Role::SpawnFunctions, Role::DetachedSpawnFunctions}) {}

void TaskEscapesGroupCheck::checkFunction(const FunctionDecl *F, const Stmt *Body,
                                          const RuntimeModel *, ASTContext &) {
  Analysis(*this, api(), F).TraverseStmt(const_cast<Stmt *>(Body));
}

} // namespace clang::tidy::async
