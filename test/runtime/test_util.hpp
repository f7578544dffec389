// Shared helpers for the tg runtime tests.
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#define TG_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TG_TEST_ASAN 1
#endif
#endif
#ifndef TG_TEST_ASAN
#define TG_TEST_ASAN 0
#endif

#include <gtest/gtest.h>
#include <tg/tg.hpp>

#include <set>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <vector>

namespace tg_test {

using namespace std::chrono_literals;

// Deterministic: sleeps and timeouts cost no real time.
template <class T>
T vrun(tg::task<T> t, tg::run_options opts = {}) {
  opts.virtual_time = true;
  return tg::run(std::move(t), std::move(opts));
}

// Seconds of (virtual) time since `start`, for exact virtual-time checks.
inline double elapsed(tg::time_point start) {
  return std::chrono::duration<double>(tg::now() - start).count();
}

// Python's exception zoo.
struct zero_division : std::runtime_error {
  zero_division() : std::runtime_error("division by zero") {}
};
struct value_error : std::runtime_error {
  explicit value_error(std::string what = "ValueError") : std::runtime_error(what) {}
};
struct type_error : std::runtime_error {
  type_error() : std::runtime_error("TypeError") {}
};
struct my_exc : std::runtime_error {
  my_exc() : std::runtime_error("MyExc") {}
};
// BaseException subclass: not a std::exception, like tg::cancelled, but not a
// cancellation either — the group must collect it like any error.
struct my_base_exc {};

// The dynamic type of an exception, as a name.
inline std::string type_of(const std::exception_ptr& ep) {
  try {
    std::rethrow_exception(ep);
  } catch (const tg::exception_group& e) {
    return typeid(tg::exception_group).name();
  } catch (const std::exception& e) {
    return typeid(e).name();
  } catch (const my_base_exc&) {
    return typeid(my_base_exc).name();
  } catch (const tg::cancelled&) {
    return typeid(tg::cancelled).name();
  } catch (...) {
    return "unknown";
  }
}

// get_error_types() of the CPython tests.
inline std::set<std::string> error_types(const tg::exception_group& eg) {
  std::set<std::string> out;
  for (const auto& ep : eg.exceptions()) out.insert(type_of(ep));
  return out;
}
inline std::vector<std::string> error_sequence(const tg::exception_group& eg) {
  std::vector<std::string> out;
  for (const auto& ep : eg.exceptions()) out.push_back(type_of(ep));
  return out;
}
template <class... E>
std::set<std::string> types() {
  return {typeid(E).name()...};
}

// The exception_group a nested member holds.
inline const tg::exception_group& nested_group(const tg::exception_group& eg, std::size_t i) {
  try {
    std::rethrow_exception(eg.exceptions().at(i));
  } catch (const tg::exception_group& inner) {
    return inner;
  } catch (...) {
  }
  throw std::logic_error("member is not an exception_group");
}

// tg::sleep_for as a task (shield and timeout take tasks).
inline tg::task<void> nap(tg::duration d) { co_await tg::sleep_for(d); }
inline tg::task<void> sleep_then_fail(tg::duration d) {
  co_await tg::sleep_for(d);
  throw value_error("failed after sleeping");
}
template <class T>
tg::task<T> sleep_value(tg::duration d, T v) {
  co_await tg::sleep_for(d);
  co_return v;
}

}  // namespace tg_test
