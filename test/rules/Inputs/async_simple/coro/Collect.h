// Mock of async_simple/coro/Collect.h.
// collectAll* await every child and return one Try per child: nothing is
// thrown for a child's failure and nothing is wrapped. collectAny returns
// the first child to finish; the others keep running detached, their
// results dropped. The SignalType argument is what the call emits to the
// other children when the first one finishes (None: nothing; Terminate:
// cancel them). Each child gets a slot on a fresh signal chained to the
// caller's slot.
#pragma once
#include <async_simple/Signal.h>
#include <async_simple/Try.h>
#include <async_simple/coro/Lazy.h>
#include <cstddef>
#include <exception>
#include <memory>
#include <tuple>
#include <variant>
#include <vector>

namespace async_simple::coro {
namespace detail {
template <typename T> struct CollectAnyResult {
  size_t index() const;
  bool hasError() const;
  std::exception_ptr getException() const;
  T &value() &;
  T &&value() &&;
  size_t _idx;
  Try<T> _value;
};
template <> struct CollectAnyResult<void> {
  size_t index() const;
  bool hasError() const;
  std::exception_ptr getException() const;
  size_t _idx;
  Try<void> _value;
};
} // namespace detail

template <SignalType ST = SignalType::None, typename T, template <typename> typename LazyType,
          typename IAlloc = std::allocator<LazyType<T>>>
Lazy<detail::CollectAnyResult<typename LazyType<T>::ValueType>>
collectAny(std::vector<LazyType<T>, IAlloc> &&input);

template <SignalType ST = SignalType::None, template <typename> typename LazyType, typename... Ts>
Lazy<std::variant<Try<Ts>...>> collectAny(LazyType<Ts>... awaitables);

template <SignalType ST = SignalType::None, typename T, template <typename> typename LazyType,
          typename IAlloc = std::allocator<LazyType<T>>, typename OAlloc = std::allocator<Try<T>>>
Lazy<std::vector<Try<typename LazyType<T>::ValueType>, OAlloc>>
collectAll(std::vector<LazyType<T>, IAlloc> &&input, OAlloc out_alloc = OAlloc());

template <SignalType ST = SignalType::None, typename T, template <typename> typename LazyType,
          typename IAlloc = std::allocator<LazyType<T>>, typename OAlloc = std::allocator<Try<T>>>
Lazy<std::vector<Try<typename LazyType<T>::ValueType>, OAlloc>>
collectAllPara(std::vector<LazyType<T>, IAlloc> &&input, OAlloc out_alloc = OAlloc());

template <SignalType ST = SignalType::None, template <typename> typename LazyType, typename... Ts>
Lazy<std::tuple<Try<typename LazyType<Ts>::ValueType>...>> collectAll(LazyType<Ts>... inputs);

template <SignalType ST = SignalType::None, template <typename> typename LazyType, typename... Ts>
Lazy<std::tuple<Try<typename LazyType<Ts>::ValueType>...>> collectAllPara(LazyType<Ts>... inputs);

template <SignalType ST = SignalType::None, typename T, template <typename> typename LazyType,
          typename IAlloc = std::allocator<LazyType<T>>, typename OAlloc = std::allocator<Try<T>>>
Lazy<std::vector<Try<typename LazyType<T>::ValueType>, OAlloc>>
collectAllWindowed(size_t maxConcurrency, bool yield, std::vector<LazyType<T>, IAlloc> &&input,
                   OAlloc out_alloc = OAlloc());

template <SignalType ST = SignalType::None, typename T, template <typename> typename LazyType,
          typename IAlloc = std::allocator<LazyType<T>>, typename OAlloc = std::allocator<Try<T>>>
Lazy<std::vector<Try<typename LazyType<T>::ValueType>, OAlloc>>
collectAllWindowedPara(size_t maxConcurrency, bool yield, std::vector<LazyType<T>, IAlloc> &&input,
                       OAlloc out_alloc = OAlloc());
} // namespace async_simple::coro
