#include "tg/errors.hpp"

#include <typeinfo>

namespace tg {

exception_group::exception_group(std::vector<std::exception_ptr> errors, std::string message)
    : errors_(std::move(errors)), message_(std::move(message)) {
  what_ = message_ + " (" + std::to_string(errors_.size()) + " sub-exception" +
          (errors_.size() == 1 ? "" : "s") + ")";
}

const exception_group* exception_group::as_group(const std::exception_ptr& ep) {
  // With the Itanium ABI rethrow_exception throws the very object ep owns,
  // so the address stays valid as long as ep does.
  try {
    std::rethrow_exception(ep);
  } catch (const exception_group& g) {
    return &g;
  } catch (...) {
    return nullptr;
  }
}

namespace detail {
bool is_cancellation(const std::exception_ptr& ep) noexcept {
  if (!ep) return false;
#if defined(__GLIBCXX__)
  // Every cancelled task asks this once, so the common answer must not cost
  // a rethrow (a throw is most of what a cancellation costs): libstdc++ tells
  // the exception's dynamic type without one. A type derived from cancelled
  // still takes the general path below.
  if (const std::type_info* t = ep.__cxa_exception_type(); t && *t == typeid(cancelled))
    return true;
#endif
  try {
    std::rethrow_exception(ep);
  } catch (const cancelled&) {
    return true;
  } catch (...) {
    return false;
  }
}
}  // namespace detail

}  // namespace tg
