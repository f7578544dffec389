#pragma once
#include <optional>
#include <tuple>
namespace stdexec {
struct just_sender {};
inline just_sender just() { return {}; }
template <class Sender> std::optional<std::tuple<>> sync_wait(Sender &&);
template <class Sender> void start_detached(Sender &&);
class inplace_stop_token {
public:
  bool stop_requested() const noexcept;
};
} // namespace stdexec
