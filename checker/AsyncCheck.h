//===--- AsyncCheck.h - The base of every async-* check --------------------===//
//
// Every check reads the same API model from the same options, runs on C++20
// only, and starts from the same narrow match: a function definition (every
// coroutine of a modelled runtime, or every function), looked at once per
// translation unit however often the AST reaches it. What a check looks for
// inside the body is its own business.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_TIDY_CHECKER_ASYNCCHECK_H
#define ASYNC_TIDY_CHECKER_ASYNCCHECK_H

#include "ApiModel.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::async {

class AsyncCheck : public ClangTidyCheck {
public:
  /// Which function bodies a check looks into.
  enum class Bodies {
    /// Definitions of coroutines whose runtime the model knows; of a
    /// template, the pattern (one report per spelling).
    ModelledCoroutines,
    /// Every function definition outside system headers, template
    /// instantiations included (a call dependent in its pattern is only
    /// resolved there); reports are merged per spelled location.
    AllFunctions,
  };

  AsyncCheck(llvm::StringRef Name, ClangTidyContext *Context, Bodies Looks,
             std::initializer_list<Role> Reads);

  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) final;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) final;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() final;
  void onEndOfTranslationUnit() final;

  /// Whether a finding of kind \p Kind at \p Loc is the first of its kind
  /// there in this translation unit: a hazard in a template is reported once,
  /// not once per instantiation.
  bool firstReport(SourceLocation Loc, unsigned Kind = 0);

protected:
  /// Looks at one function definition; called once per translation unit.
  /// \p Runtime is the coroutine's runtime, null for a function that is not
  /// a coroutine of a modelled runtime (AllFunctions checks only). \p Body
  /// is the body as written (a coroutine's, without the promise machinery).
  virtual void checkFunction(const FunctionDecl *F, const Stmt *Body,
                             const RuntimeModel *Runtime, ASTContext &Ctx) = 0;
  /// Per-translation-unit state of the check is forgotten here.
  virtual void startTranslationUnit() {}

  const ApiModel &api() const { return Api; }

  /// Whether clang-tidy reports at \p Loc: outside system headers, unless
  /// --system-headers is on.
  bool isReportable(SourceLocation Loc, const SourceManager &SM) const;
private:
  ApiModel Api;
  Bodies Looks;
  bool SystemHeaders;
  llvm::DenseSet<const FunctionDecl *> Seen;
  llvm::DenseSet<std::pair<unsigned, unsigned>> Reported;
  /// With ASYNC_TIDY_STATS set: how often each body was looked at, printed
  /// at the end of the translation unit (the regression test for checks
  /// that look at a nested coroutine once per enclosing one).
  llvm::DenseMap<const FunctionDecl *, unsigned> Looked;
  bool Stats;
};

} // namespace clang::tidy::async

#endif
