// Compile-time checks of spawn (test/runtime/CMakeLists.txt): each CASE must
// fail to compile with tg's message; with no CASE the file must compile.
#include <tg/tg.hpp>

struct not_awaitable {};
struct immovable_awaiter {
  immovable_awaiter() = default;
  immovable_awaiter(const immovable_awaiter&) = delete;
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

tg::task<> body(tg::task_group& g) {
#if defined(CASE_INT)
  g.spawn(42);
#elif defined(CASE_STRUCT)
  g.spawn(not_awaitable{});
#elif defined(CASE_DETACHED)
  tg::spawn_detached(not_awaitable{});
#elif defined(CASE_IMMOVABLE)
  immovable_awaiter a;
  g.spawn(a);
#else
  g.spawn(tg::checkpoint());
  immovable_awaiter a;
  co_await a;  // fine to await in place, just not to spawn
#endif
  co_return;
}

int main() {
  tg::run([]() -> tg::task<> { co_await tg::with_group(body); }());
}
