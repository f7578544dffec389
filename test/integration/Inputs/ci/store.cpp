#include "retry.hpp"

tg::task<int> store() {
  const int value = co_await fetch_or_default();
  co_return value + 1;
}
