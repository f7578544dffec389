//===--- FunctionFlow.cpp - Control flow of one function on clang's CFG ----===//

#include "FunctionFlow.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::async {

namespace {

/// One translation unit's flows, per thread: clangd builds several
/// translation units at once, each with its own checks.
struct FlowCache {
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionFlow>> Flows;
  unsigned Builds = 0;
};
FlowCache &cache() {
  thread_local FlowCache C;
  return C;
}

/// Calls \p Fn on \p Root and every statement under it, without recursion
/// (an expression can nest as deep as its source), never entering a nested
/// function: of a lambda, only the capture initialisers are this function's.
template <class Fn> void forEachStmtUnder(const Stmt *Root, Fn &&Visit) {
  llvm::SmallVector<const Stmt *, 32> Work{Root};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    Visit(S);
    if (const auto *L = dyn_cast<LambdaExpr>(S)) {
      for (const Expr *Init : L->capture_inits())
        Work.push_back(Init);
      continue;
    }
    if (isa<BlockExpr>(S))
      continue;
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D))
          Work.push_back(V->getInit());
      continue;
    }
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
}

} // namespace

const FunctionFlow *FunctionFlow::of(const FunctionDecl *F, ASTContext &Ctx) {
  if (!F || !F->getBody())
    return nullptr;
  FlowCache &C = cache();
  auto It = C.Flows.find(F);
  if (It != C.Flows.end())
    return It->second.get();
  ++C.Builds;
  const Stmt *Body = F->getBody();
  if (const auto *Coro = dyn_cast<CoroutineBodyStmt>(Body))
    Body = Coro->getBody();
  CFG::BuildOptions Options;
  // Every expression an element of its own, so that any statement maps to
  // the place it is evaluated.
  Options.setAllAlwaysAdd();
  std::unique_ptr<FunctionFlow> Flow(new FunctionFlow());
  Flow->Graph = CFG::buildCFG(F, const_cast<Stmt *>(Body), &Ctx, Options);
  if (!Flow->Graph)
    Flow.reset();
  else
    Flow->index(Body);
  return C.Flows.try_emplace(F, std::move(Flow)).first->second.get();
}

void FunctionFlow::forgetTranslationUnit() {
  cache().Flows.clear();
  cache().Builds = 0;
}

void FunctionFlow::printStats(llvm::raw_ostream &OS) {
  OS << "async-tidy stats: control flow: " << cache().Flows.size() << " functions, "
     << cache().Builds << " CFGs built\n";
}

const Stmt *FunctionFlow::elementStmt(const CFGElement &E) {
  if (auto S = E.getAs<CFGStmt>())
    return S->getStmt();
  return nullptr;
}

void FunctionFlow::index(const Stmt *Body) {
  for (const CFGBlock *B : *Graph) {
    unsigned I = 0;
    for (const CFGElement &E : *B) {
      if (const Stmt *S = elementStmt(E))
        Places.try_emplace(S, Place{B, I});
      ++I;
    }
    if (const Stmt *T = B->getTerminatorStmt()) {
      Places.try_emplace(T, Place{B, I});
      if (const auto *Try = dyn_cast<CXXTryStmt>(T))
        Dispatch[Try] = B;
    }
    if (const Stmt *Label = B->getLabel()) {
      Places.try_emplace(Label, Place{B, 0});
      if (const auto *Handler = dyn_cast<CXXCatchStmt>(Label))
        HandlerEntry[Handler] = B;
    }
  }

  // Suspensions, and the try around each statement of a try block.
  llvm::SmallVector<std::pair<const Stmt *, const CXXTryStmt *>, 32> Work{{Body, nullptr}};
  while (!Work.empty()) {
    auto [S, Try] = Work.pop_back_val();
    if (!S)
      continue;
    if (Try)
      TryAround.try_emplace(S, Try);
    if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(S)) {
      SuspensionOf[S] = Suspend;
      for (const Expr *Part : {Suspend->getOperand(), Suspend->getCommonExpr()})
        if (Part)
          forEachStmtUnder(Part, [&](const Stmt *Sub) { AwaitOperandParts.insert(Sub); });
      for (const Expr *Part : {Suspend->getSuspendExpr(), Suspend->getResumeExpr()})
        if (Part)
          forEachStmtUnder(Part, [&](const Stmt *Sub) { SuspensionOf.try_emplace(Sub, Suspend); });
    } else if (const auto *Dependent = dyn_cast<DependentCoawaitExpr>(S)) {
      SuspensionOf[S] = Dependent;
      forEachStmtUnder(Dependent->getOperand(),
                       [&](const Stmt *Sub) { AwaitOperandParts.insert(Sub); });
    }
    if (const auto *T = dyn_cast<CXXTryStmt>(S)) {
      Work.push_back({T->getTryBlock(), T});
      for (unsigned H = 0; H < T->getNumHandlers(); ++H)
        Work.push_back({T->getHandler(H), Try});
      continue;
    }
    if (const auto *L = dyn_cast<LambdaExpr>(S)) {
      for (const Expr *Init : L->capture_inits())
        Work.push_back({Init, Try});
      continue;
    }
    if (isa<BlockExpr>(S))
      continue;
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D))
          Work.push_back({V->getInit(), Try});
      continue;
    }
    for (const Stmt *Child : S->children())
      Work.push_back({Child, Try});
  }
}

FunctionFlow::Place FunctionFlow::placeOf(const Stmt *S) const {
  auto It = Places.find(S);
  return It == Places.end() ? Place{} : It->second;
}

int FunctionFlow::firstSuspension(const CFGBlock &B, unsigned From) const {
  for (unsigned I = From; I < B.size(); ++I)
    if (const Stmt *S = elementStmt(B[I]); S && isSuspension(S))
      return int(I);
  return -1;
}

const CFGBlock *FunctionFlow::dispatchOf(const CXXTryStmt *Try) const {
  return Dispatch.lookup(Try);
}

const CFGBlock *FunctionFlow::entryOf(const CXXCatchStmt *Handler) const {
  return HandlerEntry.lookup(Handler);
}

const CXXTryStmt *FunctionFlow::tryAround(const Stmt *S) const { return TryAround.lookup(S); }

bool FunctionFlow::mayThrow(const Stmt *S) {
  if (isa<CXXThrowExpr, CXXNewExpr, CoroutineSuspendExpr>(S))
    return true;
  auto Throws = [](const FunctionDecl *F) {
    if (!F)
      return true; // a call through a pointer
    const auto *Proto = F->getType()->getAs<FunctionProtoType>();
    return !Proto || !Proto->isNothrow();
  };
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    if (Call->getBuiltinCallee())
      return false;
    return Throws(Call->getDirectCallee());
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
    return !Construct->getConstructor()->isTrivial() && Throws(Construct->getConstructor());
  return false;
}

llvm::DenseSet<const CFGBlock *> FunctionFlow::blocksOf(const Stmt *Root) const {
  llvm::DenseSet<const CFGBlock *> Blocks;
  llvm::DenseSet<const Stmt *> Under;
  forEachStmtUnder(Root, [&](const Stmt *S) {
    Under.insert(S);
    if (const CFGBlock *B = placeOf(S).Block)
      Blocks.insert(B);
  });
  // The empty blocks of a loop's back edges.
  for (const CFGBlock *B : *Graph)
    if (const Stmt *Loop = B->getLoopTarget(); Loop && Under.contains(Loop))
      Blocks.insert(B);
  return Blocks;
}

} // namespace clang::tidy::async
