#pragma once
// corral/wait.h (mock): anyOf/allOf/mostOf (each argument runs as a child;
// the first exception is rethrown as is), and the async try/catch/finally
// (try_(...).catch_(...).finally(...), CORRAL_TRY / CORRAL_CATCH /
// CORRAL_FINALLY). The finally block runs uncancelled.
#include "Task.h"
#include "utility.h"
#include <exception>
#include <optional>
#include <tuple>
#include <vector>

namespace corral {
namespace detail {
// corral's own Optional also holds references; the mock strips them.
template <class T> using OptionalResult = std::optional<std::remove_cvref_t<VoidToTag<T>>>;
template <class T> concept AwaitableArg = Awaitable<typename AwaitableOf<T>::type>;
} // namespace detail

template <class Policy = detail::Unspecified, class... Ts>
  requires(detail::AwaitableArg<Ts> && ...)
auto anyOf(Ts &&...awaitables)
    -> detail::ResultAwaiter<std::tuple<detail::OptionalResult<detail::AwaitResult<Ts>>...>> {
  return {};
}
template <class Policy = detail::Unspecified, class Range>
  requires(AwaitableRange<Range> && !detail::AwaitableArg<Range>)
auto anyOf(Range &&range) -> detail::ResultAwaiter<
    std::vector<detail::OptionalResult<detail::AwaitResult<decltype(*range.begin())>>>> {
  return {};
}

template <class Policy = detail::Unspecified, class... Ts>
  requires(detail::AwaitableArg<Ts> && ...)
auto allOf(Ts &&...awaitables)
    -> detail::ResultAwaiter<std::tuple<std::remove_cvref_t<detail::VoidToTag<detail::AwaitResult<Ts>>>...>> {
  return {};
}
template <class Policy = detail::Unspecified, class Range>
  requires(AwaitableRange<Range> && !detail::AwaitableArg<Range>)
auto allOf(Range &&range) -> detail::ResultAwaiter<
    std::vector<std::remove_cvref_t<detail::VoidToTag<detail::AwaitResult<decltype(*range.begin())>>>>> {
  return {};
}

template <class Policy = detail::Unspecified, class... Ts>
  requires(detail::AwaitableArg<Ts> && ...)
auto mostOf(Ts &&...awaitables)
    -> detail::ResultAwaiter<std::tuple<detail::OptionalResult<detail::AwaitResult<Ts>>...>> {
  return {};
}

namespace detail {
struct Ellipsis {};

template <class Try, class Finally, class... Catch>
class TryBlock final : public NurseryScopeBase, public ResultAwaiter<void> {
public:
  TryBlock() = default;
  TryBlock(Try, Finally, std::tuple<Catch...>) {}
  TryBlock(TryBlock &&) {}
};

template <class Try, class... Catch> class TryBlockBuilder {
public:
  TryBlockBuilder() = default;
  explicit TryBlockBuilder(Try &&, std::tuple<Catch...>) {}
  template <class C> TryBlockBuilder<Try, Catch..., C> catch_(C &&) { return {}; }
  template <class Finally>
    requires(std::is_invocable_r_v<Task<void>, Finally>)
  TryBlock<Try, Finally, Catch...> finally(Finally &&) {
    return {};
  }
  TryBlock<Try, Void, Catch...> operator co_await() { return {}; }
};

class TryBlockMacroFactory {
  template <class Try, class... Catch> class Builder : public NurseryScopeBase {
  public:
    Builder() = default;
    Builder(Try, std::tuple<Catch...>) {}
    template <class C> Builder<Try, Catch..., C> operator/(C &&) { return {}; }
    template <class Finally>
      requires(std::is_invocable_r_v<Task<void>, Finally>)
    TryBlock<Try, Finally, Catch...> operator%(Finally &&) {
      return {};
    }
    TryBlock<Try, Void, Catch...> operator co_await() { return {}; }
  };

public:
  template <class Try>
    requires(std::is_invocable_r_v<Task<void>, Try>)
  Builder<Try> operator%(Try &&) {
    return {};
  }
};

// `co_await corral::rethrow;` inside a CORRAL_CATCH body (a plain `throw;`
// there terminates: the body is a coroutine, not a C++ handler).
struct RethrowCurrentException {
  bool await_ready() const noexcept { return false; }
  bool await_suspend(Handle) { return false; }
  [[noreturn]] void await_resume() { unreachable(); }
};
} // namespace detail

template <class TryBlock>
  requires(std::is_invocable_r_v<Task<void>, TryBlock>)
auto try_(TryBlock &&tryBlock) {
  return detail::TryBlockBuilder<TryBlock>(static_cast<TryBlock &&>(tryBlock), std::make_tuple());
}

#define CORRAL_TRY co_yield ::corral::detail::TryBlockMacroFactory{} % [&]() -> ::corral::Task<void>
#define CORRAL_CATCH(arg) / [&](arg) -> ::corral::Task<void>
#define CORRAL_FINALLY % [&]() -> ::corral::Task<void>

static constexpr const detail::CoAwaitFactory<detail::RethrowCurrentException> rethrow;
using Ellipsis = detail::Ellipsis;
} // namespace corral
