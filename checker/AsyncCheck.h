//===--- AsyncCheck.h - The base of every async-* check --------------------===//
//
// Every check reads the same API model from the same options, runs on C++20
// only, and starts from the same narrow match: the definition of a coroutine
// whose runtime the model knows. What a check looks for inside the body is
// its own business.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_TIDY_CHECKER_ASYNCCHECK_H
#define ASYNC_TIDY_CHECKER_ASYNCCHECK_H

#include "ApiModel.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::async {

class AsyncCheck : public ClangTidyCheck {
public:
  AsyncCheck(llvm::StringRef Name, ClangTidyContext *Context);

  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

protected:
  const ApiModel &api() const { return Api; }

  /// Matches the definition of a coroutine (function, member or lambda call
  /// operator) whose runtime the model knows, once per spelling: template
  /// instantiations are skipped, their pattern is matched instead.
  ast_matchers::internal::BindableMatcher<Decl> modelledCoroutine() const;

  /// Matches statements clang-tidy can report on: outside system headers,
  /// unless --system-headers is on. Checks that match in every function (not
  /// only in coroutine bodies) put it first, which spares the rest of the
  /// matcher the standard library's thousands of nodes and instantiations.
  ast_matchers::internal::Matcher<Stmt> inReportableCode() const;
  /// Matches a call of a function that plays role \p R in an enabled runtime
  /// (or the options). Cheaper than hasAnyName over the model's names: the
  /// model rejects by the callee's own identifier before anything else.
  ast_matchers::internal::Matcher<CallExpr> callOfRole(Role R) const;
  /// Matches an expression whose type plays role \p R (e.g. a call returning
  /// cobalt's `detached`), through the model likewise.
  ast_matchers::internal::Matcher<Expr> typeOfRole(Role R) const;

  /// The same test for a location, for checks that bind a declaration.
  bool isReportable(SourceLocation Loc, const SourceManager &SM) const;

  /// The coroutine bound by modelledCoroutine() under \p ID, and its runtime.
  struct BoundCoroutine {
    const FunctionDecl *Function = nullptr;
    const RuntimeModel *Runtime = nullptr;
    const Stmt *Body = nullptr; ///< the user-written body
  };
  BoundCoroutine boundCoroutine(const ast_matchers::MatchFinder::MatchResult &Result,
                                llvm::StringRef ID) const;

private:
  ApiModel Api;
  bool SystemHeaders;
};

} // namespace clang::tidy::async

#endif
