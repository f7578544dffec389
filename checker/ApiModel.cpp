//===--- ApiModel.cpp - What each coroutine runtime calls things ----------===//

#include "ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::async {

namespace {

constexpr llvm::StringLiteral RoleOptionNames[NumRoles] = {
    "TaskTypes",
    "HandleTypes",
    "GroupTypes",
    "GroupOpenFunctions",
    "SpawnFunctions",
    "DetachedSpawnFunctions",
    "CancellationTypes",
    "CancellationErrorCodes",
    "CancellationQueryFunctions",
    "CheckpointFunctions",
    "ShieldFunctions",
    "TimeoutFunctions",
    "ScopeExitFunctions",
    "BlockingFunctions",
    "DetachedTaskTypes",
    "FutureSpawnFunctions",
    "CancellationRequestFunctions",
    "CancellationTokenTypes",
    "CompletionSignalFunctions",
    "GeneratorTypes",
    "ExceptionGroupTypes",
    "SleepFunctions",
    "EventTypes",
    "DetachedGroupTypes",
    "EagerTaskTypes",
    "ViewTypes",
    "KeepAliveTypes",
    "ReadyAwaitables",
    "CompletionCallbackSpawnFunctions",
    "AbandoningFunctions",
    "JoiningDestructorTypes",
    "AwaitableTypes",
    "ExecutorSwitchFunctions",
};

constexpr llvm::StringLiteral CommonModelName = "std";
constexpr llvm::StringLiteral ExtensionModelName = "custom";
constexpr llvm::StringLiteral RuntimesOption = "Runtimes";

struct BuiltinEntry {
  Role R;
  llvm::StringLiteral List;
};
struct BuiltinRuntime {
  llvm::StringLiteral Name;
  bool StdException, OwnType, NotException;
  llvm::StringLiteral Shield;
  bool AwaitsObserve;
  std::vector<BuiltinEntry> Entries;
  std::vector<std::pair<llvm::StringLiteral, llvm::StringLiteral>> Alternatives;
  bool ShieldTakesAnyAwaitable = false;
};

const std::vector<BuiltinRuntime> &builtinRuntimes() {
  static const std::vector<BuiltinRuntime> Runtimes = [] {
    std::vector<BuiltinRuntime> Result;
#define RUNTIME(Name, StdException, OwnType, NotException, Shield, AwaitsObserve) \
  Result.push_back(                                                           \
      {Name, StdException, OwnType, NotException, Shield, AwaitsObserve, {}, {}});
#define NAMES(RoleName, List) Result.back().Entries.push_back({Role::RoleName, List});
#define AWAITABLE_ALTERNATIVE(Blocking, FixTemplate)                           \
  Result.back().Alternatives.push_back({Blocking, FixTemplate});
#define SHIELD_TAKES_ANY_AWAITABLE() Result.back().ShieldTakesAnyAwaitable = true;
#include "BuiltinModels.def"
    return Result;
  }();
  return Runtimes;
}

RuntimeModel makeBuiltin(const BuiltinRuntime &B) {
  RuntimeModel M;
  M.Name = B.Name.str();
  M.CancellationIsStdException = B.StdException;
  M.CancellationHasOwnType = B.OwnType;
  M.CancellationIsNotAnException = B.NotException;
  M.ShieldFixTemplate = B.Shield.str();
  M.AwaitsObserveCancellation = B.AwaitsObserve;
  M.ShieldTakesAnyAwaitable = B.ShieldTakesAnyAwaitable;
  for (const auto &[Blocking, FixTemplate] : B.Alternatives)
    M.AwaitableAlternatives.emplace_back(Blocking.str(), FixTemplate.str());
  for (const BuiltinEntry &E : B.Entries) {
    std::vector<ApiName> Names = parseNameList(E.List, [&](llvm::StringRef Bad) {
      llvm::report_fatal_error(llvm::Twine("async-tidy: malformed built-in name '") +
                               Bad + "' in model " + B.Name);
    });
    llvm::append_range(M.Names[unsigned(E.R)], std::move(Names));
  }
  return M;
}

bool isIdentifier(llvm::StringRef S) {
  if (S.empty() || !(llvm::isAlpha(S[0]) || S[0] == '_'))
    return false;
  return llvm::all_of(S, [](char C) { return llvm::isAlnum(C) || C == '_'; });
}

/// "ns::name", "operator+" as the last component allowed.
bool isQualifiedName(llvm::StringRef S) {
  S.consume_front("::");
  if (S.empty())
    return false;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  S.split(Parts, "::");
  for (size_t I = 0; I < Parts.size(); ++I) {
    llvm::StringRef P = Parts[I];
    bool Last = I + 1 == Parts.size();
    if (Last && P.size() > 8 && P.substr(0, 8) == "operator" &&
        !isIdentifier(P.drop_front(8)))
      continue;
    if (!isIdentifier(P))
      return false;
  }
  return true;
}

/// A C library function: what an unqualified entry ("write", "sleep") means.
bool isCLibraryFunction(const NamedDecl *D) {
  if (!D->getDeclContext()->getRedeclContext()->isTranslationUnit())
    return false;
  if (const auto *F = dyn_cast<FunctionDecl>(D); F && F->isExternC())
    return true;
  const SourceManager &SM = D->getASTContext().getSourceManager();
  return SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation()));
}

bool entryNames(const ApiName &N, const NamedDecl *D, const std::string &Name) {
  if (N.Qualified != Name)
    return false;
  return N.Qualified.find("::") != std::string::npos || isCLibraryFunction(D);
}

/// Whether \p T is, or wraps as a template argument (a completion token
/// adapter such as bind_cancellation_slot(slot, asio::detached)), the type
/// named \p TypeName.
bool isOrWraps(QualType T, llvm::StringRef TypeName, unsigned Depth = 0) {
  if (T.isNull())
    return false;
  for (const NamedDecl *D : typeDeclsThroughSugar(T))
    if (modelName(D) == TypeName)
      return true;
  if (Depth >= 3)
    return false;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl());
  if (!Spec)
    return false;
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
    if (Arg.getKind() == TemplateArgument::Type &&
        isOrWraps(Arg.getAsType(), TypeName, Depth + 1))
      return true;
  return false;
}

llvm::ArrayRef<const Expr *> callArguments(const Expr *Call) {
  if (const auto *C = dyn_cast<CallExpr>(Call)) {
    // A member operator's object is its first argument, not a parameter.
    unsigned Skip = 0;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(C))
      Skip = isa_and_nonnull<CXXMethodDecl>(Op->getCalleeDecl()) ? 1 : 0;
    return llvm::ArrayRef(C->getArgs(), C->getNumArgs()).drop_front(Skip);
  }
  if (const auto *C = dyn_cast<CXXConstructExpr>(Call))
    return llvm::ArrayRef(C->getArgs(), C->getNumArgs());
  return {};
}

const Expr *argumentOfType(const Expr *Call, llvm::StringRef TypeName) {
  // The argument as written: before it converts to the parameter's type
  // (an ifstream passed as an istream&).
  for (const Expr *Arg : callArguments(Call))
    if (isOrWraps(Arg->getType(), TypeName) ||
        isOrWraps(Arg->IgnoreParenImpCasts()->getType(), TypeName))
      return Arg;
  return nullptr;
}

const NamedDecl *calleeOf(const Expr *Call) {
  if (const auto *C = dyn_cast<CallExpr>(Call))
    return dyn_cast_or_null<NamedDecl>(C->getCalleeDecl());
  if (const auto *C = dyn_cast<CXXConstructExpr>(Call))
    return C->getConstructor()->getParent();
  return nullptr;
}

/// The variable a call goes through when it calls a function object by name
/// (`folly::coro::co_withCancellation(tok, t)`), or null.
const VarDecl *functionObjectOf(const Expr *Call) {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
  if (!Op || Op->getOperator() != OO_Call || Op->getNumArgs() == 0)
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreParenImpCasts());
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

/// Looks \p Name up in \p DC without creating identifiers, following
/// namespace aliases.
const NamedDecl *lookupIn(const ASTContext &Ctx, const DeclContext *DC, llvm::StringRef Name) {
  auto It = Ctx.Idents.find(Name);
  if (It == Ctx.Idents.end())
    return nullptr;
  for (const NamedDecl *D : DC->lookup(It->getValue())) {
    if (const auto *Alias = dyn_cast<NamespaceAliasDecl>(D))
      return Alias->getNamespace();
    if (isa<NamespaceDecl, RecordDecl, TypedefNameDecl, ClassTemplateDecl,
            TypeAliasTemplateDecl>(D))
      return D;
  }
  return nullptr;
}

/// Finds a scope or type by qualified name through ordinary lookup, without
/// Sema: namespace by namespace from the translation unit.
const NamedDecl *lookupQualified(const ASTContext &Ctx, llvm::StringRef Qualified) {
  const DeclContext *DC = Ctx.getTranslationUnitDecl();
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Qualified.split(Parts, "::");
  const NamedDecl *Found = nullptr;
  for (llvm::StringRef Part : Parts) {
    if (!DC)
      return nullptr;
    Found = lookupIn(Ctx, DC, Part);
    if (!Found)
      return nullptr;
    if (const auto *TD = dyn_cast<TypedefNameDecl>(Found))
      Found = typeDecl(TD->getUnderlyingType());
    if (const auto *CT = dyn_cast_or_null<ClassTemplateDecl>(Found))
      Found = CT->getTemplatedDecl();
    DC = Found ? dyn_cast<DeclContext>(Found) : nullptr;
  }
  return Found;
}

/// The name \p Written (ns::name) really has when its scope is spelled
/// through a namespace alias or a typedef; empty when it is the same.
std::string realName(const ASTContext &Ctx, llvm::StringRef Written) {
  auto [Scope, Leaf] = Written.rsplit("::");
  if (Leaf.empty())
    return {};
  const NamedDecl *ScopeDecl = lookupQualified(Ctx, Scope);
  if (!ScopeDecl)
    return {};
  std::string Real = modelName(ScopeDecl) + "::" + Leaf.str();
  return Real == Written ? std::string() : Real;
}

} // namespace

llvm::StringRef roleOptionName(Role R) { return RoleOptionNames[unsigned(R)]; }

std::vector<ApiName> parseNameList(llvm::StringRef List,
                                   llvm::function_ref<void(llvm::StringRef)> Bad) {
  std::vector<ApiName> Result;
  llvm::SmallVector<llvm::StringRef, 8> Entries;
  List.split(Entries, ';', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef Entry : Entries) {
    Entry = Entry.trim();
    if (Entry.empty())
      continue;
    ApiName Name;
    llvm::StringRef Function = Entry, Argument;
    // "ns::f(ns::Arg)": a constraint; "T::operator()" is a name of its own.
    size_t Open = Entry.find("operator()") != llvm::StringRef::npos
                      ? Entry.find('(', Entry.find("operator()") + 10)
                      : Entry.find('(');
    if (Open != llvm::StringRef::npos) {
      if (Entry.back() != ')') {
        Bad(Entry);
        continue;
      }
      Function = Entry.take_front(Open).trim();
      Argument = Entry.drop_front(Open + 1).drop_back().trim();
      if (!isQualifiedName(Argument)) {
        Bad(Entry);
        continue;
      }
    }
    if (!isQualifiedName(Function)) {
      Bad(Entry);
      continue;
    }
    Function.consume_front("::");
    Argument.consume_front("::");
    Name.Qualified = Function.str();
    Name.ArgumentType = Argument.str();
    Result.push_back(std::move(Name));
  }
  return Result;
}

std::string modelName(const NamedDecl *D) {
  llvm::SmallVector<llvm::StringRef, 6> Parts;
  std::string Own = D->getDeclName().getAsString();
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Parts.push_back(NS->getName());
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      if (!RD->getIdentifier())
        continue;
      Parts.push_back(RD->getName());
    } else if (const auto *ED = dyn_cast<EnumDecl>(DC)) {
      // Unscoped enumerators are named from the enclosing scope.
      if (ED->isScoped())
        Parts.push_back(ED->getName());
    } else if (isa<LinkageSpecDecl>(DC)) {
      continue;
    } else if (!isa<TranslationUnitDecl>(DC)) {
      // A function-local entity is nobody's API.
      return Own;
    }
  }
  std::string Result;
  for (llvm::StringRef P : llvm::reverse(Parts)) {
    Result += P;
    Result += "::";
  }
  return Result + Own;
}

const NamedDecl *typeDecl(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    if (const TemplateDecl *TD = TST->getTemplateName().getAsTemplateDecl())
      return TD->getTemplatedDecl() ? TD->getTemplatedDecl() : TD;
  T = T.getCanonicalType();
  if (const auto *RD = T->getAsCXXRecordDecl()) {
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      return Spec->getSpecializedTemplate()->getTemplatedDecl();
    return RD;
  }
  if (const auto *ICN = T->getAs<InjectedClassNameType>())
    return ICN->getDecl();
  if (const auto *ET = T->getAs<EnumType>())
    return ET->getDecl();
  return nullptr;
}

llvm::SmallVector<const NamedDecl *, 4> typeDeclsThroughSugar(QualType T) {
  llvm::SmallVector<const NamedDecl *, 4> Result;
  if (T.isNull())
    return Result;
  auto Add = [&](const NamedDecl *D) {
    if (D && !llvm::is_contained(Result, D))
      Result.push_back(D);
  };
  const Type *Ty = T.getNonReferenceType().getTypePtr();
  for (unsigned Steps = 0; Ty && Steps < 16; ++Steps) {
    if (const auto *TST = dyn_cast<TemplateSpecializationType>(Ty)) {
      if (const TemplateDecl *TD = TST->getTemplateName().getAsTemplateDecl())
        Add(TD->getTemplatedDecl() ? TD->getTemplatedDecl() : TD);
    } else if (const auto *TT = dyn_cast<TypedefType>(Ty)) {
      Add(TT->getDecl());
    }
    const Type *Next = Ty->getLocallyUnqualifiedSingleStepDesugaredType().getTypePtrOrNull();
    if (Next == Ty)
      break;
    Ty = Next;
  }
  Add(typeDecl(T));
  return Result;
}

void RuntimeModel::index() {
  for (unsigned I = 0; I < NumRoles; ++I) {
    Leaves[I].clear();
    for (const ApiName &N : Names[I]) {
      auto [Scope, Leaf] = llvm::StringRef(N.Qualified).rsplit("::");
      Leaves[I].insert(Leaf.empty() ? Scope : Leaf);
    }
  }
}

bool RuntimeModel::mayName(Role R, const NamedDecl *D) const {
  const llvm::StringSet<> &Set = Leaves[unsigned(R)];
  if (Set.empty())
    return false;
  if (const IdentifierInfo *II = D->getIdentifier())
    return Set.contains(II->getName());
  return Set.contains(D->getDeclName().getAsString()); // operator+ and kin
}

bool RuntimeModel::has(Role R, const NamedDecl *D) const {
  if (!D || !mayName(R, D))
    return false;
  const std::string Name = modelName(D);
  return llvm::any_of(names(R), [&](const ApiName &N) { return entryNames(N, D, Name); });
}

llvm::StringRef RuntimeModel::awaitableAlternative(const NamedDecl *Blocking) const {
  if (!Blocking || AwaitableAlternatives.empty())
    return {};
  const std::string Name = modelName(Blocking);
  for (const auto &[Function, FixTemplate] : AwaitableAlternatives)
    if (Function == Name)
      return FixTemplate;
  return {};
}

bool RuntimeModel::hasCall(Role R, const Expr *Call) const {
  const NamedDecl *Callee = calleeOf(Call);
  if (!Callee)
    return false;
  // folly::coro::co_withCancellation, stdexec::sync_wait and their kin are
  // customisation-point objects: the model names the object, the call names
  // its operator().
  const NamedDecl *Object = functionObjectOf(Call);
  const bool ByCallee = mayName(R, Callee);
  const bool ByObject = Object && mayName(R, Object);
  if (!ByCallee && !ByObject)
    return false;
  const std::string Name = ByCallee ? modelName(Callee) : std::string();
  const std::string ObjectName = ByObject ? modelName(Object) : std::string();
  return llvm::any_of(names(R), [&](const ApiName &N) {
    return ((ByCallee && entryNames(N, Callee, Name)) ||
            (ByObject && N.Qualified == ObjectName)) &&
           (N.ArgumentType.empty() || argumentOfType(Call, N.ArgumentType));
  });
}

const Expr *RuntimeModel::constrainingArgument(Role R, const Expr *Call) const {
  const NamedDecl *Callee = calleeOf(Call);
  if (!Callee || !mayName(R, Callee))
    return nullptr;
  const std::string Name = modelName(Callee);
  for (const ApiName &N : names(R))
    if (!N.ArgumentType.empty() && entryNames(N, Callee, Name))
      if (const Expr *Arg = argumentOfType(Call, N.ArgumentType))
        return Arg;
  return nullptr;
}

ApiModel::ApiModel(const ClangTidyCheck::OptionsView &Options,
                   const ClangTidyOptions::OptionMap &AllOptions, RoleSet ReadRoles,
                   ConfigErrorFn ConfigError)
    : Reads(ReadRoles) {
  Reads.set(unsigned(Role::TaskTypes));
  auto Global = [&](llvm::StringRef Option) -> std::optional<std::string> {
    auto It = AllOptions.find(Option);
    if (It == AllOptions.end())
      return std::nullopt;
    if (llvm::none_of(GlobalOptions, [&](const auto &O) { return O.first == Option; }))
      GlobalOptions.emplace_back(Option.str(), It->getValue().Value);
    return It->getValue().Value;
  };

  if (auto Local = Options.get(RuntimesOption))
    LocalRuntimes = Local->str();
  DefaultRuntimes = Global(RuntimesOption).value_or("all");
  const std::string Effective = LocalRuntimes.value_or(DefaultRuntimes);
  llvm::SmallVector<llvm::StringRef, 8> Wanted;
  llvm::StringRef(Effective).split(Wanted, ';', -1, /*KeepEmpty=*/false);
  bool All = false;
  llvm::SmallVector<llvm::StringRef, 8> Selected;
  for (llvm::StringRef W : Wanted) {
    W = W.trim();
    if (W.empty())
      continue;
    if (W == "all") {
      All = true;
      continue;
    }
    if (!llvm::is_contained(builtinRuntimeNames(), W)) {
      ConfigError(RuntimesOption, LocalRuntimes.has_value(),
                  "unknown runtime '" + W +
                      "'; expected 'all' or a ';'-separated list of: " +
                      llvm::join(builtinRuntimeNames(), ", "));
      continue;
    }
    Selected.push_back(W);
  }
  const BuiltinRuntime *Common = nullptr;
  for (const BuiltinRuntime &B : builtinRuntimes()) {
    if (B.Name == CommonModelName)
      Common = &B;
    else if (All || llvm::is_contained(Selected, B.Name))
      Models.push_back(makeBuiltin(B));
  }
  NumBuiltin = Models.size();
  assert(Common && "BuiltinModels.def lacks the std model");
  Models.push_back(makeBuiltin(*Common));

  RuntimeModel FromOptions;
  FromOptions.Name = ExtensionModelName.str();
  for (unsigned I = 0; I < NumRoles; ++I) {
    if (!Reads[I])
      continue;
    const llvm::StringRef Option = RoleOptionNames[I];
    // A global list and a check-local list both apply: the local one
    // extends, it does not shadow.
    auto Local = Options.get(Option);
    LocalRoleOptions[I] = Local ? Local->str() : std::string();
    for (const auto &Source : {std::pair(Global(Option).value_or(""), false),
                               std::pair(LocalRoleOptions[I], true)}) {
      const bool IsLocal = Source.second;
      const llvm::StringRef Value = Source.first;
      llvm::append_range(FromOptions.Names[I], parseNameList(Value, [&](llvm::StringRef Bad) {
                           ConfigError(Option, IsLocal,
                                       "invalid entry '" + Bad +
                                           "'; expected a qualified name such as "
                                           "'ns::name' or 'ns::name(ns::ArgumentType)'");
                         }));
    }
  }
  // The user's cancellation exceptions are types of their own.
  FromOptions.CancellationHasOwnType = !FromOptions.names(Role::CancellationTypes).empty();
  Models.push_back(std::move(FromOptions));
  for (RuntimeModel &M : Models) {
    DeclaredNames.push_back(M.Names);
    M.index();
  }
}

void ApiModel::storeOptions(ClangTidyCheck::OptionsView &Options,
                            ClangTidyOptions::OptionMap &Opts) const {
#if CLANG_VERSION_MAJOR >= 22
  // clang-tidy 22's --dump-config keeps only the options named after an
  // enabled check: a global option this check read is stored under the
  // check's own name instead (with the local list, which it extends), so
  // that a dumped configuration read back still applies it.
  auto GlobalValue = [&](llvm::StringRef Option) -> llvm::StringRef {
    for (const auto &Global : GlobalOptions)
      if (Global.first == Option)
        return Global.second;
    return {};
  };
  if (LocalRuntimes && *LocalRuntimes != DefaultRuntimes)
    Options.store(Opts, RuntimesOption, *LocalRuntimes);
  else if (!LocalRuntimes && !GlobalValue(RuntimesOption).empty())
    Options.store(Opts, RuntimesOption, GlobalValue(RuntimesOption));
  for (unsigned I = 0; I < NumRoles; ++I) {
    if (!Reads[I])
      continue;
    llvm::SmallVector<llvm::StringRef, 2> Parts;
    for (llvm::StringRef Part : {llvm::StringRef(LocalRoleOptions[I]), GlobalValue(RoleOptionNames[I])})
      if (!Part.trim().empty())
        Parts.push_back(Part.trim());
    if (!Parts.empty())
      Options.store(Opts, RoleOptionNames[I], llvm::join(Parts, ";"));
  }
#else
  for (const auto &Global : GlobalOptions)
    Opts.insert_or_assign(Global.first, ClangTidyOptions::ClangTidyValue(Global.second));
  if (LocalRuntimes && *LocalRuntimes != DefaultRuntimes)
    Options.store(Opts, RuntimesOption, *LocalRuntimes);
  for (unsigned I = 0; I < NumRoles; ++I)
    if (Reads[I] && !llvm::StringRef(LocalRoleOptions[I]).trim().empty())
      Options.store(Opts, RoleOptionNames[I], LocalRoleOptions[I]);
#endif
}

llvm::ArrayRef<llvm::StringRef> ApiModel::builtinRuntimeNames() {
  static const std::vector<llvm::StringRef> Names = [] {
    std::vector<llvm::StringRef> Result;
    for (const BuiltinRuntime &B : builtinRuntimes())
      if (B.Name != CommonModelName)
        Result.push_back(B.Name);
    return Result;
  }();
  return Names;
}

void ApiModel::startTranslationUnit() {
  if (!AliasesResolvedFor)
    return;
  AliasesResolvedFor = nullptr;
  for (size_t I = 0; I < Models.size(); ++I) {
    Models[I].Names = DeclaredNames[I];
    Models[I].index();
  }
}

void ApiModel::resolveAliases(const ASTContext &Ctx) const {
  const TranslationUnitDecl *TU = Ctx.getTranslationUnitDecl();
  if (AliasesResolvedFor == TU)
    return;
  AliasesResolvedFor = TU;
  for (size_t I = 0; I < Models.size(); ++I) {
    RuntimeModel &M = Models[I];
    M.Names = DeclaredNames[I];
    for (unsigned R = 0; R < NumRoles; ++R) {
      if (!Reads[R])
        continue;
      std::vector<ApiName> Extra;
      for (const ApiName &N : M.Names[R]) {
        std::string Real = realName(Ctx, N.Qualified);
        std::string RealArgument =
            N.ArgumentType.empty() ? std::string() : realName(Ctx, N.ArgumentType);
        if (Real.empty() && RealArgument.empty())
          continue;
        Extra.push_back({Real.empty() ? N.Qualified : Real,
                         RealArgument.empty() ? N.ArgumentType : RealArgument});
      }
      llvm::append_range(M.Names[R], std::move(Extra));
    }
    M.index();
  }
}

void ApiModel::requireRead(Role R) const {
  if (!Reads[unsigned(R)])
    llvm::report_fatal_error(llvm::Twine("async-tidy: a check asks the model about '") +
                             RoleOptionNames[unsigned(R)] +
                             "' but does not read that option");
}

template <class Fn>
const RuntimeModel *ApiModel::firstModel(Within W, Fn &&Matches) const {
  const RuntimeModel &Common = Models[NumBuiltin];
  const RuntimeModel &Custom = Models.back();
  if (const RuntimeModel *Only = W.only()) {
    if (Matches(*Only))
      return Only;
  } else {
    for (unsigned I = 0; I < NumBuiltin; ++I)
      if (Matches(Models[I]))
        return &Models[I];
  }
  if (W.only() != &Common && Matches(Common))
    return &Common;
  if (W.only() != &Custom && Matches(Custom))
    return &Custom;
  return nullptr;
}

const RuntimeModel *ApiModel::match(Role R, const NamedDecl *D, Within W) const {
  requireRead(R);
  if (!D)
    return nullptr;
  resolveAliases(D->getASTContext());
  return firstModel(W, [&](const RuntimeModel &M) { return M.has(R, D); });
}

const RuntimeModel *ApiModel::match(Role R, const Expr *Call, Within W) const {
  requireRead(R);
  const NamedDecl *Callee = Call ? calleeOf(Call) : nullptr;
  if (!Callee)
    return nullptr;
  resolveAliases(Callee->getASTContext());
  return firstModel(W, [&](const RuntimeModel &M) { return M.hasCall(R, Call); });
}

const RuntimeModel *ApiModel::match(Role R, QualType T, Within W) const {
  requireRead(R);
  if (T.isNull())
    return nullptr;
  for (const NamedDecl *D : typeDeclsThroughSugar(T)) {
    resolveAliases(D->getASTContext());
    if (const RuntimeModel *M =
            firstModel(W, [&](const RuntimeModel &M) { return M.has(R, D); }))
      return M;
  }
  return nullptr;
}

const Expr *ApiModel::constrainingArgument(Role R, const Expr *Call, Within W) const {
  requireRead(R);
  const Expr *Found = nullptr;
  firstModel(W, [&](const RuntimeModel &M) {
    Found = M.constrainingArgument(R, Call);
    return Found != nullptr;
  });
  return Found;
}

bool ApiModel::isConstrainingArgumentType(Role R, QualType Arg, Within W) const {
  requireRead(R);
  return firstModel(W, [&](const RuntimeModel &M) {
           return llvm::any_of(M.names(R), [&](const ApiName &N) {
             return !N.ArgumentType.empty() && isOrWraps(Arg, N.ArgumentType);
           });
         }) != nullptr;
}

const RuntimeModel *ApiModel::runtimeOfTaskType(QualType T) const {
  if (T.isNull())
    return nullptr;
  for (const NamedDecl *D : typeDeclsThroughSugar(T)) {
    resolveAliases(D->getASTContext());
    for (unsigned I = 0; I < NumBuiltin; ++I)
      if (Models[I].has(Role::TaskTypes, D))
        return &Models[I];
    // The user's own task types form a runtime of their own.
    if (Models.back().has(Role::TaskTypes, D))
      return &Models.back();
  }
  return nullptr;
}

const RuntimeModel *ApiModel::runtimeOfCoroutine(const FunctionDecl *F) const {
  if (!F || !isa_and_nonnull<CoroutineBodyStmt>(F->getBody()))
    return nullptr;
  return runtimeOfTaskType(F->getReturnType());
}

bool ApiModel::handlerReceivesCancellation(const Type *Caught, const RuntimeModel &M,
                                           ASTContext &Ctx) const {
  requireRead(Role::CancellationTypes);
  if (M.CancellationIsNotAnException)
    return false;
  if (!Caught)
    return true; // catch (...)
  const auto *Handler = dyn_cast_or_null<CXXRecordDecl>(
      typeDecl(QualType(Caught, 0).getNonReferenceType().getUnqualifiedType()));
  if (!Handler)
    return false;
  if (match(Role::CancellationTypes, Handler, Within::runtime(M)))
    return true;
  // A base of a cancellation type receives it too. The derived type must be
  // declared here to know its bases; when it is not, the model says whether
  // it is a std::exception.
  const CXXRecordDecl *HandlerDef = Handler->getDefinition();
  const auto Cancellations = declaredRecords(Role::CancellationTypes, M, Ctx);
  const bool AnyDeclared = !Cancellations.empty();
  if (HandlerDef && llvm::any_of(Cancellations, [&](const CXXRecordDecl *Cancellation) {
        return Cancellation->isDerivedFrom(HandlerDef);
      }))
    return true;
  return !AnyDeclared && M.CancellationIsStdException &&
         modelName(Handler) == "std::exception";
}

llvm::SmallVector<const CXXRecordDecl *, 2>
ApiModel::declaredRecords(Role R, const RuntimeModel &M, const ASTContext &Ctx) const {
  requireRead(R);
  llvm::SmallVector<const CXXRecordDecl *, 2> Result;
  const RuntimeModel &Custom = Models.back();
  for (const RuntimeModel *Source : {&M, &Custom})
    for (const ApiName &N : Source->names(R))
      if (const auto *D = dyn_cast_or_null<CXXRecordDecl>(lookupQualified(Ctx, N.Qualified)))
        if (const CXXRecordDecl *Def = D->getDefinition(); Def && !llvm::is_contained(Result, Def))
          Result.push_back(Def);
  return Result;
}

} // namespace clang::tidy::async
