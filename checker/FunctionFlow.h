//===--- FunctionFlow.h - Control flow of one function on clang's CFG ------===//
//
// The flow questions the checks ask ("does every path through this handler
// rethrow?", "after it, can the task reach another await?", "is there an
// iteration of this loop without an await?", "is `this` used after the first
// suspension?") are answered on clang's CFG, built once per function per
// translation unit and shared by every check that asks.
//
// What the CFG does not have, this adds: which elements are suspensions
// (the co_await itself, or the await_suspend/await_resume calls inside it),
// where an exception thrown by an element goes (the dispatch block of the
// innermost try around it, which clang only connects for `throw`), and the
// blocks that make up a statement (a handler, a loop).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_TIDY_CHECKER_FUNCTIONFLOW_H
#define ASYNC_TIDY_CHECKER_FUNCTIONFLOW_H

#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>

namespace clang::tidy::async {

class FunctionFlow {
public:
  /// The flow of \p F's body (of a coroutine, the body as written); null when
  /// clang cannot build its CFG. Built at the first question in a
  /// translation unit and kept until its end.
  static const FunctionFlow *of(const FunctionDecl *F, ASTContext &Ctx);
  static void forgetTranslationUnit();
  static void printStats(llvm::raw_ostream &OS);

  const CFG &cfg() const { return *Graph; }

  /// Where an element sits: its block and its index there.
  struct Place {
    const CFGBlock *Block = nullptr;
    unsigned Index = 0;
  };
  /// The element \p S is evaluated as; for a terminator, its block with the
  /// index one past its elements; for a label (case, catch), its block at 0.
  /// Block null: \p S is not in this function's CFG (unreachable, or in a
  /// nested function).
  Place placeOf(const Stmt *S) const;

  /// Whether \p S, an element, suspends the coroutine: a co_await or
  /// co_yield, or the await_suspend/await_resume calls clang expands it to.
  bool isSuspension(const Stmt *S) const { return SuspensionOf.count(S) != 0; }
  /// The co_await or co_yield that suspension element \p S belongs to.
  const Expr *suspensionOf(const Stmt *S) const { return SuspensionOf.lookup(S); }
  /// Whether element \p S computes the operand of a co_await (`fetch()` in
  /// `co_await fetch()`): an exception there is, for the flow questions,
  /// the await's.
  bool isAwaitOperand(const Stmt *S) const { return AwaitOperandParts.contains(S); }
  /// The first suspension in \p B at or after \p From; -1 when none.
  int firstSuspension(const CFGBlock &B, unsigned From = 0) const;

  /// The dispatch block of a try (whose successors are its handlers) and
  /// the entry block of a handler.
  const CFGBlock *dispatchOf(const CXXTryStmt *Try) const;
  const CFGBlock *entryOf(const CXXCatchStmt *Handler) const;
  /// The innermost try whose try block evaluates element \p S; null if none.
  const CXXTryStmt *tryAround(const Stmt *S) const;
  /// Whether element \p S may throw: a call or construction not declared
  /// noexcept, a throw, a new, a co_await's resumption.
  static bool mayThrow(const Stmt *S);

  /// The blocks that evaluate \p Root's statements (for a loop, its header,
  /// body and back edges), never a nested function's.
  llvm::DenseSet<const CFGBlock *> blocksOf(const Stmt *Root) const;

  /// Statements of the elements of \p B, in order.
  static const Stmt *elementStmt(const CFGElement &E);

private:
  FunctionFlow() = default;
  void index(const Stmt *Body);

  std::unique_ptr<CFG> Graph;
  llvm::DenseMap<const Stmt *, Place> Places;
  llvm::DenseMap<const Stmt *, const Expr *> SuspensionOf;
  llvm::DenseSet<const Stmt *> AwaitOperandParts;
  llvm::DenseMap<const Stmt *, const CXXTryStmt *> TryAround;
  llvm::DenseMap<const CXXTryStmt *, const CFGBlock *> Dispatch;
  llvm::DenseMap<const CXXCatchStmt *, const CFGBlock *> HandlerEntry;
};

} // namespace clang::tidy::async

#endif
