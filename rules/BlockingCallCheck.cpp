//===--- BlockingCallCheck.cpp - async-blocking-call ----------------------===//

#include "BlockingCallCheck.h"
#include "CoroutineAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

/// Whether a value of type \p T can be awaited: a task of any runtime, or a
/// class with await_ready or operator co_await (of its own or a base's).
bool isAwaitable(QualType T, const ApiModel &Api) {
  if (T.isNull())
    return false;
  if (Api.runtimeOfTaskType(T))
    return true;
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  auto HasAwaitMember = [](const CXXRecordDecl *R) {
    for (const Decl *D : R->decls()) {
      const auto *ND = dyn_cast<NamedDecl>(D);
      if (!ND)
        continue;
      if (const auto *Template = dyn_cast<FunctionTemplateDecl>(ND))
        ND = Template->getTemplatedDecl();
      if (!isa<CXXMethodDecl>(ND))
        continue;
      DeclarationName Name = ND->getDeclName();
      if (Name.getCXXOverloadedOperator() == OO_Coawait)
        return true;
      if (const IdentifierInfo *II = Name.getAsIdentifierInfo(); II && II->isStr("await_ready"))
        return true;
    }
    return false;
  };
  if (HasAwaitMember(RD))
    return true;
  return !RD->forallBases([&](const CXXRecordDecl *Base) { return !HasAwaitMember(Base); });
}

struct BlockingCall {
  const Expr *Call; ///< a call, or a construction whose constructor blocks

  const NamedDecl *Callee;
  bool InHandler; ///< inside a catch handler, where co_await is ill-formed
};

class BlockingCallCollector : public FunctionBodyVisitor<BlockingCallCollector> {
  using Base = FunctionBodyVisitor<BlockingCallCollector>;

public:
  BlockingCallCollector(const ApiModel &Api, const RuntimeModel &M) : Api(Api), M(&M) {}

  bool TraverseCXXCatchStmt(CXXCatchStmt *S) {
    ++HandlerDepth;
    bool Continue = Base::TraverseCXXCatchStmt(S);
    --HandlerDepth;
    return Continue;
  }
  bool VisitCoawaitExpr(CoawaitExpr *E) {
    if (awaitsRole(E, Role::ExecutorSwitchFunctions, Api, *M) && !Switched)
      Switched = E;
    return awaited(E->getOperand());
  }
  bool VisitDependentCoawaitExpr(DependentCoawaitExpr *E) { return awaited(E->getOperand()); }
  bool VisitCoyieldExpr(CoyieldExpr *E) { return awaited(E->getOperand()); }
  // A guard that locks in its constructor: async_simple's ScopedSpinLock.
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    if (Api.match(Role::BlockingFunctions, Construct, Within::anyRuntime()))
      Found.push_back({Construct, Construct->getConstructor()->getParent(), HandlerDepth > 0});
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    // Any enabled runtime's blocking call blocks this coroutine's loop too:
    // cppcoro::sync_wait stalls a tg loop as surely as tg::run does.
    if (const NamedDecl *Callee = blockingCallee(Call))
      Found.push_back({Call, Callee, HandlerDepth > 0});
    return true;
  }

  llvm::SmallVector<BlockingCall, 4> Found;
  llvm::DenseSet<const Expr *> Awaited;
  /// The first await that moves the coroutine onto another executor.
  const Expr *Switched = nullptr;

private:
  bool awaited(const Expr *Operand) {
    if (const Expr *E = ignoreValueWrappers(Operand))
      Awaited.insert(E);
    return true;
  }
  /// The blocking function \p Call calls. In a template, a call whose
  /// arguments are dependent names its candidates; they share the name.
  const NamedDecl *blockingCallee(const CallExpr *Call) const {
    if (Api.match(Role::BlockingFunctions, Call, Within::anyRuntime()))
      return dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl());
    if (const auto *Lookup = dyn_cast<UnresolvedLookupExpr>(Call->getCallee()->IgnoreParens()))
      for (const NamedDecl *Candidate : Lookup->decls()) {
        if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Candidate))
          Candidate = Template->getTemplatedDecl();
        if (Api.match(Role::BlockingFunctions, Candidate, Within::anyRuntime()))
          return Candidate;
      }
    return nullptr;
  }

  const ApiModel &Api;
  const RuntimeModel *M;
  unsigned HandlerDepth = 0;
};

/// Whether \p Call waits on a result an await already delivered: its
/// object is a local initialised by a co_await (`auto [a, b] = co_await
/// when_all(...); a.get()`), so it is complete.
bool readsAnAwaitedResult(const CallExpr *Call) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
  if (!Member)
    return false;
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
      ignoreValueWrappers(Member->getImplicitObjectArgument()));
  if (!Ref)
    return false;
  const VarDecl *Var = dyn_cast<VarDecl>(Ref->getDecl());
  if (const auto *Binding = dyn_cast<BindingDecl>(Ref->getDecl()))
    Var = dyn_cast_or_null<VarDecl>(Binding->getDecomposedDecl());
  if (!Var || !Var->getInit())
    return false;
  const Expr *Init = ignoreValueWrappers(Var->getInit());
  if (const auto *Decomposed = dyn_cast_or_null<DecompositionDecl>(Var))
    Init = ignoreValueWrappers(Decomposed->getInit());
  return isa_and_nonnull<CoawaitExpr, DependentCoawaitExpr>(Init);
}

/// The source text of a call's arguments, from the first to the last.
std::optional<std::string> argumentsText(const CallExpr *Call, const SourceManager &SM,
                                         const LangOptions &LO) {
  if (Call->getNumArgs() == 0)
    return std::string();
  SourceRange Range(Call->getArg(0)->getBeginLoc(),
                    Call->getArg(Call->getNumArgs() - 1)->getEndLoc());
  if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
    return std::nullopt;
  bool Invalid = false;
  llvm::StringRef Text = Lexer::getSourceText(CharSourceRange::getTokenRange(Range), SM, LO,
                                              &Invalid);
  if (Invalid)
    return std::nullopt;
  return Text.str();
}

} // namespace

BlockingCallCheck::BlockingCallCheck(llvm::StringRef Name, ClangTidyContext *Context)
    : AsyncCheck(Name, Context, Bodies::ModelledCoroutines,
                 {Role::BlockingFunctions, Role::ExecutorSwitchFunctions}) {}

void BlockingCallCheck::checkFunction(const FunctionDecl *, const Stmt *Body,
                                      const RuntimeModel *Runtime, ASTContext &Ctx) {
  if (!Runtime)
    return;
  BlockingCallCollector Collector(api(), *Runtime);
  Collector.TraverseStmt(const_cast<Stmt *>(Body));
  if (Collector.Found.empty())
    return;
  llvm::DenseSet<const Expr *> Statements;
  forEachDiscarded(Body, [&](const Expr *E, Discard How, const Expr *) {
    if (How == Discard::Statement)
      Statements.insert(E);
  });
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();

  for (const BlockingCall &B : Collector.Found) {
    // A call that makes something to await does not block: the await
    // suspends instead.
    const auto *AsCall = dyn_cast<CallExpr>(B.Call);
    if (Collector.Awaited.contains(B.Call) ||
        (AsCall && isAwaitable(B.Call->getType(), api())))
      continue;
    if (AsCall && readsAnAwaitedResult(AsCall))
      continue;
    // After the coroutine moved onto another executor (a thread pool), the
    // standard library's blocking I/O and sleeps are that executor's job;
    // waiting for a result there can still deadlock.
    if (Collector.Switched &&
        SM.isBeforeInTranslationUnit(Collector.Switched->getEndLoc(), B.Call->getBeginLoc()))
      if (const RuntimeModel *Source =
              api().match(Role::BlockingFunctions, B.Callee, Within::runtime(*Runtime));
          Source && Source != Runtime && Source->Name == "std")
        continue;
    // A call spelled in a macro is reported where the macro is used.
    const SourceLocation Loc =
        SM.getExpansionLoc(AsCall ? B.Call->getExprLoc() : B.Call->getBeginLoc());
    if (!firstReport(Loc))
      continue;
    auto D = diag(Loc, "blocking call to '%0' in a coroutine blocks the thread of its event "
                       "loop: no other task runs until it returns; await an asynchronous "
                       "alternative or move the call off the loop")
             << (AsCall && AsCall->getCalleeDecl() ? calleeName(AsCall) : modelName(B.Callee));

    llvm::StringRef FixTemplate = Runtime->awaitableAlternative(B.Callee);
    if (!AsCall || FixTemplate.empty() || !Statements.contains(B.Call) || B.InHandler ||
        B.Call->getBeginLoc().isMacroID() || B.Call->getEndLoc().isMacroID())
      continue;
    std::optional<std::string> Arguments = argumentsText(AsCall, SM, LO);
    if (!Arguments)
      continue;
    D << FixItHint::CreateReplacement(B.Call->getSourceRange(),
                                      substitute(FixTemplate, *Arguments));
  }
}

} // namespace clang::tidy::async
