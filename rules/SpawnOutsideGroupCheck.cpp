//===--- SpawnOutsideGroupCheck.cpp - async-spawn-outside-group -----------===//

#include "SpawnOutsideGroupCheck.h"
#include "CoroutineAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

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
/// else its type.
std::string tokenName(const Expr *Token) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(ignoreValueWrappers(Token)))
    return modelName(Ref->getDecl());
  return modelName(typeDecl(Token->getType()));
}

/// Whether \p E is the part of a statement whose value the statement uses.
bool isUsedBy(const Stmt *S, const Expr *E) {
  if (const auto *If = dyn_cast<IfStmt>(S))
    return If->getCond() == E;
  if (const auto *While = dyn_cast<WhileStmt>(S))
    return While->getCond() == E;
  if (const auto *Do = dyn_cast<DoStmt>(S))
    return Do->getCond() == E;
  if (const auto *For = dyn_cast<ForStmt>(S))
    return For->getCond() == E;
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(S))
    return Range->getBody() != E;
  return true;
}

/// Whether the value of \p E is dropped: it is an expression statement, or
/// cast to void, once temporaries and conversions are looked through.
bool isDiscarded(const Expr *E, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*E);
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.size() != 1)
      return false;
    const DynTypedNode &Parent = Parents[0];
    if (const auto *ParentExpr = Parent.get<Expr>()) {
      if (isa<ExprWithCleanups, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
              ImplicitCastExpr, ParenExpr, ConstantExpr>(ParentExpr)) {
        Node = Parent;
        continue;
      }
      if (const auto *Cast = dyn_cast<ExplicitCastExpr>(ParentExpr))
        return Cast->getType()->isVoidType();
      if (const auto *Comma = dyn_cast<BinaryOperator>(ParentExpr);
          Comma && Comma->getOpcode() == BO_Comma)
        return Comma->getLHS()->IgnoreParenImpCasts() == Node.get<Expr>()->IgnoreParenImpCasts() ||
               isDiscarded(Comma, Ctx);
      return false;
    }
    // A statement that is not an expression uses an expression child as a
    // condition, a return value or an initializer, except as a statement of a
    // block or a label.
    if (const auto *Statement = Parent.get<Stmt>())
      return isa<CompoundStmt, LabelStmt, AttributedStmt, SwitchCase>(Statement) ||
             (isa<IfStmt, WhileStmt, DoStmt, ForStmt, CXXForRangeStmt>(Statement) &&
              !isUsedBy(Statement, Node.get<Expr>()));
    return false;
  }
}

} // namespace

void SpawnOutsideGroupCheck::registerMatchers(MatchFinder *Finder) {
  // Instantiations too: a call dependent in its template is only resolved
  // there. Every instantiation reports at the same place, and clang-tidy
  // keeps one of identical diagnostics.
  Finder->addMatcher(callExpr(inReportableCode(),
                              anyOf(callOfRole(Role::DetachedSpawnFunctions),
                                    callOfRole(Role::FutureSpawnFunctions),
                                    callOfRole(Role::SpawnFunctions)))
                         .bind("call"),
                     this);
  // As written only: a detached coroutine's own get_return_object() call is
  // implicit code returning the detached type.
  Finder->addMatcher(traverse(TK_IgnoreUnlessSpelledInSource,
                              callExpr(inReportableCode(), typeOfRole(Role::DetachedTaskTypes))
                                  .bind("detached-coroutine-call")),
                     this);
}

void SpawnOutsideGroupCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("detached-coroutine-call")) {
    const auto *Callee = dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl());
    const NamedDecl *Type = typeDecl(Call->getType());
    if (!Callee || !api().anyRuntimeWith(Role::DetachedTaskTypes, Type))
      return;
    diag(calleeLoc(Call), "call of '%0' runs a detached coroutine ('%1') outside any "
                          "group: nothing waits for it or handles its failure, and it "
                          "can outlive the data it uses")
        << Callee->getName() << modelName(Type);
    return;
  }
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  if (!Call)
    return;
  if (const RuntimeModel *M = api().anyRuntimeWithCall(Role::DetachedSpawnFunctions, Call))
    return checkDetachedSpawn(Call, *M);
  if (api().anyRuntimeWithCall(Role::FutureSpawnFunctions, Call))
    return checkDiscardedFuture(Call, *Result.Context);
  if (const RuntimeModel *M = api().anyRuntimeWithCall(Role::SpawnFunctions, Call))
    return checkGlobalGroupSpawn(Call, *M);
}

void SpawnOutsideGroupCheck::checkDetachedSpawn(const CallExpr *Call, const RuntimeModel &M) {
  const std::string Callee = modelName(cast<NamedDecl>(Call->getCalleeDecl()));
  const Expr *Token = M.constrainingArgument(Role::DetachedSpawnFunctions, Call);
  diag(calleeLoc(Call), "'%0'%select{| with '%2'}1 runs work outside any group: nothing "
                        "waits for it or handles its failure, and it can outlive the "
                        "data it uses")
      << Callee << (Token != nullptr)
      << (Token ? tokenName(Token) : std::string());
  if (Token)
    diag(Token->getBeginLoc(), "this completion token discards the task's outcome",
         DiagnosticIDs::Note);
}

void SpawnOutsideGroupCheck::checkDiscardedFuture(const CallExpr *Call, ASTContext &Ctx) {
  if (!isDiscarded(Call, Ctx))
    return;
  diag(calleeLoc(Call), "future returned by '%0' is discarded: its destructor waits for "
                        "the work, and the work's failure is never seen")
      << modelName(cast<NamedDecl>(Call->getCalleeDecl()));
}

void SpawnOutsideGroupCheck::checkGlobalGroupSpawn(const CallExpr *Call,
                                                   const RuntimeModel &M) {
  const Expr *Group = spawnTarget(Call, api(), M);
  if (!Group)
    return;
  StorageRoot Root = storageRoot(Group);
  if (Root.How != StorageRoot::Global && Root.How != StorageRoot::StaticLocal)
    return;
  diag(calleeLoc(Call), "task spawned into %select{global|static}0 group '%1': the group "
                        "outlives every frame, so none of them waits for the task or "
                        "handles its failure")
      << (Root.How == StorageRoot::StaticLocal) << Root.Decl->getName();
  diag(Root.Decl->getLocation(), "'%0' is declared here", DiagnosticIDs::Note)
      << Root.Decl->getName();
}

} // namespace clang::tidy::async
