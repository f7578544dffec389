#include "retry.hpp"

tg::task<int> load() {
  try {
    co_return co_await fetch();
  } /* «retry» */ catch (...) {
    log_failure();
  }
  co_return co_await fetch();
}
