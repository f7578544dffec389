// Mock of async_simple/Future.h: the eager future of Promise/Future. get()
// and wait() block the calling thread.
#pragma once
#include <async_simple/Executor.h>
#include <async_simple/Try.h>
#include <type_traits>

namespace async_simple {
template <typename T> class Promise;
template <typename T> class Future {
public:
  using value_type = T;
  Future(Future &&) = default;
  Future(const Future &) = delete;
  bool valid() const;
  bool hasResult() const;
  std::add_lvalue_reference_t<T> value() &;
  T get() &&;
  void wait();
  Future<T> via(Executor *executor) &&;

private:
  Future() = default;
  friend class Promise<T>;
};
template <typename T> Future<T> makeReadyFuture(T &&v);
} // namespace async_simple
