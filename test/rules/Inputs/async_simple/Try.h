// Mock of async_simple/Try.h: a value or an exception_ptr, never thrown by
// itself; value() rethrows a stored exception.
#pragma once
#include <exception>
#include <utility>

namespace async_simple {
template <typename T> class Try {
public:
  Try() = default;
  Try(T &&) {}
  Try(const T &) {}
  Try(std::exception_ptr) {}
  bool available() const noexcept;
  bool hasError() const noexcept;
  std::exception_ptr getException() const;
  void setException(std::exception_ptr);
  T &value() &;
  T &&value() &&;
  const T &value() const &;
};
template <> class Try<void> {
public:
  Try() = default;
  Try(std::exception_ptr) {}
  bool available() const noexcept;
  bool hasError() const noexcept;
  std::exception_ptr getException() const;
  void setException(std::exception_ptr);
  void value() const;
};
} // namespace async_simple
