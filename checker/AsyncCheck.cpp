//===--- AsyncCheck.cpp - The base of every async-* check ------------------===//

#include "AsyncCheck.h"
#include "clang/AST/StmtCXX.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {
AST_MATCHER_P(FunctionDecl, isModelledCoroutine, const ApiModel *, Api) {
  if (!Node.doesThisDeclarationHaveABody() || Node.isTemplateInstantiation() ||
      Node.getTemplateInstantiationPattern())
    return false;
  return Api->runtimeOfCoroutine(&Node) != nullptr;
}
AST_MATCHER_P(Stmt, isOutsideSkippedHeaders, bool, SystemHeaders) {
  if (SystemHeaders)
    return true;
  const SourceManager &SM = Finder->getASTContext().getSourceManager();
  SourceLocation Loc = Node.getBeginLoc();
  return Loc.isInvalid() || !SM.isInSystemHeader(SM.getExpansionLoc(Loc));
}
AST_MATCHER_P2(CallExpr, isCallOfRole, const ApiModel *, Api, Role, R) {
  return Api->anyRuntimeWithCall(R, &Node) != nullptr;
}
AST_MATCHER_P2(Expr, hasTypeOfRole, const ApiModel *, Api, Role, R) {
  return Api->anyRuntimeWithType(R, Node.getType()) != nullptr;
}
} // namespace

AsyncCheck::AsyncCheck(llvm::StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      Api(Options, [this](llvm::StringRef Option, const llvm::Twine &Problem) {
        configurationDiag("invalid value for option '%0.%1': %2", DiagnosticIDs::Error)
            << this->getID() << Option << Problem.str();
      }),
      SystemHeaders(Context->getOptions().SystemHeaders.value_or(false)) {}

ast_matchers::internal::Matcher<Stmt> AsyncCheck::inReportableCode() const {
  return isOutsideSkippedHeaders(SystemHeaders);
}

ast_matchers::internal::Matcher<CallExpr> AsyncCheck::callOfRole(Role R) const {
  return isCallOfRole(&Api, R);
}

ast_matchers::internal::Matcher<Expr> AsyncCheck::typeOfRole(Role R) const {
  return hasTypeOfRole(&Api, R);
}

bool AsyncCheck::isReportable(SourceLocation Loc, const SourceManager &SM) const {
  return SystemHeaders || Loc.isInvalid() || !SM.isInSystemHeader(SM.getExpansionLoc(Loc));
}

void AsyncCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Api.storeOptions(Options, Opts);
}

ast_matchers::internal::BindableMatcher<Decl> AsyncCheck::modelledCoroutine() const {
  return functionDecl(isModelledCoroutine(&Api));
}

AsyncCheck::BoundCoroutine
AsyncCheck::boundCoroutine(const MatchFinder::MatchResult &Result,
                           llvm::StringRef ID) const {
  BoundCoroutine B;
  B.Function = Result.Nodes.getNodeAs<FunctionDecl>(ID);
  if (!B.Function)
    return B;
  B.Runtime = Api.runtimeOfCoroutine(B.Function);
  if (const auto *Coro = dyn_cast_or_null<CoroutineBodyStmt>(B.Function->getBody()))
    B.Body = Coro->getBody();
  return B;
}

} // namespace clang::tidy::async
