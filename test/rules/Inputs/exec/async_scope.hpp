#pragma once
#include <stdexec/execution.hpp>
namespace exec {
// Structured: on_empty() completes when every spawned sender has.
class async_scope {
public:
  template <class Sender> void spawn(Sender &&sndr);
  template <class Sender> auto spawn_future(Sender &&sndr);
  auto on_empty();
  void request_stop();
};
// Unstructured: nobody can wait for the started sender.
template <class Sender> void start_detached(Sender &&sndr);
} // namespace exec
