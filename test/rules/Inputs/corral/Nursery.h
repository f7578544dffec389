#pragma once
// corral/Nursery.h (mock), after corral's current layout: the nursery is the
// class template BasicNursery<Policy>; `Nursery` and `UnsafeNursery` are
// aliases for the exception-based policy (older releases declared them as
// plain classes). A nursery is opened only by CORRAL_WITH_NURSERY (a
// `co_yield Factory{} % body-lambda`) or by `openNursery(ptr)`; it has no
// public constructor. The first child exception cancels the rest and is
// rethrown as is once all children are done; later ones are dropped.
#include "Executor.h"
#include "Task.h"
#include "utility.h"
#include <functional>
#include <variant>

namespace corral {
template <class Ret = void> class TaskStarted;

namespace detail {
class TagCtor {};
struct JoinTag {
  explicit constexpr JoinTag(TagCtor) {}
};
struct CancelTag {
  explicit constexpr CancelTag(TagCtor) {}
};
struct DefaultErrorPolicy {}; // corral/ErrorPolicy.h: errors are exceptions

template <class Policy> using NurseryBodyRetval = std::variant<JoinTag, CancelTag>;

class TaskStartedTag {
  explicit constexpr TaskStartedTag(TagCtor) {}
};

class NurseryBase {
public:
  NurseryBase() = default;
  NurseryBase(const NurseryBase &) = delete;
  NurseryBase &operator=(const NurseryBase &) = delete;
  ~NurseryBase();
};

template <class T> struct TaskStartedResult;
template <class R> struct TaskStartedResult<TaskStarted<R>> { using type = R; };

template <class F> struct CallableSignature : CallableSignature<decltype(&F::operator())> {};
template <class R, class... A> struct CallableSignature<R (*)(A...)> {
  using Last = typename decltype((std::type_identity<A>{}, ...))::type;
};
template <class R, class C, class... A>
struct CallableSignature<R (C::*)(A...) const> : CallableSignature<R (*)(A...)> {};
template <class R, class C, class... A>
struct CallableSignature<R (C::*)(A...)> : CallableSignature<R (*)(A...)> {};

template <class Ret, class Callable, class... Args> auto startResult() {
  if constexpr (!std::is_same_v<Ret, Unspecified>)
    return std::type_identity<Ret>{};
  else if constexpr (std::invocable<Callable, Args..., TaskStarted<>>)
    return std::type_identity<void>{};
  else
    return std::type_identity<typename TaskStartedResult<std::remove_cvref_t<
        typename CallableSignature<std::remove_cvref_t<Callable>>::Last>>::type>{};
}

template <class Policy, class Ret, class Callable, class... Args> class NurseryStartAwaiter {
public:
  // What `n.start(f)` returns for an `f` taking TaskStarted: awaiting it
  // waits until the child calls `started()`; destroying it unawaited still
  // starts the child (so `n.start(f);` alone is fine).
  class Maker {
  public:
    Maker() = default;
    Maker(Maker &&) noexcept {}
    ~Maker() {}
    ResultAwaiter<Ret> operator co_await() && { return {}; }
  };
};

struct NurseryOpener;
} // namespace detail

static constexpr detail::JoinTag join{detail::TagCtor{}};
static constexpr detail::CancelTag cancel{detail::TagCtor{}};

template <class PolicyT> class BasicNursery : public detail::NurseryBase {
protected:
  BasicNursery() = default;

public:
  struct Factory;
  template <class Callable> class Scope;

#define CORRAL_WITH_BASIC_NURSERY(PolicyT, argname)                                                \
  co_yield ::corral::BasicNursery<PolicyT>::Factory{} %                                            \
      [&](::corral::BasicNursery<PolicyT> & argname)                                               \
          -> ::corral::Task<::corral::detail::NurseryBodyRetval<PolicyT>>

  unsigned taskCount() const noexcept;

  /// Runs `co_await std::invoke(c, args...)` as a child. The callable and
  /// the arguments are moved into the child's frame; std::ref/std::cref
  /// pass by reference.
  template <class Callable, class... Args>
    requires(std::invocable<Callable, Args...> &&
             !std::invocable<Callable, Args..., detail::TaskStartedTag>)
  void start(Callable c, Args... args) {}

  /// Same, for a callable taking a trailing TaskStarted<R>.
  template <class Ret = detail::Unspecified, class Callable, class... Args>
    requires(std::invocable<Callable, Args..., detail::TaskStartedTag>)
  auto start(Callable c, Args... args) {
    using R = typename decltype(detail::startResult<Ret, Callable, Args...>())::type;
    return typename detail::NurseryStartAwaiter<PolicyT, R, Callable, Args...>::Maker{};
  }

  void cancel();
  Executor *executor() const noexcept;
};

using Nursery = BasicNursery<detail::DefaultErrorPolicy>;

#define CORRAL_WITH_NURSERY(argname)                                                               \
  CORRAL_WITH_BASIC_NURSERY(::corral::detail::DefaultErrorPolicy, argname)

template <class Policy>
template <class Callable>
class BasicNursery<Policy>::Scope : public detail::NurseryScopeBase,
                                    public detail::ResultAwaiter<void> {
  class Impl : public BasicNursery<Policy> {};

public:
  explicit Scope(Callable &&) {}
};

template <class Policy> struct BasicNursery<Policy>::Factory {
  template <class Callable> Scope<Callable> operator%(Callable &&c) {
    return Scope<Callable>(static_cast<Callable &&>(c));
  }
};

/// The unscoped nursery: constructible, storable in a class; its children
/// belong to no task until some task awaits join(). A child's exception
/// with nobody joined calls std::terminate(); the destructor cancels what
/// is left and asserts if that did not finish synchronously.
template <class Policy> class BasicUnsafeNursery final : public BasicNursery<Policy> {
public:
  template <class EventLoopT> explicit BasicUnsafeNursery(EventLoopT &&) {}
  BasicUnsafeNursery(const BasicUnsafeNursery &) = delete;
  ~BasicUnsafeNursery();

  bool empty() const noexcept;
  void close();
  template <class Continuation> void asyncClose(Continuation) {}
  Awaitable<void> auto join() { return detail::ResultAwaiter<void>{}; }
};

using UnsafeNursery = BasicUnsafeNursery<detail::DefaultErrorPolicy>;

template <class Ret> class TaskStarted {
public:
  using ResultType = Ret;
  TaskStarted() = default;
  TaskStarted(TaskStarted &&) {}
  TaskStarted &operator=(TaskStarted) { return *this; }

  void operator()(detail::VoidToTag<Ret>)
    requires(!std::is_void_v<Ret>)
  {}
  void operator()()
    requires(std::is_void_v<Ret>)
  {}

  // Only for the constraints of Nursery::start(); never defined.
  explicit(false) TaskStarted(detail::TaskStartedTag);
};

namespace detail {
struct NurseryOpener {
  explicit constexpr NurseryOpener(TagCtor) {}
  template <class Policy>
  Task<void> operator()(BasicNursery<Policy> *&ptr, TaskStarted<> started = {}) const {
    return {};
  }
  template <class Policy>
  Task<void> operator()(std::reference_wrapper<BasicNursery<Policy> *> ptr,
                        TaskStarted<> started = {}) const {
    return {};
  }
};
} // namespace detail

/// Opens a nursery and stores its address in `ptr` (reset to nullptr when the
/// nursery closes); does not return until cancelled. The "live object" idiom.
static constexpr detail::NurseryOpener openNursery(detail::TagCtor{});
} // namespace corral
