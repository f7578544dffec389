//===--- SpawnOutsideGroupCheck.cpp - async-spawn-outside-group -----------===//

#include "SpawnOutsideGroupCheck.h"
#include "CoroutineAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

/// Where a diagnostic about a call points: the name of what is called (the
/// member name of `t.detach()`, the operator of `+p`), else the call.
SourceLocation calleeLoc(const CallExpr *Call) {
  if (isa<CXXOperatorCallExpr, CXXMemberCallExpr>(Call))
    return Call->getExprLoc();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts()))
    return Ref->getLocation();
  return Call->getBeginLoc();
}

/// How a completion token is named: the object as written (asio::detached),
/// also inside the adapter that wraps it (bind_cancellation_slot(slot,
/// asio::detached)), else its type.
std::string tokenName(const Expr *Token, const ApiModel &Api) {
  const Expr *E = ignoreValueWrappers(Token);
  for (unsigned Depth = 0; E && Depth < 4; ++Depth) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return modelName(Ref->getDecl());
    const auto *Call = dyn_cast<CallExpr>(E);
    if (!Call)
      break;
    const Expr *Inner = nullptr;
    for (const Expr *Arg : Call->arguments())
      if (Api.isConstrainingArgumentType(Role::DetachedSpawnFunctions, Arg->getType(),
                                         Within::anyRuntime()))
        Inner = ignoreValueWrappers(Arg);
    E = Inner;
  }
  if (const NamedDecl *D = typeDecl(Token->getType()))
    return modelName(D);
  return "the token";
}

/// The parameter of \p F that \p E names, looking through forwarding.
const ParmVarDecl *parameterNamed(const Expr *E, const FunctionDecl *F) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(ignoreValueWrappers(E));
  const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  return Param && Param->getDeclContext() == F ? Param : nullptr;
}

class CallCollector : public FunctionBodyVisitor<CallCollector> {
public:
  bool VisitCallExpr(CallExpr *C) {
    Calls.push_back(C);
    return true;
  }
  // `co_await nursery.join()`: the frame waits for what it spawned there.
  bool VisitCoawaitExpr(CoawaitExpr *E) {
    if (const auto *Member = dyn_cast_or_null<CXXMemberCallExpr>(awaitOperand(E)))
      if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
              ignoreValueWrappers(Member->getImplicitObjectArgument())))
        Awaited.insert(Ref->getDecl());
    return true;
  }
  llvm::SmallVector<const CallExpr *, 16> Calls;
  llvm::DenseSet<const ValueDecl *> Awaited;
};

/// Whether a spawn that hands its outcome to a callback is given one that
/// drops it: a lambda written here whose parameters are unused
/// (`lazy.start([](auto &&) {})`).
bool callbackIgnoresOutcome(const CallExpr *Spawn) {
  for (const Expr *Arg : Spawn->arguments()) {
    const auto *Lambda = dyn_cast_or_null<LambdaExpr>(ignoreValueWrappers(Arg));
    if (!Lambda)
      return false;
    const CXXMethodDecl *Call = Lambda->getCallOperator();
    return llvm::none_of(Call->parameters(),
                         [](const ParmVarDecl *P) { return P->isReferenced() || P->isUsed(); });
  }
  return true; // no callback at all
}

/// Whether a detached spawn hands its outcome to a callback that looks at
/// it (`lazy.start([](Try<int> t) { handle(t); })`): then the failure is seen.
bool outcomeIsObserved(const CallExpr *Spawn) {
  for (const Expr *Arg : Spawn->arguments()) {
    const auto *Lambda = dyn_cast_or_null<LambdaExpr>(ignoreValueWrappers(Arg));
    if (!Lambda)
      continue;
    const CXXMethodDecl *Call = Lambda->getCallOperator();
    if (llvm::any_of(Call->parameters(),
                     [](const ParmVarDecl *P) { return P->isReferenced() || P->isUsed(); }))
      return true;
  }
  return false;
}

/// The callable a thread-like object was started with: `std::thread(fn)`,
/// or `t` in `std::thread t(fn); t.detach();`. Null when not visible.
const LambdaExpr *workOf(const CallExpr *Detach) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(Detach);
  if (!Member || Member->getNumArgs() != 0)
    return nullptr;
  auto Construction = [](const Expr *E) {
    E = ignoreValueWrappers(E);
    // std::thread(fn): a functional cast around the construction.
    if (const auto *Cast = dyn_cast_or_null<CXXFunctionalCastExpr>(E))
      E = ignoreValueWrappers(Cast->getSubExpr());
    return E;
  };
  const Expr *Object = Construction(Member->getImplicitObjectArgument());
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Object))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()); Var && Var->hasLocalStorage())
      Object = Construction(Var->getInit());
  const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Object);
  if (!Construct || Construct->getNumArgs() == 0)
    return nullptr;
  return dyn_cast<LambdaExpr>(ignoreValueWrappers(Construct->getArg(0)));
}

/// Whether a thread's body tells its waiter that it is done: it resumes a
/// coroutine, sets a promise, counts a latch down, or invokes a callback it
/// captured. The waiter then supervises the thread.
class CompletionSignal : public RecursiveASTVisitor<CompletionSignal> {
public:
  CompletionSignal(const ApiModel &Api, const LambdaExpr *Work) : Api(Api), Work(Work) {}
  bool VisitCallExpr(CallExpr *C) {
    if (Api.match(Role::CompletionSignalFunctions, C, Within::anyRuntime()))
      Found = true;
    // A captured callback invoked: `done()`, `on_complete(result)`.
    const Expr *Callee = C->getCallee();
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(C); Op && Op->getOperator() == OO_Call)
      Callee = Op->getArg(0);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Callee->IgnoreParenImpCasts()))
      if (Ref->refersToEnclosingVariableOrCapture() &&
          llvm::any_of(Work->captures(), [&](const LambdaCapture &Capture) {
            return Capture.capturesVariable() && Capture.getCapturedVar() == Ref->getDecl();
          }))
        Found = true;
    return !Found;
  }
  bool Found = false;

private:
  const ApiModel &Api;
  const LambdaExpr *Work;
};

} // namespace

SpawnOutsideGroupCheck::SpawnOutsideGroupCheck(llvm::StringRef Name, ClangTidyContext *Context)
    : AsyncCheck(Name, Context, Bodies::AllFunctions,
                 {Role::DetachedSpawnFunctions, Role::FutureSpawnFunctions,
                  Role::SpawnFunctions, Role::GroupTypes, Role::DetachedTaskTypes,
                  Role::CompletionSignalFunctions, Role::DetachedGroupTypes,
                  Role::CompletionCallbackSpawnFunctions}) {}

void SpawnOutsideGroupCheck::checkFunction(const FunctionDecl *F, const Stmt *Body,
                                           const RuntimeModel *, ASTContext &) {
  // The runtime's own primitives: Cobalt's promise::operator+ detaches by
  // calling detach().
  if (api().match(Role::DetachedSpawnFunctions, F, Within::anyRuntime()) ||
      api().match(Role::SpawnFunctions, F, Within::anyRuntime()))
    return;
  CallCollector Calls;
  Calls.TraverseStmt(const_cast<Stmt *>(Body));
  if (Calls.Calls.empty())
    return;
  llvm::DenseSet<const Expr *> Discarded;
  forEachDiscarded(Body, [&](const Expr *E, Discard, const Expr *) { Discarded.insert(E); });

  for (const CallExpr *Call : Calls.Calls) {
    if (const RuntimeModel *M =
            api().match(Role::DetachedSpawnFunctions, Call, Within::anyRuntime())) {
      checkDetachedSpawn(Call, F, *M);
      continue;
    }
    if (const RuntimeModel *M =
            api().match(Role::CompletionCallbackSpawnFunctions, Call, Within::anyRuntime())) {
      // Detached, but observed by its callback unless that ignores the
      // outcome; a callback the caller passed in is the caller's to judge.
      if (!callbackIgnoresOutcome(Call))
        continue;
      checkDetachedSpawn(Call, F, *M);
      continue;
    }
    if (api().match(Role::FutureSpawnFunctions, Call, Within::anyRuntime())) {
      if (Discarded.contains(Call) && firstReport(calleeLoc(Call)))
        diag(calleeLoc(Call), "future returned by '%0' is discarded: its destructor waits for "
                              "the work, and the work's failure is never seen")
            << calleeName(Call);
      continue;
    }
    if (const RuntimeModel *M = api().match(Role::SpawnFunctions, Call, Within::anyRuntime())) {
      checkGroupSpawn(Call, *M, Calls.Awaited);
      continue;
    }
    if (const NamedDecl *Type = typeDecl(Call->getType());
        Type && api().match(Role::DetachedTaskTypes, Call->getType(), Within::anyRuntime())) {
      const auto *Callee = dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl());
      const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
      if (Callee && firstReport(calleeLoc(Call)))
        diag(calleeLoc(Call), "call of %0 runs a detached coroutine ('%1') outside any "
                              "group: nothing waits for it or handles its failure, and it "
                              "can outlive the data it uses")
            << (Method && Method->getParent()->isLambda()
                    ? std::string("the coroutine lambda")
                    : "'" + Callee->getName().str() + "'")
            << modelName(Type);
      continue;
    }
    checkForwardedToken(Call, F);
  }
}

void SpawnOutsideGroupCheck::checkDetachedSpawn(const CallExpr *Call, const FunctionDecl *F,
                                                const RuntimeModel &M) {
  const Expr *Token =
      api().constrainingArgument(Role::DetachedSpawnFunctions, Call, Within::runtime(M));
  // A template passing its caller's token on: the caller, who spelled the
  // token, is told (checkForwardedToken).
  if (Token && parameterNamed(Token, F))
    return;
  if (outcomeIsObserved(Call))
    return;
  // A thread that resumes the coroutine waiting for it (the awaiter that
  // offloads work), or that signals a completion its waiter awaits.
  if (const LambdaExpr *Work = workOf(Call)) {
    CompletionSignal Signal(api(), Work);
    Signal.TraverseStmt(Work->getBody());
    if (Signal.Found)
      return;
  }
  if (!firstReport(calleeLoc(Call)))
    return;
  const std::string Callee = calleeName(Call);
  diag(calleeLoc(Call), "'%0'%select{| with '%2'}1 runs work outside any group: nothing "
                        "waits for it or handles its failure, and it can outlive the "
                        "data it uses")
      << Callee << (Token != nullptr) << (Token ? tokenName(Token, api()) : std::string());
  if (Token)
    diag(Token->getBeginLoc(), "this completion token discards the task's outcome",
         DiagnosticIDs::Note);
}

void SpawnOutsideGroupCheck::checkForwardedToken(const CallExpr *Call, const FunctionDecl *F) {
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
  const FunctionDecl *Definition = nullptr;
  if (!Callee || !Callee->hasBody(Definition))
    return;
  unsigned Offset = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
  for (unsigned I = Offset; I < Call->getNumArgs(); ++I) {
    const Expr *Arg = Call->getArg(I);
    // Passing the caller's token on: the caller is told.
    if (parameterNamed(Arg, F))
      continue;
    if (I - Offset >= Definition->getNumParams() ||
        !api().isConstrainingArgumentType(Role::DetachedSpawnFunctions, Arg->getType(),
                                          Within::anyRuntime()))
      continue;
    const CallExpr *Spawn =
        spawnReachedBy(Definition, Definition->getParamDecl(I - Offset), /*Depth=*/0);
    if (!Spawn || !firstReport(Arg->getBeginLoc()))
      continue;
    diag(Arg->getBeginLoc(), "'%0' runs work outside any group: '%1' passes this completion "
                             "token on to '%2', so nothing waits for the work or handles its "
                             "failure")
        << tokenName(Arg, api()) << modelName(Callee) << calleeName(Spawn);
    diag(calleeLoc(Spawn), "the token reaches '%0' here", DiagnosticIDs::Note)
        << calleeName(Spawn);
    return;
  }
}

const CallExpr *SpawnOutsideGroupCheck::spawnReachedBy(const FunctionDecl *F,
                                                       const ParmVarDecl *Param,
                                                       unsigned Depth) {
  auto Key = std::make_pair(F, Param);
  if (auto It = Forwards.find(Key); It != Forwards.end())
    return It->second;
  Forwards[Key] = nullptr; // a cycle of forwarding reaches nothing new
  const Stmt *Body = F->getBody();
  if (const auto *Coro = dyn_cast_or_null<CoroutineBodyStmt>(Body))
    Body = Coro->getBody();
  if (!Body || Depth > 3)
    return nullptr;
  CallCollector Calls;
  Calls.TraverseStmt(const_cast<Stmt *>(Body));
  const CallExpr *Found = nullptr;
  for (const CallExpr *Call : Calls.Calls) {
    if (api().match(Role::DetachedSpawnFunctions, Call, Within::anyRuntime())) {
      const Expr *Token =
          api().constrainingArgument(Role::DetachedSpawnFunctions, Call, Within::anyRuntime());
      if (Token && parameterNamed(Token, F) == Param) {
        Found = Call;
        break;
      }
      continue;
    }
    const auto *Next = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
    const FunctionDecl *NextDefinition = nullptr;
    if (!Next || !Next->hasBody(NextDefinition))
      continue;
    unsigned Offset = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Next) ? 1 : 0;
    for (unsigned I = Offset; I < Call->getNumArgs() && !Found; ++I)
      if (parameterNamed(Call->getArg(I), F) == Param && I - Offset < NextDefinition->getNumParams())
        if (const CallExpr *Inner = spawnReachedBy(
                NextDefinition, NextDefinition->getParamDecl(I - Offset), Depth + 1))
          Found = Inner;
    if (Found)
      break;
  }
  Forwards[Key] = Found;
  return Found;
}

void SpawnOutsideGroupCheck::checkGroupSpawn(const CallExpr *Call, const RuntimeModel &M,
                                             const llvm::DenseSet<const ValueDecl *> &Awaited) {
  const Expr *Group = spawnTarget(Call, api(), Within::runtime(M));
  if (!Group)
    return;
  StorageRoot Root = storageRoot(Group);
  // A scope nobody is bound to (corral's UnsafeNursery): its children are
  // detached unless this frame waits for the scope itself. The type is the
  // object's own, before it converts to the base whose start() is called.
  QualType GroupType = Group->IgnoreParenImpCasts()->getType().getNonReferenceType();
  if (GroupType->isPointerType())
    GroupType = GroupType->getPointeeType();
  if (api().match(Role::DetachedGroupTypes, GroupType, Within::runtime(M))) {
    if (Root.Decl && Awaited.contains(Root.Decl))
      return;
    if (!firstReport(calleeLoc(Call)))
      return;
    diag(calleeLoc(Call), "'%0' on a '%1' runs work outside any group: that scope is bound "
                          "to no frame, so nothing waits for its children or handles their "
                          "failure, and they can outlive the data they use")
        << calleeName(Call) << modelName(typeDecl(GroupType));
    return;
  }
  // A global pointer names a group some frame owns (openNursery's
  // back-reference); storing it there is async-task-escapes-group's
  // business. Only a group object that is itself global outlives every frame.
  if ((Root.How != StorageRoot::Global && Root.How != StorageRoot::StaticLocal) || Root.Indirect)
    return;
  if (!firstReport(calleeLoc(Call)))
    return;
  diag(calleeLoc(Call), "task spawned into %select{global|static}0 group '%1': the group "
                        "outlives every frame, so none of them waits for the task or "
                        "handles its failure")
      << (Root.How == StorageRoot::StaticLocal) << Root.Decl->getName();
  diag(Root.Decl->getLocation(), "'%0' is declared here", DiagnosticIDs::Note)
      << Root.Decl->getName();
}

} // namespace clang::tidy::async
