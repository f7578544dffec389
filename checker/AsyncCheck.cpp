//===--- AsyncCheck.cpp - The base of every async-* check ------------------===//

#include "AsyncCheck.h"
#include "FunctionFlow.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>
#include <mutex>

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

AST_MATCHER_P(FunctionDecl, isModelledCoroutine, const ApiModel *, Api) {
  if (!Node.doesThisDeclarationHaveABody() || Node.isTemplateInstantiation() ||
      Node.getTemplateInstantiationPattern())
    return false;
  return Api->runtimeOfCoroutine(&Node) != nullptr;
}

AST_MATCHER_P(FunctionDecl, isReportableDefinition, bool, SystemHeaders) {
  if (!Node.doesThisDeclarationHaveABody())
    return false;
  if (SystemHeaders)
    return true;
  const SourceManager &SM = Finder->getASTContext().getSourceManager();
  SourceLocation Loc = Node.getLocation();
  return Loc.isInvalid() || !SM.isInSystemHeader(SM.getExpansionLoc(Loc));
}

RoleSet roleSet(std::initializer_list<Role> Roles) {
  RoleSet S;
  for (Role R : Roles)
    S.set(unsigned(R));
  return S;
}

/// A global option is read by every check that uses it: its error is
/// reported once per process, not once per check.
bool firstConfigurationError(const std::string &Key) {
  static std::mutex M;
  static llvm::StringSet<> Reported;
  std::lock_guard<std::mutex> Lock(M);
  return Reported.insert(Key).second;
}

} // namespace

AsyncCheck::AsyncCheck(llvm::StringRef Name, ClangTidyContext *Context, Bodies Looks,
                       std::initializer_list<Role> Reads)
    : ClangTidyCheck(Name, Context),
      Api(Options, Context->getOptions().CheckOptions, roleSet(Reads),
          [&](llvm::StringRef Option, bool Local, const llvm::Twine &Problem) {
            const std::string Key = Local ? (Name + "." + Option).str() : Option.str();
            const std::string Text = Problem.str();
            if (Local || firstConfigurationError(Key + ": " + Text))
              configurationDiag("invalid value for option '%0': %1", DiagnosticIDs::Error)
                  << Key << Text;
          }),
      Looks(Looks), SystemHeaders(Context->getOptions().SystemHeaders.value_or(false)),
      Stats(std::getenv("ASYNC_TIDY_STATS") != nullptr) {}

void AsyncCheck::registerMatchers(MatchFinder *Finder) {
  if (Looks == Bodies::ModelledCoroutines)
    Finder->addMatcher(functionDecl(isModelledCoroutine(&Api)).bind("function"), this);
  else
    Finder->addMatcher(functionDecl(isReportableDefinition(SystemHeaders)).bind("function"),
                       this);
}

void AsyncCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *F = Result.Nodes.getNodeAs<FunctionDecl>("function");
  // The matcher reaches a function as often as the AST reaches it: a lambda
  // nested in N coroutine lambdas, through each co_await's operand and its
  // copies, up to 2^N times. Its body is looked at once.
  if (!F || !Seen.insert(F).second)
    return;
  const Stmt *Body = F->getBody();
  if (!Body)
    return;
  if (Stats)
    ++Looked[F];
  const RuntimeModel *Runtime = Api.runtimeOfCoroutine(F);
  if (const auto *Coro = dyn_cast<CoroutineBodyStmt>(Body))
    Body = Coro->getBody();
  if (!Body)
    return;
  checkFunction(F, Body, Runtime, *Result.Context);
}

void AsyncCheck::onStartOfTranslationUnit() {
  Seen.clear();
  Reported.clear();
  Looked.clear();
  Api.startTranslationUnit();
  FunctionFlow::forgetTranslationUnit();
  startTranslationUnit();
}

void AsyncCheck::onEndOfTranslationUnit() {
  if (Stats) {
    unsigned Most = 0, Total = 0;
    for (const auto &[F, Count] : Looked) {
      Most = std::max(Most, Count);
      Total += Count;
    }
    llvm::errs() << "async-tidy stats: " << static_cast<const ast_matchers::MatchFinder::MatchCallback *>(this)->getID() << ": " << Looked.size()
                 << " functions, " << Total << " body looks, at most " << Most
                 << " per function\n";
    FunctionFlow::printStats(llvm::errs());
  }
  Seen.clear();
  Looked.clear();
  // The flows stay until the next translation unit starts: the other checks'
  // end-of-unit callbacks may still print their statistics.
}

bool AsyncCheck::isReportable(SourceLocation Loc, const SourceManager &SM) const {
  return SystemHeaders || Loc.isInvalid() || !SM.isInSystemHeader(SM.getExpansionLoc(Loc));
}

bool AsyncCheck::firstReport(SourceLocation Loc, unsigned Kind) {
  return Reported.insert({Loc.getRawEncoding(), Kind}).second;
}

void AsyncCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Api.storeOptions(Options, Opts);
}

} // namespace clang::tidy::async
