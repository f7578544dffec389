//===--- SuspendInGroupGeneratorCheck.cpp - async-suspend-in-group-generator =//
//
// Two shapes. A scope whose body is a lambda (tg::with_group, a timeout, a
// shield) can only have a co_yield in it when that lambda is itself a
// generator: every co_yield of it is inside the scope. A group that is an
// object of the generator's frame is open from a spawn into it until an
// await that names it (its join); on the generator's CFG, a co_yield
// reachable from a spawn without passing such an await is inside it.
// Which coroutines are generators is decided by their type (the model's
// GeneratorTypes), never by whether they contain a co_yield.
//
//===----------------------------------------------------------------------===//

#include "SuspendInGroupGeneratorCheck.h"
#include "CoroutineAnalysis.h"
#include "FunctionFlow.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

/// The generator lambda a scope runs as its body: the argument itself, or a
/// local initialised with it one assignment earlier.
const CXXMethodDecl *generatorBody(const Expr *Arg, const ApiModel &Api) {
  const Expr *E = ignoreValueWrappers(Arg);
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->hasLocalStorage() && Var->getInit())
      E = ignoreValueWrappers(Var->getInit());
  const auto *Lambda = dyn_cast_or_null<LambdaExpr>(E);
  if (!Lambda)
    return nullptr;
  const CXXMethodDecl *Call = Lambda->getCallOperator();
  if (!Call || !coroutineBody(Call) ||
      !Api.match(Role::GeneratorTypes, Call->getReturnType(), Within::anyRuntime()))
    return nullptr;
  return Call;
}

class ScopeCalls : public FunctionBodyVisitor<ScopeCalls> {
public:
  explicit ScopeCalls(const ApiModel &Api) : Api(Api) {}
  bool VisitCallExpr(CallExpr *C) {
    for (Role R : {Role::GroupOpenFunctions, Role::TimeoutFunctions, Role::ShieldFunctions})
      if (Api.match(R, C, Within::anyRuntime())) {
        Found.push_back({C, R});
        break;
      }
    return true;
  }
  llvm::SmallVector<std::pair<const CallExpr *, Role>, 2> Found;

private:
  const ApiModel &Api;
};

/// Group objects declared in the generator's frame, with the end of the
/// block they live in, and the spawns into them.
class GroupObjects : public FunctionBodyVisitor<GroupObjects> {
  using Base = FunctionBodyVisitor<GroupObjects>;

public:
  GroupObjects(const ApiModel &Api, const RuntimeModel &M) : Api(Api), M(M) {}
  bool TraverseCompoundStmt(CompoundStmt *S) {
    Blocks.push_back(S);
    const bool Result = Base::TraverseCompoundStmt(S);
    Blocks.pop_back();
    return Result;
  }
  bool VisitVarDecl(VarDecl *V) {
    if (V->hasLocalStorage() && !isa<ParmVarDecl>(V) && !V->getType()->isReferenceType() &&
        !Blocks.empty() && Api.match(Role::GroupTypes, V->getType(), Within::runtime(M)))
      ScopeEnd[V] = Blocks.back()->getRBracLoc();
    return true;
  }
  bool VisitCallExpr(CallExpr *C) {
    if (!Api.match(Role::SpawnFunctions, C, Within::runtime(M)))
      return true;
    if (const Expr *Target = spawnTarget(C, Api, Within::runtime(M))) {
      const StorageRoot Root = storageRoot(Target);
      if (Root.How == StorageRoot::Local && !Root.Indirect)
        if (const auto *V = dyn_cast<VarDecl>(Root.Decl); V && ScopeEnd.count(V))
          Spawns.push_back({C, V});
    }
    return true;
  }
  llvm::DenseMap<const VarDecl *, SourceLocation> ScopeEnd;
  llvm::SmallVector<std::pair<const CallExpr *, const VarDecl *>, 4> Spawns;

private:
  const ApiModel &Api;
  const RuntimeModel &M;
  llvm::SmallVector<const CompoundStmt *, 8> Blocks;
};


/// The co_yields reachable from \p From without passing an await that names
/// \p Group (its join); only those before \p ScopeEnd are inside the group's
/// lifetime.
llvm::SmallVector<const CoyieldExpr *, 2>
yieldsBeforeJoin(const FunctionFlow &Flow, FunctionFlow::Place From, const VarDecl *Group,
                 SourceLocation ScopeEnd, const SourceManager &SM) {
  llvm::SmallVector<const CoyieldExpr *, 2> Result;
  llvm::DenseSet<const CFGBlock *> Entered;
  llvm::SmallVector<FunctionFlow::Place, 8> Work{From};
  while (!Work.empty()) {
    const FunctionFlow::Place P = Work.pop_back_val();
    bool Joined = false;
    for (unsigned I = P.Index; I < P.Block->size() && !Joined; ++I) {
      const Stmt *S = FunctionFlow::elementStmt((*P.Block)[I]);
      if (!S || !Flow.isSuspension(S))
        continue;
      const Expr *Suspension = Flow.suspensionOf(S);
      if (const auto *Yield = dyn_cast<CoyieldExpr>(Suspension)) {
        if (SM.isBeforeInTranslationUnit(Yield->getKeywordLoc(), ScopeEnd) &&
            !llvm::is_contained(Result, Yield))
          Result.push_back(Yield);
      } else if (mentions(awaitOperand(Suspension), Group)) {
        Joined = true;
      }
    }
    if (Joined)
      continue;
    for (const CFGBlock *Succ : P.Block->succs())
      if (Succ && Entered.insert(Succ).second)
        Work.push_back({Succ, 0});
  }
  return Result;
}

} // namespace

SuspendInGroupGeneratorCheck::SuspendInGroupGeneratorCheck(llvm::StringRef Name,
                                                           ClangTidyContext *Context)
    : AsyncCheck(Name, Context, Bodies::AllFunctions,
                 {Role::GeneratorTypes, Role::GroupTypes, Role::DetachedGroupTypes,
                  Role::GroupOpenFunctions, Role::SpawnFunctions, Role::TimeoutFunctions,
                  Role::ShieldFunctions}) {}

void SuspendInGroupGeneratorCheck::checkFunction(const FunctionDecl *F, const Stmt *Body,
                                                 const RuntimeModel *Runtime, ASTContext &Ctx) {
  checkScopeBodies(Body, Ctx);
  if (Runtime && api().match(Role::GeneratorTypes, F->getReturnType(), Within::runtime(*Runtime)))
    checkGroupObjects(F, Body, *Runtime, Ctx);
}

void SuspendInGroupGeneratorCheck::checkScopeBodies(const Stmt *Body, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  ScopeCalls Calls(api());
  Calls.TraverseStmt(const_cast<Stmt *>(Body));
  for (const auto &Found : Calls.Found) {
    const CallExpr *Call = Found.first;
    const Role R = Found.second;
    for (const Expr *Arg : Call->arguments()) {
      const CXXMethodDecl *Generator = generatorBody(Arg, api());
      if (!Generator)
        continue;
      forEachAwait(coroutineBody(Generator), [&](const Expr *Await) {
        const auto *Yield = dyn_cast<CoyieldExpr>(Await);
        if (!Yield)
          return;
        const SourceLocation Loc = Yield->getKeywordLoc();
        if (Loc.isMacroID() || !isReportable(Loc, SM) || !firstReport(Loc))
          return;
        const std::string Scope = calleeName(Call);
        if (R == Role::GroupOpenFunctions) {
          diag(Loc, "'co_yield' inside the body of '%0' suspends the generator with the group "
                    "open: the consumer's code then runs inside the group, where a child's "
                    "failure cancels it, and a consumer that stops pulling destroys the group "
                    "with its children still running")
              << Scope;
          diag(Call->getExprLoc(), "the group's body starts here", DiagnosticIDs::Note);
        } else if (R == Role::TimeoutFunctions) {
          diag(Loc, "'co_yield' inside the body of '%0' suspends the generator under the "
                    "deadline: the timeout can fire while the consumer's code runs, and "
                    "cancels the consumer instead")
              << Scope;
          diag(Call->getExprLoc(), "the timeout's body starts here", DiagnosticIDs::Note);
        } else {
          diag(Loc, "'co_yield' inside the body of '%0' suspends the generator under the "
                    "shield: the consumer's code then runs shielded from its own cancellation")
              << Scope;
          diag(Call->getExprLoc(), "the shield's body starts here", DiagnosticIDs::Note);
        }
      });
    }
  }
}

void SuspendInGroupGeneratorCheck::checkGroupObjects(const FunctionDecl *F, const Stmt *Body,
                                                     const RuntimeModel &Runtime,
                                                     ASTContext &Ctx) {
  GroupObjects Groups(api(), Runtime);
  Groups.TraverseStmt(const_cast<Stmt *>(Body));
  if (Groups.Spawns.empty())
    return;
  const FunctionFlow *Flow = FunctionFlow::of(F, Ctx);
  if (!Flow)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const auto &[Spawn, Group] : Groups.Spawns) {
    const FunctionFlow::Place From = Flow->placeOf(Spawn);
    if (!From.Block)
      continue;
    for (const CoyieldExpr *Yield :
         yieldsBeforeJoin(*Flow, From, Group, Groups.ScopeEnd.lookup(Group), SM)) {
      const SourceLocation Loc = Yield->getKeywordLoc();
      if (Loc.isMacroID() || !isReportable(Loc, SM) || !firstReport(Loc))
        continue;
      diag(Loc, "'co_yield' suspends the generator while children spawned into %0 may still "
                "be running: a consumer that stops pulling destroys the generator, and %0 "
                "with it, before they are joined")
          << Group;
      diag(Spawn->getExprLoc(), "child spawned into %0 here", DiagnosticIDs::Note) << Group;
      diag(Group->getLocation(), "%0 lives in the generator's frame; only an await that names it waits for its children",
           DiagnosticIDs::Note)
          << Group;
    }
  }
}

} // namespace clang::tidy::async
