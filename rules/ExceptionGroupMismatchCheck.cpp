//===--- ExceptionGroupMismatchCheck.cpp - async-exception-group-mismatch -===//
//
// A handler is dead when nothing in its try block can throw what it
// catches: the only things there that may throw are group openings, whose
// failures arrive wrapped, and the handler's type is neither the wrapper
// nor one of its bases (nor the cancellation, which a group propagates as
// it is). Which runtimes wrap is the model's ExceptionGroupTypes; today only
// tg does (corral rethrows the first failure as it is, the others hand
// failures back as values), so elsewhere the check is silent.
//
//===----------------------------------------------------------------------===//

#include "ExceptionGroupMismatchCheck.h"
#include "CoroutineAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/TypeLoc.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

/// The group-opening call an await runs: the awaited call itself, or the
/// task a shield runs (`co_await tg::shield(tg::with_group(...))`). Sets
/// \p Opener to the runtime whose opening it is.
const CallExpr *awaitedGroupOpening(const Expr *Operand, const ApiModel &Api,
                                    const RuntimeModel &M, const RuntimeModel *&Opener) {
  for (unsigned Depth = 0; Depth < 4; ++Depth) {
    const auto *Call = dyn_cast_or_null<CallExpr>(ignoreValueWrappers(Operand));
    if (!Call)
      return nullptr;
    if ((Opener = Api.match(Role::GroupOpenFunctions, Call, Within::runtime(M))))
      return Call;
    if (Call->getNumArgs() == 0 || !Api.match(Role::ShieldFunctions, Call, Within::runtime(M)))
      return nullptr;
    Operand = Call->getArg(Call->getNumArgs() - 1);
  }
  return nullptr;
}

/// What the statements of a try block can throw, apart from its group
/// openings.
class TryBlockContents : public FunctionBodyVisitor<TryBlockContents> {
  using Base = FunctionBodyVisitor<TryBlockContents>;

public:
  struct Opening {
    const CallExpr *Call;
    const RuntimeModel *Runtime;
  };

  TryBlockContents(const ApiModel &Api, const RuntimeModel &M, const SourceManager &SM)
      : Api(Api), M(M), SM(SM) {}

  bool TraverseCoawaitExpr(CoawaitExpr *E) {
    return handledHere(E) || Base::TraverseCoawaitExpr(E);
  }
  bool TraverseDependentCoawaitExpr(DependentCoawaitExpr *E) {
    return handledHere(E) || Base::TraverseDependentCoawaitExpr(E);
  }
  bool VisitCoyieldExpr(CoyieldExpr *) { return anyType(); }
  // The promise's return_value call is not the user's.
  bool TraverseCoreturnStmt(CoreturnStmt *S) { return TraverseStmt(S->getOperand()); }
  bool VisitCXXThrowExpr(CXXThrowExpr *) { return anyType(); }
  bool VisitCXXNewExpr(CXXNewExpr *) {
    StandardOnly = true; // std::bad_alloc
    return true;
  }
  bool VisitCallExpr(CallExpr *C) {
    if (isa<UserDefinedLiteral>(C))
      return true; // `10ms`: a literal computes, it does not fail
    const FunctionDecl *Callee = C->getDirectCallee();
    if (!Callee)
      return anyType(); // dependent, or through a pointer
    classify(Callee, {C->getArgs(), C->getNumArgs()});
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *C) {
    const CXXConstructorDecl *Ctor = C->getConstructor();
    // Copies and moves of what was already computed are not where errors
    // of the program's own types come from.
    if (Ctor && !Ctor->isTrivial() && !Ctor->isCopyOrMoveConstructor())
      classify(Ctor, {C->getArgs(), C->getNumArgs()});
    return true;
  }

  llvm::SmallVector<Opening, 2> Openings;
  /// Something may throw an exception of any type: the program's own code,
  /// another await, a throw.
  bool AnyType = false;
  /// A standard-library call may throw the standard library's exceptions.
  bool StandardOnly = false;

private:
  /// Whether \p Await is dealt with here: it opens a group (its machinery
  /// and body are the group's business), or it is a checkpoint or a sleep
  /// (only its arguments are looked at). Else notes what it may throw.
  bool handledHere(const Expr *Await) {
    const RuntimeModel *Opener = nullptr;
    if (const CallExpr *Open = awaitedGroupOpening(awaitOperand(Await), Api, M, Opener)) {
      Openings.push_back({Open, Opener});
      return true;
    }
    // A checkpoint or a sleep raises only the runtime's cancellation, which
    // a handler of another type does not catch either; what computes its
    // arguments (`sleep_for(backoff())`) may throw anything.
    if (awaitsRole(Await, Role::CheckpointFunctions, Api, M) ||
        awaitsRole(Await, Role::SleepFunctions, Api, M)) {
      if (const auto *Call = dyn_cast_or_null<CallExpr>(ignoreValueWrappers(awaitOperand(Await)))) {
        for (const Expr *Arg : Call->arguments())
          TraverseStmt(const_cast<Expr *>(Arg));
        if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
          TraverseStmt(Member->getImplicitObjectArgument());
      }
      return true;
    }
    if (!awaitsRole(Await, Role::ReadyAwaitables, Api, M))
      AnyType = true;
    return false;
  }
  bool anyType() {
    AnyType = true;
    return true;
  }
  void classify(const FunctionDecl *Callee, llvm::ArrayRef<const Expr *> Args) {
    const auto *Proto = Callee->getType()->getAs<FunctionProtoType>();
    if (Proto && Proto->isNothrow())
      return;
    if (!SM.isInSystemHeader(Callee->getLocation())) {
      AnyType = true;
      return;
    }
    // A library call handed the program's own objects or callables may run
    // the program's code (std::for_each, an operator<< of a user type).
    for (const Expr *Arg : Args) {
      const QualType T = Arg->getType().getNonReferenceType();
      const CXXRecordDecl *Record = T->getAsCXXRecordDecl();
      if (T->isFunctionPointerType() || T->isDependentType() ||
          (Record && !SM.isInSystemHeader(Record->getLocation()))) {
        AnyType = true;
        return;
      }
    }
    StandardOnly = true;
  }

  const ApiModel &Api;
  const RuntimeModel &M;
  const SourceManager &SM;
};

/// Where the handler's type is written: the class name, past `const` and `&`.
SourceLocation caughtTypeLoc(const VarDecl *Decl, const SourceManager &SM) {
  TypeLoc TL = Decl->getTypeSourceInfo()->getTypeLoc().getUnqualifiedLoc();
  while (auto Ref = TL.getAs<ReferenceTypeLoc>())
    TL = Ref.getPointeeLoc().getUnqualifiedLoc();
  return SM.getExpansionLoc(TL.getBeginLoc());
}

bool hasMemberNamed(const CXXRecordDecl *Record, llvm::StringRef Name, ASTContext &Ctx) {
  return !Record->lookup(&Ctx.Idents.get(Name)).empty();
}

} // namespace

ExceptionGroupMismatchCheck::ExceptionGroupMismatchCheck(llvm::StringRef Name,
                                                         ClangTidyContext *Context)
    // Every instantiation: in a template's pattern, an opening whose body
    // lambda is dependent is not resolved yet.
    : AsyncCheck(Name, Context, Bodies::AllFunctions,
                 {Role::GroupOpenFunctions, Role::ExceptionGroupTypes, Role::ShieldFunctions,
                  Role::CancellationTypes, Role::ReadyAwaitables, Role::CheckpointFunctions,
                  Role::SleepFunctions}) {}

void ExceptionGroupMismatchCheck::checkFunction(const FunctionDecl *, const Stmt *Body,
                                                const RuntimeModel *Runtime, ASTContext &Ctx) {
  if (!Runtime)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const CXXTryStmt *Try : tryStatementsIn(Body)) {
    TryBlockContents Contents(api(), *Runtime, SM);
    Contents.TraverseStmt(const_cast<CompoundStmt *>(Try->getTryBlock()));
    // A statement that did not compile may throw anything.
    if (Contents.Openings.empty() || Contents.AnyType || containsErrors(Try->getTryBlock()))
      continue;
    const TryBlockContents::Opening &First = Contents.Openings.front();
    // An opening the options list wraps only in what the options list.
    const auto Wrappers = api().declaredRecords(Role::ExceptionGroupTypes, *First.Runtime, Ctx);
    if (Wrappers.empty())
      continue;
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
      const CXXCatchStmt *Handler = Try->getHandler(I);
      const VarDecl *Decl = Handler->getExceptionDecl();
      if (!Decl || Decl->isInvalidDecl() || !Decl->getTypeSourceInfo())
        continue;
      const QualType Caught = Handler->getCaughtType().getNonReferenceType().getUnqualifiedType();
      // `catch (const E &)` in a template catches what each instantiation says.
      if (Caught->isDependentType() || isa<SubstTemplateTypeParmType>(Caught.getTypePtr()))
        continue;
      const CXXRecordDecl *Record = Caught->getAsCXXRecordDecl();
      if (!Record || !Record->hasDefinition())
        continue;
      Record = Record->getDefinition();
      // Allocating the group's own frame throws std::bad_alloc as it is.
      if (Contents.StandardOnly && SM.isInSystemHeader(Record->getLocation()))
        continue;
      if (modelName(Record) == "std::bad_alloc" ||
          api().handlerReceivesCancellation(Caught.getTypePtr(), *Runtime, Ctx))
        continue;
      const CXXRecordDecl *Wrapper = Wrappers.front();
      if (llvm::any_of(Wrappers, [&](const CXXRecordDecl *W) {
            return W == Record || W->isDerivedFrom(Record) || Record->isDerivedFrom(W);
          }))
        continue;
      const SourceLocation Loc = caughtTypeLoc(Decl, SM);
      if (!isReportable(Loc, SM) || !firstReport(Loc))
        continue;
      const std::string WrapperName = modelName(Wrapper);
      diag(Loc, "this handler for %0 never runs: '%1' reports a child's failure as '%2', not as "
                "the child's own exception")
          << Caught << calleeName(First.Call) << WrapperName;
      diag(First.Call->getExprLoc(), "the group opened here wraps every failure in '%0'",
           DiagnosticIDs::Note)
          << WrapperName;
      const std::string Type = Caught.getAsString(Ctx.getPrintingPolicy());
      if (hasMemberNamed(Wrapper, "split", Ctx) && hasMemberNamed(Wrapper, "contains", Ctx))
        diag(Loc, "catch 'const %0 &' and use 'contains<%1>()' or 'split<%1>()' to handle it",
             DiagnosticIDs::Note)
            << WrapperName << Type;
      else
        diag(Loc, "catch 'const %0 &' and look for %1 among its exceptions", DiagnosticIDs::Note)
            << WrapperName << Caught;
    }
  }
}

} // namespace clang::tidy::async
