#pragma once
#include <exception>
namespace folly {
// folly/OperationCancelled.h
struct OperationCancelled : public std::exception {
  const char *what() const noexcept override { return "coroutine operation cancelled"; }
};
} // namespace folly
