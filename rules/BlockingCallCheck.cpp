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

struct BlockingCall {
  const CallExpr *Call;
  const NamedDecl *Callee;
  bool IsStatement;          ///< the whole expression statement, so `co_await` fits
  bool InHandler;            ///< inside a catch handler, where co_await is ill-formed
};

class BlockingCallCollector : public FunctionBodyVisitor<BlockingCallCollector> {
  using Base = FunctionBodyVisitor<BlockingCallCollector>;

public:
  explicit BlockingCallCollector(const ApiModel &Api) : Api(Api) {}

  bool TraverseCXXCatchStmt(CXXCatchStmt *S) {
    ++HandlerDepth;
    bool Continue = Base::TraverseCXXCatchStmt(S);
    --HandlerDepth;
    return Continue;
  }
  // The places where an expression is a statement of its own.
  bool VisitCompoundStmt(CompoundStmt *S) {
    for (const Stmt *Child : S->body())
      noteStatement(Child);
    return true;
  }
  bool VisitIfStmt(IfStmt *S) {
    noteStatement(S->getThen());
    noteStatement(S->getElse());
    return true;
  }
  bool VisitWhileStmt(WhileStmt *S) { return noteStatement(S->getBody()); }
  bool VisitDoStmt(DoStmt *S) { return noteStatement(S->getBody()); }
  bool VisitForStmt(ForStmt *S) { return noteStatement(S->getBody()); }
  bool VisitCXXForRangeStmt(CXXForRangeStmt *S) { return noteStatement(S->getBody()); }
  bool VisitSwitchCase(SwitchCase *S) { return noteStatement(S->getSubStmt()); }
  bool VisitLabelStmt(LabelStmt *S) { return noteStatement(S->getSubStmt()); }
  bool VisitCallExpr(CallExpr *Call) {
    // Any enabled runtime's blocking call blocks this coroutine's loop too:
    // cppcoro::sync_wait stalls a tg loop as surely as tg::run does.
    if (const NamedDecl *Callee = blockingCallee(Call))
      Found.push_back({Call, Callee, StatementCalls.contains(Call), HandlerDepth > 0});
    return true;
  }

  llvm::SmallVector<BlockingCall, 4> Found;

private:
  /// The blocking function \p Call calls. In a template, a call whose
  /// arguments are dependent names its candidates; they share the name.
  const NamedDecl *blockingCallee(const CallExpr *Call) const {
    if (Api.anyRuntimeWithCall(Role::BlockingFunctions, Call))
      return dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl());
    if (const auto *Lookup = dyn_cast<UnresolvedLookupExpr>(Call->getCallee()->IgnoreParens()))
      for (const NamedDecl *Candidate : Lookup->decls()) {
        if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Candidate))
          Candidate = Template->getTemplatedDecl();
        if (Api.anyRuntimeWith(Role::BlockingFunctions, Candidate))
          return Candidate;
      }
    return nullptr;
  }

  bool noteStatement(const Stmt *S) {
    if (const auto *E = dyn_cast_or_null<Expr>(S))
      if (const auto *Call = dyn_cast<CallExpr>(E->IgnoreImplicit()))
        StatementCalls.insert(Call);
    return true;
  }

  const ApiModel &Api;
  unsigned HandlerDepth = 0;
  llvm::SmallPtrSet<const CallExpr *, 8> StatementCalls;
};

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

void BlockingCallCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(modelledCoroutine().bind("coroutine"), this);
}

void BlockingCallCheck::check(const MatchFinder::MatchResult &Result) {
  BoundCoroutine Coroutine = boundCoroutine(Result, "coroutine");
  if (!Coroutine.Body || !Coroutine.Runtime)
    return;
  BlockingCallCollector Collector(api());
  Collector.TraverseStmt(const_cast<Stmt *>(Coroutine.Body));
  const SourceManager &SM = *Result.SourceManager;
  const LangOptions &LO = Result.Context->getLangOpts();

  for (const BlockingCall &B : Collector.Found) {
    const NamedDecl *Callee = B.Callee;
    const std::string Name = modelName(Callee);
    // A call spelled in a macro is reported where the macro is used.
    const SourceLocation Loc = SM.getExpansionLoc(B.Call->getExprLoc());
    auto D = diag(Loc, "blocking call to '%0' in a coroutine blocks the thread of its event "
                       "loop: no other task runs until it returns; await an asynchronous "
                       "alternative or move the call off the loop")
             << Name;

    llvm::StringRef FixTemplate = Coroutine.Runtime->awaitableAlternative(Callee);
    if (FixTemplate.empty() || !B.IsStatement || B.InHandler ||
        B.Call->getBeginLoc().isMacroID() || B.Call->getEndLoc().isMacroID())
      continue;
    std::optional<std::string> Arguments = argumentsText(B.Call, SM, LO);
    if (!Arguments)
      continue;
    std::string Replacement = FixTemplate.str();
    for (size_t At = Replacement.find("$0"); At != std::string::npos;
         At = Replacement.find("$0", At + Arguments->size()))
      Replacement.replace(At, 2, *Arguments);
    D << FixItHint::CreateReplacement(B.Call->getSourceRange(), Replacement);
  }
}

} // namespace clang::tidy::async
