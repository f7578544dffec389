//===--- ApiModel.h - What each coroutine runtime calls things -------------===//
//
// The one place that knows which names mean task, group, spawn, cancellation,
// shield, checkpoint and blocking call in each runtime. Checks ask the model;
// they never spell a runtime's names themselves.
//
// A model is data: every built-in runtime is a table of name lists written in
// the same syntax users write in the options, parsed by the same parser.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_TIDY_CHECKER_APIMODEL_H
#define ASYNC_TIDY_CHECKER_APIMODEL_H

#include "clang-tidy/ClangTidyCheck.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <array>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::async {

/// What a name means to a runtime. Each role is also the name of an option
/// (see roleOptionName) whose entries extend the model.
enum class Role {
  TaskTypes,                  ///< coroutine return types: tg::task, asio::awaitable
  HandleTypes,                ///< handles of running children: tg::task_handle
  GroupTypes,                 ///< nurseries/scopes whose spawns are structured
  GroupOpenFunctions,         ///< opens a group for a body: tg::with_group
  SpawnFunctions,             ///< structured spawn into a group: task_group::spawn
  DetachedSpawnFunctions,     ///< unstructured spawn: tg::spawn_detached
  CancellationTypes,          ///< the exception a cancelled await raises
  CancellationErrorCodes,     ///< error codes meaning "cancelled": asio's operation_aborted
  CancellationQueryFunctions, ///< synchronous "was I cancelled?" tests
  CheckpointFunctions,        ///< calls that deliver a pending cancellation
  ShieldFunctions,            ///< run an awaitable immune to cancellation
  TimeoutFunctions,           ///< cancel scopes with a deadline
  ScopeExitFunctions,         ///< async scope-exit helpers whose action runs under
                              ///< the parent's cancellation (none built in)
  BlockingFunctions,          ///< calls that block the thread (and the loop)
  DetachedTaskTypes,          ///< task types that run detached by themselves: cobalt's detached
  FutureSpawnFunctions,       ///< spawns whose result is the work's only owner: std::async
};
inline constexpr unsigned NumRoles = unsigned(Role::FutureSpawnFunctions) + 1;

/// The option that extends a role, e.g. "CancellationTypes".
llvm::StringRef roleOptionName(Role R);

/// One entry of a name list: "ns::name", optionally "ns::name(ns::ArgType)",
/// which names a call only when one of its arguments has type ns::ArgType
/// (asio::co_spawn is a detached spawn only with asio::detached_t).
struct ApiName {
  std::string Qualified;    ///< without a leading "::"
  std::string ArgumentType; ///< empty: any call of Qualified
};

/// Parses a ';'-separated list. Malformed entries are reported through
/// \p Bad (entry text) and skipped; the well-formed ones are kept.
std::vector<ApiName> parseNameList(llvm::StringRef List,
                                   llvm::function_ref<void(llvm::StringRef)> Bad);

/// The fully qualified name of a declaration as the model spells it: no
/// leading "::", inline and anonymous namespaces dropped, template arguments
/// dropped (tg::task_handle<int>::cancel -> "tg::task_handle::cancel").
std::string modelName(const NamedDecl *D);

/// The declaration that names a type: the record (or, for a dependent
/// specialization, its template) after sugar is stripped. Null for builtins.
const NamedDecl *typeDecl(QualType T);

/// What one runtime calls things.
struct RuntimeModel {
  std::string Name;
  std::array<std::vector<ApiName>, NumRoles> Names;
  /// Whether the cancellation exception derives from std::exception, so that
  /// `catch (const std::exception&)` receives it. Used when the type itself
  /// is not declared in the translation unit.
  bool CancellationIsStdException = false;
  /// Whether cancellation has a type of its own that a handler can catch and
  /// rethrow (tg::cancelled) rather than an error code inside a general error
  /// type (asio's system_error), which decides whether a rethrow fix is safe.
  bool CancellationHasOwnType = false;
  /// How a fix-it wraps an awaitable in this runtime's shield; "$0" is the
  /// operand. Empty: the runtime has no shield a fix can spell.
  std::string ShieldFixTemplate;
  /// True for exception-free cancellation (stdexec's set_stopped).
  bool CancellationIsNotAnException = false;
  /// Whether every await in a cancelled task observes the cancellation by
  /// itself (tg, asio, folly, cobalt, stdexec), rather than only operations
  /// handed a cancellation token (cppcoro). User task types (the "custom"
  /// runtime) are assumed to.
  bool AwaitsObserveCancellation = true;
  /// Awaitable replacements for blocking calls that a fix-it can spell:
  /// blocking function -> template in which "$0" is the call's arguments as
  /// written (std::this_thread::sleep_for -> "co_await tg::sleep_for($0)").
  std::vector<std::pair<std::string, std::string>> AwaitableAlternatives;

  bool has(Role R, const NamedDecl *D) const;
  bool hasType(Role R, QualType T) const;
  /// Matches a call against a function role, honouring argument constraints.
  bool hasCall(Role R, const Expr *Call) const;
  /// The argument that made a constrained entry of role \p R apply to
  /// \p Call (asio::detached in `co_spawn(io, f(), asio::detached)`); null
  /// when the matching entry has no constraint.
  const Expr *constrainingArgument(Role R, const Expr *Call) const;
  llvm::ArrayRef<ApiName> names(Role R) const { return Names[unsigned(R)]; }
  /// Builds the per-role index of unqualified names once the lists are
  /// complete. Lookups run on every call and type in a translation unit, so
  /// a declaration whose own name is in no list is rejected before its
  /// qualified name is built.
  void index();
  /// The fix template replacing a call of \p Blocking; empty when none.
  llvm::StringRef awaitableAlternative(const NamedDecl *Blocking) const;

private:
  bool mayName(Role R, const NamedDecl *D) const;
  std::array<llvm::StringSet<>, NumRoles> Leaves;
};

/// The models a check uses: the enabled built-in runtimes plus what the
/// options add. Built from a check's options (local or global).
class ApiModel {
public:
  /// Reads `Runtimes` and every role option. Configuration errors (an unknown
  /// runtime, a malformed name) go to \p ConfigError with the option's local
  /// name; the rest of the configuration still applies.
  using ConfigErrorFn =
      llvm::function_ref<void(llvm::StringRef Option, const llvm::Twine &Problem)>;
  ApiModel(const ClangTidyCheck::OptionsView &Options, ConfigErrorFn ConfigError);

  void storeOptions(ClangTidyCheck::OptionsView &Options,
                    ClangTidyOptions::OptionMap &Opts) const;

  /// The names of every built-in runtime, in documentation order.
  static llvm::ArrayRef<llvm::StringRef> builtinRuntimeNames();

  /// The runtime of a coroutine, from its return type; null when the function
  /// is not a coroutine of an enabled runtime.
  const RuntimeModel *runtimeOfCoroutine(const FunctionDecl *F) const;
  /// The runtime whose task type \p T is; null when none.
  const RuntimeModel *runtimeOfTaskType(QualType T) const;

  /// Whether \p D plays role \p R in runtime \p M. Names from the options
  /// apply to every runtime: they describe the user's own wrappers.
  bool is(Role R, const NamedDecl *D, const RuntimeModel &M) const;
  bool isCall(Role R, const Expr *Call, const RuntimeModel &M) const;
  bool isType(Role R, QualType T, const RuntimeModel &M) const;
  /// The enabled runtime (or the options) in which \p D plays role \p R.
  const RuntimeModel *anyRuntimeWith(Role R, const NamedDecl *D) const;
  const RuntimeModel *anyRuntimeWithCall(Role R, const Expr *Call) const;
  const RuntimeModel *anyRuntimeWithType(Role R, QualType T) const;

  /// Whether a handler for \p Caught can receive runtime \p M's
  /// cancellation: a catch-all (null \p Caught), a cancellation type, or a
  /// base of one (std::exception where cancellation derives from it).
  bool handlerReceivesCancellation(const Type *Caught, const RuntimeModel &M,
                                   ASTContext &Ctx) const;

  llvm::ArrayRef<RuntimeModel> runtimes() const { return Enabled; }
  const RuntimeModel &extensions() const { return FromOptions; }

private:
  std::string RuntimesOption;
  std::array<std::string, NumRoles> RoleOptions;
  std::vector<RuntimeModel> Enabled;
  RuntimeModel FromOptions; ///< the runtime named "custom": TaskTypes et al.
};

} // namespace clang::tidy::async

#endif
