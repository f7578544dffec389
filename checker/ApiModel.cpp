//===--- ApiModel.cpp - What each coroutine runtime calls things ----------===//

#include "ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
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
};

constexpr llvm::StringLiteral CommonModelName = "std";
constexpr llvm::StringLiteral ExtensionModelName = "custom";

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
};

const std::vector<BuiltinRuntime> &builtinRuntimes() {
  static const std::vector<BuiltinRuntime> Runtimes = [] {
    std::vector<BuiltinRuntime> Result;
#define RUNTIME(Name, StdException, OwnType, NotException, Shield, AwaitsObserve) \
  Result.push_back(                                                           \
      {Name, StdException, OwnType, NotException, Shield, AwaitsObserve, {}});
#define NAMES(RoleName, List) Result.back().Entries.push_back({Role::RoleName, List});
#define AWAITABLE_ALTERNATIVE(Blocking, FixTemplate)                           \
  Result.back().Alternatives.push_back({Blocking, FixTemplate});
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
  for (const auto &[Blocking, FixTemplate] : B.Alternatives)
    M.AwaitableAlternatives.emplace_back(Blocking.str(), FixTemplate.str());
  for (const BuiltinEntry &E : B.Entries) {
    std::vector<ApiName> Names = parseNameList(E.List, [&](llvm::StringRef Bad) {
      llvm::report_fatal_error(llvm::Twine("async-tidy: malformed built-in name '") +
                               Bad + "' in model " + B.Name);
    });
    llvm::append_range(M.Names[unsigned(E.R)], std::move(Names));
  }
  M.index();
  return M;
}

const RuntimeModel &commonModel() {
  static const RuntimeModel Common = [] {
    for (const BuiltinRuntime &B : builtinRuntimes())
      if (B.Name == CommonModelName)
        return makeBuiltin(B);
    llvm_unreachable("BuiltinModels.def lacks the std model");
  }();
  return Common;
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
    if (Last && P.starts_with("operator") && P.size() > 8 &&
        !isIdentifier(P.drop_front(8)))
      continue;
    if (!isIdentifier(P))
      return false;
  }
  return true;
}

bool namesMatch(const ApiName &Name, const NamedDecl *D) {
  return D && modelName(D) == Name.Qualified;
}

const Expr *argumentOfType(const Expr *Call, llvm::StringRef TypeName) {
  auto Matches = [&](const Expr *Arg) {
    const NamedDecl *D = typeDecl(Arg->getType());
    return D && modelName(D) == TypeName;
  };
  llvm::ArrayRef<const Expr *> Args;
  if (const auto *C = dyn_cast<CallExpr>(Call))
    Args = llvm::ArrayRef(C->getArgs(), C->getNumArgs());
  else if (const auto *C = dyn_cast<CXXConstructExpr>(Call))
    Args = llvm::ArrayRef(C->getArgs(), C->getNumArgs());
  auto It = llvm::find_if(Args, Matches);
  return It == Args.end() ? nullptr : *It;
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

/// Finds a declaration by qualified name through ordinary scope lookup,
/// without Sema: namespace by namespace from the translation unit.
const NamedDecl *lookupQualified(ASTContext &Ctx, llvm::StringRef Qualified) {
  const DeclContext *DC = Ctx.getTranslationUnitDecl();
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Qualified.split(Parts, "::");
  const NamedDecl *Found = nullptr;
  for (llvm::StringRef Part : Parts) {
    if (!DC)
      return nullptr;
    Found = nullptr;
    for (const NamedDecl *D : DC->lookup(&Ctx.Idents.get(Part))) {
      if (isa<NamespaceDecl, RecordDecl, TypedefNameDecl, ClassTemplateDecl>(D)) {
        Found = D;
        break;
      }
    }
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
    if (Entry.ends_with(")")) {
      auto [Head, Tail] = Entry.split('(');
      Function = Head.trim();
      Argument = Tail.drop_back().trim();
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
  return llvm::any_of(names(R), [&](const ApiName &N) { return N.Qualified == Name; });
}

bool RuntimeModel::hasType(Role R, QualType T) const { return has(R, typeDecl(T)); }

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
  if (!mayName(R, Callee) && !(Object && mayName(R, Object)))
    return false;
  const std::string Name = modelName(Callee);
  const std::string ObjectName = Object ? modelName(Object) : std::string();
  return llvm::any_of(names(R), [&](const ApiName &N) {
    return (N.Qualified == Name || (Object && N.Qualified == ObjectName)) &&
           (N.ArgumentType.empty() || argumentOfType(Call, N.ArgumentType));
  });
}

const Expr *RuntimeModel::constrainingArgument(Role R, const Expr *Call) const {
  const NamedDecl *Callee = calleeOf(Call);
  if (!Callee || !mayName(R, Callee))
    return nullptr;
  const std::string Name = modelName(Callee);
  for (const ApiName &N : names(R))
    if (N.Qualified == Name && !N.ArgumentType.empty())
      if (const Expr *Arg = argumentOfType(Call, N.ArgumentType))
        return Arg;
  return nullptr;
}

ApiModel::ApiModel(const ClangTidyCheck::OptionsView &Options, ConfigErrorFn ConfigError) {
  RuntimesOption = Options.getLocalOrGlobal("Runtimes", "all").str();
  llvm::SmallVector<llvm::StringRef, 8> Wanted;
  llvm::StringRef(RuntimesOption).split(Wanted, ';', -1, /*KeepEmpty=*/false);
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
      ConfigError("Runtimes", "unknown runtime '" + W +
                                  "'; expected 'all' or a ';'-separated list of: " +
                                  llvm::join(builtinRuntimeNames(), ", "));
      continue;
    }
    Selected.push_back(W);
  }
  for (const BuiltinRuntime &B : builtinRuntimes())
    if (B.Name != CommonModelName && (All || llvm::is_contained(Selected, B.Name)))
      Enabled.push_back(makeBuiltin(B));

  FromOptions.Name = ExtensionModelName.str();
  for (unsigned I = 0; I < NumRoles; ++I) {
    const llvm::StringRef Option = RoleOptionNames[I];
    RoleOptions[I] = Options.getLocalOrGlobal(Option, "").str();
    FromOptions.Names[I] = parseNameList(RoleOptions[I], [&](llvm::StringRef Bad) {
      ConfigError(Option, "invalid entry '" + Bad +
                              "'; expected a qualified name such as 'ns::name' or "
                              "'ns::name(ns::ArgumentType)'");
    });
  }
  FromOptions.index();
  // The user's own task types form a runtime of their own.
  if (!FromOptions.names(Role::TaskTypes).empty())
    Enabled.push_back(FromOptions);
}

void ApiModel::storeOptions(ClangTidyCheck::OptionsView &Options,
                            ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, "Runtimes", RuntimesOption);
  for (unsigned I = 0; I < NumRoles; ++I)
    Options.store(Opts, RoleOptionNames[I], RoleOptions[I]);
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

const RuntimeModel *ApiModel::runtimeOfTaskType(QualType T) const {
  const NamedDecl *D = typeDecl(T);
  if (!D)
    return nullptr;
  for (const RuntimeModel &M : Enabled)
    if (M.has(Role::TaskTypes, D))
      return &M;
  return nullptr;
}

const RuntimeModel *ApiModel::runtimeOfCoroutine(const FunctionDecl *F) const {
  if (!F || !isa_and_nonnull<CoroutineBodyStmt>(F->getBody()))
    return nullptr;
  return runtimeOfTaskType(F->getReturnType());
}

bool ApiModel::is(Role R, const NamedDecl *D, const RuntimeModel &M) const {
  return M.has(R, D) || commonModel().has(R, D) || FromOptions.has(R, D);
}

bool ApiModel::isCall(Role R, const Expr *Call, const RuntimeModel &M) const {
  return M.hasCall(R, Call) || commonModel().hasCall(R, Call) ||
         FromOptions.hasCall(R, Call);
}

bool ApiModel::isType(Role R, QualType T, const RuntimeModel &M) const {
  return is(R, typeDecl(T), M);
}

const RuntimeModel *ApiModel::anyRuntimeWith(Role R, const NamedDecl *D) const {
  for (const RuntimeModel &M : Enabled)
    if (M.has(R, D))
      return &M;
  if (commonModel().has(R, D))
    return &commonModel();
  if (FromOptions.has(R, D))
    return &FromOptions;
  return nullptr;
}

const RuntimeModel *ApiModel::anyRuntimeWithCall(Role R, const Expr *Call) const {
  for (const RuntimeModel &M : Enabled)
    if (M.hasCall(R, Call))
      return &M;
  if (commonModel().hasCall(R, Call))
    return &commonModel();
  if (FromOptions.hasCall(R, Call))
    return &FromOptions;
  return nullptr;
}

const RuntimeModel *ApiModel::anyRuntimeWithType(Role R, QualType T) const {
  return anyRuntimeWith(R, typeDecl(T));
}

bool ApiModel::handlerReceivesCancellation(const Type *Caught, const RuntimeModel &M,
                                           ASTContext &Ctx) const {
  if (M.CancellationIsNotAnException)
    return false;
  if (!Caught)
    return true; // catch (...)
  const auto *Handler = dyn_cast_or_null<CXXRecordDecl>(
      typeDecl(QualType(Caught, 0).getNonReferenceType().getUnqualifiedType()));
  if (!Handler)
    return false;
  if (is(Role::CancellationTypes, Handler, M))
    return true;
  // A base of a cancellation type receives it too. The derived type must be
  // declared here to know its bases; when it is not, the model says whether
  // it is a std::exception.
  const CXXRecordDecl *HandlerDef = Handler->getDefinition();
  bool AnyDeclared = false;
  for (const RuntimeModel *Source : {&M, &FromOptions}) {
    for (const ApiName &N : Source->names(Role::CancellationTypes)) {
      const auto *Cancellation =
          dyn_cast_or_null<CXXRecordDecl>(lookupQualified(Ctx, N.Qualified));
      if (!Cancellation || !Cancellation->hasDefinition())
        continue;
      AnyDeclared = true;
      if (HandlerDef && Cancellation->getDefinition()->isDerivedFrom(HandlerDef))
        return true;
    }
  }
  return !AnyDeclared && M.CancellationIsStdException &&
         modelName(Handler) == "std::exception";
}

} // namespace clang::tidy::async
