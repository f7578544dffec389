// Mock of <coro/expected.hpp>: libcoro uses std::expected where available and
// an embedded tl::expected otherwise; either way the user spells
// coro::expected<T, E> and coro::unexpected<E>.
#pragma once
#include <utility>

namespace coro {
template <class E> class unexpected {
public:
  explicit unexpected(E e) : m_error(std::move(e)) {}
  auto error() -> E & { return m_error; }

private:
  E m_error;
};
template <class T, class E> class expected {
public:
  expected();
  expected(T value);
  expected(unexpected<E> error);
  explicit operator bool() const noexcept;
  auto has_value() const noexcept -> bool;
  auto value() -> T &;
  auto operator*() -> T &;
  auto operator->() -> T *;
  auto error() -> E &;
};
template <class E> class expected<void, E> {
public:
  expected();
  expected(unexpected<E> error);
  explicit operator bool() const noexcept;
  auto has_value() const noexcept -> bool;
  auto error() -> E &;
};
} // namespace coro
