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
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <array>
#include <bitset>
#include <initializer_list>
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
  CancellationRequestFunctions, ///< a frame cancelling what it owns: task_handle::cancel
  CancellationTokenTypes,     ///< tokens that make an operation cancellable: cppcoro's
  CompletionSignalFunctions,  ///< a thread telling its waiter it is done: promise::set_value
  GeneratorTypes,             ///< coroutine types that yield to a consumer
  ExceptionGroupTypes,        ///< what a group throws instead of its children's errors
  SleepFunctions,             ///< awaitable sleeps: tg::sleep_for, a timer's async_wait
  EventTypes,                 ///< what a task awaits instead of polling: tg::event
  DetachedGroupTypes,         ///< scopes whose children nobody is bound to: corral's UnsafeNursery
  EagerTaskTypes,             ///< task types already running when created: concurrencpp's result
  ViewTypes,                  ///< values that refer to another object: std::string_view, std::span
  KeepAliveTypes,             ///< owners that keep an object alive: std::shared_ptr
  ReadyAwaitables,            ///< awaits that never suspend: asio::this_coro::executor
  CompletionCallbackSpawnFunctions, ///< detached spawns that hand the outcome to a callback
  AbandoningFunctions,        ///< awaits that leave their other tasks running: when_any's losers
  JoiningDestructorTypes,     ///< spawners whose destructor waits for their tasks: libcoro's pools
  AwaitableTypes,             ///< awaitables that do nothing unless awaited: resume_on's
  ExecutorSwitchFunctions,    ///< awaits that move the coroutine off the event loop: resume_on
};
inline constexpr unsigned NumRoles = unsigned(Role::ExecutorSwitchFunctions) + 1;
using RoleSet = std::bitset<NumRoles>;

/// The option that extends a role, e.g. "CancellationTypes".
llvm::StringRef roleOptionName(Role R);

/// One entry of a name list: "ns::name", optionally "ns::name(ns::ArgType)",
/// which names a call only when one of its arguments has type ns::ArgType, or
/// wraps it (asio::co_spawn is a detached spawn only with asio::detached_t,
/// or with bind_cancellation_slot(slot, asio::detached)). An entry without
/// "::" names a C library function: declared at global scope (or extern "C")
/// in a system header, never a project's own function of that name.
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

/// Every declaration a type is spelled through, outermost first: the alias
/// templates and typedefs of its sugar, then the record (unifex::task<int>
/// is both the alias `unifex::task` and the class it stands for).
llvm::SmallVector<const NamedDecl *, 4> typeDeclsThroughSugar(QualType T);

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
  /// True where cancellation is no exception at all: stdexec's set_stopped,
  /// corral destroying the cancelled frame. No handler can swallow it.
  bool CancellationIsNotAnException = false;
  /// Whether every await in a cancelled task observes the cancellation by
  /// itself (tg, asio, folly, cobalt, stdexec), rather than only operations
  /// handed a cancellation token and the checkpoints (cppcoro). User task
  /// types (the "custom" runtime) are assumed to.
  bool AwaitsObserveCancellation = true;
  /// Whether the shield accepts any awaitable (unifex::unstoppable takes any
  /// sender), not only the runtime's own tasks: then a fix can wrap any
  /// operand.
  bool ShieldTakesAnyAwaitable = false;
  /// Awaitable replacements for blocking calls that a fix-it can spell:
  /// blocking function -> template in which "$0" is the call's arguments as
  /// written (std::this_thread::sleep_for -> "co_await tg::sleep_for($0)").
  std::vector<std::pair<std::string, std::string>> AwaitableAlternatives;

  llvm::ArrayRef<ApiName> names(Role R) const { return Names[unsigned(R)]; }
  /// The fix template replacing a call of \p Blocking; empty when none.
  llvm::StringRef awaitableAlternative(const NamedDecl *Blocking) const;

  // The model's own lookups; checks ask ApiModel::match.
  bool has(Role R, const NamedDecl *D) const;
  bool hasCall(Role R, const Expr *Call) const;
  const Expr *constrainingArgument(Role R, const Expr *Call) const;
  /// Builds the per-role index of unqualified names once the lists are
  /// complete. Lookups run on every call and type in a translation unit, so
  /// a declaration whose own name is in no list is rejected before its
  /// qualified name is built.
  void index();

private:
  bool mayName(Role R, const NamedDecl *D) const;
  std::array<llvm::StringSet<>, NumRoles> Leaves;
};

/// Where a model query looks. Every query says which: the runtime of the
/// coroutine at hand, or any enabled runtime. Both include the names every
/// runtime shares (the standard library's) and the user's (the options).
class Within {
public:
  static Within runtime(const RuntimeModel &M) { return Within(&M); }
  static Within anyRuntime() { return Within(nullptr); }
  const RuntimeModel *only() const { return Only; }

private:
  explicit Within(const RuntimeModel *M) : Only(M) {}
  const RuntimeModel *Only;
};

/// The models a check uses: the enabled built-in runtimes plus what the
/// options add. Built from a check's options (local and global).
class ApiModel {
public:
  /// \p Local: whether the offending value is the check-local option or the
  /// global one.
  using ConfigErrorFn = llvm::function_ref<void(llvm::StringRef Option, bool Local,
                                                const llvm::Twine &Problem)>;
  /// Reads `Runtimes` and the options of the roles in \p Reads (the roles
  /// the check asks about; TaskTypes always). A list option's check-local
  /// value and its global value both apply. Configuration errors (an unknown
  /// runtime, a malformed name) go to \p ConfigError with the option's key
  /// as the user wrote it; the rest of the configuration still applies.
  ApiModel(const ClangTidyCheck::OptionsView &Options,
           const ClangTidyOptions::OptionMap &AllOptions, RoleSet Reads,
           ConfigErrorFn ConfigError);

  /// Stores the check-local values the user gave that differ from the
  /// defaults, and nothing else: a dumped configuration read back changes
  /// nothing.
  void storeOptions(ClangTidyCheck::OptionsView &Options,
                    ClangTidyOptions::OptionMap &Opts) const;

  /// The names of every built-in runtime, in documentation order.
  static llvm::ArrayRef<llvm::StringRef> builtinRuntimeNames();

  /// Forgets what the previous translation unit's namespace aliases added.
  void startTranslationUnit();

  /// The runtime of a coroutine, from its return type; null when the function
  /// is not a coroutine of an enabled runtime.
  const RuntimeModel *runtimeOfCoroutine(const FunctionDecl *F) const;
  /// The runtime whose task type \p T is; null when none.
  const RuntimeModel *runtimeOfTaskType(QualType T) const;

  /// The runtime (within \p W) in which \p D plays role \p R; null if none.
  /// Names from the options apply in every scope: they describe the user's
  /// own wrappers.
  const RuntimeModel *match(Role R, const NamedDecl *D, Within W) const;
  /// The same for a call (or construction), honouring argument constraints.
  const RuntimeModel *match(Role R, const Expr *Call, Within W) const;
  /// The same for a type, through its sugar.
  const RuntimeModel *match(Role R, QualType T, Within W) const;
  /// The argument that made a constrained entry apply to \p Call
  /// (asio::detached in `co_spawn(io, f(), asio::detached)`); null when the
  /// matching entry has no constraint.
  const Expr *constrainingArgument(Role R, const Expr *Call, Within W) const;
  /// Whether \p Arg could make a constrained entry of role \p R apply: its
  /// type is, or wraps, one of the entries' argument types (a completion
  /// token handed to a function that passes it on to co_spawn).
  bool isConstrainingArgumentType(Role R, QualType Arg, Within W) const;

  /// Whether a handler for \p Caught can receive runtime \p M's
  /// cancellation: a catch-all (null \p Caught), a cancellation type, or a
  /// base of one (std::exception where cancellation derives from it).
  bool handlerReceivesCancellation(const Type *Caught, const RuntimeModel &M,
                                   ASTContext &Ctx) const;

  /// The definitions, in this translation unit, of the classes role \p R
  /// names in \p M and in the options (tg::exception_group); what is not
  /// declared here is left out.
  llvm::SmallVector<const CXXRecordDecl *, 2> declaredRecords(Role R, const RuntimeModel &M,
                                                              const ASTContext &Ctx) const;

private:
  void requireRead(Role R) const;
  void resolveAliases(const ASTContext &Ctx) const;
  template <class Fn> const RuntimeModel *firstModel(Within W, Fn &&Matches) const;

  RoleSet Reads;
  std::optional<std::string> LocalRuntimes; ///< as the user wrote it locally
  std::string DefaultRuntimes;              ///< what applies without it
  std::array<std::string, NumRoles> LocalRoleOptions;
  /// The global options this check read, stored back as they were so that a
  /// dumped configuration keeps them.
  std::vector<std::pair<std::string, std::string>> GlobalOptions;
  /// The enabled built-in runtimes, then "std" (the names every runtime
  /// shares), then "custom" (the options). Mutable only for the names the
  /// current translation unit's namespace aliases add.
  mutable std::vector<RuntimeModel> Models;
  unsigned NumBuiltin = 0;
  std::vector<std::array<std::vector<ApiName>, NumRoles>> DeclaredNames;
  mutable const TranslationUnitDecl *AliasesResolvedFor = nullptr;
};

} // namespace clang::tidy::async

#endif
