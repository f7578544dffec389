// tg/generator.hpp — async generators (Python's `async def` with `yield`).
//
// A generator is not a task of its own: it runs inside the task that pulls
// from it. `co_await gen.next()` transfers to the generator's frame, which
// runs until its next co_yield (or its end) and transfers back. Every await
// in its body parks the consumer's task — tg's awaiters park
// detail::running() and resume the frame they were awaited from — so the
// consumer's cancellation interrupts the generator's waits, exactly as if the
// body had been written inline in the consumer.
#pragma once

#include <concepts>
#include <coroutine>
#include <exception>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "tg/core.hpp"

namespace tg {

template <class T>
class generator;

namespace detail {

template <class T>
struct generator_promise {
  static void* operator new(std::size_t size) { return allocate_frame(size); }
  static void operator delete(void* p, std::size_t size) noexcept { deallocate_frame(p, size); }

  // Non-null while a next() is pending: whom to hand the next value to.
  std::coroutine_handle<> consumer;
  std::optional<T> value;
  std::exception_ptr exception;

  std::coroutine_handle<> hand_back() noexcept {
    if (auto c = std::exchange(consumer, {})) return c;
    return std::noop_coroutine();
  }

  struct hand_back_awaiter {
    bool await_ready() const noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<generator_promise> h) noexcept {
      return h.promise().hand_back();
    }
    void await_resume() const noexcept {}
  };

  generator<T> get_return_object() noexcept;
  std::suspend_always initial_suspend() const noexcept { return {}; }  // lazy
  hand_back_awaiter final_suspend() const noexcept { return {}; }
  template <class U = T>
    requires std::constructible_from<T, U&&>
  hand_back_awaiter yield_value(U&& v) {
    value.emplace(std::forward<U>(v));
    return {};
  }
  void return_void() const noexcept {}
  void unhandled_exception() noexcept { exception = std::current_exception(); }
};

template <class T>
inline constexpr bool is_generator_v = false;
template <class T>
inline constexpr bool is_generator_v<generator<T>> = true;

}  // namespace detail

// An async generator: `co_yield` values, `co_await` anything a tg::task can.
// The consumer pulls with `co_await gen.next()`: the next value, or nullopt
// once the body has ended. An exception from the body comes out of that
// next(); the generator has ended then. Lazy, move-only, one frame.
// Destroying it before the end destroys its frame where it is suspended
// (its locals' destructors run; the rest of the body never does).
template <class T>
class [[nodiscard]] generator {
  static_assert(std::is_object_v<T> && !std::is_const_v<T>,
                "tg::generator<T>: T must be a non-const object type (next() returns std::optional<T>)");

 public:
  using promise_type = detail::generator_promise<T>;
  using handle_type = std::coroutine_handle<promise_type>;
  using value_type = T;

  generator() noexcept = default;
  generator(generator&& o) noexcept : h_(std::exchange(o.h_, {})) {}
  generator& operator=(generator&& o) noexcept {
    if (this != &o) {
      reset();
      h_ = std::exchange(o.h_, {});
    }
    return *this;
  }
  generator(const generator&) = delete;
  generator& operator=(const generator&) = delete;
  ~generator() { reset(); }

  bool valid() const noexcept { return static_cast<bool>(h_); }

  struct [[nodiscard]] next_awaiter {
    handle_type h;
    bool await_ready() const {
      // Checked here, at the co_await, because that is when the frame would
      // be entered a second time.
      if (!h) throw std::logic_error("tg::generator::next: empty generator (moved from?)");
      if (h.promise().consumer)
        throw std::logic_error(
            "tg::generator::next: a previous next() of this generator is still pending "
            "(a generator can be pulled by one task at a time)");
      return h.done();
    }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) noexcept {
      h.promise().consumer = caller;
      return h;  // symmetric transfer into the body
    }
    std::optional<T> await_resume() {
      auto& p = h.promise();
      if (p.exception) std::rethrow_exception(std::exchange(p.exception, nullptr));
      return std::exchange(p.value, std::nullopt);
    }
  };
  // `while (auto v = co_await gen.next()) use(*v);`
  next_awaiter next() noexcept { return next_awaiter{h_}; }

 private:
  friend struct detail::generator_promise<T>;
  explicit generator(handle_type h) noexcept : h_(h) {}
  void reset() noexcept {
    if (!h_) return;
    // The consumer's task is parked in the body's await and would resume a
    // freed frame: report it rather than corrupt memory.
    if (h_.promise().consumer) detail::fatal("tg: a generator was destroyed while a next() on it was pending");
    std::exchange(h_, {}).destroy();
  }
  handle_type h_;
};

namespace detail {
template <class T>
generator<T> generator_promise<T>::get_return_object() noexcept {
  return generator<T>(std::coroutine_handle<generator_promise>::from_promise(*this));
}
}  // namespace detail

}  // namespace tg
