#pragma once
// corral/Event.h (mock): a level-triggered one-shot event.
#include "concepts.h"

namespace corral {
class Event {
public:
  Event() = default;
  Event(Event &&) = delete;
  void trigger();
  bool triggered() const noexcept;
  detail::ResultAwaiter<void> operator co_await();
};
} // namespace corral
