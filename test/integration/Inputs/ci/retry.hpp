#pragma once
#include <tg/tg.hpp>

void log_failure();
tg::task<int> fetch();

inline tg::task<int> fetch_or_default() {
  try {
    co_return co_await fetch();
  } catch (...) {
    log_failure();
  }
  co_return co_await fetch();
}
