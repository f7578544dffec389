// Mock of async_simple/Promise.h.
#pragma once
#include <async_simple/Future.h>
#include <exception>

namespace async_simple {
template <typename T> class Promise {
public:
  Promise() = default;
  Promise(Promise &&) = default;
  Future<T> getFuture();
  template <typename... V> void setValue(V &&...v);
  void setException(std::exception_ptr error);
};
} // namespace async_simple
