#pragma once
// Not a unifex header: the shape the mock senders share (mocks only). A real
// unifex::task awaits any sender through its promise's await_transform; the
// mocks make each sender awaitable by itself instead.
#include "mock_coroutine.h"
#include <type_traits>
namespace unifex::_mock {
template <class T> struct sender : mock::awaitable_base<T> {
  using value_type = T;
};
// The value an awaited sender (or task) produces.
template <class S>
using value_of = decltype(std::declval<std::remove_cvref_t<S> &>().await_resume());
} // namespace unifex::_mock
