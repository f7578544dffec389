#pragma once
#include <exception>
namespace cppcoro {
class operation_cancelled : public std::exception {
public:
  const char *what() const noexcept override { return "operation cancelled"; }
};
} // namespace cppcoro
