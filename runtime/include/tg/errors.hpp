// tg/errors.hpp — the exceptions the runtime raises.
#pragma once

#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tg {

// Raised at the next await point of a cancelled task.
//
// Deliberately NOT derived from std::exception: `catch (const std::exception&)`
// is the idiom for "handle errors", and cancellation is not an error. Only
// `catch (...)` (or catching tg::cancelled by name) can swallow it, which is
// exactly the hazard async-swallowed-cancellation reports.
struct cancelled {
  const char* what() const noexcept { return "tg::cancelled"; }
};

// Thrown by tg::timeout when *its own* deadline expired.
struct timeout_error : std::runtime_error {
  timeout_error() : std::runtime_error("tg::timeout: deadline exceeded") {}
};

// task_group::spawn on a group that is finished or shutting down.
struct group_closed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Every failure of a task group, in the order the failures happened
// (Python's ExceptionGroup). Cancellations are never members.
class exception_group : public std::exception {
 public:
  explicit exception_group(std::vector<std::exception_ptr> errors,
                           std::string message = "unhandled errors in a task group");

  const char* what() const noexcept override { return what_.c_str(); }
  const std::string& message() const noexcept { return message_; }
  const std::vector<std::exception_ptr>& exceptions() const noexcept { return errors_; }

  // True if any member (looking inside nested groups) is an E.
  template <class E>
  bool contains() const {
    for (const auto& ep : errors_) {
      if (is<E>(ep)) return true;
      if (const exception_group* nested = as_group(ep); nested && nested->contains<E>()) return true;
    }
    return false;
  }

  // The `except*` of C++: {members that are E, the rest}, keeping the nesting
  // of inner groups like BaseExceptionGroup.split. An empty side is nullopt.
  template <class E>
  std::pair<std::optional<exception_group>, std::optional<exception_group>> split() const {
    std::vector<std::exception_ptr> match, rest;
    for (const auto& ep : errors_) {
      if (is<E>(ep)) {
        match.push_back(ep);
      } else if (const exception_group* nested = as_group(ep)) {
        auto [m, r] = nested->split<E>();
        if (m) match.push_back(std::make_exception_ptr(std::move(*m)));
        if (r) rest.push_back(std::make_exception_ptr(std::move(*r)));
      } else {
        rest.push_back(ep);
      }
    }
    auto wrap = [this](std::vector<std::exception_ptr> v) -> std::optional<exception_group> {
      if (v.empty()) return std::nullopt;
      return exception_group(std::move(v), message_);
    };
    return {wrap(std::move(match)), wrap(std::move(rest))};
  }

 private:
  template <class E>
  static bool is(const std::exception_ptr& ep) {
    try {
      std::rethrow_exception(ep);
    } catch (const E&) {
      return true;
    } catch (...) {
      return false;
    }
  }
  static const exception_group* as_group(const std::exception_ptr& ep);

  std::vector<std::exception_ptr> errors_;
  std::string message_;
  std::string what_;
};

namespace detail {
bool is_cancellation(const std::exception_ptr& ep) noexcept;
}

}  // namespace tg
